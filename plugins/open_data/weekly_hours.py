"""Weekly opening hours as rows of (days, opens, closes), from OpenStreetMap ``opening_hours``.

Both exports need the same rows: HSDS schedules (byday, opens_at, closes_at)
and schema.org OpeningHoursSpecification (dayOfWeek, opens, closes). Only the
weekly forms are understood: "24/7", "Mo-Fr 09:00-18:00; Sa 10:00-14:00",
"Mo-Th 18:00-23:00; Fr 18:00-02:00", "10:00-22:00", "We off", "PH off". As in
opening_hours, a later rule replaces an earlier one for the days it names.
Anything else (months, dates, week numbers, open ends, fallback rules) gives
None, and the exports keep the hours only as words.

Times are local to the entry's time zone. A closing time at or before the
opening time means the next day; midnight as a closing time is written 23:59,
as the HSDS guidance does for 24-hour services.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from entries.hours import ALWAYS, MEMO, describe

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_MINUTES = 24 * 60
_DAY_RANGE = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")
_TIME_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")
_TIME_START = re.compile(r"^\d{2}:\d{2}-")
_CLOSED = ("off", "closed")


@dataclass(frozen=True)
class Opening:
    days: tuple[str, ...]  # opening_hours day codes, Monday first
    opens: str  # HH:MM, local time
    closes: str  # HH:MM; at or before `opens` when the service stays open past midnight
    rule: str = ""  # the same row as one opening_hours rule, e.g. "Mo-Th 18:00-23:00"

    @property
    def past_midnight(self) -> bool:
        return self.closes <= self.opens and not (self.opens == "00:00" and self.closes == "23:59")

    @property
    def words(self) -> str:
        """The row in plain words, as the entry pages put hours: "Monday to Thursday, 18:00 to 23:00"."""
        return describe(self.rule) or self.rule


@dataclass(frozen=True)
class Week:
    openings: tuple[Opening, ...]
    always: bool = False  # open 24 hours a day, every day
    holidays_differ: bool = False  # a public-holiday rule ("PH off") was left out of the rows


def _days(selector: str) -> tuple[str, ...] | None:
    days: list[str] = []
    for piece in selector.split(","):
        match = _DAY_RANGE.match(piece)
        if not match:
            return None
        first, last = match.groups()
        start = DAYS.index(first)
        span = (DAYS.index(last) - start) % 7 if last else 0  # "Sa-Mo" wraps round the week
        days.extend(DAYS[(start + i) % 7] for i in range(span + 1))
    return tuple(d for d in DAYS if d in days)


def _times(spec: str) -> tuple[tuple[int, int], ...] | None:
    """Minutes from midnight; an end after 24:00 ("18:00-26:00") or before the start runs into the next day."""
    if spec in _CLOSED:
        return ()
    if not spec:
        return ((0, DAY_MINUTES),)  # "Mo-Fr" alone: all day
    spans = []
    for piece in spec.split(","):
        match = _TIME_RANGE.match(piece.strip())
        if not match:
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        start, end = h1 * 60 + m1, h2 * 60 + m2
        if m1 > 59 or m2 > 59 or start >= DAY_MINUTES or end > 2 * DAY_MINUTES or end == start:
            return None
        spans.append((start, end))
    return tuple(sorted(spans))


def _clock(minutes: int, closing: bool) -> str:
    if closing and minutes == DAY_MINUTES:
        return "23:59"
    minutes %= DAY_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _selector(days: tuple[str, ...]) -> str:
    """('Mo', 'Tu', 'We', 'Fr') -> 'Mo-We,Fr'."""
    runs: list[list[str]] = []
    for day in days:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _opening(days: tuple[str, ...], start: int, end: int) -> Opening:
    written_end = "24:00" if end == DAY_MINUTES else _clock(end, False)
    rule = f"{_selector(days)} {_clock(start, False)}-{written_end}"
    return Opening(days, _clock(start, False), _clock(end, True), rule)


@lru_cache(maxsize=MEMO)  # both exports ask, for every entry; a Week cannot be changed
def parse(hours: str | None) -> Week | None:
    """The weekly rows for ``hours``, or None when it is absent or not a simple weekly form."""
    if not hours:
        return None
    text = hours.strip()
    if text == ALWAYS:
        return Week((Opening(DAYS, "00:00", "23:59", ALWAYS),), always=True)
    by_day: dict[str, tuple[tuple[int, int], ...]] = {}
    holidays = False
    for rule in (r.strip() for r in text.split(";")):
        if not rule:
            continue
        rule = re.sub(r",\s+", ",", rule)
        if _TIME_START.match(rule) or rule in _CLOSED:
            days, spec = DAYS, rule
        else:
            selector, _, spec = rule.partition(" ")
            spec = spec.strip()
            if selector == "PH":
                holidays = True
                continue
            days = _days(selector)
            if days is None:
                return None
        spans = _times(spec)
        if spans is None:
            return None
        for day in days:
            by_day[day] = spans
    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for day in DAYS:
        if by_day.get(day):
            groups.setdefault(by_day[day], []).append(day)
    if not groups:
        return None
    if len(groups) == 1 and list(groups) == [((0, DAY_MINUTES),)] and len(next(iter(groups.values()))) == 7:
        return Week((Opening(DAYS, "00:00", "23:59", ALWAYS),), always=True, holidays_differ=holidays)
    openings = tuple(_opening(tuple(days), start, end) for spans, days in groups.items() for start, end in spans)
    return Week(openings, holidays_differ=holidays)
