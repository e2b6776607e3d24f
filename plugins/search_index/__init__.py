"""Signpost search index: where entries are indexed (by Whoosh, in whoosh_index.py) and exported for the browser (export.py).

The pipeline (pipeline/directory.py) has Whoosh index every entry that is not
closed and pick up to three related entries for each entry page
(more-like-this); this plugin writes the index as static shards under search/
for theme/static/js/search.js, and the search page.
"""

from __future__ import annotations

from pelican import signals

from .generator import SearchGenerator


def get_generators(pelican):
    return SearchGenerator


def register():
    signals.get_generators.connect(get_generators)
