"""The Pelican generator that writes Signpost's own pages: home, kinds, browse, Get help now, about."""

from __future__ import annotations

from pathlib import Path

import yaml
from pelican.generators import Generator
from site_writer.files import write_text

from . import facets

BROWSE_FACETS = (
    # (attribute, vocabulary, heading)
    ("topics", "topics", "Topic"),
    ("audiences", "audiences", "Who it is for"),
    ("channels", "channels", "How to get in touch"),
)


def load_emergency_numbers(path: str | None) -> dict[str, list[dict]]:
    if not path or not Path(path).exists():
        return {}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {str(code): [dict(item) for item in items] for code, items in data.items()}


def without_broadband_name(name: str) -> str:
    """browse/country/gb.html -> browse/country/gb-phone-text.html; kind/index.html -> kind/phone-text.html"""
    if name.endswith("/index.html"):
        return name[: -len("index.html")] + "phone-text.html"
    return name[: -len(".html")] + "-phone-text.html"


def offline_pages(help_countries) -> list[str]:
    """The only pages the service worker keeps: Get help now, the crisis lines, and what they need to show."""
    pages = {"get-help-now.html", "crisis-helpline/index.html", "theme/css/signpost.css", "theme/css/sheet.css"}
    for country in help_countries:
        pages.update(entry.page_url for entry in country.lines)
    return sorted(pages)


SERVICE_WORKER = """/* Signpost's service worker: keeps only Get help now and the crisis-line pages,
   so they open without a connection. It never stores a search or any other page:
   a request with a query string, or for any other path, goes to the network untouched. */
"use strict";
var CACHE = "signpost-help-%(version)s";
var PAGES = %(pages)s;
var scope = self.registration.scope;
var KEPT = new Set(PAGES.map(function (p) { return new URL(p, scope).href; }));

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(PAGES.map(function (p) { return new URL(p, scope).href; })); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== CACHE; }).map(function (k) { return caches.delete(k); }));
  }));
});

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.search || !KEPT.has(url.origin + url.pathname)) { return; }
  /* network first, so the numbers are fresh when online; the kept copy when offline */
  event.respondWith(fetch(event.request).then(function (response) {
    var copy = response.clone();
    caches.open(CACHE).then(function (cache) { cache.put(event.request, copy); });
    return response;
  }).catch(function () { return caches.match(event.request); }));
});
"""


def write_service_worker(output: Path, pages: list[str]) -> None:
    import hashlib
    import json

    listing = json.dumps(pages, indent=1)
    version = hashlib.sha256(listing.encode()).hexdigest()[:12]
    write_text(output / "sw.js", SERVICE_WORKER % {"version": version, "pages": listing})


class DirectoryGenerator(Generator):
    """Reads the entries Pelican has made into articles, and writes the directory pages."""

    def generate_context(self):
        from entries import state  # the entries plugin is loaded first

        articles = list(self.context.get("articles", []))
        entries = []
        for article in articles:
            entry = getattr(article, "entry", None)
            if entry is None:
                continue
            entry.page_url = article.url
            entries.append(entry)
        self.entries = facets.listed(entries)
        build = state.current()
        self.vocab = build.vocab
        self.help = facets.get_help(self.entries, load_emergency_numbers(self.settings.get("SIGNPOST_EMERGENCY_NUMBERS")))
        kinds = [(kind, label, [e for e in self.entries if e.kind == kind]) for kind, label in self.vocab.kinds.items()]
        self.context.update(
            VOCAB=self.vocab,
            KINDS=kinds,
            ENTRY_COUNT=len(self.entries),
            QUICK_EXIT_URL=self.settings.get("SIGNPOST_QUICK_EXIT_URL"),
        )

    def write(self, writer, name, template, **kwargs):
        writer.write_file(
            name,
            self.get_template(template.removesuffix(".html")),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=name,
            page_name=name,
            **kwargs,
        )

    def write_with_filter(self, writer, name, template, entries, **kwargs):
        """Write a list page and its twin that shows only services working without broadband."""
        twin = without_broadband_name(name)
        self.write(writer, name, template, entries=entries, filtered=False, other_url=twin, **kwargs)
        self.write(writer, twin, template, entries=[e for e in entries if e.without_broadband], filtered=True, other_url=name, **kwargs)

    def generate_output(self, writer):
        entries = self.entries
        countries = facets.by_country(entries)
        browse = [
            (attribute, heading, [(value, self.vocab.label(vocab_name, value), items) for value, items in facets.group_by(entries, attribute).items()])
            for attribute, vocab_name, heading in BROWSE_FACETS
        ]
        self.write(writer, "index.html", "home.html", countries=countries)
        for kind, label, items in self.context["KINDS"]:
            self.write_with_filter(writer, f"{kind}/index.html", "kind.html", items, kind=kind, kind_label=label)
        self.write(writer, "browse/index.html", "browse.html", countries=countries, facets=browse)
        for group in countries:
            name = f"browse/country/{group.code.lower()}.html"
            twin = without_broadband_name(name)
            self.write(writer, name, "browse_country.html", group=group, filtered=False, other_url=twin)
            self.write(writer, twin, "browse_country.html", group=facets.only_without_broadband(group), filtered=True, other_url=name)
            for region, items in group.regional.items():
                self.write_with_filter(
                    writer, f"browse/region/{region.lower()}.html", "browse_list.html", items,
                    heading=f"{facets.region_name(region)} ({group.name})",
                    intro=f"Services that reach only part of {group.name}. Services for the whole country are on the {group.name} page.",
                    parent=(f"browse/country/{group.code.lower()}.html", group.name),
                )
        for attribute, _heading, values in browse:
            for value, label, items in values:
                self.write_with_filter(
                    writer, f"browse/{attribute}/{value}.html", "browse_list.html", items,
                    heading=label, intro=None, parent=("browse/index.html", "Browse"),
                )
        self.write(writer, "get-help-now.html", "get_help.html", help_countries=self.help)
        self.write(writer, "about.html", "about.html")
        self.write(writer, "privacy.html", "privacy.html")
        write_service_worker(Path(self.output_path), offline_pages(self.help))
        self.write(writer, "404.html", "404.html")
