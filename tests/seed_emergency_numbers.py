"""Seed data/emergency_numbers.yaml from libphonenumber's short-number metadata (run once, then curate by hand).

    .venv/bin/python tests/seed_emergency_numbers.py > /tmp/seed.yaml

For each region with an emergency pattern, the pattern is expanded to the digit
strings of 2 to 4 digits it matches. A region keeps every match when there are a
few short ones (at most 8 numbers of 2 or 3 digits); otherwise, unsure, it keeps
only the metadata's example number and the well-known numbers the pattern
matches. Four-digit matches (India's 2611) are never kept unless they are the
example. The number a country publicises goes first where it is known
(PUBLICISED), else the example. Regions already in the curated file keep their
curated numbers and notes unchanged.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import phonenumbers
import yaml
from phonenumbers import shortnumberinfo

WELL_KNOWN = ("112", "911", "999", "000", "111", "110", "119")
PUBLICISED = {"GB": "999", "US": "911", "CA": "911", "AU": "000", "NZ": "111", "IN": "112"}


HEADER = """\
# Emergency numbers shown on the "Get help now" pages, by region code (ISO 3166-1, as libphonenumber names them).
# Source: libphonenumber's short-number metadata (the Python package phonenumbers), which gives each
# region an emergency pattern and one example number. Seeded once by tests/seed_emergency_numbers.py,
# then curated by hand: the number a country publicises first, numbers people are not told to dial left out.
# tests/test_get_help.py checks that every number is an emergency number for its region according to
# phonenumbers; a curated number it does not count needs a `source:` (a page that says so).
# `note` is optional and shown beside the number."""


def regions() -> list[str]:
    """The regions whose short-number metadata has an emergency pattern."""
    out = []
    for region in sorted(phonenumbers.SUPPORTED_SHORT_REGIONS):
        desc = phonenumbers.PhoneMetadata.short_metadata_for_region(region).emergency
        if desc is not None and desc.national_number_pattern:
            out.append(region)
    return out


def expand(pattern: str) -> list[str]:
    return [s for length in (2, 3, 4) for i in range(10**length) if re.fullmatch(pattern, s := str(i).zfill(length))]


def numbers_for(region: str) -> list[str]:
    desc = phonenumbers.PhoneMetadata.short_metadata_for_region(region).emergency
    example = desc.example_number
    found = [n for n in expand(desc.national_number_pattern) if shortnumberinfo.is_emergency_number(n, region)]
    short = [n for n in found if len(n) <= 3]
    keep = short if len(short) <= 8 else [n for n in short if n in WELL_KNOWN]
    if example and example not in keep:
        keep.insert(0, example)
    first = PUBLICISED.get(region, example)
    return sorted(keep, key=lambda n: (n != first, len(n), n))


def main() -> None:
    curated_path = Path(__file__).resolve().parents[1] / "data" / "emergency_numbers.yaml"
    curated = yaml.safe_load(curated_path.read_text(encoding="utf-8")) or {}
    out = {}
    for region in regions():
        out[region] = curated.get(region) or [{"number": n} for n in numbers_for(region)]
    lines = [HEADER]
    for region, items in out.items():
        key = region if isinstance(yaml.safe_load(region), str) else f'"{region}"'  # NO is Norway, not false
        lines.append(f"{key}:")
        for item in items:
            lines.append(f'  - number: "{item["number"]}"')
            for key, value in item.items():
                if key != "number":
                    lines.append(f"    {key}: {value}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
