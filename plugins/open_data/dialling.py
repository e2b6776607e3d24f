"""Phone numbers for people outside the country: the international form, when a number has one."""

from __future__ import annotations

import phonenumbers
from entries.phones import full_number


def international(number: str | None, countries: list[str]) -> str | None:
    """'+44 808 157 0123' for '0808 157 0123' in GB; None for short codes such as '116 123', dialled only at home."""
    parsed = full_number(number, countries) if number else None
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if parsed else None


def home_country(number: str | None, countries: list[str]) -> str | None:
    """The country a full number belongs to ('GB'), or None for short codes."""
    parsed = full_number(number, countries) if number else None
    return phonenumbers.region_code_for_number(parsed) if parsed else None
