/* Signpost's service worker (written to /sw.js by plugins/directory_pages/generator.py,
   which fills in the version and the list of pages; registered by theme/static/js/offline.js).

   It keeps only Get help now (the index and every country page with crisis lines), the
   crisis-line pages and the stylesheets and scripts those pages load (the "Exit this page" script among them), so they open without
   a connection. It never stores a search or any other page: a request with a query
   string, or for any other path, goes to the network untouched.

   CACHE changes whenever the content of any kept file changes, so a corrected
   number replaces the old copy at the next visit; the old copy is then deleted.
   Only whole, successful answers from this site are stored (status 200). */
"use strict";
var PREFIX = "signpost-help-";
var CACHE = PREFIX + "{{ version }}";
var PAGES = {{ pages }};
var scope = self.registration.scope;
var KEPT = new Set(PAGES.map(function (p) { return new URL(p, scope).href; }));

function storable(response) {
  return response.status === 200 && response.type === "basic" && !response.redirected;
}

self.addEventListener("install", function (event) {
  /* Every kept file is fetched anew, not from the browser's HTTP cache. addAll stores
     nothing unless every answer is whole and successful (status 200-299, never partial);
     these requests also refuse a redirect and another site. Then this version is not
     installed, and the one before stays. */
  var requests = Array.from(KEPT, function (url) {
    return new Request(url, { cache: "reload", mode: "same-origin", redirect: "error" });
  });
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(requests); }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf(PREFIX) === 0 && k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.search || !KEPT.has(url.origin + url.pathname)) { return; }
  /* Network first, so the numbers are fresh when online; the kept copy when offline. */
  event.respondWith(fetch(event.request, { cache: "no-cache" }).then(function (response) {
    if (storable(response)) {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(url.href, copy); }));
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) { return cache.match(url.href); }).then(function (kept) {
      return kept || Response.error();
    });
  }));
});
