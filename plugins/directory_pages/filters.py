"""Jinja filters the theme uses to show codes as words."""

from __future__ import annotations

import pycountry
from jinja2 import pass_context

from .facets import country_name, region_name


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


def human_list(items) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@pass_context
def label_of(context, value: str, vocabulary: str) -> str:
    """The label of a vocabulary value, e.g. 'lgbtq' -> 'LGBTQ+ people'."""
    return context["VOCAB"].label(vocabulary, value)


FILTERS = {
    "label_of": label_of,
    "country_name": country_name,
    "region_name": region_name,
    "language_name": language_name,
    "human_list": human_list,
}
