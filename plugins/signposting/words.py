"""The handover's language: the words of a message, a sheet or a contact card in the client's language,
which need not be the page's. Pure functions.

A practitioner on the French site may hand a Spanish-speaking client a Spanish message, so every
tree writes the handover in each of the site's languages. ``Words`` holds one language's catalog
(its gettext, compiled from translations/CODE/LC_MESSAGES/messages.po, as the pages' is) and its
code, for Babel's locale data (day names). The texts in ``_()`` here and in message.py, sheet.py
and vcard.py are messages of the interface's catalogs (babel.cfg reads this folder).

English keeps the words entries.hours has always given it; another language says the weekly rows
(OpeningHours.weekly) with Babel's day names and the catalog's joining words, and hours that have
no simple weekly form as they are written. (The day-range and time-range messages are the ones
entries.hours uses for the pages' hours in the page's language, so one translation serves both.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from babel.dates import get_day_names, get_timezone_location
from entries import hours

SOURCE = "en"  # the language the texts are written in (site_languages.catalogs.SOURCE)
DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _english(text: str) -> str:
    return text


@dataclass(frozen=True)
class Words:
    """One handover language: ``gettext`` from its catalog, ``costs`` its cost labels
    (data/vocabularies.yaml's, translated), ``code`` as data/languages.yaml writes it."""

    code: str = SOURCE
    gettext: Callable[[str], str] = _english
    costs: dict[str, str] = field(default_factory=dict)

    @property
    def source(self) -> bool:
        return self.code == SOURCE


def sentence(text: str) -> str:
    """The first letter in upper case: 'du lundi au vendredi' -> 'Du lundi au vendredi'."""
    return text[:1].upper() + text[1:]


def zone_words(entry, words: Words, brief: bool) -> str:
    """' (United Kingdom Time)', as the entry page says it (entries.hours.zone_words); briefly the zone's city
    in the language, from Babel: ' (London time)', ' (heure de Londres)'. Empty when the time zone does not matter."""
    if not entry.timezone or entry.opening_hours is None or entry.opening_hours.always:
        return ""
    if not brief:
        return f" ({hours.zone_words(entry.timezone, words.code)})"
    try:
        city = get_timezone_location(entry.timezone, locale=words.code, return_city=True)
    except (LookupError, ValueError):
        city = entry.timezone.rsplit("/", 1)[-1].replace("_", " ")
    return " " + words.gettext("(%(timezone)s time)") % {"timezone": city}


def _runs(days: tuple[str, ...]) -> list[tuple[int, int]]:
    """('Mo', 'Tu', 'We', 'Fr') -> [(0, 2), (4, 4)]: runs of days in a row, Monday being 0."""
    runs: list[list[int]] = []
    for index in sorted(DAY_CODES.index(day) for day in days):
        if runs and index == runs[-1][1] + 1:
            runs[-1][1] = index
        else:
            runs.append([index, index])
    return [(first, last) for first, last in runs]


def day_words(days: tuple[str, ...], words: Words, brief: bool) -> str:
    """'du lundi au vendredi', 'tous les jours'; briefly 'lun.-ven.'. Day names from Babel's locale data."""
    _ = words.gettext
    if len(days) == 7:
        return _("every day")
    names = get_day_names("abbreviated" if brief else "wide", locale=words.code)
    said = []
    for first, last in _runs(days):
        if first == last:
            said.append(names[first])
        elif brief:
            said.append(f"{names[first]}-{names[last]}")
        else:
            said.append(_("%(first)s to %(last)s") % {"first": names[first], "last": names[last]})
    return ", ".join(said)


def _clock(time: str) -> str:
    """'23:59' is how entries.hours writes midnight as a closing time: said '24:00'."""
    return "24:00" if time == "23:59" else time


def weekly_words(entry, words: Words, brief: bool) -> str | None:
    """The weekly hours in ``words``' language, without the time zone: 'du lundi au vendredi, de 10:00
    à 18:00'; briefly 'lun.-ven. 10:00-18:00'. None for 24/7 (said as a whole sentence: open_words)
    and for hours with no simple weekly form."""
    _ = words.gettext
    hours = entry.opening_hours
    if hours is None or hours.always or hours.weekly is None or not hours.weekly.openings:
        return None
    by_days: dict[tuple[str, ...], list[str]] = {}  # the times of the same days said together
    for opening in hours.weekly.openings:
        if brief:
            said = f"{opening.opens}-{_clock(opening.closes)}"
        else:
            said = _("%(opens)s to %(closes)s") % {"opens": opening.opens, "closes": _clock(opening.closes)}
        by_days.setdefault(opening.days, []).append(said)
    rows = []
    for days, times in by_days.items():
        if brief:
            rows.append(f"{day_words(days, words, brief)} {', '.join(times)}")
        else:
            joined = times[0] if len(times) == 1 else _("%(first)s and %(last)s") % {"first": ", ".join(times[:-1]), "last": times[-1]}
            rows.append(f"{day_words(days, words, brief)}, {joined}")
    if hours.weekly.holidays_differ:
        rows.append(_("other hours on public holidays"))
    return "; ".join(rows)


def open_words(entry, words: Words, brief: bool) -> str | None:
    """The hours as a sentence in ``words``' language (not English: message.py keeps its own), without
    the time zone: 'Ouvert 24 h/24, 7 j/7'; 'Ouvert du lundi au vendredi, de 10:00 à 18:00'; hours
    with no simple weekly form as written: 'Horaires : Mo-Fr 09:00-17:00; PH off'."""
    _ = words.gettext
    hours = entry.opening_hours
    if hours is None:
        return None
    if hours.always:
        return _("Open 24/7") if brief else _("Open 24 hours a day, every day")
    said = weekly_words(entry, words, brief)
    if said is None:
        return _("Hours: %(hours)s") % {"hours": hours.text}
    return _("Open %(hours)s") % {"hours": said}


def hours_line(entry, words: Words) -> str | None:
    """The hours as a contact card's note says them: 'Hours: Monday to Friday, 10:00 to 18:00 (America/Toronto
    time)'; in another language, hours open all the time as the sentence alone: 'Ouvert 24 heures sur 24...'."""
    _ = words.gettext
    text = hours_text(entry, words)
    if text is None:
        return None
    if entry.opening_hours.always and not words.source:
        return text
    return _("Hours: %(hours)s") % {"hours": text}


def hours_text(entry, words: Words) -> str | None:
    """The hours as the sheet and the contact card say them, with the time zone when it matters, in
    ``words``' language: the entry page's words (entries.hours.in_words and zone_words), 'Monday to
    Friday, 10:00 to 18:00 (Eastern Time)'."""
    if entry.opening_hours is None:
        return None
    text = hours.in_words(entry.opening_hours, words.code, words.gettext)
    if entry.timezone and not entry.opening_hours.always:
        text += f" ({hours.zone_words(entry.timezone, words.code)})"
    return text
