/* Signpost search in the browser: the filters (kind, country or worldwide, region, channel, audience,
   language, open 24/7, works without broadband, free). They narrow the matches and never change the scores.
   The entries of each filter value come from search/f.js (rules.search_facets); the order in which
   filters alone list entries, from search/order.js (rules.listing_order). The same rules in Python:
   rules.allowed_docnums and rules.listing, which `invoke search` uses. */
(function () {
  "use strict";

  var api = window.SignpostSearch;
  /* the checkboxes, and the flag of f.js each one asks for */
  var FLAGS = { open: "open-24-7", phone_text: "without-broadband", free: "free" };

  function decodeDocs(flat) {
    var out = new Set(), doc = 0;
    for (var i = 0; i < flat.length; i++) { doc += flat[i]; out.add(doc); }
    return out;
  }

  /* The entries every filter that is set lets through, or null when none is set. */
  function allowedDocs(filters) {
    var wanted = Object.keys(filters).filter(function (k) { return filters[k]; });
    if (!wanted.length) { return Promise.resolve(null); }
    return api.fetch("f", 0).then(function (f) {
      var sets = wanted.map(function (name) {
        var value = filters[name];
        if (FLAGS[name]) { return decodeDocs(f.flag[FLAGS[name]] || []); }
        var docs = decodeDocs((f[name] || {})[value] || []);
        /* a country's services include those for every country; a region's (f.region) already hold them and the national ones */
        if (name === "country") { decodeDocs(f.country.worldwide || []).forEach(function (d) { docs.add(d); }); }
        return docs;
      });
      return sets.reduce(function (a, b) { return new Set(Array.from(a).filter(function (d) { return b.has(d); })); });
    });
  }

  /* Filters and no words: every entry they let through, crisis lines first, then by title. */
  function listing(filters) {
    return Promise.all([allowedDocs(filters), api.fetch("order", 0)]).then(function (both) {
      var allowed = both[0], order = both[1];
      return order.filter(function (d) { return !allowed || allowed.has(d); });
    });
  }

  api.allowedDocs = allowedDocs;
  api.listing = listing;
}());
