"""Jinja filters the theme uses to show codes as words, in the page's language."""

from __future__ import annotations

from babel.lists import format_list
from babel.numbers import format_decimal
from entries.hours import in_words, zone_words
from entries.places import language_name
from jinja2 import pass_context
from markupsafe import Markup

from .facets import country_name, region_name


def _english(text: str) -> str:
    return text


def human_list(items, language: str = "en") -> str:
    """'a, b and c' as ``language`` joins a list, from Babel's locale data: 'a, b et c' in French.
    (English is British English's list, with no comma before 'and'.)"""
    return format_list([str(i) for i in items], locale="en_GB" if language == "en" else language)


def phone_words(entry, _=_english) -> str | None:
    """The number as people are told to call it: '988, then press 1', or '116 123' alone."""
    if not entry.phone:
        return None
    if not entry.phone_option:
        return entry.phone
    # TRANSLATORS: a phone number shared by several lines, and the key to press once through: "988, then press 1"
    return _("%(number)s, then press %(key)s") % {"number": entry.phone, "key": entry.phone_option}


def hours_words(entry, language: str = "en", _=_english) -> str | None:
    """The entry's hours in plain words in ``language`` (entries.hours.in_words), or None when it gives none."""
    return in_words(entry.opening_hours, language, _) if entry.opening_hours else None


@pass_context
def label_of(context, value: str, vocabulary: str) -> str:
    """The label of a vocabulary value, e.g. 'lgbtq' -> 'LGBTQ+ people'."""
    return context["VOCAB"].label(vocabulary, value)


def card_renderers():
    """(card, cards) for one template environment, sharing one cache of rendered cards.

    An entry's card is rendered once per page depth and heading level, then
    reused: browse pages list each entry many times, and the card only depends
    on the entry, the heading level and the relative path to the site root.
    """
    cache: dict = {}

    @pass_context
    def card(context, entry, level: int = 2):
        key = (entry.source, level, context.get("SITEURL"))
        if key not in cache:
            module = cache.get(("module", context.get("SITEURL")))
            if module is None:
                module = context.environment.get_template("_entries.html").make_module(vars=dict(context.get_all()))
                cache[("module", context.get("SITEURL"))] = module
            cache[key] = module.card(entry, level)
        return cache[key]

    @pass_context
    def cards(context, entries, level: int = 2) -> Markup:
        """The cards of a list of entries, one after the other (a browse page lists hundreds)."""
        return Markup("".join(card(context, entry, level) for entry in entries))

    return card, cards


def filters_for(language: str, gettext=_english) -> dict:
    """The theme's filters for one tree: names, lists, numbers, hours and phone words in its language
    (``gettext``: its catalog's)."""
    return {
        "label_of": label_of,
        "country_name": lambda code: country_name(code, language),
        "region_name": region_name,
        "language_name": lambda code: language_name(code, language),
        "human_list": lambda items: human_list(items, language),
        "number": lambda n: format_decimal(n, locale=language),  # 1,234; 1 234 in French
        "hours_words": lambda entry: hours_words(entry, language, gettext),
        "zone_words": lambda timezone: zone_words(timezone, language),
        "phone_words": lambda entry: phone_words(entry, gettext),
    }
