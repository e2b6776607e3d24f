"""Checks across entries: two entries must not share a slug or a web address."""

from __future__ import annotations

from urllib.parse import urlsplit

from .model import Entry
from .problems import Problem


def normalise_url(url: str) -> str:
    """The parts of a URL that decide whether two entries point at the same place."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{path}{query}"


def duplicates(entries: list[Entry]) -> list[Problem]:
    problems = []
    by_slug: dict[str, Entry] = {}
    by_url: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.source):
        first = by_slug.setdefault(entry.slug, entry)
        if first is not entry:
            problems.append(Problem(
                entry.source, 1, "slug",
                f"the file name gives the slug '{entry.slug}', which {first.source} already uses; "
                f"rename this file, e.g. '{entry.slug}-{entry.countries[0].lower() if entry.countries else '2'}.md'",
            ))
        if entry.url:
            key = normalise_url(entry.url)
            first = by_url.setdefault(key, entry)
            if first is not entry:
                problems.append(Problem(
                    entry.source, entry.line_of("url"), "url",
                    f"'{entry.url}' is already listed by {first.source}; correct that entry instead of adding a second one, "
                    "or give this entry its own page's address",
                ))
    return problems
