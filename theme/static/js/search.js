/* Signpost search in the browser. Whoosh did the work at build time: this file
   only adds up the BM25F scores it exported (plugins/search_index/export.py),
   using the same query model as plugins/search_index/whoosh_index.py:
   every word stands for the corpus word forms it begins, through their stems;
   all words must match; scores add up; ties go to the lower entry number.
   Files load as scripts, so this works under `default-src 'self'` and from disk.
   Everything from the index or the query is inserted as text, never as HTML. */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script.src.replace(/theme\/js\/search\.js(\?.*)?$/, "");
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
        tag.src = root + (kind === "meta" ? "meta" : kind === "f" ? "f" : kind === "v" ? "v" : kind + "/" + key) + ".js";
        tag.async = true;
        tag.onload = function () { cache[id] ? resolve(cache[id]) : reject(new Error("empty " + id)); };
        tag.onerror = function () { reject(new Error("cannot load " + id)); };
        document.head.appendChild(tag);
      });
    }
    return waiting[id];
  }

  window.SignpostSearch = {
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

  function wordsOf(text) {
    return (text.match(WORD) || []).map(function (w) { return w.toLowerCase(); });
  }

  function isStop(word) {
    return word.length < meta.minWord || meta.stopSet.has(word);
  }

  /* The stems a query word stands for, sorted as Python sorts them. */
  function stemsFor(word) {
    return load("w", hash(word.slice(0, 2)) % meta.wordShards).then(function (forms) {
      var stems = new Set();
      if (word.length < meta.prefixMin) {
        if (forms[word]) { stems.add(forms[word]); }
      } else {
        for (var form in forms) {
          if (form.startsWith(word)) { stems.add(forms[form]); }
        }
      }
      return Array.from(stems).sort(byCodePoint);
    }, function () { return []; });
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

  function decodeDocs(flat) {
    var out = new Set(), doc = 0;
    for (var i = 0; i < flat.length; i++) { doc += flat[i]; out.add(doc); }
    return out;
  }

  function allowedDocs(filters) {
    var wanted = Object.keys(filters).filter(function (k) { return filters[k]; });
    if (!wanted.length) { return Promise.resolve(null); }
    return load("f", 0).then(function (f) {
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

  /* A span's stems: a one-word span's own and its targets'; a longer span's targets', sorted as Python sorts them. */
  function spanStems(span) {
    var own = span.words.length === 1 ? stemsFor(span.words[0]) : Promise.resolve([]);
    return own.then(function (stems) {
      return Array.from(new Set(stems.concat(span.extra))).sort(byCodePoint);
    });
  }

  function rank(text, filters, limit) {
    limit = limit || 10;
    var spans = everydaySpans(wordsOf(text).filter(function (w) { return !isStop(w); }));
    if (!spans.length) { return Promise.resolve({ hits: [], count: 0, missing: [] }); }
    return Promise.all(spans.map(spanStems)).then(function (stemLists) {
      var missing = [];
      spans.forEach(function (span, i) { if (!stemLists[i].length) { missing = missing.concat(span.words); } });
      if (missing.length) { return { hits: [], count: 0, missing: missing }; }
      return Promise.all(stemLists.map(function (stems) { return Promise.all(stems.map(postings)); })).then(function (perWord) {
        var n = meta.docs;
        var total = new Float64Array(n), matched = new Uint8Array(n);
        var word = new Float64Array(n), seen = new Uint8Array(n);
        perWord.forEach(function (lists, w) {
          word.fill(0);
          seen.fill(0);
          lists.forEach(function (p) {
            for (var i = 0; i < p.docs.length; i++) { word[p.docs[i]] += p.scores[i]; seen[p.docs[i]] = 1; }
          });
          for (var d = 0; d < n; d++) {
            if (seen[d] && matched[d] === w) { total[d] = w === 0 ? word[d] : total[d] + word[d]; matched[d] = w + 1; }
          }
        });
        return allowedDocs(filters).then(function (allowed) {
          /* keep only the best `limit`, in order: no need to sort every match */
          var top = [], count = 0, all = perWord.length;
          for (var d = 0; d < n; d++) {
            if (matched[d] !== all || (allowed && !allowed.has(d))) { continue; }
            count++;
            var hit = [d, total[d]];
            if (top.length === limit && !better(hit, top[limit - 1])) { continue; }
            var i = top.length < limit ? top.length : limit - 1;
            while (i > 0 && better(hit, top[i - 1])) { top[i] = top[i - 1]; i--; }
            top[i] = hit;
          }
          return { hits: top, count: count, missing: [] };
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

  /* The crisis lines a crisis query puts first (generator.crisis_entries): the country's, as Get help now orders them, or all. */
  function crisisDocs(country) {
    var info = country && meta.help[country];
    if (!info) { return meta.crisisAll || []; }
    return info.lines.map(function (line) { return line[4]; }).filter(function (d) { return d !== null && d !== undefined; });
  }

  /* Levenshtein distance, stopping early past the limit. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) { return limit + 1; }
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) { prev.push(j); }
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
        best = Math.min(best, cur[j]);
      }
      if (best > limit) { return limit + 1; }
      prev = cur;
    }
    return prev[b.length];
  }

  /* The words a suggestion may use: the corpus's word forms and the everyday words' forms (meta.everyday). */
  function knownWords() {
    return load("v", 0).then(function (forms) {
      var known = new Set(forms);
      Object.keys(meta.everyday || {}).forEach(function (language) {
        meta.everyday[language].forEach(function (phrase) {
          phrase[0].forEach(function (wordForms) { wordForms.forEach(function (f) { known.add(f); }); });
        });
      });
      return known;
    });
  }

  /* Whoosh's ListCorrector: the nearest known word within 2 edits; between equally near ones, the first alphabetically. */
  function suggest(word) {
    return knownWords().then(function (known) {
      var best = null, bestDistance = 3;
      known.forEach(function (form) {
        var d = distance(word, form, 2);
        if (d > 0 && (d < bestDistance || (d === bestDistance && form < best))) { best = form; bestDistance = d; }
      });
      return best;
    });
  }

  function displayFor(docs) {
    var chunks = Array.from(new Set(docs.map(function (d) { return Math.floor(d / meta.chunk); })));
    return Promise.all(chunks.map(function (c) { return load("d", c); })).then(function () {
      return docs.map(function (d) { return cache["d/" + Math.floor(d / meta.chunk)][d % meta.chunk]; });
    });
  }

  /* ---- the page ------------------------------------------------------------------ */

  var form = document.querySelector("form.search-form");
  var results = document.getElementById("search-results");
  if (!form || !results) { return; }
  var status = document.getElementById("search-status");
  var empty = document.getElementById("search-empty");
  var suggestion = document.getElementById("search-suggestion");
  var help = document.getElementById("search-help");
  var crisisBox = document.getElementById("search-crisis");
  var FILTERS = ["kind", "country", "channel", "audience", "open", "phone_text"];
  var PAGE = 10;
  var shown = PAGE;
  var current = 0;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function link(text, href, className) {
    var a = el("a", text, className);
    a.setAttribute("href", href);
    return a;
  }

  function readForm() {
    var data = new FormData(form);
    var filters = {};
    FILTERS.forEach(function (name) { filters[name] = data.get(name) || ""; });
    return { q: (data.get("q") || "").trim(), filters: filters };
  }

  function fillForm(params) {
    form.elements.q.value = params.get("q") || "";
    FILTERS.forEach(function (name) {
      var field = form.elements[name];
      if (!field) { return; }
      if (field.type === "checkbox") { field.checked = params.has(name); } else { field.value = params.get(name) || ""; }
    });
  }

  function urlFor(state) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    FILTERS.forEach(function (name) { if (state.filters[name]) { params.set(name, state.filters[name]); } });
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function renderResult(item) {
    var li = el("li", null, "result");
    var h = el("h2");
    h.appendChild(link(item[0], base + item[1]));
    li.appendChild(h);
    li.appendChild(el("p", item[2], "meta"));
    li.appendChild(el("p", item[3]));
    // In plain words, as the cards on the site say them: "Free", "Open day and night" (documents.plain_words).
    if (item[6] && item[6].length) {
      var words = el("ul", null, "plain-words");
      item[6].forEach(function (word) { words.appendChild(el("li", word)); });
      li.appendChild(words);
    }
    if (item[4]) {
      var p = el("p", null, "contacts");
      p.appendChild(link(item[4], item[5], "contact"));
      li.appendChild(p);
    }
    return li;
  }

  function renderHelp(country, into, heading) {
    into = into || help;
    into.textContent = "";
    var info = country && meta.help[country];
    if (!info) { return; }
    var select = form.elements.country;
    var name = select ? select.options[select.selectedIndex].text : country;
    into.appendChild(el(heading || "h3", "Help now in " + name));
    if (info.emergency.length) {
      var p = el("p", "Emergency: ");
      info.emergency.forEach(function (number, i) {
        if (i) { p.appendChild(document.createTextNode(" or ")); }
        p.appendChild(link(number, "tel:" + number, "contact"));
      });
      into.appendChild(p);
    }
    var ul = el("ul", null, "help-lines");
    info.lines.forEach(function (line) {
      var li = el("li");
      li.appendChild(link(line[0], base + line[1], "help-name"));
      li.appendChild(document.createTextNode(": "));
      li.appendChild(link(line[2], line[3], "contact"));
      ul.appendChild(li);
    });
    into.appendChild(ul);
  }

  /* The calm message first: someone may be in distress. With a country: its emergency number and
     24/7 lines, as Get help now shows them; with none, the lines for every country and Get help now. */
  function renderCrisis(country) {
    crisisBox.textContent = "";
    crisisBox.appendChild(el("h2", "You can talk to someone now"));
    crisisBox.appendChild(el("p", "If you are thinking about ending your life, or you feel you cannot go on, you do not have to face it alone. " +
      "The people on these lines are there to listen, day and night."));
    var box = el("div");
    if (country && meta.help[country]) {
      renderHelp(country, box, "h3");
    } else {
      var world = (meta.help.worldwide || { lines: [] }).lines;
      if (world.length) {
        box.appendChild(el("h3", "Lines for every country"));
        var ul = el("ul", null, "help-lines");
        world.forEach(function (line) {
          var li = el("li");
          li.appendChild(link(line[0], base + line[1], "help-name"));
          li.appendChild(document.createTextNode(": "));
          li.appendChild(link(line[2], line[3], "contact"));
          ul.appendChild(li);
        });
        box.appendChild(ul);
      }
    }
    crisisBox.appendChild(box);
    var p = el("p", "If you are in danger now, call your local emergency number. ");
    p.appendChild(link("Get help now: emergency and 24/7 numbers for your country", base + "get-help-now.html"));
    crisisBox.appendChild(p);
    crisisBox.hidden = false;
  }

  function run(state) {
    var ticket = ++current;
    results.textContent = "";
    empty.hidden = true;
    crisisBox.hidden = true;
    if (!state.q) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = "Searching…";
    var crisis = isCrisis(state.q);
    var lines = crisis ? crisisDocs(state.filters.country) : [];
    if (crisis) { renderCrisis(state.filters.country); }
    return rank(state.q, state.filters, shown + lines.length).then(function (found) {
      if (ticket !== current) { return; }
      var hits = found.hits;
      if (crisis) {
        /* the crisis lines first, then the other results in rank order (generator.crisis_first) */
        var ranked = hits.map(function (h) { return h[0]; });
        var extra = lines.filter(function (d) { return ranked.indexOf(d) < 0; }).length;
        hits = lines.concat(ranked.filter(function (d) { return lines.indexOf(d) < 0; })).slice(0, shown).map(function (d) { return [d, 0]; });
        found = { hits: hits, count: found.count + extra, missing: [] };
        if (!hits.length) {  /* never "No results" nor "Did you mean": the message above has the lines */
          status.textContent = "The lines above are there for you now.";
          return;
        }
      }
      if (!hits.length) {
        status.textContent = "No results for “" + state.q + "”.";
        empty.hidden = false;
        suggestion.hidden = true;
        renderHelp(state.filters.country);
        /* "Did you mean" only when it helps (docs/search.md): only the words that found nothing change, each to
           the nearest known word; stop words and matching words stay; and the suggested query must find entries.
           tests/conftest.py whoosh_query_suggestion is the same rule in Python. */
        var words = found.missing;
        return Promise.all(words.map(suggest)).then(function (fixes) {
          if (ticket !== current || !fixes.some(Boolean)) { return; }
          var corrected = wordsOf(state.q).map(function (w) { var i = words.indexOf(w); return i >= 0 && fixes[i] ? fixes[i] : w; }).join(" ");
          return rank(corrected, state.filters, 1).then(function (check) {
            if (ticket !== current || !check.hits.length) { return; }
            suggestion.textContent = "Did you mean ";
            suggestion.appendChild(link(corrected, urlFor({ q: corrected, filters: state.filters })));
            suggestion.appendChild(document.createTextNode("?"));
            suggestion.hidden = false;
          });
        });
      }
      var top = hits;
      return displayFor(top.map(function (h) { return h[0]; })).then(function (items) {
        if (ticket !== current) { return; }
        status.textContent = found.count + (found.count === 1 ? " result" : " results") + " for “" + state.q + "”.";
        var list = el("ol", null, "results");
        items.forEach(function (item) { list.appendChild(renderResult(item)); });
        results.appendChild(list);
        /* a signposting sheet of the results shown: the selection lives in the address */
        var slugs = items.map(function (item) { return item[1].replace(/^.*\//, "").replace(/\.html$/, ""); });
        var sheet = el("p", null, "sheet-link");
        sheet.appendChild(link("Print a signposting sheet of these results", base + "sheet.html?e=" + slugs.map(encodeURIComponent).join(",")));
        results.appendChild(sheet);
        if (found.count > top.length) {
          var more = el("button", "Show more results", "more");
          more.type = "button";
          more.addEventListener("click", function () { shown += PAGE; run(state); });
          results.appendChild(more);
        }
      });
    }).catch(function () {
      status.textContent = "Search could not load. Please browse the directory instead.";
    });
  }

  var timer = null;
  function onChange() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var state = readForm();
      shown = PAGE;
      history.replaceState(null, "", urlFor(state));
      run(state);
    }, 120);
  }

  load("meta", 0).then(function (m) {
    meta = m;
    meta.stopSet = new Set(m.stop);
    var params = new URLSearchParams(location.search);
    fillForm(params);
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function (event) { event.preventDefault(); onChange(); });
    window.SignpostSearch.rank = rank;
    window.SignpostSearch.isCrisis = isCrisis;
    window.SignpostSearch.ready = true;
    return run(readForm()).then(function () { window.SignpostSearch.settled = true; });  /* for tests: "Did you mean" decided */
  }).catch(function () {
    if (status) { status.textContent = "Search could not load. Please browse the directory instead."; }
  });
}());
