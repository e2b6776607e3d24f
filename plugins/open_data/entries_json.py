"""/data/entries.json: every entry, closed ones too, in Signpost's own terms (docs/data.md, docs/entries.schema.json)."""

from __future__ import annotations

from datetime import date

from entries.fields import FIELDS

from . import ids

FORMAT = "signpost-entries"
VERSION = 1
LICENCE = {
    "name": "CC BY 4.0",
    "url": "https://creativecommons.org/licenses/by/4.0/",
    "attribution": "Signpost contributors",
}
VOCABULARIES = ("kinds", "channels", "platforms", "costs", "statuses", "audiences", "topics")


def entry_record(entry) -> dict:
    """One entry as plain JSON values; every field is present, null (or []) when the entry leaves it out."""
    reach = entry.reach
    # every field of the entry format (entries/fields.py) as checked, then what Signpost works out
    from_file = {field.name: _plain(getattr(entry, field.name)) for field in FIELDS}
    return from_file | {
        "id": ids.entry_id(entry.slug),
        "slug": entry.slug,
        "page": entry.page_url or None,
        "file": entry.relative_path or None,
        "phone_international": entry.phone_number.international if entry.phone_number else None,
        "text_international": entry.text_number.international if entry.text_number else None,
        "hours_text": entry.hours_text,
        "open_24_7": entry.is_24_7,
        "works_without_internet": entry.without_broadband,
        "reach": {"level": reach.level, "flags": reach.codes()} if reach is not None else None,
        "translations": {
            code: {
                "title": t.title,
                "summary": t.summary,
                "page": f"{code}/{entry.page_url}" if entry.page_url else None,
                "awaiting_review": t.awaiting_review,
            }
            for code, t in sorted(entry.translations.items())
        },
    }


def _plain(value):
    """A field's value as JSON: a list copied, a date as YYYY-MM-DD."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def document(entries, vocab) -> dict:
    """The whole file: what it is, its licence, the vocabularies' labels, then the entries by kind and slug."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "licence": dict(LICENCE),
        "vocabularies": {name: dict(vocab.get(name)) for name in VOCABULARIES},
        "entries": [entry_record(e) for e in sorted(entries, key=lambda e: (e.kind, e.slug))],
    }
