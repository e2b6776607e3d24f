"""The whole offline audit of a set of entries: reach, coverage and outdated links.

Used by the build (through the entries plugin's checks) and by `invoke check`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from entries.problems import Problem

from . import coverage, data, offline, reach


@dataclass
class Audit:
    problems: list[Problem] = field(default_factory=list)
    areas: list = field(default_factory=list)
    needs_review: list = field(default_factory=list)  # crisis lines first; in each group, stale first, then unreviewed


def audit_entries(entries, content_dir: str | Path, today: date, data_dir: str | None = None) -> Audit:
    """Give every entry its reach, and find the offline link problems across all entries."""
    wording = data.reach_flags(data_dir)
    intervals = data.review_intervals(data_dir)
    for entry in entries:
        entry.reach = reach.assess(entry, today, wording, intervals)
    result = Audit()
    result.problems += offline.defunct(entries, data.defunct_links(data_dir))
    result.problems += offline.insecure_body_links(entries)
    result.problems += offline.internal_links(entries, Path(content_dir))
    result.problems += offline.links_to_closed(entries, Path(content_dir))
    result.problems += offline.stale_entries(entries, today, intervals)
    result.areas = coverage.coverage(entries, data.coverage_areas(data_dir))
    listed = [e for e in entries if e.reach is not None and e.status != "closed"]
    # A wrong crisis number does the most harm: crisis lines come first, then the
    # rest; in each, those last checked longest ago, then those never checked.
    stale = sorted((e for e in listed if "stale" in e.reach.codes()), key=lambda e: (e.last_reviewed, e.title.casefold()))
    unreviewed = sorted((e for e in listed if "unreviewed" in e.reach.codes()), key=lambda e: e.title.casefold())
    result.needs_review = sorted(stale + unreviewed, key=lambda e: e.kind != "crisis-helpline")  # stable: keeps the order within each
    return result


def as_json(entries, problems: list[Problem], audit: Audit) -> dict:
    """The `invoke check --json` document: each file with its reach and problems, then coverage."""
    from .coverage import as_rows

    by_source: dict[str, dict] = {}
    for entry in entries:
        by_source[entry.source] = {
            "source": entry.source,
            "kind": entry.kind,
            "reach": entry.reach.as_dict() if entry.reach is not None else None,
            "problems": [],
        }
    for problem in sorted(problems):
        record = by_source.setdefault(problem.path, {"source": problem.path, "kind": None, "reach": None, "problems": []})
        record["problems"].append(problem.as_dict())
    return {
        "entries": [by_source[key] for key in sorted(by_source)],
        "coverage": as_rows(audit.areas),
    }
