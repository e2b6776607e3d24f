/* Quick exit: leave the page at once, in the manner of GOV.UK's "Exit this page".
   Without JavaScript the control is an ordinary link to the same place. With it,
   the page is blanked first and replaced in history, so Back does not return here,
   and pressing Shift three times in a row does the same. Every page loads it, Get help now too.
   Escape is deliberately not a shortcut: people press it to close a menu, a suggestion list or the
   country filter's search text, so it would leave the page by accident (GOV.UK made the same choice). */
(function () {
  "use strict";
  var link = document.querySelector("[data-quick-exit]");
  if (!link) { return; }
  var target = link.getAttribute("href");
  /* the page's language (theme/js/messages.js); leaving must work even if that file did not load */
  var _ = window.SignpostMessages ? window.SignpostMessages.gettext : function (text) { return text; };

  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = _("Loading");
    document.body.hidden = true;
    window.location.replace(target);
  }

  link.addEventListener("click", leave);

  var presses = 0;
  var timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1500);
    if (presses >= 3) { leave(); }
  });
}());
