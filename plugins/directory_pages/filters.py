"""Jinja filters the theme uses to show codes as words."""

from __future__ import annotations

from entries.places import language_name
from jinja2 import pass_context
from markupsafe import Markup

from .facets import country_name, region_name


def human_list(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


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


def filters_for(language: str) -> dict:
    """The theme's filters for one tree: country and language names in its language."""
    return {
        "label_of": label_of,
        "country_name": lambda code: country_name(code, language),
        "region_name": region_name,
        "language_name": lambda code: language_name(code, language),
        "human_list": human_list,
    }
