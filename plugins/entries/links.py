"""Every link of an entry, with the field and the line it comes from.

Worked out once, when the entry is read (check.read_entry sets ``entry.links``);
the offline audit and the network link checker both use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .sanitise import body_hrefs

SKIPPED_SCHEMES = ("tel", "sms", "mailto")


@dataclass(frozen=True)
class Link:
    url: str
    source: str  # the entry's file as shown to contributors
    field: str  # url, chat_url or body
    line: int

    @property
    def scheme(self) -> str:
        return urlsplit(self.url).scheme.lower()

    @property
    def is_internal(self) -> bool:
        """A link to another entry ({filename}) or a relative page of the site."""
        return self.url.startswith("{") or not self.scheme and not self.url.startswith("//")

    @property
    def is_external(self) -> bool:
        return self.scheme in ("http", "https") or self.url.startswith("//")


def line_in_body(entry, url: str, start: int = 0) -> tuple[int, int]:
    """(file line, index in body lines) of the first body line at or after ``start`` that holds ``url``."""
    lines = entry.body_source.split("\n")
    needles = [url]
    # Markdown may have written the URL with &amp; or without a trailing slash
    needles.append(url.replace("&amp;", "&"))
    for i in range(start, len(lines)):
        if any(n and n in lines[i] for n in needles):
            return entry.body_line + i, i
    return entry.body_line, start


def entry_links(entry) -> list[Link]:
    """The entry's url, chat_url and the links in its description, in file order (``entry.links``
    once the entry is read; worked out here for an entry made some other way, as tests make them)."""
    return list(entry.links) if entry.links is not None else _entry_links(entry)


def _entry_links(entry) -> list[Link]:
    links = []
    for name in ("url", "chat_url"):
        value = getattr(entry, name, None)
        if value:
            links.append(Link(value, entry.source, name, entry.line_of(name)))
    placed = list(getattr(entry, "body_links", []))  # (href, line) worked out when the body was rendered
    cursor = 0
    for href in body_hrefs(entry.body_html):
        known = next((i for i, (written, _line) in enumerate(placed) if written == href), None)
        if known is not None:
            links.append(Link(href, entry.source, "body", placed.pop(known)[1]))
            continue
        line, index = line_in_body(entry, href, cursor)
        cursor = index
        links.append(Link(href, entry.source, "body", line))
    return links


_DOMAIN = re.compile(r"^[a-z0-9.-]+$")


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().rstrip(".")
