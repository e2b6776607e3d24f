/* Signpost search in the browser: the page. It reads the form, asks the engine
   (search-engine.js) and shows the results, the calm crisis message and "Did you mean".
   Everything from the index or the query is inserted as text, never as HTML. */
(function () {
  "use strict";

  var api = window.SignpostSearch;
  var base = api.base;
  var meta = null;
  var rank = api.rank, isCrisis = api.isCrisis, crisisDocs = api.crisisDocs, placeCountry = api.placeCountry;
  var suggest = api.suggest, displayFor = api.displayFor, wordsOf = api.wordsOf;
  var _ = window.SignpostMessages.gettext, ngettext = window.SignpostMessages.ngettext;  /* the page's language: theme/js/messages.js */


  var form = document.querySelector("form.search-form");
  var results = document.getElementById("search-results");
  if (!form || !results) { return; }
  var status = document.getElementById("search-status");
  var empty = document.getElementById("search-empty");
  var suggestion = document.getElementById("search-suggestion");
  var help = document.getElementById("search-help");
  var crisisBox = document.getElementById("search-crisis");
  var resultsHeading = document.getElementById("search-heading");
  var fold = document.getElementById("search-filters");
  var FILTERS = ["kind", "country", "region", "channel", "audience", "language", "open", "phone_text", "free"];
  var NARROW = "(max-width: 40rem)";
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

  function anyFilter(filters) {
    return FILTERS.some(function (name) { return filters[name]; });
  }

  /* Open now, in the cards' words: open-now.js's own function (window.SignpostOpenNow), as the cards use it. */
  function openNow(week, tz) {
    if (!week || !tz || !window.SignpostOpenNow) { return null; }
    var state = null;
    try { state = window.SignpostOpenNow.status(week, tz, new Date()); } catch (error) { return null; }  /* a time zone this browser does not know */
    if (!state) { return null; }
    return el("p", state.text, "open-now " + (state.open ? "is-open" : "is-closed"));
  }

  /* A display row (documents.display): [title, url, kind, summary, contact, href, plain words, where, week, time zone] */
  function renderResult(item) {
    var li = el("li", null, "result");
    var h = el("h2");
    h.appendChild(link(item[0], base + item[1]));
    li.appendChild(h);
    li.appendChild(el("p", item[7] ? item[2] + " · " + item[7] : item[2], "meta"));
    li.appendChild(el("p", item[3]));
    var open = openNow(item[8], item[9]);
    if (open) { li.appendChild(open); }
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
    var name = placeName(country);
    into.appendChild(el(heading || "h3", _("Help now in %(place)s", { place: name })));
    if (info.emergency.length) {
      var p = el("p", _("Emergency:") + " ");
      info.emergency.forEach(function (number, i) {
        if (i) { p.appendChild(document.createTextNode(" " + _("or") + " ")); }
        p.appendChild(link(number, "tel:" + number, "contact"));
      });
      into.appendChild(p);
    }
    into.appendChild(helpList(info.lines));
  }

  /* A country's or region's name as the filters list it ("GB" -> "United Kingdom"). */
  function placeName(code) {
    var select = form.elements[code.indexOf("-") >= 0 ? "region" : "country"];
    var option = select && Array.from(select.options).filter(function (o) { return o.value === code; })[0];
    return option ? option.text : code;
  }

  /* The lines as Get help now lists them: each line's page, then its key contact. line: [title, url, contact, link, doc] */
  function helpList(lines) {
    var ul = el("ul", null, "help-lines");
    lines.forEach(function (line) {
      var li = el("li");
      li.appendChild(link(line[0], base + line[1], "help-name"));
      li.appendChild(document.createTextNode(": "));
      li.appendChild(link(line[2], line[3], "contact"));
      ul.appendChild(li);
    });
    return ul;
  }

  /* The calm message first: someone may be in distress. With a country: its emergency number and
     24/7 lines, as Get help now shows them; with none, the lines for every country and Get help now. */
  function renderCrisis(country) {
    crisisBox.textContent = "";
    crisisBox.appendChild(el("h2", _("You can talk to someone now")));
    crisisBox.appendChild(el("p", _("If you are thinking about ending your life, or you feel you cannot go on, you do not have to face it alone. " +
      "The people on these lines are there to listen, day and night.")));
    var box = el("div");
    if (country && meta.help[country]) {
      renderHelp(country, box, "h3");
    } else {
      var world = (meta.help.worldwide || { lines: [] }).lines;
      if (world.length) {
        box.appendChild(el("h3", _("Lines for every country")));
        box.appendChild(helpList(world));
      }
    }
    crisisBox.appendChild(box);
    var p = el("p", _("If you are in danger now, call your local emergency number.") + " ");
    p.appendChild(link(_("Get help now: emergency and 24/7 numbers for your country"), base + "get-help-now.html"));
    crisisBox.appendChild(p);
    crisisBox.hidden = false;
  }

  /* The results shown, the signposting sheet of them and "Show more" when there are more. */
  function renderList(items, total) {
    var list = el("ol", null, "results");
    items.forEach(function (item) { list.appendChild(renderResult(item)); });
    results.appendChild(list);
    /* a signposting sheet of the results shown: the selection lives in the address */
    var slugs = items.map(function (item) { return item[1].replace(/^.*\//, "").replace(/\.html$/, ""); });
    var sheet = el("p", null, "sheet-link");
    sheet.appendChild(link(_("Print a signposting sheet of these results"), base + "sheet.html?e=" + slugs.map(encodeURIComponent).join(",")));
    results.appendChild(sheet);
    if (total > items.length) {
      var more = el("button", _("Show more results"), "more");
      more.type = "button";
      more.addEventListener("click", function () { shown += PAGE; run(lastState); });  /* the address stays: no new history entry */
      results.appendChild(more);
    }
  }

  /* Filters and no words: every entry they let through, crisis lines first, then by title (search-filters.js listing). */
  function runListing(state, ticket) {
    status.textContent = _("Listing…");
    return api.listing(state.filters).then(function (docs) {
      if (ticket !== current) { return; }
      if (!docs.length) {
        status.textContent = _("No entries match these filters. Try fewer filters.");
        empty.hidden = false;
        suggestion.hidden = true;
        renderHelp(state.filters.country);
        return;
      }
      return displayFor(docs.slice(0, shown)).then(function (items) {
        if (ticket !== current) { return; }
        status.textContent = ngettext("%(num)s entry matches these filters, crisis lines first, then by name.",
          "%(num)s entries match these filters, crisis lines first, then by name.", docs.length);
        renderList(items, docs.length);
      });
    });
  }

  /* "Did you mean" only when it helps (docs/search.md): only the words that found nothing change, each to
     the nearest known word; stop words and matching words stay; and the suggested query must find entries
     with every word. tests/conftest.py whoosh_query_suggestion is the same rule in Python. */
  function offerSuggestion(state, words, ticket) {
    suggestion.hidden = true;
    if (!words.length) { return; }
    return Promise.all(words.map(suggest)).then(function (fixes) {
      if (ticket !== current || !fixes.some(Boolean)) { return; }
      var corrected = wordsOf(state.q).map(function (w) { var i = words.indexOf(w); return i >= 0 && fixes[i] ? fixes[i] : w; }).join(" ");
      return rank(corrected, state.filters, 1).then(function (check) {
        if (ticket !== current || !check.hits.length || check.partial) { return; }
        var around = _("Did you mean %(query)s?").split("%(query)s");  /* the words around the link, in the page's order */
        suggestion.textContent = around[0];
        var fix = link(corrected, urlFor({ q: corrected, filters: state.filters }));
        /* search here, replacing the address rather than adding a history entry (one entry per visit) */
        fix.addEventListener("click", function (event) {
          event.preventDefault();
          form.elements.q.value = corrected;
          searchNow(true);
        });
        suggestion.appendChild(fix);
        suggestion.appendChild(document.createTextNode(around[1] || ""));
        suggestion.hidden = false;
      });
    });
  }

  var lastState = null;
  function run(state) {
    var ticket = ++current;
    lastState = state;
    results.textContent = "";
    empty.hidden = true;
    suggestion.hidden = true;
    crisisBox.hidden = true;
    resultsHeading.hidden = !state.q && !anyFilter(state.filters);
    if (!state.q && anyFilter(state.filters)) {
      return runListing(state, ticket).catch(function () {
        status.textContent = _("Search could not load. Please browse the directory instead.");
      });
    }
    if (!state.q) { status.textContent = ""; return Promise.resolve(); }
    status.textContent = _("Searching…");
    var crisis = isCrisis(state.q);
    /* a crisis query's lines: the chosen country's, else those of a country the query names ("i want to die australia") */
    var where = placeCountry(state.q, state.filters);
    var lines = crisis ? crisisDocs(where) : [];
    if (crisis) { renderCrisis(where); }
    return rank(state.q, state.filters, shown + lines.length).then(function (found) {
      if (ticket !== current) { return; }
      var hits = found.hits;
      if (crisis) {
        /* the crisis lines first, then the other results in rank order (rules.crisis_first) */
        var ranked = hits.map(function (h) { return h[0]; });
        var extra = lines.filter(function (d) { return ranked.indexOf(d) < 0; }).length;
        hits = lines.concat(ranked.filter(function (d) { return lines.indexOf(d) < 0; })).slice(0, shown).map(function (d) { return [d, 0]; });
        found = { hits: hits, count: found.count + extra, missing: [] };
        if (!hits.length) {  /* never "No results" nor "Did you mean": the message above has the lines */
          status.textContent = _("The lines above are there for you now.");
          return;
        }
      }
      if (!hits.length) {
        status.textContent = _("No results for “%(query)s”.", { query: state.q });
        empty.hidden = false;
        renderHelp(state.filters.country);
        return offerSuggestion(state, found.missing, ticket);
      }
      return displayFor(hits.map(function (h) { return h[0]; })).then(function (items) {
        if (ticket !== current) { return; }
        if (found.partial) {
          /* no entry has every word: those with some of them, the most words first (whoosh_index.search_some) */
          var unknown = found.missing.length ? " " + _("Nothing in the directory matches “%(words)s”.", { words: found.missing.join(" ") }) : "";
          status.textContent = _("No entry matches every word of “%(query)s”.", { query: state.q }) + unknown + " " +
            ngettext("%(num)s result matches some of them, the most words first.", "%(num)s results match some of them, the most words first.", found.count);
        } else {
          status.textContent = ngettext("%(num)s result for “%(query)s”.", "%(num)s results for “%(query)s”.", found.count, { query: state.q });
        }
        if (found.places && found.places.length && !crisis) {
          /* TRANSLATORS: the word between two places' names, as in "Wales and United Kingdom" */
          var places = found.places.map(placeName).join(" " + _("and") + " ");
          /* TRANSLATORS: %(places)s is one place's name, or several joined by the word "and" */
          status.textContent += " " + _("Services in %(places)s come first.", { places: places });
        }
        renderList(items, found.count);
        return offerSuggestion(state, found.missing, ticket);
      });
    }).catch(function () {
      status.textContent = _("Search could not load. Please browse the directory instead.");
    });
  }

  /* One history entry per visit: the address follows the query and filters by replaceState, never pushState.
     After a search submitted on a narrow screen, focus goes to the results heading, so the results are in view;
     never while someone types (as-you-type searches leave the focus in the box). */
  function searchNow(submitted) {
    clearTimeout(timer);
    var state = readForm();
    shown = PAGE;
    history.replaceState(null, "", urlFor(state));
    return run(state).then(function () {
      if (submitted && window.matchMedia(NARROW).matches && !resultsHeading.hidden) { resultsHeading.focus(); }
    });
  }

  var timer = null;
  function onChange() {
    clearTimeout(timer);
    timer = setTimeout(function () { searchNow(false); }, 120);
  }

  /* The form starts hidden in the page (it needs JavaScript); the filters start folded, and open
     on a wide screen or when a filter is set. */
  form.hidden = false;
  fillForm(new URLSearchParams(location.search));
  if (fold && (!window.matchMedia(NARROW).matches || anyFilter(readForm().filters))) { fold.open = true; }

  api.meta.then(function (m) {
    meta = m;
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function (event) { event.preventDefault(); searchNow(true); });
    window.SignpostSearch.ready = true;
    return run(readForm()).then(function () { window.SignpostSearch.settled = true; });  /* for tests: "Did you mean" decided */
  }).catch(function () {
    if (status) { status.textContent = _("Search could not load. Please browse the directory instead."); }
  });
}());
