/* Signposting tools (plugins/signposting). Everything here only adds to pages that work without it:
   - on an entry page, a "Copy message" button for the message in the textarea;
   - on the signposting sheet, the services named in the address (sheet.html?e=slug1,slug2)
     are shown, and a list of checkboxes adds or removes services by changing the address.
   The address is the only state: nothing is stored. Entry text is only ever set as text. */
(function () {
  "use strict";

  function say(status, text) {
    // Empty first, so the same words are announced again after another click.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 60);
  }

  function button(label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "tool-button";
    element.textContent = label;
    return element;
  }

  /* Entry page: copy the message */

  function copyText(area) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(area.value);
    }
    return new Promise(function (resolve, reject) {
      area.focus();
      area.select();
      try {
        if (document.execCommand("copy")) { resolve(); } else { reject(new Error("copy refused")); }
      } catch (error) {
        reject(error);
      }
    });
  }

  function setUpCopy(box) {
    var area = box.querySelector("textarea");
    var status = box.querySelector("[role=status]");
    if (!area || !status) { return; }
    var copy = button("Copy message");
    area.insertAdjacentElement("afterend", copy);
    copy.addEventListener("click", function () {
      copyText(area).then(function () {
        say(status, "Message copied. Paste it into a text or direct message.");
      }, function () {
        area.focus();
        area.select();
        say(status, "Your browser did not let this page copy. The message is selected: copy it with your device's Copy command.");
      });
    });
  }

  /* Signposting sheet */

  /* The address can say anything: only a slug that is one of the sheet's own entries counts
     (never a name every object has, such as "constructor" or "__proto__"). */
  function isKnown(known, slug) {
    return Object.prototype.hasOwnProperty.call(known, slug);
  }

  function chosenFrom(search, known) {
    var params = new URLSearchParams(search);
    var chosen = [];
    params.getAll("e").forEach(function (value) {
      value.split(",").forEach(function (slug) {
        slug = slug.trim();
        if (isKnown(known, slug) && chosen.indexOf(slug) === -1) { chosen.push(slug); }
      });
    });
    return chosen;
  }

  /* The slug in a #sheet-slug fragment, or "" when there is none or it is not valid percent-encoding. */
  function slugFromHash(hash) {
    if (hash.indexOf("#sheet-") !== 0) { return ""; }
    try {
      return decodeURIComponent(hash.slice("#sheet-".length));
    } catch (error) {
      return "";
    }
  }

  function plural(count) {
    return count === 1 ? "1 service" : count + " services";
  }

  function setUpSheet(sheet) {
    var controls = document.querySelector("[data-sheet-controls]");
    var picker = document.querySelector("[data-sheet-picker]");
    var status = document.querySelector("[data-sheet-status]");
    var footer = sheet.querySelector(".sheet-footer");
    if (!controls || !picker || !status) { return; }
    var entries = {};
    Array.prototype.forEach.call(sheet.querySelectorAll(".sheet-entry[data-slug]"), function (element) {
      entries[element.getAttribute("data-slug")] = element;
    });
    var picks = Array.prototype.slice.call(picker.querySelectorAll("[data-sheet-pick]"));
    var titles = {};
    picks.forEach(function (pick) {
      var label = picker.querySelector("label[for='" + pick.id + "']");
      titles[pick.value] = label ? label.textContent : pick.value;
    });

    var chosen = chosenFrom(window.location.search, entries);
    var hash = slugFromHash(window.location.hash);
    if (!chosen.length && isKnown(entries, hash)) { chosen = [hash]; }

    sheet.classList.add("sheet-js");
    Array.prototype.forEach.call(document.querySelectorAll("[data-sheet-nojs]"), function (element) {
      element.hidden = true;
    });
    controls.hidden = false;
    var print = button("Print this sheet");
    print.addEventListener("click", function () { window.print(); });
    status.insertAdjacentElement("afterend", print);
    var summary = picker.querySelector("summary");
    var summaryText = summary.textContent;

    function render() {
      Object.keys(entries).forEach(function (slug) {
        entries[slug].classList.toggle("is-chosen", chosen.indexOf(slug) !== -1);
      });
      chosen.forEach(function (slug) { sheet.insertBefore(entries[slug], footer); });
      picks.forEach(function (pick) { pick.checked = chosen.indexOf(pick.value) !== -1; });
      summary.textContent = summaryText + " (" + chosen.length + " chosen)";
      print.hidden = chosen.length === 0;
      var address = window.location.pathname + (chosen.length ? "?e=" + chosen.join(",") : "");
      window.history.replaceState(null, "", address);
    }

    picks.forEach(function (pick) {
      pick.addEventListener("change", function () {
        var at = chosen.indexOf(pick.value);
        if (pick.checked && at === -1) { chosen.push(pick.value); }
        if (!pick.checked && at !== -1) { chosen.splice(at, 1); }
        render();
        say(status, (pick.checked ? "Added " : "Removed ") + titles[pick.value] + ". " + plural(chosen.length) + " on the sheet.");
      });
    });

    render();
    picker.open = chosen.length === 0;
    status.textContent = chosen.length
      ? plural(chosen.length) + " on the sheet. Print it, or choose more below."
      : "No service on the sheet yet: choose services below.";
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-signpost-copy]"), setUpCopy);
  var sheet = document.querySelector("[data-sheet]");
  if (sheet) { setUpSheet(sheet); }
}());
