"""Who to call now: emergency numbers (data/emergency_numbers.yaml) and the crisis lines open 24/7.

Shared by the Get help now page (directory_pages) and the search page's "no
results" help (search_index), so it lives in the core. Pure functions.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def sort_key(entry) -> tuple:
    return (entry.is_closed, entry.title.casefold(), entry.slug)


def listed(entries) -> list:
    """Entries in display order."""
    return sorted(entries, key=sort_key)


def load_emergency_numbers(path: str | Path | None) -> dict[str, list[dict]]:
    if not path or not Path(path).exists():
        return {}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {str(code): [dict(item) for item in items] for code, items in data.items()}


def crisis_lines(entries, country: str) -> list:
    """Crisis helplines open 24/7, open now (not closed or paused), reaching ``country``.

    ``country`` may be "worldwide" for the lines that serve everyone.
    """
    chosen = []
    for entry in entries:
        if entry.kind != "crisis-helpline" or not entry.is_24_7 or entry.status != "active":
            continue
        if not (entry.phone or entry.text or entry.chat_url):
            continue
        if country == "worldwide":
            if entry.worldwide:
                chosen.append(entry)
        elif country in entry.countries:
            chosen.append(entry)
    return listed(chosen)
