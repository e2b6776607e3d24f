"""Rural reach: from an entry's metadata alone, how well it reaches people far from services.

One small function per flag, each returning a Flag or None; ``assess`` gathers
them and sets the level. Everything takes ``today`` so results never depend on
the day the tests run.

A flag's message is in English (the JSON output and `invoke check`); the pages say it in their
language with ``Flag.words``: data/reach_flags.yaml's reasons and the words below are messages
of the interface's catalogs (babel.cfg).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from entries.places import region_name

from . import data

INTERNET_CHANNELS = {"chat", "video", "app", "forum", "social-media", "email", "website"}
REMOTE_CHANNELS = INTERNET_CHANNELS | {"phone", "text"}
LEVELS = ("wide", "partial", "limited")


def _english(text: str) -> str:
    return text


@dataclass(frozen=True)
class Flag:
    code: str
    message: str  # in English: the reason with its values filled in
    reason: str = ""  # as data/reach_flags.yaml words it, with {places}, {cost}, {date} or {months} in it
    values: tuple[tuple[str, object], ...] = ()  # (name, value): the values as data, said in each language by ``words``

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}

    def words(self, language: str = "en", _=_english) -> str:
        """The message in ``language``, with the page's gettext ``_``: its reason from the catalog, its
        values in that language (a list joined with 'et', a date '1 octobre 2026', a number '1 234')."""
        if not self.reason:
            return self.message
        values = {name: _value_words(name, value, language, _) for name, value in self.values}
        try:
            return _(self.reason).format(**values)
        except (KeyError, IndexError, ValueError):  # a translation naming a value the English does not give
            return self.reason.format(**values)


def _value_words(name: str, value, language: str, _) -> str:
    if name == "places":
        return format_list(list(value), locale="en_GB" if language == "en" else language)
    if name == "cost":
        return cost_words(value, _)
    if name == "date":
        return format_date(value, "d MMMM y" if language == "en" else "long", locale=language)
    if name == "months":
        return format_decimal(value, locale=language)
    return str(value)


def cost_words(cost: str | None, _=_english) -> str:
    """Why a service's cost may keep people away, in words."""
    if cost is None:
        return _("Its cost is not stated, so people cannot tell whether they can afford it.")
    if cost == "low-cost":
        return _("It charges a small fee, which can still stop people on a low income.")
    if cost == "paid":
        return _("It charges a fee, which can stop people on a low income.")
    if cost == "mixed":
        return _("Some of it is free and some is paid.")
    if cost == "free-or-call-charges":
        return _("The service is free, but from some phones a call costs as much as an ordinary call.")
    return _("It is not free (%(cost)s).") % {"cost": cost}


def level_words(level: str, _=_english) -> str:
    """The heading of a reach level: 'Rural reach: wide'. Whole sentences, so that a translation can
    make the word agree with the words before it."""
    # TRANSLATORS: on an entry's page, for practitioners: how well the service reaches people far from towns
    if level == "wide":
        return _("Rural reach: wide")
    if level == "partial":
        return _("Rural reach: partial")
    return _("Rural reach: limited")


@dataclass
class Reach:
    level: str
    flags: list[Flag] = field(default_factory=list)

    def codes(self) -> list[str]:
        return [f.code for f in self.flags]

    def as_dict(self) -> dict:
        return {"level": self.level, "flags": [f.as_dict() for f in self.flags]}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def review_months(entry, intervals: dict[str, int]) -> int:
    """How many months may pass before the entry's details are checked again (data/review_intervals.yaml)."""
    return intervals.get(entry.kind, intervals.get("default", 12))


def is_stale(entry, today: date, intervals: dict[str, int]) -> bool:
    """Whether the entry was last reviewed longer ago than its kind's review interval."""
    return entry.last_reviewed is not None and entry.last_reviewed < months_before(today, review_months(entry, intervals))


def _flag(code: str, wording: dict, **values) -> Flag:
    reason = wording[code]["reason"]
    flag = Flag(code, "", reason, tuple(values.items()))
    return Flag(code, flag.words(), reason, flag.values)


def in_person_only(entry, wording):
    if entry.channels == ["in-person"]:
        return _flag("in-person-only", wording)
    return None


def broadband_only(entry, wording):
    channels = set(entry.channels)
    if channels and channels <= INTERNET_CHANNELS:
        return _flag("broadband-only", wording)
    return None


def social_media_only(entry, wording):
    if entry.channels == ["social-media"]:
        return _flag("social-media-only", wording)
    return None


def local_only(entry, wording):
    if not (entry.locations or entry.regions):
        return None
    if set(entry.channels) & REMOTE_CHANNELS:
        return None
    places = entry.locations or [region_name(r) for r in entry.regions]
    return _flag("local-only", wording, places=tuple(places))


def crisis_not_24_7(entry, wording):
    if entry.kind == "crisis-helpline" and not entry.is_24_7:
        return _flag("crisis-not-24-7", wording)
    return None


def cost_not_free(entry, wording):
    if entry.cost == "free":
        return None
    return _flag("cost-not-free", wording, cost=entry.cost)


def unreviewed(entry, wording, today, intervals):
    if entry.last_reviewed is None:
        return _flag("unreviewed", wording)
    return None


def stale(entry, wording, today, intervals):
    if is_stale(entry, today, intervals):
        return _flag("stale", wording, date=entry.last_reviewed, months=review_months(entry, intervals))
    return None


REACH_CHECKS = (in_person_only, broadband_only, social_media_only, local_only, crisis_not_24_7, cost_not_free)
TRUST_CHECKS = (unreviewed, stale)


def assess(entry, today: date, wording: dict | None = None, intervals: dict[str, int] | None = None) -> Reach | None:
    """The entry's reach level and flags; None for practitioner tips."""
    if entry.kind == "practitioner-tip":
        return None
    wording = wording or data.reach_flags()
    intervals = intervals if intervals is not None else data.review_intervals()
    flags = [f for check in REACH_CHECKS if (f := check(entry, wording))]
    flags += [f for check in TRUST_CHECKS if (f := check(entry, wording, today, intervals))]
    levels = {wording[f.code].get("level") for f in flags}
    level = "limited" if "limited" in levels else "partial" if "partial" in levels else "wide"
    return Reach(level, flags)
