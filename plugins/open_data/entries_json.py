"""/data/entries.json: every entry, closed ones too, in Signpost's own terms (docs/data.md, docs/entries.schema.json)."""

from __future__ import annotations

import json

from . import ids
from .dialling import international

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
    return {
        "id": ids.entry_id(entry.slug),
        "slug": entry.slug,
        "kind": entry.kind,
        "title": entry.title,
        "summary": entry.summary,
        "status": entry.status,
        "page": entry.page_url or None,
        "file": entry.relative_path or None,
        "url": entry.url,
        "countries": list(entry.countries),
        "regions": list(entry.regions),
        "locations": list(entry.locations),
        "channels": list(entry.channels),
        "phone": entry.phone,
        "phone_international": international(entry.phone, entry.countries),
        "text": entry.text,
        "text_international": international(entry.text, entry.countries),
        "text_keyword": entry.text_keyword,
        "chat_url": entry.chat_url,
        "email": entry.email,
        "hours": entry.hours,
        "hours_text": entry.hours_text,
        "open_24_7": entry.is_24_7,
        "timezone": entry.timezone,
        "cost": entry.cost,
        "languages": list(entry.languages),
        "audiences": list(entry.audiences),
        "topics": list(entry.topics),
        "platform": entry.platform,
        "handle": entry.handle,
        "last_reviewed": entry.last_reviewed.isoformat() if entry.last_reviewed else None,
        "works_without_internet": entry.without_broadband,
        "reach": {"level": reach.level, "flags": reach.codes()} if reach is not None else None,
    }


def document(entries, vocab) -> dict:
    """The whole file: what it is, its licence, the vocabularies' labels, then the entries by kind and slug."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "licence": dict(LICENCE),
        "vocabularies": {name: dict(vocab.get(name)) for name in VOCABULARIES},
        "entries": [entry_record(e) for e in sorted(entries, key=lambda e: (e.kind, e.slug))],
    }


def dumps(data) -> str:
    """Deterministic JSON: sorted keys, two-space indent, UTF-8 text, a final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
