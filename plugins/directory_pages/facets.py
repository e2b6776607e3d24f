"""Group entries for the browse pages and the Get help now page. Pure functions."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from entries.emergency import crisis_lines, help_lines, listed, sort_key
from entries.places import country_name, region_name

__all__ = ["crisis_lines", "listed", "sort_key"]  # from the core, used here and by the pages


def group_by(entries, attribute: str) -> dict[str, list]:
    """{value: entries} for a list field such as topics, audiences or channels."""
    groups: dict[str, list] = defaultdict(list)
    for entry in entries:
        for value in getattr(entry, attribute) or []:
            groups[value].append(entry)
    return {key: listed(value) for key, value in sorted(groups.items())}


@dataclass
class CountryGroup:
    code: str
    name: str
    national: list = field(default_factory=list)  # reach the whole country
    regional: dict[str, list] = field(default_factory=dict)  # region code -> entries for part of it
    worldwide: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.national) + sum(len(v) for v in self.regional.values())


def only_without_broadband(group: CountryGroup) -> CountryGroup:
    """The same group, keeping only services reachable by phone or text."""
    keep = [e for e in group.national if e.without_broadband]
    regional = {code: [e for e in items if e.without_broadband] for code, items in group.regional.items()}
    return CountryGroup(
        group.code, group.name, keep, {k: v for k, v in regional.items() if v}, [e for e in group.worldwide if e.without_broadband]
    )


def by_country(entries, language: str = "en") -> list[CountryGroup]:
    """One group per country named by any entry, sorted by country name (in ``language``)."""
    worldwide = listed(e for e in entries if e.worldwide)
    groups: dict[str, CountryGroup] = {}
    for entry in entries:
        for code in entry.countries:
            if code == "worldwide":
                continue
            group = groups.setdefault(code, CountryGroup(code, country_name(code, language), worldwide=worldwide))
            regions = [r for r in entry.regions if r.startswith(code + "-")]
            if regions:
                for region in regions:
                    group.regional.setdefault(region, []).append(entry)
            else:
                group.national.append(entry)
    for group in groups.values():
        group.national = listed(group.national)
        group.regional = {k: listed(v) for k, v in sorted(group.regional.items(), key=lambda kv: region_name(kv[0]))}
    return sorted(groups.values(), key=lambda g: (alphabetical(g.name), g.code))


# Get help now: one page per country (get-help-now/<cc>.html), the index of countries at get-help-now.html.
MAX_LINES = 8  # crisis lines a country page shows before it links the full list (the 14 kB budget at 10,000 entries)
MAX_WORLD = 4  # lines for anywhere in the world shown on every country page
OTHER_NAMES = {"AC": "Ascension Island", "XK": "Kosovo"}  # regions libphonenumber names that ISO 3166-1 does not


def help_country_name(code: str, language: str = "en") -> str:
    """The name Get help now shows: in another language, Babel's; in English, or where Babel has none, ours."""
    name = country_name(code, language)
    return name if language != "en" and name != code else OTHER_NAMES.get(code) or name


def alphabetical(name: str) -> str:
    """'Åland Islands' sorts with the A's."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


@dataclass
class HelpCountry:
    code: str
    name: str
    emergency: list[dict]  # from data/emergency_numbers.yaml: {number, note?}
    lines: list  # every crisis line for the country, the right line first (entries.emergency.rank)
    world: list  # the lines for anywhere in the world, in the same order
    without_speaking: dict | None = None  # from data/without_speaking.yaml: {how, source}
    browse: bool = False  # whether browse/country/<cc>.html exists (an entry names the country)

    @property
    def page_url(self) -> str:
        return f"get-help-now/{self.code.lower()}.html"

    @property
    def shown(self) -> list:
        return self.lines[:MAX_LINES]

    @property
    def shown_world(self) -> list:
        return self.world[:MAX_WORLD]

    @property
    def not_shown(self) -> int:
        return len(self.lines) - len(self.shown)


def in_words_of(item: dict | None, key: str, gettext) -> dict | None:
    """A data file's item with its text under ``key`` in the page's language (``gettext``: the tree's
    catalog, which has the data files' texts: babel.cfg); the item as it is when it has no such text."""
    if not item or not item.get(key):
        return item
    return {**item, key: gettext(item[key])}


def get_help(
    entries,
    emergency_numbers: dict[str, list[dict]],
    without_speaking: dict | None = None,
    language: str = "en",
    gettext=lambda text: text,
) -> list[HelpCountry]:
    """One HelpCountry per region with an emergency number or a crisis line, sorted by name (in ``language``),
    the numbers' notes and the ways without speaking in its words (``gettext``)."""
    without_speaking = without_speaking or {}
    named = {code for entry in entries for code in entry.countries if code != "worldwide"}
    codes = set(emergency_numbers) | {c for e in entries if e.kind == "crisis-helpline" for c in e.countries if c != "worldwide"}
    world = help_lines(entries, "worldwide")
    out = [
        HelpCountry(
            code,
            help_country_name(code, language),
            [in_words_of(number, "note", gettext) for number in emergency_numbers.get(code, [])],
            help_lines(entries, code),
            world,
            in_words_of(without_speaking.get(code), "how", gettext),
            code in named,
        )
        for code in codes
    ]
    return sorted(out, key=lambda c: (alphabetical(c.name), c.code))
