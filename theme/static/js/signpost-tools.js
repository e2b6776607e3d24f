/* Signposting tools (plugins/signposting). Everything here only adds to pages that work without it:
   - on an entry page, a "Copy message" button for the message in the textarea;
   - on the signposting sheet (sheet.html?e=slug1,slug2), the cards of the services named in the
     address, each loaded from its own file (sheet/<slug>.js), and a picker that finds services
     through the search index and adds or removes them by changing the address (the links to the same
     sheet in the other languages follow it);
   - on a one-service sheet (sheet/<slug>.html), a Print button and a link to add more services.
   The address is the only state: nothing is stored. Entry text is only ever set as text. */
(function () {
  "use strict";

  var script = document.currentScript;
  /* The words, in the page's language: theme/js/messages.js (base.html loads it first), from the catalogs */
  var _ = window.SignpostMessages.gettext, ngettext = window.SignpostMessages.ngettext;
  var base = script ? script.src.replace(/theme\/js\/signpost-tools\.js(\?.*)?$/, "") : "";

  function say(status, text) {
    // Empty first, so the same words are announced again after another click.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 60);
  }

  function button(label) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "tool-button";
    element.textContent = label;
    return element;
  }

  /* Entry page: copy the message */

  function copyText(area) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(area.value);
    }
    return new Promise(function (resolve, reject) {
      area.focus();
      area.select();
      try {
        if (document.execCommand("copy")) { resolve(); } else { reject(new Error("copy refused")); }
      } catch (error) {
        reject(error);
      }
    });
  }

  function setUpCopy(box) {
    var area = box.querySelector("textarea");
    var status = box.querySelector("[role=status]");
    if (!area || !status) { return; }
    var copy = button(_("Copy message"));
    area.insertAdjacentElement("afterend", copy);
    copy.addEventListener("click", function () {
      copyText(area).then(function () {
        say(status, _("Message copied. Paste it into a text or direct message."));
      }, function () {
        area.focus();
        area.select();
        say(status, _("Your browser did not let this page copy. The message is selected: copy it with your device's Copy command."));
      });
    });
  }

  /* Signposting sheet */

  function el(tag, className, text) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    if (text) { element.textContent = text; }
    return element;
  }

  /* A script the page loads, once; resolves when it has run. Scripts, not fetch(): fetch is refused on file://. */
  var scripts = {};
  function loadScript(src) {
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = src;
        tag.async = false;  /* in the order asked for */
        tag.onload = resolve;
        tag.onerror = function () { delete scripts[src]; tag.remove(); reject(new Error("cannot load " + src)); };
        document.head.appendChild(tag);
      });
    }
    return scripts[src];
  }

  /* Each card file, sheet/<slug>.js, calls SignpostSheet.load(slug, card) (plugins/signposting/sheet.py).
     The address can say anything: only a name that could be a slug is asked for, and only a card that
     loaded counts (a Map, so never a name every object has, such as "constructor"). */
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var cards = new Map();
  window.SignpostSheet = { load: function (slug, card) { cards.set(slug, card); } };

  function loadCard(slug) {
    if (slug.length > 80 || !SLUG.test(slug)) { return Promise.resolve(null); }
    return loadScript(base + "sheet/" + slug + ".js").then(function () { return cards.get(slug) || null; }, function () { return null; });
  }

  function chosenFrom(search) {
    var chosen = [];
    new URLSearchParams(search).getAll("e").forEach(function (value) {
      value.split(",").forEach(function (slug) {
        slug = slug.trim();
        if (slug && chosen.indexOf(slug) === -1) { chosen.push(slug); }
      });
    });
    return chosen;
  }

  var LINK = /^(https?:|tel:|sms:|mailto:)/;

  /* The same card as theme/templates/_sheet_card.html, from the card file's data, as text. */
  function cardElement(slug, card) {
    var id = "sheet-" + slug;
    var article = el("article", "sheet-entry is-chosen");
    article.id = id;
    article.setAttribute("data-slug", slug);
    article.setAttribute("aria-labelledby", id + "-name");
    var details = el("div", "sheet-details");
    var name = el("h3", null, card.title);
    name.id = id + "-name";
    details.appendChild(name);
    details.appendChild(el("p", "sheet-summary", card.summary));
    var facts = el("dl", "sheet-facts");
    card.facts.forEach(function (fact) {
      facts.appendChild(el("dt", null, fact[0]));
      var value = el("dd");
      if (fact[2] && LINK.test(fact[2])) {
        var link = el("a", null, fact[1]);
        link.href = fact[2];
        if (/^https?:/.test(fact[2])) {
          link.rel = "noopener noreferrer";
          link.referrerPolicy = "no-referrer";
        }
        value.appendChild(link);
      } else {
        value.textContent = fact[1];
      }
      facts.appendChild(value);
    });
    details.appendChild(facts);
    article.appendChild(details);
    if (card.qr) {
      var figure = el("figure", "sheet-qr");
      var svg = document.querySelector("[data-sheet-qr]").content.firstElementChild.cloneNode(true);
      svg.setAttribute("aria-label", card.qr.label);
      svg.setAttribute("viewBox", "0 0 " + card.qr.size + " " + card.qr.size);
      svg.firstElementChild.setAttribute("d", card.qr.path);
      figure.appendChild(svg);
      /* "Scan to open %(target)s", the address in a span of its own, each part as text */
      var caption = el("figcaption");
      var words = _("Scan to open %(target)s").split("%(target)s");
      caption.appendChild(document.createTextNode(words[0]));
      caption.appendChild(el("span", "qr-link", card.qr.target));
      caption.appendChild(document.createTextNode(words.slice(1).join("")));
      figure.appendChild(caption);
      article.appendChild(figure);
    }
    var notes = el("div", "sheet-notes");
    notes.appendChild(el("p", "notes-label", _("Notes")));
    notes.appendChild(el("div", "notes-box"));
    article.appendChild(notes);
    return article;
  }

  /* The search page's engine (search-engine.js and the two it needs), loaded when the picker opens. */
  function searchEngine() {
    return Promise.all(["stem.js", "search-engine.js", "search-filters.js"].map(function (name) {
      return loadScript(base + "theme/js/" + name);
    })).then(function () { return window.SignpostSearch.meta; });
  }

  var FIND_LIMIT = 30;

  function setUpSheet(sheet) {
    var controls = document.querySelector("[data-sheet-controls]");
    var picker = document.querySelector("[data-sheet-picker]");
    var status = document.querySelector("[data-sheet-status]");
    var form = document.querySelector("[data-sheet-find]");
    var found = document.querySelector("[data-sheet-found]");
    var results = document.querySelector("[data-sheet-results]");
    var heading = sheet.querySelector(".sheet-title");
    var footer = sheet.querySelector(".sheet-footer");
    if (!controls || !picker || !status || !form || !found || !results) { return; }
    var query = form.querySelector("input");
    var country = form.querySelector("select");

    sheet.hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll("[data-sheet-nojs]"), function (element) {
      element.hidden = true;
    });
    controls.hidden = false;
    var print = button(_("Print this sheet"));
    print.addEventListener("click", function () { window.print(); });
    status.insertAdjacentElement("afterend", print);
    var summary = picker.querySelector("summary");
    var summaryText = summary.textContent;
    var chosen = [];
    var shown = {};

    function render() {
      Array.prototype.forEach.call(sheet.querySelectorAll(".sheet-entry"), function (element) { element.remove(); });
      chosen.forEach(function (slug) {
        if (!shown[slug]) {
          shown[slug] = cardElement(slug, cards.get(slug));
          var removing = button(_("Remove %(title)s from the sheet", { title: cards.get(slug).title }));
          removing.classList.add("sheet-remove");
          removing.setAttribute("data-slug", slug);
          shown[slug].querySelector(".sheet-details").appendChild(removing);
        }
        sheet.insertBefore(shown[slug], footer);
      });
      Array.prototype.forEach.call(results.querySelectorAll("[data-sheet-pick]"), function (pick) {
        pick.checked = chosen.indexOf(pick.value) !== -1;
      });
      summary.textContent = ngettext("%(summary)s (%(num)s chosen)", "%(summary)s (%(num)s chosen)", chosen.length, { summary: summaryText });
      print.hidden = chosen.length === 0;
      var query = chosen.length ? "?e=" + chosen.join(",") : "";
      window.history.replaceState(null, "", window.location.pathname + query);
      /* The same sheet in another language (the same page in that language's tree) keeps the services chosen. */
      Array.prototype.forEach.call(document.querySelectorAll("[data-sheet-language]"), function (link) {
        link.href = link.href.replace(/[?#].*$/, "") + query;
      });
    }

    function add(slug, title) {
      return loadCard(slug).then(function (card) {
        if (!card) {
          say(status, _("%(title)s cannot go on a sheet: the directory has no way to get in touch with it.", { title: title }));
          return false;
        }
        if (chosen.indexOf(slug) === -1) { chosen.push(slug); }
        render();
        say(status, ngettext("Added %(title)s. %(num)s service on the sheet.", "Added %(title)s. %(num)s services on the sheet.", chosen.length, { title: card.title }));
        return true;
      });
    }

    function remove(slug) {
      var at = chosen.indexOf(slug);
      if (at === -1) { return; }
      chosen.splice(at, 1);
      render();
      say(status, ngettext("Removed %(title)s. %(num)s service on the sheet.", "Removed %(title)s. %(num)s services on the sheet.", chosen.length, { title: cards.get(slug).title }));
    }

    /* The services found, grouped by where they serve (the country, then its regions). */
    function showResults(rows, count, words) {
      results.textContent = "";
      var groups = [], byPlace = {};
      rows.forEach(function (row) {
        var place = row[7] || _("Where not given");
        if (!Object.prototype.hasOwnProperty.call(byPlace, place)) {
          var fieldset = el("fieldset");
          fieldset.appendChild(el("legend", null, place));
          byPlace[place] = el("ul", "picks");
          fieldset.appendChild(byPlace[place]);
          groups.push(fieldset);
        }
        var slug = row[1].split("/").pop().replace(/\.html$/, "");
        var item = el("li");
        var pick = el("input");
        pick.type = "checkbox";
        pick.id = "pick-" + slug;
        pick.value = slug;
        pick.setAttribute("data-sheet-pick", "");
        pick.checked = chosen.indexOf(slug) !== -1;
        var label = el("label", null, row[0]);
        label.htmlFor = pick.id;
        item.appendChild(pick);
        item.appendChild(label);
        item.appendChild(el("span", "pick-kind", row[2]));
        pick.addEventListener("change", function () {
          if (pick.checked) {
            add(slug, row[0]).then(function (added) { if (!added) { pick.checked = false; } });
          } else {
            remove(slug);
          }
        });
        byPlace[place].appendChild(item);
      });
      groups.forEach(function (group) { results.appendChild(group); });
      if (!count) {
        found.textContent = words
          ? _("No service found for \u201c%(words)s\u201d. Try another word, or another country.", { words: words })
          : _("No service found. Try another word, or another country.");
      } else if (count > rows.length) {
        found.textContent = ngettext("%(num)s service found, the first %(shown)s shown: add a word to narrow them.",
          "%(num)s services found, the first %(shown)s shown: add a word to narrow them.", count, { shown: rows.length });
      } else {
        found.textContent = ngettext("%(num)s service found.", "%(num)s services found.", count);
      }
    }

    function find() {
      var words = query.value.trim();
      var filters = country.value ? { country: country.value } : {};
      if (!words && !country.value) {
        say(found, _("Type a service's name or a word about it, or choose a country."));
        return;
      }
      found.textContent = _("Finding services\u2026");
      searchEngine().then(function () {
        var search = window.SignpostSearch;
        var ranked = words
          ? search.rank(words, filters, FIND_LIMIT).then(function (r) { return { docs: r.hits.map(function (h) { return h[0]; }), count: r.count }; })
          : search.listing(filters).then(function (all) { return { docs: all.slice(0, FIND_LIMIT), count: all.length }; });
        return ranked.then(function (r) {
          return search.displayFor(r.docs).then(function (rows) { showResults(rows, r.count, words); });
        });
      }).catch(function () {
        found.textContent = _("Finding services needs the site's search index, which did not load. You can still add a service from its page: follow Print a sheet for this service, then Add more services to this sheet.");
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      find();
    });
    picker.addEventListener("toggle", function () {
      if (picker.open) { searchEngine().catch(function () {}); }  /* ready before the first search */
    });
    sheet.addEventListener("click", function (event) {
      var target = event.target.closest(".sheet-remove");
      if (!target) { return; }
      remove(target.getAttribute("data-slug"));
      heading.focus();
    });

    var asked = chosenFrom(window.location.search);
    Promise.all(asked.map(loadCard)).then(function (loaded) {
      chosen = asked.filter(function (slug, i) { return loaded[i]; });
      render();
      picker.open = chosen.length === 0;
      status.textContent = chosen.length
        ? ngettext("%(num)s service on the sheet. Print it, or choose more below.", "%(num)s services on the sheet. Print it, or choose more below.", chosen.length)
        : _("No service on the sheet yet: choose services below.");
    });
  }

  /* A sheet of one service (sheet/<slug>.html): it prints without this; here, a button and a way to add more. */
  function setUpOne(screen) {
    Array.prototype.forEach.call(screen.querySelectorAll("[data-sheet-more]"), function (element) { element.hidden = false; });
    var print = button(_("Print this sheet"));
    print.addEventListener("click", function () { window.print(); });
    screen.appendChild(print);
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-signpost-copy]"), setUpCopy);
  var sheet = document.querySelector("[data-sheet]");
  if (sheet) { setUpSheet(sheet); }
  var one = document.querySelector("[data-sheet-one]");
  if (one) { setUpOne(one); }
}());
