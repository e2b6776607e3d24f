"""The Pelican reader for entries: it hands Pelican each entry the pipeline has already read and checked."""

from __future__ import annotations

from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

PLACEHOLDER_DATE = SafeDatetime(1970, 1, 1)  # entries have no publication date; Pelican needs one


class EntryReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._categories = {}  # one Category for each kind, as Pelican would make alike

    def _category(self, kind: str):
        if kind not in self._categories:
            self._categories[kind] = self.process_metadata("category", kind)
        return self._categories[kind]

    def read(self, source_path):
        from . import directory_of

        entry = directory_of(self).entry_at(source_path)  # Pelican reads only the Directory's files
        metadata = {
            "title": entry.title,
            "slug": entry.slug,
            "category": self._category(entry.kind),
            # a date object, as Pelican's own date parsing would make (it is slow)
            "date": SafeDatetime.combine(entry.last_reviewed, SafeDatetime.min.time()) if entry.last_reviewed else PLACEHOLDER_DATE,
            "entry": entry,
        }
        return entry.body_html, metadata
