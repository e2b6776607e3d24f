"""Drift checks: does each entry's phone number, text number and text keyword still appear on its own pages?

The link check says when a page has gone; it cannot say when a crisis number
changed while the page stayed. So ``invoke links`` also reads each entry's pages
(its ``url`` and its ``sources``) and looks for its details in their visible text:

- a full number (``0808 808 1677``) is found with phonenumbers' ``PhoneNumberMatcher``
  and compared as a number, so "0808-808-1677" and "+44 808 808 1677" are the same;
- a short code (``116 123``, ``988``) must be a whole number on the page: its digits,
  perhaps grouped differently, and not part of a longer number ("1-800-988-4357");
- a text keyword (``SHOUT``) must be a whole word, with its capitals as written.

Each detail is ``found``, ``not-found`` (a warning: nothing breaks) or ``unchecked``
(none of its pages could be read). The pages are fetched by the link checker
(``command.check_targets``), once each however many entries use them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from html.parser import HTMLParser
from urllib.parse import urlsplit

import phonenumbers

from .check import HTTP_SCHEMES, normalise

FIELDS = ("phone", "text", "text_keyword")
FOUND, NOT_FOUND, UNCHECKED = "found", "not-found", "unchecked"
STATUSES = (FOUND, NOT_FOUND, UNCHECKED)


@dataclass(frozen=True)
class Detail:
    """One detail of one entry, and whether its pages still show it."""

    source: str  # the entry file, as in the links report
    field: str  # phone, text or text_keyword
    value: str  # as the entry writes it
    status: str  # found, not-found or unchecked
    pages: tuple[str, ...]  # the pages that were read
    line: int = 1  # the field's line in the entry file
    tried: tuple[str, ...] = ()  # every page it was looked for on, read or not

    def as_dict(self) -> dict:
        return {"source": self.source, "field": self.field, "value": self.value, "status": self.status, "pages": list(self.pages)}

    def describe(self) -> str:
        """What was found about the detail, and what to do (the field is said before it)."""
        if self.status == FOUND:
            return f"{self.value} is on {', '.join(self.pages)}"
        if self.status == UNCHECKED:
            where = ", ".join(self.tried) if self.tried else "the entry has no url or sources"
            return f"{self.value} could not be looked for: no page could be read ({where})"
        what = "as a whole word, capitals as written" if self.field == "text_keyword" else "as a number"
        return (
            f"{self.value} was not found ({what}) on {', '.join(self.pages)}; "
            "check the service's own page, then correct the entry or its sources"
        )


# -- pages ----------------------------------------------------------------------------


def pages_of(entry) -> list[str]:
    """The entry's own pages, as the link checker requests them: its url, then its sources, each once."""
    found: list[str] = []
    for url in [entry.url, *(entry.sources or [])]:
        if url and urlsplit(url.strip()).scheme.lower() in HTTP_SCHEMES:
            page = normalise(url)
            if page not in found:
                found.append(page)
    return found


def details_of(entry) -> list[tuple[str, str]]:
    """(field, value) of each detail the entry has to look for; none for a closed service (its details are history)."""
    if entry.is_closed:
        return []
    values = {"phone": entry.phone if entry.phone_number else None, "text": entry.text if entry.text_number else None}
    values["text_keyword"] = entry.text_keyword
    return [(name, values[name]) for name in FIELDS if values[name]]


def pages_to_read(entries: Iterable) -> set[str]:
    """Every page some entry's details are looked for on."""
    return {page for entry in entries if details_of(entry) for page in pages_of(entry)}


class _VisibleText(HTMLParser):
    """The text a reader sees: no script, style or template, nothing marked hidden."""

    UNSEEN = frozenset({"script", "style", "template"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
    BREAKS = frozenset(
        {"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table", "section", "article", "header", "footer", "nav", "main"}
        | {"aside", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "blockquote", "address", "pre", "form", "option", "title"}
    )
    HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping: str | None = None  # the tag of the unseen element we are inside
        self._depth = 0  # how many of that tag are open inside it

    def _hidden(self, tag: str, attrs) -> bool:
        values = dict(attrs)
        return tag in self.UNSEEN or "hidden" in values or bool(self.HIDING_STYLE.search(values.get("style") or ""))

    def handle_starttag(self, tag, attrs):
        if self._skipping is not None:
            self._depth += tag == self._skipping
            return
        if tag in self.BREAKS:
            self.parts.append("\n")
        if tag not in self.VOID and self._hidden(tag, attrs):
            self._skipping, self._depth = tag, 1

    def handle_startendtag(self, tag, attrs):  # <br/>: nothing to skip inside it
        if self._skipping is None and tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self._skipping is not None:
            if tag == self._skipping:
                self._depth -= 1
                if self._depth == 0:
                    self._skipping = None
            return
        if tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._skipping is None:
            self.parts.append(data)


def visible_text(html: str) -> str:
    """The visible text of an HTML page (html.parser); what it cannot parse is left out."""
    parser = _VisibleText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # a page too broken to parse: whatever was read before the fault
        pass
    return "".join(parser.parts)


# digit groups joined by one space, no-break space, dot or hyphen: "116 123", "1-800-988-4357", "0808.808.1677"
NUMBER_RUN = re.compile(r"\d+(?:[ \u00a0\u202f.\-\u2010\u2011\u2013]\d+)*")


class Page:
    """A page's visible text, and the numbers and words on it (each worked out once)."""

    def __init__(self, url: str, html: str):
        self.url = url
        self.text = visible_text(html)
        self._numbers: dict[str, set[str]] = {}

    @cached_property
    def whole_numbers(self) -> set[str]:
        """The digits of every number written on the page: "1-800-988-4357" is 18009884357, not 988."""
        return {re.sub(r"\D", "", run) for run in NUMBER_RUN.findall(self.text)}

    def numbers(self, region: str) -> set[str]:
        """Every phone number phonenumbers finds on the page, read as people in ``region`` write them, in E.164."""
        if region not in self._numbers:
            self._numbers[region] = {
                phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                for match in phonenumbers.PhoneNumberMatcher(self.text, region)
            }
        return self._numbers[region]

    def has_word(self, word: str) -> bool:
        return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", self.text) is not None


def shows(page: Page, field: str, value: str, number) -> bool:
    """Whether ``page`` shows the detail: ``number`` is the entry's parsed PhoneNumber (None for a keyword)."""
    if field == "text_keyword":
        return page.has_word(value)
    if number.e164:  # a full number, also one dialled only at home: "13 11 14" on the page is +61131114
        return number.e164 in page.numbers(number.home)
    return re.sub(r"\D", "", number.written) in page.whole_numbers


def check_details(entries: Iterable, bodies: Mapping[str, str | None]) -> list[Detail]:
    """Every detail of every entry, looked for on the entry's pages.

    ``bodies`` holds each page's HTML as the link checker read it, or None when
    it could not be read (broken, blocked, not HTML…). A page missing from it was not read.
    """
    pages = {url: Page(url, html) for url, html in bodies.items() if html is not None}
    found = []
    for entry in entries:
        if not details_of(entry):
            continue
        tried = tuple(pages_of(entry))
        read = tuple(url for url in tried if url in pages)
        for field, value in details_of(entry):
            number = {"phone": entry.phone_number, "text": entry.text_number}.get(field)
            if not read:
                status = UNCHECKED
            elif any(shows(pages[url], field, value, number) for url in read):
                status = FOUND
            else:
                status = NOT_FOUND
            found.append(Detail(entry.source, field, value, status, read, entry.line_of(field), tried))
    return sorted(found, key=lambda d: (d.source, FIELDS.index(d.field)))
