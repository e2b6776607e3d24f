"""Rural reach: from an entry's metadata alone, how well it reaches people far from services.

One small function per flag, each returning a Flag or None; ``assess`` gathers
them and sets the level. Everything takes ``today`` so results never depend on
the day the tests run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from entries.places import region_name

from . import data

INTERNET_CHANNELS = {"chat", "video", "app", "forum", "social-media", "email", "website"}
REMOTE_CHANNELS = INTERNET_CHANNELS | {"phone", "text"}
LEVELS = ("wide", "partial", "limited")


@dataclass(frozen=True)
class Flag:
    code: str
    message: str

    def as_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


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
    return Flag(code, wording[code]["reason"].format(**values))


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
    named = ", ".join(places[:-1]) + " and " + places[-1] if len(places) > 1 else places[0]
    return _flag("local-only", wording, places=named)


def crisis_not_24_7(entry, wording):
    if entry.kind == "crisis-helpline" and not entry.is_24_7:
        return _flag("crisis-not-24-7", wording)
    return None


def cost_not_free(entry, wording):
    if entry.cost == "free":
        return None
    if entry.cost is None:
        text = "Its cost is not stated, so people cannot tell whether they can afford it."
    else:
        text = {
            "low-cost": "It charges a small fee, which can still stop people on a low income.",
            "paid": "It charges a fee, which can stop people on a low income.",
            "mixed": "Some of it is free and some is paid.",
            "free-or-call-charges": "The service is free, but from some phones a call costs as much as an ordinary call.",
        }.get(entry.cost, f"It is not free ({entry.cost}).")
    return Flag("cost-not-free", wording["cost-not-free"]["reason"].format(cost=text))


def unreviewed(entry, wording, today, intervals):
    if entry.last_reviewed is None:
        return _flag("unreviewed", wording)
    return None


def stale(entry, wording, today, intervals):
    if is_stale(entry, today, intervals):
        return _flag(
            "stale", wording, date=f"{entry.last_reviewed.day} {entry.last_reviewed:%B %Y}", months=review_months(entry, intervals)
        )
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
