/* Signpost search in the browser: the filters (kind, country or worldwide, channel, audience,
   open 24/7, works without broadband). They narrow the matches and never change the scores.
   The entries of each filter value come from search/f.js (generator.export_parts). */
(function () {
  "use strict";

  var api = window.SignpostSearch;

  function decodeDocs(flat) {
    var out = new Set(), doc = 0;
    for (var i = 0; i < flat.length; i++) { doc += flat[i]; out.add(doc); }
    return out;
  }

  function allowedDocs(filters) {
    var wanted = Object.keys(filters).filter(function (k) { return filters[k]; });
    if (!wanted.length) { return Promise.resolve(null); }
    return api.fetch("f", 0).then(function (f) {
      var sets = wanted.map(function (name) {
        var value = filters[name];
        if (name === "open") { return decodeDocs(f.flag["open-24-7"] || []); }
        if (name === "phone_text") { return decodeDocs(f.flag["without-broadband"] || []); }
        var docs = decodeDocs((f[name] || {})[value] || []);
        if (name === "country") { decodeDocs(f.country.worldwide || []).forEach(function (d) { docs.add(d); }); }
        return docs;
      });
      return sets.reduce(function (a, b) { return new Set(Array.from(a).filter(function (d) { return b.has(d); })); });
    });
  }

  api.allowedDocs = allowedDocs;
}());
