/* Keep Get help now and the crisis-line pages available offline (sw.js).
   Nothing here runs without service-worker support, or from disk. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") { return; }
  var script = document.currentScript;
  var root = script.src.replace(/theme\/js\/offline\.js(\?.*)?$/, "");
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).catch(function () { /* offline copies are a bonus */ });
  });
}());
