"""Group entries for the browse pages and the Get help now page. Pure functions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from entries.emergency import crisis_lines, listed, sort_key
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


def by_country(entries) -> list[CountryGroup]:
    """One group per country named by any entry, sorted by country name."""
    worldwide = listed(e for e in entries if e.worldwide)
    groups: dict[str, CountryGroup] = {}
    for entry in entries:
        for code in entry.countries:
            if code == "worldwide":
                continue
            group = groups.setdefault(code, CountryGroup(code, country_name(code), worldwide=worldwide))
            regions = [r for r in entry.regions if r.startswith(code + "-")]
            if regions:
                for region in regions:
                    group.regional.setdefault(region, []).append(entry)
            else:
                group.national.append(entry)
    for group in groups.values():
        group.national = listed(group.national)
        group.regional = {k: listed(v) for k, v in sorted(group.regional.items(), key=lambda kv: region_name(kv[0]))}
    return sorted(groups.values(), key=lambda g: g.name)


@dataclass
class HelpCountry:
    code: str
    name: str
    emergency: list[dict]
    lines: list


def get_help(entries, emergency_numbers: dict[str, list[dict]]) -> list[HelpCountry]:
    """Per country: emergency numbers and the 24/7 crisis lines, then worldwide lines."""
    codes = set(emergency_numbers)
    for entry in entries:
        if entry.kind == "crisis-helpline":
            codes.update(c for c in entry.countries if c != "worldwide")
    out = [HelpCountry(code, country_name(code), emergency_numbers.get(code, []), crisis_lines(entries, code)) for code in codes]
    out.sort(key=lambda c: c.name)
    world = crisis_lines(entries, "worldwide")
    if world:
        out.append(HelpCountry("worldwide", "Anywhere in the world", [], world))
    return out
