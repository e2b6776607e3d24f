"""Phones and opening hours are parsed once, when an entry is checked, and never again.

A whole build of the fixture site runs with the parsers counted: entries.phones.parse
once for each phone and text number, entries.hours.parse once for each entry's hours,
and phonenumbers and opening-hours-py only from inside them. Every later stage (pages,
duplicates, the open-now week, the HSDS export, JSON-LD, entries.json, the
signposting message and contact cards) reads the parsed objects the entry carries.
"""

from __future__ import annotations

from collections import Counter

import opening_hours
import phonenumbers
from conftest import FIXTURE_CONTENT, build
from entries import hours, phones
from entries.frontmatter import split


def fixture_values(*names: str) -> Counter:
    """How often each value of the named front-matter fields is written in the fixture site's entries."""
    found: Counter = Counter()
    for path in sorted(FIXTURE_CONTENT.rglob("*.md")):
        data = split(path.read_text(encoding="utf-8"), str(path)).data
        found.update(str(data[name]) for name in names if data.get(name) is not None)
    return found


def test_a_build_parses_each_phone_and_hours_once_when_checking_and_never_later(tmp_path, monkeypatch):
    parsed = {"phones": Counter(), "hours": Counter()}
    inside: list[str] = []  # the parse being run, if any
    outside: list[str] = []  # the library calls made anywhere else

    def counted(name, real):
        def parse(value, *args):
            parsed[name][value] += 1
            inside.append(name)
            try:
                return real(value, *args)
            finally:
                inside.pop()

        return parse

    def watched(name, real):
        def call(*args, **kwargs):
            if inside[-1:] != [name]:
                outside.append(f"{real.__name__}{args}")
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(phones, "parse", counted("phones", phones.parse))
    monkeypatch.setattr(hours, "parse", counted("hours", hours.parse))
    monkeypatch.setattr(phonenumbers, "parse", watched("phones", phonenumbers.parse))
    monkeypatch.setattr(opening_hours, "OpeningHours", watched("hours", opening_hours.OpeningHours))

    assert build(FIXTURE_CONTENT, tmp_path / "output")

    assert parsed["phones"] == fixture_values("phone", "text") and parsed["phones"]
    assert parsed["hours"] == fixture_values("hours") and parsed["hours"]
    assert max(parsed["phones"].values()) == max(parsed["hours"].values()) == 1
    assert outside == []


def test_the_entry_carries_what_every_stage_needs(tmp_path):
    """A full number and a short code, weekly hours and 24/7, as the later stages read them."""
    full = phones.parse("0808 157 0123", ["GB"])
    assert (full.written, full.href, full.international, full.home, full.kind, full.regions, full.charge) == (
        "0808 157 0123",
        "+448081570123",
        "+44 808 157 0123",
        "GB",
        "full",
        ("GB",),
        None,
    )
    short = phones.parse("116 123", ["GB", "IE"])
    assert (short.href, short.international, short.home, short.kind, short.regions) == ("116123", None, None, "short", ("GB", "IE"))
    assert phones.parse("0906 123 4567", ["GB"]).charge == "premium-rate"
    assert phones.parse("12345678901234", ["GB"]).regions == ()  # not a number anyone there can dial

    evening = hours.parse("Mo-Th 18:00-23:00; Fr 18:00-02:00")
    assert evening.words == "Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00" and evening.described
    assert evening.for_browser == "1080-1380,2520-2820,3960-4260,5400-5700,6840-7320"
    assert [(o.days, o.opens, o.closes, o.words, o.past_midnight) for o in evening.weekly.openings] == [
        (("Mo", "Tu", "We", "Th"), "18:00", "23:00", "Monday to Thursday, 18:00 to 23:00", False),
        (("Fr",), "18:00", "02:00", "Friday, 18:00 to 02:00", True),
    ]
    always = hours.parse("24/7")
    assert always.always and always.weekly.always and always.for_browser == "" and always.minutes == ((0, 7 * 24 * 60),)
    unusual = hours.parse("Jan-Mar Mo 10:00-12:00")
    assert (unusual.words, unusual.described, unusual.weekly) == ("Jan-Mar Mo 10:00-12:00", False, None)
