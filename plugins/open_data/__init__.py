"""Signpost open data: where entries become data that other directories and tools can reuse.

Written by the build: /data/entries.json, every entry in Signpost's own terms
(entries_json.py); /data/hsds/services.json, the services in Open Referral
HSDS 3.0 (export_hsds.py); schema.org JSON-LD in each entry's page (jsonld.py,
shown by theme/templates/_entry_head.html); an Atom feed of new and updated
entries (feeds.py); and /sitemap.xml (sitemap.py). The schema and the licence
are in docs/data.md.

Setting: SIGNPOST_FEED_GIT_DATES (default True) dates entries that have no
last_reviewed by the last git commit that changed their file; tests turn it off.
The sitemap is written after every other page (the generator's output_rank),
from the pages in the output folder.
"""

from __future__ import annotations

from entries.settings import Settings
from pelican import signals
from pipeline import directory_of
from site_languages.catalogs import SOURCE

from . import jsonld
from .generator import OpenDataGenerator


def add_jsonld(generator) -> None:
    """Templates get ``entry_jsonld(entry)``: the entry page's JSON-LD as text ('' for none)."""
    vocab = directory_of(generator).vocab

    def entry_jsonld(entry) -> str:
        data = jsonld.for_entry(entry, vocab)
        return jsonld.script_json(data) if data is not None else ""

    generator.env.globals["entry_jsonld"] = entry_jsonld


def get_generators(pelican):
    """The data files, the feed and the sitemap are written once, at the root, with the English tree
    (whose sitemap waits for the other trees, so that it lists every language's pages); the other
    languages' trees link to them."""
    if Settings.from_pelican(pelican.settings).language == SOURCE:
        return OpenDataGenerator
    return None


def register():
    signals.generator_init.connect(add_jsonld)
    signals.get_generators.connect(get_generators)
