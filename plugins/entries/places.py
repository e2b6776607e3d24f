"""Country and region names for codes, from pycountry; language names from Babel's locale data."""

from __future__ import annotations

import re

import pycountry
from babel import Locale, UnknownLocaleError


def country_name(code: str, locale: str = "en") -> str:
    """A country's name (ISO 3166-1 code): in English, pycountry's common name; in another language
    (``locale``), Babel's locale data (CLDR): 'GB' -> 'Royaume-Uni' in French; 'worldwide' -> 'Monde'."""
    if locale != "en":
        try:
            names = Locale.parse(locale).territories
        except (ValueError, UnknownLocaleError):
            names = {}
        name = names.get("001" if code == "worldwide" else code)
        if name:
            return name
    if code == "worldwide":
        return "Worldwide"
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def region_name(code: str) -> str:
    sub = pycountry.subdivisions.get(code=code)
    # pycountry adds other names in brackets: "Wales [Cymru GB-CYM]" -> "Wales"
    return re.sub(r"\s*\[.*?\]", "", sub.name).strip() if sub else code


def language_name(code: str, locale: str = "en") -> str:
    """A language's name (ISO 639-1 code) in the language ``locale``, from Babel's locale data (CLDR):
    'cy' -> 'Welsh'; in French, 'en' -> 'anglais'. An unknown code is returned as it is."""
    try:
        return Locale.parse(locale).languages.get(code, code)
    except (ValueError, UnknownLocaleError):
        return code


def region_ancestors(code: str) -> tuple[str, ...]:
    """The region itself and every region that contains it (GB-CMA -> GB-CMA, GB-ENG)."""
    chain = []
    current = pycountry.subdivisions.get(code=code)
    while current is not None:
        chain.append(current.code)
        current = pycountry.subdivisions.get(code=current.parent_code) if current.parent_code else None
    return tuple(chain) or (code,)
