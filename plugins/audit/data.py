"""The audit's data files (in data/), read once per path."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from entries.settings import DEFAULT_DATA

DATA = DEFAULT_DATA  # the default of the SIGNPOST_DATA setting; the pipeline passes the setting


@lru_cache(maxsize=16)
def load(name: str, folder: str | None = None):
    path = Path(folder or DATA) / name
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def reach_flags(folder: str | None = None) -> dict[str, dict]:
    return load("reach_flags.yaml", folder)


def defunct_links(folder: str | None = None) -> list[dict]:
    return load("defunct_links.yaml", folder) or []


def review_intervals(folder: str | None = None) -> dict[str, int]:
    """{kind or 'default': months} between reviews (data/review_intervals.yaml)."""
    return {str(kind): int(months) for kind, months in (load("review_intervals.yaml", folder) or {}).items()}


def coverage_areas(folder: str | None = None) -> dict[str, list[str]]:
    return load("coverage_areas.yaml", folder) or {}
