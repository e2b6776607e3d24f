/* The Privacy page's "Remove the offline copy" button: unregisters this site's service
   worker (sw.js) and deletes the copies it kept, then says so in the status line.
   Without JavaScript the button stays hidden and the page says how to do it in the
   browser's settings. */
(function () {
  "use strict";
  var control = document.querySelector("[data-offline-remove]");
  if (!control || !("serviceWorker" in navigator) || !("caches" in window)) { return; }
  var button = control.querySelector("button");
  var status = control.querySelector("[role=status]");
  var _ = window.SignpostMessages.gettext;  /* the page's language: theme/js/messages.js */
  var root = document.currentScript.src.replace(/theme\/js\/offline-remove\.js(\?.*)?$/, "");

  function ours(registration) { return registration.scope === root; }

  function remove() {
    button.disabled = true;
    status.textContent = _("Removing…");
    navigator.serviceWorker.getRegistrations().then(function (registrations) {
      return Promise.all(registrations.filter(ours).map(function (registration) { return registration.unregister(); }));
    }).then(function () {
      return caches.keys();
    }).then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf("signpost-help-") === 0; }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () {
      status.textContent = _("Done: the offline copy is removed from this browser. Opening another page of this site with JavaScript on will keep a new one.");
    }, function () {
      status.textContent = _("This browser did not let the page remove the offline copy. Clear this site's data in the browser's settings instead (see below).");
    }).then(function () {
      button.disabled = false;
    });
  }

  button.addEventListener("click", remove);
  control.hidden = false;
}());
