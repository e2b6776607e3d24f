"""Country, region and language names for codes, from pycountry."""

from __future__ import annotations

import re

import pycountry


def country_name(code: str) -> str:
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


def language_name(code: str) -> str:
    """'cy' -> 'Welsh' (ISO 639-1)."""
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code


def region_ancestors(code: str) -> tuple[str, ...]:
    """The region itself and every region that contains it (GB-CMA -> GB-CMA, GB-ENG)."""
    chain = []
    current = pycountry.subdivisions.get(code=code)
    while current is not None:
        chain.append(current.code)
        current = pycountry.subdivisions.get(code=current.parent_code) if current.parent_code else None
    return tuple(chain) or (code,)
