"""Phone and text numbers, as people dial them: parsed once, when an entry is checked.

``parse`` asks phonenumbers everything Signpost needs to know about a number
and keeps the answers in a ``PhoneNumber``, which the entry carries
(``Entry.phone_number``, ``Entry.text_number``). Every later stage (pages,
duplicates, the HSDS export, JSON-LD, entries.json) reads that object and
never parses the number again.
"""

from __future__ import annotations

from dataclasses import dataclass

import phonenumbers
from phonenumbers import shortnumberinfo


@dataclass(frozen=True)
class PhoneNumber:
    written: str  # as the entry gives it, e.g. "0808 157 0123" or "116 123"
    regions: tuple[str, ...]  # the entry's countries in which it can be dialled as written; empty when none
    href: str  # the tel:/sms: target: E.164 for a full number valid in the first country, else the digits to dial at home
    # "+44 808 157 0123", for people outside the country; None for a short code, and for a number that
    # cannot be dialled from abroad (Australia's 13 11 14 and 1800 numbers)
    international: str | None
    home: str | None  # the country a full number belongs to ("GB"); None for a short code
    e164: str | None  # a full number in E.164 ("+61131114"), to compare numbers, even one not dialled from abroad; None for a short code
    charge: str | None  # "premium-rate" or "shared-cost" when phonenumbers says calling costs that, else None

    @property
    def kind(self) -> str:
        """'full' for a number that can be dialled from abroad; 'short' for one that cannot: a short code
        such as 116 123, or a number reached only at home such as 13 11 14 (its ``e164`` is still set)."""
        return "full" if self.international else "short"


def parse(written: str, countries: list[str] | tuple[str, ...]) -> PhoneNumber:
    """Everything known about ``written`` for an entry serving ``countries``.

    A number in international form (+44 ...) is read on its own; any other
    number as people in each of the countries dial it. ``regions`` is empty
    when the number cannot be dialled as written in any of them.
    """
    return _parsed(written, tuple(countries))


def _parsed(written: str, countries: tuple[str, ...]) -> PhoneNumber:
    number = written.strip()
    regions = _valid_regions(number, countries)
    full = _full_number(number, countries)
    return PhoneNumber(
        written=written,
        regions=regions,
        href=_href(number, countries),
        international=phonenumbers.format_number(full, phonenumbers.PhoneNumberFormat.INTERNATIONAL) if _from_abroad(full) else None,
        home=phonenumbers.region_code_for_number(full) if full else None,
        e164=phonenumbers.format_number(full, phonenumbers.PhoneNumberFormat.E164) if full else None,
        charge=_charge(number, full, regions),
    )


def _parse(number: str, region: str | None):
    try:
        return phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return None


def _valid_regions(number: str, countries: tuple[str, ...]) -> tuple[str, ...]:
    """Full numbers must be valid numbers; short codes (116 123, 988, 85258, 1737) valid
    short numbers for the country. A number in international form counts for its own country."""
    if number.startswith("+"):
        parsed = _parse(number, None)
        if parsed is None or not (phonenumbers.is_valid_number(parsed) or shortnumberinfo.is_valid_short_number(parsed)):
            return ()
        region = phonenumbers.region_code_for_number(parsed)
        return (region,) if region in countries or "worldwide" in countries else ()
    ok = []
    for region in countries:
        parsed = _parse(number, region)
        if parsed is None:
            continue
        if phonenumbers.is_valid_number_for_region(parsed, region) or (shortnumberinfo.is_valid_short_number_for_region(parsed, region)):
            ok.append(region)
    return tuple(ok)


def _from_abroad(parsed) -> bool:
    """Whether a full number can be dialled from another country: phonenumbers knows the ones that
    cannot (Australia's 13 and 1800 numbers: "+61 13 11 14" reaches no one)."""
    return parsed is not None and phonenumbers.can_be_internationally_dialled(parsed)


def _href(number: str, countries: tuple[str, ...]) -> str:
    """E.164 for a full number that can be dialled from abroad; a number that cannot is dialled as at
    home (phonenumbers' form for a mobile in its own country: tel:131114, never tel:+61131114)."""
    region = None if number.startswith("+") else next((c for c in countries if c != "worldwide"), None)
    parsed = _parse(number, region)
    if parsed is not None and phonenumbers.is_valid_number(parsed):
        if _from_abroad(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        home = phonenumbers.region_code_for_number(parsed)
        return phonenumbers.format_number_for_mobile_dialing(
            parsed, home, with_formatting=False
        ) or phonenumbers.national_significant_number(parsed)
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def _full_number(number: str, countries: tuple[str, ...]):
    """The parsed number when it is a full number valid in one of the countries (or in
    international form), else None (short codes such as 116 123, dialled only at home)."""
    regions = [None] if number.startswith("+") else [c for c in countries if c != "worldwide"]
    for region in regions:
        parsed = _parse(number, region)
        if parsed is not None and phonenumbers.is_valid_number(parsed):
            return parsed
    return None


def _charge(number: str, full, regions: tuple[str, ...]) -> str | None:
    """A full number is judged by its type; a short code by its expected cost in each country it is valid in."""
    if full is not None:
        kind = phonenumbers.number_type(full)
        if kind == phonenumbers.PhoneNumberType.PREMIUM_RATE:
            return "premium-rate"
        return "shared-cost" if kind == phonenumbers.PhoneNumberType.SHARED_COST else None
    for region in regions:
        short = _parse(number, region)
        if short is not None and shortnumberinfo.expected_cost_for_region(short, region) == shortnumberinfo.ShortNumberCost.PREMIUM_RATE:
            return "premium-rate"
    return None
