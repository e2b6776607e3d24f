"""Opening hours in OpenStreetMap ``opening_hours`` form, parsed by opening-hours-py."""

from __future__ import annotations

import re
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import opening_hours

ALWAYS = "24/7"

DAY_NAMES = {
    "Mo": "Monday",
    "Tu": "Tuesday",
    "We": "Wednesday",
    "Th": "Thursday",
    "Fr": "Friday",
    "Sa": "Saturday",
    "Su": "Sunday",
    "PH": "public holidays",
}


# Many entries share their hours ("24/7", "Mo-Fr 09:00-17:00"): the answers
# below are remembered for each hours text (they are strings, never changed).
MEMO = 4096


@lru_cache(maxsize=MEMO)
def parse_error(hours: str) -> str | None:
    """None when ``hours`` parses, otherwise a short reason."""
    if hours.strip() == ALWAYS:
        return None
    try:
        opening_hours.OpeningHours(hours)
    except (SyntaxError, ValueError, opening_hours.ParserError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
        return first
    return None


def timezone_error(name: str) -> str | None:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "not a known IANA time zone"
    return None


def closest_timezone(name: str) -> str | None:
    import difflib

    match = difflib.get_close_matches(name, sorted(available_timezones()), n=1, cutoff=0.6)
    return match[0] if match else None


_DAY_RANGE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_TIME_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})\+?$")


def _days(selector: str) -> str | None:
    parts = []
    for piece in selector.split(","):
        match = _DAY_RANGE.match(piece.strip())
        if not match:
            return None
        first, last = match.groups()
        if last:
            if (first, last) == ("Mo", "Su"):
                parts.append("every day")
            else:
                parts.append(f"{DAY_NAMES[first]} to {DAY_NAMES[last]}")
        else:
            parts.append(DAY_NAMES[first])
    return ", ".join(parts)


def _clock(hh: str, mm: str) -> str:
    if hh == "24" and mm == "00":
        return "midnight"
    if hh == "00" and mm == "00":
        return "midnight"
    if hh == "12" and mm == "00":
        return "noon"
    return f"{hh}:{mm}"


def _times(spec: str) -> str | None:
    if spec.strip() == "off":
        return "closed"
    out = []
    for piece in spec.split(","):
        match = _TIME_RANGE.match(piece.strip())
        if not match:
            return None
        h1, m1, h2, m2 = match.groups()
        out.append(f"{_clock(h1, m1)} to {_clock(h2, m2)}")
    return " and ".join(out)


def describe(hours: str | None) -> str | None:
    """Plain words for the common forms ("Monday to Friday, 09:00 to 18:00").

    Falls back to the hours as written when the form is not one of the simple
    weekly ones, so nothing is ever hidden from the reader.
    """
    if not hours:
        return None
    if hours.strip() == ALWAYS:
        return "24 hours a day, every day"
    rules = []
    for rule in (r.strip() for r in hours.split(";") if r.strip()):
        selector, _, spec = rule.partition(" ")
        if not spec and _TIME_RANGE.match(selector):
            days, times = "every day", _times(selector)
        else:
            days, times = _days(selector), _times(spec)
        if days is None or times is None:
            return hours
        rules.append(f"{days}, {times}")
    text = "; ".join(rules)
    return text[0].upper() + text[1:]


WEEK_MINUTES = 7 * 24 * 60
_REFERENCE_MONDAY = (2024, 1, 1)  # any Monday: weekly hours repeat, and public holidays are not known here


def weekly_minutes(hours: str | None) -> list[tuple[int, int]]:
    """Open intervals in a week of local time, as minutes from Monday 00:00 (the end may pass the week's end).

    The browser's open-now check (theme/static/js/open-now.js) reads these
    with the service's time zone, so daylight-saving changes are handled by
    the browser's own time-zone data.
    """
    from datetime import datetime, timedelta

    if not hours or parse_error(hours):
        return []
    if hours.strip() == ALWAYS:
        return [(0, WEEK_MINUTES)]
    start = datetime(*_REFERENCE_MONDAY)
    spans = []
    for begin, end, state, _comment in opening_hours.OpeningHours(hours).intervals(start, start + timedelta(days=8)):
        if str(state).lower().endswith("open") and begin < start + timedelta(days=7):
            first = int((begin - start).total_seconds() // 60)
            last = int((end - start).total_seconds() // 60)
            spans.append((first, last))
    return spans


@lru_cache(maxsize=MEMO)
def week_for_browser(hours: str | None, timezone: str | None) -> str:
    """The weekly intervals as open-now.js reads them; empty for 24/7, or without hours or a time zone."""
    if not hours or hours.strip() == ALWAYS or not timezone:
        return ""
    return ",".join(f"{a}-{b}" for a, b in weekly_minutes(hours))
