/* Get help now: a box that narrows the list of countries as you type. Without
   JavaScript the box stays hidden and every country is a plain link. Nothing is
   stored and nothing is sent anywhere. */
(function () {
  "use strict";
  var box = document.querySelector("[data-country-filter]");
  var list = document.querySelector(".country-list");
  if (!box || !list) return;
  var input = box.querySelector("input");
  var status = box.querySelector("[role=status]");
  var items = Array.prototype.slice.call(list.querySelectorAll("li"));
  var ngettext = window.SignpostMessages.ngettext;  /* the page's language: theme/js/messages.js */

  function plain(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  var names = items.map(function (li) { return plain(li.textContent); });

  function filter() {
    var query = plain(input.value);
    var shown = 0;
    items.forEach(function (li, i) {
      var match = !query || names[i].indexOf(query) !== -1;
      li.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = query ? ngettext("%(num)s country", "%(num)s countries", shown) : "";
  }

  box.hidden = false;
  input.addEventListener("input", filter);
})();
