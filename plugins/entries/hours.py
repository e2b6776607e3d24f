"""Opening hours in OpenStreetMap ``opening_hours`` form: parsed once, when an entry is checked.

``parse`` reads an entry's hours into an ``OpeningHours``, which the entry
carries (``Entry.opening_hours``) and every later stage reads: the pages (the
words), the browser's open-now check (the week's open intervals) and the
exports (the weekly rows of HSDS schedules and schema.org
OpeningHoursSpecification). Nothing reads the text again.

Two readers, each for what it does best:

- opening-hours-py, the OpenStreetMap grammar itself, decides whether the
  hours are valid and when in a week the service is open;
- ``_rules``, the one grammar of our own, reads the simple weekly forms ("24/7",
  "Mo-Fr 09:00-18:00; Sa 10:00-14:00", "Mo-Th 18:00-23:00; Fr 18:00-02:00",
  "10:00-22:00", "We off", "PH off") rule by rule, so that they can be said in
  plain words and given as rows of (days, opens, closes). The library does not
  give its rules back. Anything else (months, dates, week numbers, fallback
  rules) is shown as written, and the exports keep it as words only.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import opening_hours
from babel.core import get_global
from babel.dates import format_time, get_day_names, get_timezone_name

ALWAYS = "24/7"
ALWAYS_WORDS = "24 hours a day, every day"
DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_MINUTES = 24 * 60
WEEK_MINUTES = 7 * DAY_MINUTES
_REFERENCE_MONDAY = datetime(2024, 1, 1)  # any Monday: weekly hours repeat, and public holidays are not known here


class HoursError(ValueError):
    """The hours are not in opening_hours form; the message is the library's short reason."""


@dataclass(frozen=True)
class Opening:
    """One weekly row: the days, and the local times it opens and closes on each of them."""

    days: tuple[str, ...]  # opening_hours day codes, Monday first
    opens: str  # HH:MM, local time
    closes: str  # HH:MM; at or before `opens` when the service stays open past midnight; midnight is 23:59
    words: str  # the row in plain words, as the entry pages put hours: "Monday to Thursday, 18:00 to 23:00"

    @property
    def past_midnight(self) -> bool:
        return self.closes <= self.opens and not (self.opens == "00:00" and self.closes == "23:59")


@dataclass(frozen=True)
class Week:
    """The weekly rows. As in opening_hours, a later rule replaces an earlier one for the days it names."""

    openings: tuple[Opening, ...]
    always: bool = False  # open 24 hours a day, every day
    holidays_differ: bool = False  # a public-holiday rule ("PH off") was left out of the rows


@dataclass(frozen=True)
class OpeningHours:
    text: str  # as written, e.g. "Mo-Th 18:00-23:00; Fr 18:00-02:00"
    always: bool  # written "24/7"
    words: str  # plain words ("Monday to Thursday, 18:00 to 23:00; ..."), or the text as written
    described: bool  # whether `words` are ours rather than the text as written
    minutes: tuple[tuple[int, int], ...]  # open intervals in a week of local time, minutes from Monday 00:00
    weekly: Week | None  # the weekly rows, or None when the form is not a simple weekly one
    rules: tuple[_Rule, ...] | None = None  # the simple weekly form rule by rule, for the words in another language

    @property
    def for_browser(self) -> str:
        """The open intervals as open-now.js reads them ("start-end,..."); empty for 24/7."""
        return "" if self.always else ",".join(f"{a}-{b}" for a, b in self.minutes)


def parse(text: str) -> OpeningHours:
    """Read ``text`` once; raises HoursError with a short reason when it is not in opening_hours form."""
    if text.strip() == ALWAYS:
        every_day = Opening(DAYS, "00:00", "23:59", ALWAYS_WORDS)
        return OpeningHours(text, True, every_day.words, True, ((0, WEEK_MINUTES),), Week((every_day,), always=True), ())
    try:
        schedule = opening_hours.OpeningHours(text)
    except (SyntaxError, ValueError, opening_hours.ParserError) as exc:
        raise HoursError(str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error") from None
    rules = _rules(text)
    words = _describe(rules) if rules is not None else None
    return OpeningHours(
        text=text,
        always=False,
        words=words or text,
        described=words is not None,
        minutes=_open_minutes(schedule),
        weekly=_week(rules) if rules is not None else None,
        rules=rules if words is not None else None,
    )


# Names in the time-zone database that are not time zones a browser knows: the
# machine's own zone, and files kept for old systems (Chromium throws on them,
# which stopped "Open now" on every entry after the one that named one).
NOT_ZONES = frozenset({"localtime", "posixrules", "Factory"})


@cache
def known_timezones() -> frozenset[str]:
    """The IANA time zones an entry may name: Python's database, less the names browsers reject."""
    return frozenset(name for name in available_timezones() if name not in NOT_ZONES and not name.startswith(("posix/", "right/")))


def timezone_error(name: str) -> str | None:
    if name not in known_timezones():
        return "not a known IANA time zone"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "not a known IANA time zone"
    return None


def closest_timezone(name: str) -> str | None:
    match = difflib.get_close_matches(name, sorted(known_timezones()), n=1, cutoff=0.6)
    return match[0] if match else None


# --- when in the week it is open (the library) ---------------------------------


def _open_minutes(schedule: opening_hours.OpeningHours) -> tuple[tuple[int, int], ...]:
    """Open intervals in a week of local time, as minutes from Monday 00:00 (the end may pass the week's end).

    The browser's open-now check (theme/static/js/open-now.js) reads these
    with the service's time zone, so daylight-saving changes are handled by
    the browser's own time-zone data.
    """
    start = _REFERENCE_MONDAY
    spans = []
    for begin, end, state, _comment in schedule.intervals(start, start + timedelta(days=8)):
        if str(state).lower().endswith("open") and begin < start + timedelta(days=7):
            spans.append((int((begin - start).total_seconds() // 60), int((end - start).total_seconds() // 60)))
    return tuple(spans)


# --- the simple weekly forms, rule by rule (our grammar) ------------------------

_DAY_RANGE = re.compile(r"^(?:(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?|(PH))$")
_SPAN = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})(\+?)$")
_TIME_START = re.compile(r"^\d{2}:\d{2}-")
_CLOSED = ("off", "closed")


@dataclass(frozen=True)
class _Rule:
    ranges: tuple[tuple[str, str | None], ...]  # the days as written: ("Mo", "Fr"), ("Sa", None), ("PH", None); () for every day
    spans: tuple[tuple[int, int], ...]  # minutes from midnight as written; the end may be after 24:00 ("18:00-26:00")
    closed: bool = False  # "off" or "closed"
    open_end: bool = False  # a time ends in "+": open until no one knows when


def _rules(text: str) -> tuple[_Rule, ...] | None:
    """The rules of a simple weekly form, or None when ``text`` is any other form."""
    rules = []
    for written in (r.strip() for r in text.split(";")):
        if not written:
            continue
        written = re.sub(r",\s+", ",", written)
        if _TIME_START.match(written) or written in _CLOSED:
            ranges, spec = (), written
        else:
            selector, _, spec = written.partition(" ")
            ranges = _ranges(selector)
            spec = spec.strip()
        rule = None if ranges is None else _times(ranges, spec)
        if rule is None:
            return None
        rules.append(rule)
    return tuple(rules)


def _ranges(selector: str) -> tuple[tuple[str, str | None], ...] | None:
    ranges = []
    for piece in selector.split(","):
        match = _DAY_RANGE.match(piece)
        if not match:
            return None
        first, last, holidays = match.groups()
        ranges.append((holidays, None) if holidays else (first, last))
    return tuple(ranges)


def _times(ranges: tuple[tuple[str, str | None], ...], spec: str) -> _Rule | None:
    if spec in _CLOSED:
        return _Rule(ranges, (), closed=True)
    if not spec:
        return _Rule(ranges, ())  # "Mo-Fr" alone: all day
    spans, open_end = [], False
    for piece in spec.split(","):
        match = _SPAN.match(piece.strip())
        if not match:
            return None
        h1, m1, h2, m2 = (int(g) for g in match.groups()[:4])
        if m1 > 59 or m2 > 59:
            return None
        spans.append((h1 * 60 + m1, h2 * 60 + m2))
        open_end = open_end or bool(match.group(5))
    return _Rule(ranges, tuple(spans), open_end=open_end)


# --- in words -------------------------------------------------------------------
#
# The words are messages of the interface's catalogs (babel.cfg reads this file), so that each tree says
# the hours in its language: ``_`` is the page's gettext (by default the English itself) and ``language``
# its code, for Babel's day names and times ("lundi", "9:00"). The English words are the ones `parse`
# gives every entry (OpeningHours.words), which the open data keeps.


def _english(text: str) -> str:
    return text


def in_words(hours: OpeningHours, language: str = "en", _=_english) -> str:
    """The hours in plain words in ``language``: "Du lundi au vendredi, de 09:00 à 18:00"; the text as
    written when it has no simple weekly form."""
    if hours.always:
        return _sentence(_("24 hours a day, every day"))
    if hours.rules is None:
        return hours.text
    return _describe(hours.rules, language, _) or hours.text


def zone_words(timezone: str, language: str = "en") -> str:
    """A time zone as people call it, from Babel's locale data (CLDR): 'America/Los_Angeles' ->
    'Pacific Time', 'heure du Pacifique nord-américain', 'hora del Pacífico'. A zone of no country
    ('UTC', 'Etc/GMT+5'), which Babel would call 'Unknown Region', keeps its IANA name."""
    if get_global("zone_territories").get(timezone) in (None, "ZZ", "001"):
        return timezone
    try:
        return get_timezone_name(timezone, "long", "generic", locale=language)
    except (LookupError, ValueError):
        return timezone


def _describe(rules: tuple[_Rule, ...], language: str = "en", _=_english) -> str | None:
    """Plain words for each rule ("Monday to Friday, 09:00 to 18:00"), or None when a rule has no
    words (a rule of days alone, or "off" for every day): the hours are then shown as written."""
    said = []
    if not rules:
        return None
    for rule in rules:
        if not rule.spans and not (rule.closed and rule.ranges):
            return None
        # TRANSLATORS: hours: days on which a service is closed, as in "Public holidays, closed"
        times = _("closed") if rule.closed else _spans_words(rule.spans, language, _)
        # TRANSLATORS: hours: days, then times, as in "Monday to Friday, 09:00 to 18:00"
        said.append(_("%(days)s, %(times)s") % {"days": _day_words(rule.ranges, language, _), "times": times})
    return _sentence("; ".join(said))


def _spans_words(spans, language: str, _) -> str:
    """The times of a day in words: '09:00 to 12:00 and 13:00 to 17:00'."""
    # TRANSLATORS: hours: from a time to another, as in "09:00 to 18:00" (French "de 09:00 à 18:00")
    words = [_("%(opens)s to %(closes)s") % {"opens": _clock(a, language, _), "closes": _clock(b, language, _)} for a, b in spans]
    said = words[0]
    for more in words[1:]:
        said = _("%(first)s and %(last)s") % {"first": said, "last": more}
    return said


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _day_name(code: str, language: str, _) -> str:
    if code == "PH":
        return _("public holidays")
    return _day_names(language)[DAYS.index(code)]


@cache
def _day_names(language: str) -> tuple[str, ...]:
    """Monday to Sunday in ``language``, from Babel's locale data: 'Monday', 'lundi', 'lunes'."""
    names = get_day_names("wide", locale=language)
    return tuple(names[i] for i in range(7))


def _day_words(ranges: tuple[tuple[str, str | None], ...], language: str = "en", _=_english) -> str:
    if not ranges:
        return _("every day")
    words = []
    for first, last in ranges:
        if last is None:
            words.append(_day_name(first, language, _))
        elif (first, last) == ("Mo", "Su"):
            words.append(_("every day"))
        else:
            # TRANSLATORS: hours: a range of days, as in "Monday to Friday" (French "du lundi au vendredi")
            words.append(_("%(first)s to %(last)s") % {"first": _day_name(first, language, _), "last": _day_name(last, language, _)})
    return ", ".join(words)


def _clock(minutes: int, language: str = "en", _=_english) -> str:
    if minutes in (0, DAY_MINUTES):
        # TRANSLATORS: hours: a time, as in "17:00 to midnight"
        return _("midnight")
    if minutes == 12 * 60:
        return _("noon")
    if minutes > DAY_MINUTES:  # as written, past the day's end: "26:00"
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return _time(minutes, language)


@cache
def _time(minutes: int, language: str) -> str:
    """A time of day as ``language`` writes it, from Babel's locale data ('09:00', '9:00' in Spanish);
    English keeps the 24-hour form the site has always used."""
    return format_time(time(minutes // 60, minutes % 60), "HH:mm" if language == "en" else "short", locale=language)


# --- as weekly rows -----------------------------------------------------------------


def _week(rules: tuple[_Rule, ...]) -> Week | None:
    """The rows for HSDS schedules and schema.org OpeningHoursSpecification, or None when the rules
    are not plain weekly times (an open end, a time past 48:00, public holidays named with other days).

    Times are local to the entry's time zone. A closing time at or before the
    opening time means the next day; midnight as a closing time is written
    23:59, as the HSDS guidance does for 24-hour services.
    """
    by_day: dict[str, tuple[tuple[int, int], ...]] = {}
    holidays = False
    for rule in rules:
        if rule.ranges == (("PH", None),):
            holidays = True
            continue
        days = _days(rule.ranges)
        spans = _day_spans(rule)
        if days is None or spans is None:
            return None
        for day in days:
            by_day[day] = spans
    groups: dict[tuple[tuple[int, int], ...], list[str]] = {}
    for day in DAYS:
        if by_day.get(day):
            groups.setdefault(by_day[day], []).append(day)
    if not groups:
        return None
    if list(groups) == [((0, DAY_MINUTES),)] and len(groups[((0, DAY_MINUTES),)]) == 7:
        return Week((Opening(DAYS, "00:00", "23:59", ALWAYS_WORDS),), always=True, holidays_differ=holidays)
    openings = tuple(_opening(tuple(days), start, end) for spans, days in groups.items() for start, end in spans)
    return Week(openings, holidays_differ=holidays)


def _days(ranges: tuple[tuple[str, str | None], ...]) -> tuple[str, ...] | None:
    if not ranges:
        return DAYS
    days: list[str] = []
    for first, last in ranges:
        if first == "PH":
            return None
        start = DAYS.index(first)
        span = (DAYS.index(last) - start) % 7 if last else 0  # "Sa-Mo" wraps round the week
        days.extend(DAYS[(start + i) % 7] for i in range(span + 1))
    return tuple(d for d in DAYS if d in days)


def _day_spans(rule: _Rule) -> tuple[tuple[int, int], ...] | None:
    """Minutes from midnight; an end after 24:00 ("18:00-26:00") or before the start runs into the next day."""
    if rule.closed:
        return ()
    if not rule.spans:
        return ((0, DAY_MINUTES),)  # "Mo-Fr" alone: all day
    if rule.open_end:
        return None
    for start, end in rule.spans:
        if start >= DAY_MINUTES or end > 2 * DAY_MINUTES or end == start:
            return None
    return tuple(sorted(rule.spans))


def _hhmm(minutes: int) -> str:
    minutes %= DAY_MINUTES
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _runs(days: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    """('Mo', 'Tu', 'We', 'Fr') -> (('Mo', 'We'), ('Fr', None))."""
    runs: list[list[str]] = []
    for day in days:
        if runs and DAYS.index(day) == DAYS.index(runs[-1][-1]) + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return tuple((run[0], run[-1] if len(run) > 1 else None) for run in runs)


def _opening(days: tuple[str, ...], start: int, end: int) -> Opening:
    closing = DAY_MINUTES if end == DAY_MINUTES else end % DAY_MINUTES
    words = _sentence(f"{_day_words(_runs(days))}, {_clock(start % DAY_MINUTES)} to {_clock(closing)}")  # English, for the exports
    return Opening(days, _hhmm(start), "23:59" if end == DAY_MINUTES else _hhmm(end), words)
