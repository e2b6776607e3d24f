/* Signpost search in the browser: the engine. Whoosh did the work at build time: this file
   only adds up the BM25F scores it exported (plugins/search_index/export.py),
   using the same query model as plugins/search_index/whoosh_index.py:
   every word is stemmed with Whoosh's stemmer (stem.js) and stands for its stem; only a word
   whose stem no entry has stands for the stems of the corpus forms it begins (a half-typed word);
   all words must match; scores add up; ties go to the lower entry number.
   Files load as scripts, so this works under `default-src 'self'` and from disk.
   On a poor signal every round trip counts (docs/search.md, "Fast on a poor signal"): as soon as
   meta.js is in, the address's query asks for all it needs at once (its stems' t/ shards, f.js
   for a filter, h.js for a country or a crisis), and the page's first search then finds them.
   The filters are in search-filters.js and the page in search.js; all three share
   window.SignpostSearch. Everything from the index or the query is inserted as text, never as HTML. */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script.src.replace(/theme\/js\/search-engine\.js(\?.*)?$/, "");
  var root = base + "search/";
  var cache = {};
  var waiting = {};
  var meta = null;
  function load(kind, key) {
    var id = kind + "/" + key;
    if (cache[id]) { return Promise.resolve(cache[id]); }
    if (!waiting[id]) {
      waiting[id] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = root + (kind === "t" || kind === "d" ? kind + "/" + key : kind) + ".js";
        tag.async = true;
        tag.onload = function () { cache[id] ? resolve(cache[id]) : reject(new Error("empty " + id)); };
        tag.onerror = function () { reject(new Error("cannot load " + id)); };
        document.head.appendChild(tag);
      });
    }
    return waiting[id];
  }

  var api = window.SignpostSearch = {
    base: base,
    fetch: load,
    load: function (kind, key, data) { cache[kind + "/" + key] = data; }
  };

  /* FNV-1a over code points: the same as export.shard_hash. */
  function hash(text) {
    var h = 0x811c9dc5;
    for (var ch of text) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  var WORD = /[\p{L}\p{N}\p{M}_]+(?:\.?[\p{L}\p{N}\p{M}_]+)*/gu;

  /* Composed first (NFC), as whoosh_index.words_of and the indexed text are: "café" typed with a separate accent is "café".
     In a tree that folds accents (meta.fold: French, Spanish), each word without them, as whoosh_index.Analysis.words. */
  function wordsOf(text) {
    var fold = meta && meta.fold;
    return (text.normalize("NFC").match(WORD) || []).map(function (w) {
      w = w.toLowerCase();
      return fold ? window.SignpostStem.fold(w) : w;
    });
  }

  /* What a query word stands for (whoosh_index.Analysis.stem): its Whoosh stem; itself where the tree folds accents instead. */
  function stemOf(word) {
    return meta.fold ? word : window.SignpostStem.stem(word);
  }

  function isStop(word) {
    return word.length < meta.minWord || meta.stopSet.has(word);
  }

  function byCodePoint(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /* A stem's postings, decoded once: entry numbers and their scores, in entry order. */
  var decoded = {};
  function postings(stem) {
    if (decoded[stem]) { return Promise.resolve(decoded[stem]); }
    return load("t", hash(stem) % meta.stemShards).then(function (terms) {
      var entry = terms[stem];
      var n = entry ? entry[1].length / 2 : 0;
      var docs = new Int32Array(n), scores = new Float64Array(n);
      if (entry) {
        var table = entry[0], flat = entry[1], doc = 0;
        for (var i = 0; i < n; i++) {
          doc += flat[2 * i];
          docs[i] = doc;
          scores[i] = table[flat[2 * i + 1]];
        }
      }
      decoded[stem] = { docs: docs, scores: scores };
      return decoded[stem];
    });
  }

  /* Rank entries for a query: [[doc, score], ...] in Whoosh's order, plus the words that matched nothing.
     Scores add up per word over its stems (in sorted order), then over the words in order, as in Python. */
  function better(a, b) { return a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]); }

  /* Everyday words (data/everyday_words.yaml, as whoosh_index.everyday_forms wrote them into meta.everyday):
     the same rule as whoosh_index.everyday_spans. At each word, the longest phrase whose words come there
     makes one span, with the stems of every phrase of that length that matches; other words are spans alone. */
  function everydaySpans(words) {
    var phrases = [];
    Object.keys(meta.everyday || {}).sort(byCodePoint).forEach(function (language) { phrases = phrases.concat(meta.everyday[language]); });
    var spans = [], i = 0;
    while (i < words.length) {
      var longest = 1, extra = new Set();
      phrases.forEach(function (phrase) {
        var forms = phrase[0], n = forms.length;
        if (n < longest || i + n > words.length) { return; }
        if (forms.every(function (f, k) { return f.indexOf(words[i + k]) >= 0; })) {
          if (n > longest || !extra.size) { longest = n; extra = new Set(); }
          phrase[1].forEach(function (stem) { extra.add(stem); });
        }
      });
      spans.push({ words: words.slice(i, i + longest), extra: Array.from(extra) });
      i += longest;
    }
    return spans;
  }

  /* The stems of the corpus word forms a word begins (whoosh_index.prefix_stems), from v.js, sorted. */
  var prefixes = {};
  function prefixStems(word) {
    if (prefixes[word]) { return Promise.resolve(prefixes[word]); }
    return load("v", 0).then(function (forms) {
      var stems = new Set();
      forms.forEach(function (form) {
        if (form.startsWith(word) && !isStop(form)) { stems.add(stemOf(form)); }
      });
      prefixes[word] = Array.from(stems).sort(byCodePoint);
      return prefixes[word];
    }, function () { return []; });
  }

  /* A span's stems, sorted as Python sorts them (whoosh_index.span_stems): a phrase stands for its targets'
     stems; a word for its Whoosh stem and its targets'; only a word whose stem no entry has and that is no
     everyday word stands for the stems of the forms it begins (of prefixMin letters or more). */
  function spanStems(span) {
    var extra = span.extra.slice().sort(byCodePoint);
    if (span.words.length > 1) { return Promise.resolve(extra); }
    var word = span.words[0], stem = stemOf(word);
    return postings(stem).then(function (p) {
      if (p.docs.length) { return Array.from(new Set([stem].concat(extra))).sort(byCodePoint); }
      if (extra.length) { return extra; }
      return word.length >= meta.prefixMin ? prefixStems(word) : [];
    });
  }

  function querySpans(text) {
    return everydaySpans(wordsOf(text).filter(function (w) { return !isStop(w); }));
  }

  /* Keep the best `limit` hits in order, as `better` orders them: no need to sort every match. */
  function keepBest(top, hit, limit, better) {
    if (top.length === limit && !better(hit, top[limit - 1])) { return; }
    var i = top.length < limit ? top.length : limit - 1;
    while (i > 0 && better(hit, top[i - 1])) { top[i] = top[i - 1]; i--; }
    top[i] = hit;
  }

  /* When no entry has every word (whoosh_index.search_some): the entries with some of them, the most
     words first, then by score (summed in word order), then by entry number. hit: [doc, score, words]. */
  function betterSome(a, b) { return a[2] > b[2] || (a[2] === b[2] && better(a, b)); }

  /* The places a query names (meta.places, written by rules.place_words): at each word, the longest
     name that starts there ("northern ireland" is Northern Ireland, not Ireland), each place once; the
     same rule as rules.named_places. None when a country or region filter is set: the filter decides. */
  function namedPlaces(text, filters) {
    if (filters && (filters.country || filters.region)) { return []; }
    var words = wordsOf(text), named = [], i = 0, codes = Object.keys(meta.places || {}).sort(byCodePoint);
    while (i < words.length) {
      var best = null, length = 0;
      codes.forEach(function (code) {
        meta.places[code].forEach(function (name) {
          if (name.length > length && name.every(function (w, k) { return words[i + k] === w; })) { best = code; length = name.length; }
        });
      });
      if (best && named.indexOf(best) < 0) { named.push(best); }
      i += length || 1;
    }
    return named;
  }

  /* The entries serving the places the query names: what each place's filter would let through
     (rules.place_first), or null when it names none. */
  function nearDocs(named) {
    if (!named.length) { return Promise.resolve(null); }
    return Promise.all(named.map(function (code) {
      var filter = {};
      filter[code.indexOf("-") >= 0 ? "region" : "country"] = code;
      return api.allowedDocs(filter);
    })).then(function (sets) {
      var near = new Set();
      sets.forEach(function (docs) { docs.forEach(function (d) { near.add(d); }); });
      return near;
    });
  }

  /* The country whose crisis lines a crisis query puts first (rules.place_country): the country
     filter's, else that of the first place the query names. */
  function placeCountry(text, filters) {
    if (filters.country) { return filters.country; }
    var named = namedPlaces(text, filters);
    return named.length ? named[0].split("-")[0] : "";
  }

  /* A comparator that puts the entries serving a named place first, then as ``cmp`` ranks. */
  function nearFirst(near, cmp) {
    if (!near) { return cmp; }
    return function (a, b) {
      var na = near.has(a[0]), nb = near.has(b[0]);
      return na !== nb ? na : cmp(a, b);
    };
  }

  function rank(text, filters, limit) {
    limit = limit || 10;
    var spans = querySpans(text);
    if (!spans.length) { return Promise.resolve({ hits: [], count: 0, missing: [], partial: false }); }
    /* the filters' entries are asked for together with the stems' shards, never after them */
    var allowedDocs = api.allowedDocs(filters);
    allowedDocs.catch(function () {});  /* a query whose words all find nothing never reads it */
    var places = namedPlaces(text, filters), near = nearDocs(places);
    near.catch(function () {});
    return Promise.all(spans.map(spanStems)).then(function (stemLists) {
      var missing = [];
      spans.forEach(function (span, i) { if (!stemLists[i].length) { missing = missing.concat(span.words); } });
      var found = stemLists.filter(function (stems) { return stems.length; });
      if (!found.length) {
        loadHelp().catch(function () {});  /* nothing to show first: the lines a later query may need */
        return { hits: [], count: 0, missing: missing, partial: false };
      }
      return Promise.all(found.map(function (stems) { return Promise.all(stems.map(postings)); })).then(function (perWord) {
        var n = meta.docs;
        var total = new Float64Array(n), matched = new Uint8Array(n);
        var some = new Float64Array(n), words = new Uint8Array(n);
        var word = new Float64Array(n), seen = new Uint8Array(n);
        perWord.forEach(function (lists, w) {
          word.fill(0);
          seen.fill(0);
          lists.forEach(function (p) {
            for (var i = 0; i < p.docs.length; i++) { word[p.docs[i]] += p.scores[i]; seen[p.docs[i]] = 1; }
          });
          for (var d = 0; d < n; d++) {
            if (!seen[d]) { continue; }
            if (matched[d] === w) { total[d] = w === 0 ? word[d] : total[d] + word[d]; matched[d] = w + 1; }
            some[d] = words[d] === 0 ? word[d] : some[d] + word[d];
            words[d]++;
          }
        });
        return Promise.all([allowedDocs, near]).then(function (both) {
          var allowed = both[0], first = both[1];
          var top = [], count = 0, all = perWord.length, d;
          if (!missing.length) {
            for (d = 0; d < n; d++) {
              if (matched[d] !== all || (allowed && !allowed.has(d))) { continue; }
              count++;
              keepBest(top, [d, total[d]], limit, nearFirst(first, better));
            }
            if (count) { return { hits: top, count: count, missing: [], partial: false, places: places }; }
          }
          /* one known word ("samaritns helpline", "i want to dye"): nothing, and Did you mean, as whoosh_index.search_some */
          if (perWord.length < 2) { return { hits: [], count: 0, missing: missing, partial: false, places: places }; }
          for (d = 0; d < n; d++) {
            if (!words[d] || (allowed && !allowed.has(d))) { continue; }
            count++;
            keepBest(top, [d, some[d], words[d]], limit, nearFirst(first, betterSome));
          }
          return { hits: top, count: count, missing: missing, partial: true, places: places };
        });
      });
    });
  }

  /* Crisis phrases (data/crisis_phrases.yaml, as whoosh_index.crisis_forms wrote them into meta.crisis):
     the same rule as whoosh_index.is_crisis. A query holding one shows the calm message and the crisis lines first. */
  function oneEditOrLess(a, b) {
    if (Math.abs(a.length - b.length) > 1) { return false; }
    if (a.length > b.length) { var t = a; a = b; b = t; }
    var i = 0;
    while (i < a.length && a[i] === b[i]) { i++; }
    return a.length === b.length ? a.slice(i + 1) === b.slice(i + 1) : a.slice(i) === b.slice(i + 1);
  }

  function wordMatches(word, forms) {
    if (forms.indexOf(word) >= 0) { return true; }
    return word.length >= 5 && forms.some(function (form) { return form.length >= 5 && oneEditOrLess(word, form); });
  }

  function isCrisis(text) {
    var words = wordsOf(text.replace(/['\u2019]/g, ""));
    return Object.keys(meta.crisis || {}).some(function (language) {
      return meta.crisis[language].some(function (phrase) {
        for (var start = 0; start + phrase.length <= words.length; start++) {
          if (phrase.every(function (forms, i) { return wordMatches(words[start + i], forms); })) { return true; }
        }
        return false;
      });
    });
  }

  /* The crisis lines a crisis query puts first (rules.crisis_entries): the country's, as Get help now orders them, or all. */
  function crisisDocs(country) {
    var info = country && meta.help[country];
    if (!info) { return meta.crisisAll || []; }
    return info.lines.map(function (line) { return line[4]; }).filter(function (d) { return d !== null && d !== undefined; });
  }

  /* Edit distance, counting a swap of two letters side by side as one edit ("lonley", "lonely"), as
     a typing slip is one slip; stopping early once two rows in a row are past the limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var before = null, prev = [], cur, i, j, prevBest = 0;
    for (j = 0; j <= b.length; j++) { prev.push(j); }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) { d = Math.min(d, before[j - 2] + 1); }
        cur.push(d);
        best = Math.min(best, d);
      }
      if (best > limit && prevBest > limit) { return limit + 1; }
      before = prev;
      prev = cur;
      prevBest = best;
    }
    return prev[b.length];
  }

  /* The words a suggestion may use, in the order that breaks ties: the corpus's word forms, the most
     frequent first (v.js comes so ordered), then the everyday words' other forms (meta.everyday) by code point. */
  function knownWords() {
    return load("v", 0).then(function (forms) {
      var known = new Set(forms), others = new Set();
      Object.keys(meta.everyday || {}).forEach(function (language) {
        meta.everyday[language].forEach(function (phrase) {
          phrase[0].forEach(function (wordForms) { wordForms.forEach(function (f) { if (!known.has(f)) { others.add(f); } }); });
        });
      });
      Array.from(others).sort(byCodePoint).forEach(function (f) { known.add(f); });
      return known;
    });
  }

  /* The nearest known word within 2 edits; between equally near ones, the most frequent in the corpus
     (as Whoosh's ReaderCorrector ranks), then by code point: "helpine" is "helpline", not "helping". */
  function suggest(word) {
    return knownWords().then(function (known) {
      var best = null, bestDistance = 3;
      known.forEach(function (form) {
        var d = distance(word, form, 2);
        if (d > 0 && d < bestDistance) { best = form; bestDistance = d; }
      });
      return best;
    });
  }

  function displayFor(docs) {
    var chunks = Array.from(new Set(docs.map(function (d) { return Math.floor(d / meta.chunk); })));
    return Promise.all(chunks.map(function (c) { return load("d", c); })).then(function () {
      loadHelp().catch(function () {});  /* the first results are in: now the lines a later query may need */
      return docs.map(function (d) { return cache["d/" + Math.floor(d / meta.chunk)][d % meta.chunk]; });
    });
  }

  /* Get help now's lines per country and the crisis lines (h.js), kept out of meta.js, which every query
     waits for: they are most of the index's meta and only a country or a crisis query needs them. Until
     they are in, meta.help is empty; the page's first search waits for them when its address needs them. */
  var help = null;
  function loadHelp() {
    if (!help) {
      help = load("h", 0).then(function (h) {
        meta.help = h.help;
        meta.crisisAll = h.crisisAll;
      });
      help.catch(function () { help = null; });  /* asked for again next time */
    }
    return help;
  }

  /* The query and filters in the page's address, as search.js reads them into the form. */
  function addressQuery() {
    var params = new URLSearchParams(location.search), filters = {};
    params.forEach(function (value, name) { if (name !== "q" && value) { filters[name] = value; } });
    return { q: (params.get("q") || "").trim(), filters: filters };
  }

  /* Everything the address's query needs, asked for at once, in parallel: its stems' t/ shards (a
     half-typed word's v.js), f.js for a filter, h.js for a country or a crisis. Resolves when what the
     page needs before it searches (h.js) is in; the shards land in the cache for rank. */
  function prefetch(state) {
    var needsHelp = !!state.filters.country || (state.q && isCrisis(state.q));
    if (state.q) {
      querySpans(state.q).forEach(function (span) { spanStems(span).then(function (stems) { stems.forEach(postings); }, function () {}); });
    }
    if (Object.keys(state.filters).length || (state.q && namedPlaces(state.q, state.filters).length)) { load("f", 0).catch(function () {}); }
    if (needsHelp) { return loadHelp(); }
    /* not needed yet: asked for once the first results are shown (displayFor, rank), so it never
       shares the poor signal with them; at once when there is no query to answer */
    if (!state.q) { loadHelp().catch(function () {}); }
    return Promise.resolve();
  }

  api.rank = rank;
  api.isCrisis = isCrisis;
  api.crisisDocs = crisisDocs;
  api.placeCountry = placeCountry;
  api.suggest = suggest;
  api.displayFor = displayFor;
  api.wordsOf = wordsOf;
  /* The index's meta.js (preloaded by the page), loaded once; the page waits for it, and the address's
     query starts fetching what it needs as soon as it is in. */
  api.meta = load("meta", 0).then(function (m) {
    meta = m;
    meta.stopSet = new Set(m.stop);
    meta.help = {};
    meta.crisisAll = [];
    return prefetch(addressQuery());
  }).then(function () { return meta; });
}());
