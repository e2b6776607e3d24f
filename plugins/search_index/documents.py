"""What Whoosh indexes for each entry, and what the browser shows for a result."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

from babel.lists import format_list
from entries.places import country_name, region_name


@dataclass
class Document:
    """One entry as Whoosh sees it: its text, by field. (The filters work on search_facets, in the
    browser and in `invoke search` alike, not on the Whoosh index.)"""

    docnum: int
    text: dict[str, str]
    key: str = ""  # what names the document before it is numbered (the entry's path); str(docnum) when empty

    @property
    def id(self) -> str:
        return self.key or str(self.docnum)


_TAGS = re.compile(r"<[^>]+>")


def searchable(entries) -> list:
    """Closed entries stay listed on the site but never appear in search."""
    return [e for e in entries if not e.is_closed]


def plain_text(html: str) -> str:
    return unescape(_TAGS.sub(" ", html))


def flags_of(entry) -> list[str]:
    flags = []
    if entry.is_24_7:
        flags.append("open-24-7")
    if entry.without_broadband:
        flags.append("without-broadband")
    return flags


def country_names(code: str, language: str = "en") -> list[str]:
    """A country's names for search: its English name and, in another language, that language's
    name for it when it differs (Babel: 'GB' -> 'United Kingdom', 'Royaume-Uni')."""
    names = [country_name(code)]
    if language != "en" and country_name(code, language) not in names:
        names.append(country_name(code, language))
    return names


def document(docnum: int, entry, vocab, other_names: dict[str, list[str]] | None = None, language: str = "en") -> Document:
    """``other_names``: country code -> the other names people type for it (data/place_names.yaml),
    searched with the country's code and name (``language``'s name too: country_names). ``vocab``:
    the labels of the tree's language (the values themselves are indexed too)."""
    places = []
    for code in entry.countries:
        places += [code, *country_names(code, language), *(other_names or {}).get(code, [])]
    for code in entry.regions:
        places += [code, region_name(code)]
    places += entry.locations

    def labelled(values, vocabulary):
        return " ".join(f"{v} {vocab.label(vocabulary, v)}" for v in values)

    text = {
        "title": entry.title,
        "summary": entry.summary,
        "body": plain_text(entry.body_html),
        "kind": labelled([entry.kind], "kinds"),
        "topics": labelled(entry.topics, "topics"),
        "audiences": labelled(entry.audiences, "audiences"),
        "places": " ".join(places),
        "channels": labelled(entry.channels, "channels"),
        "account": " ".join(filter(None, [entry.platform, entry.handle])) if entry.kind == "recovery-account" else "",
    }
    return Document(docnum, text, key=entry.relative_path)


def _english(text: str) -> str:
    return text


def key_contact(entry, _=_english) -> tuple[str, str] | None:
    """(words, href) of the entry's first way to get in touch, as its card says it (contact_links in
    theme/templates/_entries.html), in the words of ``_`` (a tree's gettext)."""
    if entry.phone_href:
        number = (
            _("%(number)s, then press %(key)s") % {"number": entry.phone, "key": entry.phone_option} if entry.phone_option else entry.phone
        )
        return _("Call %(number)s") % {"number": number}, f"tel:{entry.phone_href}"
    if entry.text_href:
        if entry.text_keyword:
            words = _("Text %(keyword)s to %(number)s") % {"keyword": entry.text_keyword, "number": entry.text}
        else:
            words = _("Text %(number)s") % {"number": entry.text}
        body = f"?body={entry.text_keyword}" if entry.text_keyword else ""
        return words, f"sms:{entry.text_href}{body}"
    return None


def plain_words(entry, _=_english) -> list[str]:
    """What the reach audit means for someone seeking help, as the cards on the site say it
    (plain_words in theme/templates/_entries.html): never the practitioners' "rural reach: partial"."""
    if entry.status != "active":
        return []
    words = []
    if entry.without_broadband:
        words.append(_("Works by phone or text, no internet needed"))
    if entry.cost == "free":
        words.append(_("Free"))
    if entry.is_24_7:
        words.append(_("Open day and night"))
    return words


def human_list(items: list[str], language: str = "en") -> str:
    """'Ireland', 'Ireland and United Kingdom', 'A, B and C': as the cards on the site list places, from
    Babel's locale data ('Irlande et Royaume-Uni'; English is British English's list)."""
    return format_list(list(items), locale="en_GB" if language == "en" else language)


def where(entry, language: str = "en", _=_english) -> str:
    """Where the entry serves, as the cards on the site say it (the where() macro of
    theme/templates/_entries.html): "Worldwide", or its countries, then its regions in brackets."""
    words = _("Worldwide") if entry.worldwide else human_list([country_name(c, language) for c in entry.countries], language)
    if entry.regions:
        words += f" ({human_list([region_name(r) for r in entry.regions], language)})"
    return words


def display(entry, vocab, language: str = "en", _=_english) -> list:
    """[title, url, kind label, summary, contact label, contact href, plain words (a list), where,
    weekly hours and time zone for open-now.js ("" and "" when the cards show no open-now state)],
    in the tree's ``language`` and its catalog's words (``_``), as its cards say them."""
    contact = key_contact(entry, _) or ("", "")
    open_now = entry.week and entry.status == "active"  # as the cards: theme/templates/_entries.html
    return [
        entry.title,
        entry.page_url,
        vocab.label("kinds", entry.kind),
        entry.summary,
        contact[0],
        contact[1],
        plain_words(entry, _),
        where(entry, language, _),
        entry.week if open_now else "",
        entry.timezone if open_now else "",
    ]
