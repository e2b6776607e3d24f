"""Signpost search index: where entries are indexed (by Whoosh, in whoosh_index.py) and exported for the browser (export.py).

At build time Whoosh indexes every entry that is not closed, picks up to three
related entries for each entry page (more-like-this), and the index is written
as static shards under search/ for theme/static/js/search.js.
"""

from __future__ import annotations

import entries
from pelican import signals

from .generator import SearchGenerator, add_related, finish_indexing, index_entry, start_export


def get_generators(pelican):
    return SearchGenerator


def register():
    entries.on_read(index_entry)
    signals.article_generator_finalized.connect(finish_indexing)
    signals.article_generator_write_article.connect(add_related)
    signals.all_generators_finalized.connect(start_export)
    signals.get_generators.connect(get_generators)
