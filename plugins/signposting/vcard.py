"""Contact cards: a vCard 3.0 (RFC 2426) for each open crisis helpline with a phone or text number. Pure functions.

vCard 3.0 rather than 4.0, because it is the version phones' contacts apps
import most reliably. A TEL value is only ever the number (RFC 2426 section
3.3.1): when callers must press a key once through (988, then 1), the card's
NOTE, which contacts apps show with the contact, starts "Call 988, then press 1". Lines end in CRLF and are folded at 75 octets without
splitting a UTF-8 character; text values escape backslash, comma, semicolon
and newline.

One card for each of the site's languages (vcard/<slug>.vcf in each language's tree): the name,
numbers and addresses are the organisation's own, as the entry writes them; the NOTE is in the
tree's language. Each line of the NOTE is put on one line, so no value (nor a catalog's
translation) can start a line or a property of its own.
"""

from __future__ import annotations

import re

from entries.safe_text import one_line, without_controls

from .message import ENGLISH, call_words, text_words
from .words import Words, hours_line, sentence

FOLDER = "vcard"
LINE_OCTETS = 75


def has_card(entry) -> bool:
    """Open crisis helplines that can be called or texted."""
    return entry.kind == "crisis-helpline" and entry.status == "active" and bool(entry.phone or entry.text)


def path_for(slug: str) -> str:
    return f"{FOLDER}/{slug}.vcf"


def escape(value: str) -> str:
    """A TEXT value (RFC 2426 section 4, RFC 6350 section 3.4): backslash, comma, semicolon and newline
    escaped, and any other control character removed, so a value can never start a property of its own."""
    value = without_controls(value.replace("\r\n", "\n").replace("\r", "\n"), keep="\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def uri(value: str) -> str:
    """A URI or number value: not escaped (RFC 6350 section 3.4), but always on one line."""
    return one_line(value).replace(" ", "%20")


def fold(line: str, octets: int = LINE_OCTETS) -> str:
    """One content line, folded: no physical line longer than ``octets`` bytes, joined by CRLF and a space."""
    pieces: list[str] = []
    current, size, limit = "", 0, octets
    # an escape sequence (\n, \,) is kept whole, so every parser reads it back
    for token in re.findall(r"\\.|.", line, flags=re.S):
        width = len(token.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, octets - 1  # continuation lines start with a space
        current += token
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def note_text(entry, link: str | None, words: Words = ENGLISH) -> str:
    """The key to press after dialling, hours, the text keyword, cost and where the details came from,
    one per line, in ``words``' language."""
    _ = words.gettext
    lines = []
    if entry.phone and entry.phone_option:
        lines.append(sentence(call_words(entry, _)))
    hours = hours_line(entry, words)
    if hours:
        lines.append(hours)
    if entry.text:
        lines.append(sentence(text_words(entry, _)))
    if entry.cost:
        lines.append(_("Cost: %(cost)s") % {"cost": words.costs.get(entry.cost, entry.cost)})
    if entry.last_reviewed:
        source = _("From Signpost, a directory checked by volunteers (last checked %(date)s): confirm details with the service.")
        source %= {"date": entry.last_reviewed.isoformat()}
    else:
        source = _("From Signpost, a directory checked by volunteers: confirm details with the service.")
    if link:
        source += f" {link}"
    lines.append(source)
    return "\n".join(one_line(line) for line in lines)


def card(entry, link: str | None = None, words: Words = ENGLISH) -> str:
    """The vCard, as text with CRLF line endings, its NOTE in ``words``' language. ``entry``: the entry
    as written (the organisation's own name, never a translation); ``link``: its absolute short link
    in that language, if known."""
    name = escape(entry.title.strip())
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Signpost//Signposting//EN",
        "N:;;;;",
        f"FN:{name}",
        f"ORG:{name}",
        "X-ABShowAs:COMPANY",
    ]
    if entry.phone:
        lines.append(f"TEL;TYPE=voice:{one_line(entry.phone)}")
    if entry.text:
        lines.append(f"TEL;TYPE=text:{one_line(entry.text)}")
    if entry.email:
        lines.append(f"EMAIL;TYPE=internet:{escape(one_line(entry.email))}")
    web = entry.url or link
    if web:
        lines.append(f"URL:{uri(web)}")
    lines.append(f"NOTE:{escape(note_text(entry, link, words))}")
    if entry.last_reviewed:
        lines.append(f"REV:{entry.last_reviewed.isoformat()}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)
