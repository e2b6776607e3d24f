"""Where an entry reaches, as areas: the whole of a country, or only the regions it names there."""

from __future__ import annotations

from dataclasses import dataclass

from entries.places import country_name, region_name

WORLDWIDE = "worldwide"


@dataclass(frozen=True)
class Area:
    code: str  # ISO 3166-1 alpha-2, ISO 3166-2, or 'worldwide'
    name: str
    level: str  # 'world', 'country' or 'region'
    country: str | None  # the country a region is in, or the country itself

    @property
    def description(self) -> str:
        if self.level == "world":
            return "Anywhere in the world."
        if self.level == "country":
            return f"All of {self.name} ({self.code}, ISO 3166-1)."
        return f"{self.name} ({self.code}, ISO 3166-2), in {country_name(self.country)}."


def areas(entry) -> list[Area]:
    """Regions replace their country: 'countries: [GB, IE], regions: [GB-WLS]' is Wales and Ireland."""
    if WORLDWIDE in entry.countries:
        return [Area(WORLDWIDE, "Worldwide", "world", None)]
    found = []
    regions_by_country: dict[str, list[str]] = {}
    for code in entry.regions:
        regions_by_country.setdefault(code.split("-", 1)[0], []).append(code)
    for country in entry.countries:
        if country in regions_by_country:
            found.extend(Area(code, region_name(code), "region", country) for code in regions_by_country.pop(country))
        else:
            found.append(Area(country, country_name(country), "country", country))
    for country, codes in regions_by_country.items():  # a region whose country is not listed
        found.extend(Area(code, region_name(code), "region", country) for code in codes)
    return found
