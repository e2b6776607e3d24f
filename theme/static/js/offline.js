/* Keep Get help now and the crisis-line pages available offline (sw.js).
   Nothing here runs without service-worker support, or from disk. Each visit also
   asks whether sw.js has changed, so a corrected page replaces the kept copy at once.
   theme/static/js/offline-remove.js (the Privacy page) removes the copy. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") { return; }
  var script = document.currentScript;
  var root = script.src.replace(/theme\/js\/offline\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function (registration) {
      return registration.update();
    }).catch(function () { /* offline copies are a bonus */ });
  });
}());
