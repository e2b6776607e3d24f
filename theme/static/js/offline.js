/* Keep Get help now and the crisis-line pages available offline (sw.js). Get help now's own pages load it
   too (the Privacy page does not), so a first visit to any of them is enough.
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
