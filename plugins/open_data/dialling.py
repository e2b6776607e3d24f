"""Phone numbers for people outside the country: the international form, when a number has one."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers


def _parsed(number: str, countries: list[str]):
    return _parsed_in(number.strip(), tuple(countries))


@lru_cache(maxsize=4096)
def _parsed_in(number: str, countries: tuple[str, ...]):
    """Parsed once for each number and country list (JSON-LD, HSDS and the feed all ask)."""
    regions = [None] if number.startswith("+") else [c for c in countries if c != "worldwide"]
    for region in regions:
        try:
            parsed = phonenumbers.parse(number, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return parsed
    return None


def international(number: str | None, countries: list[str]) -> str | None:
    """'+44 808 157 0123' for '0808 157 0123' in GB; None for short codes such as '116 123', dialled only at home."""
    parsed = _parsed(number, countries) if number else None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if parsed else None


def home_country(number: str | None, countries: list[str]) -> str | None:
    """The country a full number belongs to ('GB'), or None for short codes."""
    parsed = _parsed(number, countries) if number else None
    return phonenumbers.region_code_for_number(parsed) if parsed else None
