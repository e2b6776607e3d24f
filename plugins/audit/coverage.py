"""Coverage: for each country and region, how many entries of each kind reach it.

A national entry reaches every region of its countries; a regional entry
reaches its region and the regions inside it; a worldwide entry reaches
everywhere. Only active entries count: a closed service reaches nobody.
Practitioner tips reach no place, so they have no column.
"""

from __future__ import annotations

from dataclasses import dataclass

from entries.places import country_name, region_ancestors, region_name

KINDS = ("crisis-helpline", "peer-community", "recovery-account")


@dataclass
class Cell:
    area: str
    kind: str
    entries: int = 0
    without_broadband: int = 0
    open_24_7: int = 0
    free: int = 0

    def add(self, entry) -> None:
        self.entries += 1
        self.without_broadband += entry.without_broadband
        self.open_24_7 += entry.is_24_7
        self.free += entry.cost == "free"

    def as_dict(self) -> dict:
        return {
            "area": self.area,
            "kind": self.kind,
            "entries": self.entries,
            "without_broadband": self.without_broadband,
            "open_24_7": self.open_24_7,
            "free": self.free,
        }


@dataclass
class Area:
    code: str
    name: str
    country: str
    cells: dict[str, Cell]

    @property
    def is_region(self) -> bool:
        return self.code != self.country

    @property
    def gaps(self) -> list[str]:
        """Why this area is a gap, in words; empty when it is not one."""
        return gap_words(self)

    def name_in(self, language: str) -> str:
        """The area's name as a page in ``language`` shows it: 'Quebec (Canada)'; 'Royaume-Uni' in French."""
        if not self.is_region:
            return country_name(self.code, language)
        return f"{region_name(self.code)} ({country_name(self.country, language)})"


def _english(text: str) -> str:
    return text


def gap_words(area: Area, _=_english) -> list[str]:
    """Why ``area`` is a gap, in the words of the page's gettext ``_`` (messages of the catalogs: babel.cfg)."""
    found = []
    if area.cells["crisis-helpline"].open_24_7 == 0:
        found.append(_("no crisis line open 24/7"))
    if area.cells["peer-community"].without_broadband == 0:
        found.append(_("no peer community reachable without broadband"))
    return found


def reaches(entry, area: str) -> bool:
    if entry.worldwide:
        return True
    if "-" not in area:  # a country: entries for the whole of it
        return area in entry.countries and not any(r.startswith(area + "-") for r in entry.regions)
    country = area.split("-", 1)[0]
    if country not in entry.countries:
        return False
    own = [r for r in entry.regions if r.startswith(country + "-")]
    if not own:
        return True  # national
    ancestors = region_ancestors(area)
    return any(r in ancestors for r in own)


def areas_for(entries, configured: dict[str, list[str]]) -> list[str]:
    codes: set[str] = set()
    for entry in entries:
        codes.update(c for c in entry.countries if c != "worldwide")
        codes.update(entry.regions)
    for country in list(c for c in codes if "-" not in c):
        codes.update(configured.get(country, []))
    codes.update(r.split("-", 1)[0] for r in list(codes) if "-" in r)
    return sorted(codes)


def coverage(entries, configured: dict[str, list[str]] | None = None) -> list[Area]:
    """Areas with their cells, gaps first, then by country and name."""
    active = [e for e in entries if e.status == "active" and e.kind in KINDS]
    areas = []
    for code in areas_for(active, configured or {}):
        country = code.split("-", 1)[0]
        area = Area(code, "", country, {kind: Cell(code, kind) for kind in KINDS})
        area.name = area.name_in("en")
        for entry in active:
            if reaches(entry, code):
                area.cells[entry.kind].add(entry)
        areas.append(area)
    areas.sort(key=lambda a: (not a.gaps, country_name(a.country), a.is_region, a.name))
    return areas


def as_rows(areas: list[Area]) -> list[dict]:
    """The JSON form: one row per area and kind."""
    return [area.cells[kind].as_dict() for area in areas for kind in KINDS]
