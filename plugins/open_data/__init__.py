"""Signpost open data: where entries become data that other directories and tools can reuse.

Written by the build: /data/entries.json, every entry in Signpost's own terms
(entries_json.py); /data/hsds/services.json, the services in Open Referral
HSDS 3.0 (export_hsds.py); schema.org JSON-LD in each entry's page (jsonld.py,
shown by theme/templates/_entry_head.html); an Atom feed of new and updated
entries (feeds.py); and /sitemap.xml (sitemap.py). The schema and the licence
are in docs/data.md.

Setting: SIGNPOST_FEED_GIT_DATES (default True) dates entries that have no
last_reviewed by the last git commit that changed their file; tests turn it off.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator
from site_writer.files import write_text

from . import jsonld
from .generator import OpenDataGenerator
from .sitemap import SITEMAP_PATH, sitemap_xml

_written: set[str] = set()  # pages written in this run (absolute paths), for the sitemap


class SettingError(Exception):
    """A SIGNPOST_* setting of this plugin has a value it cannot use."""


def start_run(pelican):
    _written.clear()
    value = pelican.settings.get("SIGNPOST_FEED_GIT_DATES", True)
    if not isinstance(value, bool):
        raise SettingError(f"open_data: SIGNPOST_FEED_GIT_DATES must be True or False, not {value!r}")


def add_jsonld(generators):
    """Before the entry pages are written: give each entry its JSON-LD, as ``entry.jsonld`` ('' for none)."""
    from entries import state

    vocab = state.current().vocab
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        for article in generator.articles:
            entry = getattr(article, "entry", None)
            if entry is None:
                continue
            if not entry.page_url:
                entry.page_url = article.url
            data = jsonld.for_entry(entry, vocab)
            entry.jsonld = jsonld.script_json(data) if data is not None else ""


def get_generators(pelican):
    return OpenDataGenerator


def page_written(path, context=None):
    if str(path).endswith(".html"):
        _written.add(os.path.abspath(path))


def write_sitemap(pelican):
    from entries import state

    build = state.current()
    output = Path(os.path.abspath(pelican.output_path))
    inside = str(output).rstrip(os.sep) + os.sep  # the written paths are absolute too (page_written)
    pages = [path[len(inside):].replace(os.sep, "/") for path in _written if path.startswith(inside)]
    dates = build.data.get("open_data", {}).get("dates", {})
    lastmod = {e.page_url: dates[e.slug] for e in build.entries if e.slug in dates and e.page_url}
    write_text(output / SITEMAP_PATH, sitemap_xml(pages, lastmod, pelican.settings.get("SITEURL", "")))
    _written.clear()


def register():
    signals.initialized.connect(start_run)
    signals.all_generators_finalized.connect(add_jsonld)
    signals.get_generators.connect(get_generators)
    signals.content_written.connect(page_written)
    signals.finalized.connect(write_sitemap)
