"""Phone numbers for people outside the country: the international form, when a number has one."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from entries.phones import MEMO, full_number


def international(number: str | None, countries: list[str]) -> str | None:
    """'+44 808 157 0123' for '0808 157 0123' in GB; None for short codes such as '116 123', dialled only at home."""
    return _international(number, tuple(countries)) if number else None


def home_country(number: str | None, countries: list[str]) -> str | None:
    """The country a full number belongs to ('GB'), or None for short codes."""
    return _home_country(number, tuple(countries)) if number else None


# Remembered: the JSON-LD and the HSDS export both ask, for every entry.
@lru_cache(maxsize=MEMO)
def _international(number: str, countries: tuple[str, ...]) -> str | None:
    parsed = full_number(number, countries)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if parsed else None


@lru_cache(maxsize=MEMO)
def _home_country(number: str, countries: tuple[str, ...]) -> str | None:
    parsed = full_number(number, countries)
    return phonenumbers.region_code_for_number(parsed) if parsed else None
