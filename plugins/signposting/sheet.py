"""The printable signposting sheet's cards. Pure functions.

A card is what the sheet shows for one service: its name, summary, each way to
get in touch, hours, cost, where it serves, a QR code and space for notes. The
build writes each card twice: as sheet/<slug>.html, a printable sheet of that
service alone (no JavaScript needed), and as sheet/<slug>.js, which sheet.html
loads for the services named in its address. A script, not a page to fetch:
browsers refuse fetch() on file://, and the site's CSP (default-src 'self')
allows the site's own scripts. The script only hands the card's data to
signpost-tools.js (SignpostSheet.load), which sets it as text, never as HTML.

Each language's tree writes its own cards, in its language (labels, hours, the QR code's name; the
entry's translated name and summary where it has them): a sheet in another language is the same
page in that language's tree (fr/sheet/<slug>.html).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from . import qr
from .message import ENGLISH, call_words, text_words
from .words import Words, hours_text, sentence

FOLDER = "sheet"


@dataclass
class Card:
    slug: str
    title: str
    summary: str
    facts: list[tuple[str, str, str]]  # (label, text, link or "")
    qr_target: str | None = None  # what the QR code opens
    qr_size: int = 0  # the code's width in modules, quiet zone included
    qr_path: str = ""  # segno's drawing of it
    qr_label: str = ""  # what a screen reader says of the code, in the sheet's language

    def __post_init__(self):
        if self.qr_target:
            self.qr_size, self.qr_path = qr.drawing(self.qr_target)

    @property
    def qr_svg(self) -> Markup:
        return Markup(qr.svg_of(self.qr_size, self.qr_path, self.qr_label)) if self.qr_target else Markup("")

    @property
    def page(self) -> str:
        """The printable one-service sheet, relative to the site's root."""
        return f"{FOLDER}/{self.slug}.html"

    @property
    def script_path(self) -> str:
        return f"{FOLDER}/{self.slug}.js"

    def script(self) -> str:
        """sheet/<slug>.js: the card's data handed to SignpostSheet.load."""
        data = {"title": self.title, "summary": self.summary, "facts": [list(f) for f in self.facts]}
        if self.qr_target:
            data["qr"] = {"target": self.qr_target, "size": self.qr_size, "path": self.qr_path, "label": self.qr_label}
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return f"SignpostSheet.load({json.dumps(self.slug)},{payload});\n"


def facts(entry, where: str, words: Words = ENGLISH) -> list[tuple[str, str, str]]:
    """(label, text, link) for each thing the card says: every way in, then hours, cost and where, in ``words``' language."""
    _ = words.gettext
    rows = []
    if entry.phone:
        said = sentence(call_words(entry, _)) if entry.phone_option else entry.phone
        rows.append((_("Phone"), said, f"tel:{entry.phone_href}"))
    if entry.text:
        keyword = entry.text_keyword
        link = f"sms:{entry.text_href}" + (f"?body={quote(keyword)}" if keyword else "")
        rows.append((_("Text"), sentence(text_words(entry, _)) if keyword else entry.text, link))
    if entry.chat_url:
        rows.append((_("Web chat"), entry.chat_url, entry.chat_url))
    if entry.email:
        rows.append((_("Email"), entry.email, f"mailto:{entry.email}"))
    if entry.url:
        rows.append((_("Website"), entry.url, entry.url))
    rows.append((_("Hours"), hours_text(entry, words) or _("Not given: check the website."), ""))
    if entry.cost:
        rows.append((_("Cost"), words.costs[entry.cost], ""))
    rows.append((_("Where"), where, ""))
    return rows


def card(entry, qr_target: str | None, where: str, words: Words = ENGLISH) -> Card:
    """The card of ``entry`` (in ``words``' language: Entry.in_language) for a sheet in that language."""
    _ = words.gettext
    qr_label = _("QR code for %(title)s: scan it to open %(target)s") % {"title": entry.title, "target": qr_target} if qr_target else ""
    return Card(entry.slug, entry.title, entry.summary, facts(entry, where, words), qr_target, qr_label=qr_label)
