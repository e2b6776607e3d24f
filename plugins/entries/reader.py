"""The Pelican reader for entries: YAML front matter plus Markdown, checked as it is read."""

from __future__ import annotations

import os

from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from . import state
from .check import display_path, read_entry, slug_for

PLACEHOLDER_DATE = SafeDatetime(1970, 1, 1)  # entries have no publication date; Pelican needs one

# What other plugins do with each entry as soon as it is read (the search index
# starts indexing): each is called as hook(entry, build_state), in reading order.
# Add one with entries.on_read(hook).
READ_HOOKS: list = []


class EntryReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._categories = {}  # one Category for each kind, as Pelican would make alike

    def _category(self, kind: str):
        if kind not in self._categories:
            self._categories[kind] = self.process_metadata("category", kind)
        return self._categories[kind]

    def read(self, source_path):
        build = state.current()
        slug = slug_for(source_path)
        with open(source_path, "rb") as handle:
            raw = handle.read()
        entry, problems = read_entry(raw, display_path(source_path, build.root), slug, build.vocab, build.today)
        build.report.extend(problems)
        metadata = {
            "title": entry.title if entry else slug,
            "slug": slug,
            "category": self._category(entry.kind if entry else "invalid"),
            # a date object, as Pelican's own date parsing would make (it is slow)
            "date": SafeDatetime.combine(entry.last_reviewed, SafeDatetime.min.time()) if entry and entry.last_reviewed else PLACEHOLDER_DATE,
            "entry": entry,
        }
        if entry is not None:
            entry.relative_path = os.path.relpath(source_path, self.settings["PATH"]).replace(os.sep, "/")
            build.entries.append(entry)
            for hook in READ_HOOKS:
                hook(entry, build)
        return (entry.body_html if entry else ""), metadata
