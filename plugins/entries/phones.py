"""Phone and text numbers, as people dial them, checked with phonenumbers."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers
from phonenumbers import shortnumberinfo

# Each entry's numbers are asked about several times in a build (checks,
# duplicates, links), and parsing is the slow part: answers are remembered.
MEMO = 8192


def _parse(number: str, region: str | None):
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None


def valid_regions(number: str, countries: list[str]) -> list[str]:
    """The countries among ``countries`` in which ``number`` can be dialled as written.

    Full numbers must be valid numbers; short codes (116 123, 988, 85258, 1737)
    must be valid short numbers for the country. A number in international
    form (+44 ...) is checked on its own and counts for its own country.
    """
    return list(_valid_regions(number.strip(), tuple(countries)))


@lru_cache(maxsize=MEMO)
def _valid_regions(number: str, countries: tuple[str, ...]) -> tuple[str, ...]:
    if number.startswith("+"):
        parsed = _parse(number, None)
        if parsed is None or not (
            phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number(parsed)
        ):
            return ()
        region = phonenumbers.region_code_for_number(parsed)
        return (region,) if region in countries or "worldwide" in countries else ()
    ok = []
    for region in countries:
        parsed = _parse(number, region)
        if parsed is None:
            continue
        if phonenumbers.is_valid_number_for_region(parsed, region) or (
            shortnumberinfo.is_valid_short_number_for_region(parsed, region)
        ):
            ok.append(region)
    return tuple(ok)


def href(number: str, countries: list[str]) -> str:
    """A ``tel:``/``sms:`` target: E.164 for full numbers, the digits for short codes."""
    return _href(number.strip(), tuple(countries))


@lru_cache(maxsize=MEMO)
def _href(number: str, countries: tuple[str, ...]) -> str:
    region = None if number.startswith("+") else next(
        (c for c in countries if c != "worldwide"), None
    )
    parsed = _parse(number, region)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def full_number(number: str, countries: list[str] | tuple[str, ...]):
    """The parsed number when it is a full number valid in one of the countries (or in
    international form), else None (short codes such as 116 123, dialled only at home)."""
    return _full_number(number.strip(), tuple(countries))


@lru_cache(maxsize=MEMO)
def _full_number(number: str, countries: tuple[str, ...]):
    regions = [None] if number.startswith("+") else [c for c in countries if c != "worldwide"]
    for region in regions:
        parsed = _parse(number, region)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return parsed
    return None


def e164(number: str, countries: list[str]) -> str | None:
    """E.164 form of a full number, or None for short codes."""
    value = href(number, countries)
    return value if value.startswith("+") else None


def charge(number: str, countries: list[str]) -> str | None:
    """'premium-rate' or 'shared-cost' when phonenumbers says calling the number costs that, else None.

    A full number is judged by its type; a short code by its expected cost in
    each of the countries it is valid in.
    """
    parsed = full_number(number, countries)
    if parsed is not None:
        kind = phonenumbers.number_type(parsed)
        if kind == phonenumbers.PhoneNumberType.PREMIUM_RATE:
            return "premium-rate"
        return "shared-cost" if kind == phonenumbers.PhoneNumberType.SHARED_COST else None
    for region in valid_regions(number, countries):
        short = _parse(number.strip(), region)
        if short is not None and shortnumberinfo.expected_cost_for_region(short, region) == shortnumberinfo.ShortNumberCost.PREMIUM_RATE:
            return "premium-rate"
    return None
