"""Language names for the ISO 639-1 codes entries use ('cy' -> 'Welsh')."""

from __future__ import annotations

import pycountry


def language_name(code: str) -> str:
    language = pycountry.languages.get(alpha_2=code)
    return language.name if language else code
