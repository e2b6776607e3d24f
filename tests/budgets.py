"""Page weight budgets over a built site: HTML plus the CSS and JS each page loads, gzip-compressed."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

BUDGETS = {"entry": 30 * 1024, "home": 50 * 1024, "get-help-now": 14 * 1024}
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> int:
    html = page.read_bytes()
    total = compressed(html)
    for href in ASSET.findall(html.decode("utf-8")):
        total += compressed((page.parent / href).resolve().read_bytes())
    return total


def figures(site: Path) -> dict:
    entries = [
        p
        for kind in ("crisis-helpline", "peer-community", "recovery-account", "practitioner-tip")
        for p in (site / kind).glob("*.html")
        if p.name not in {"index.html", "phone-text.html"}
    ]
    weights = {p.relative_to(site).as_posix(): page_weight(site, p) for p in entries}
    heaviest = max(weights, key=weights.get)
    return {
        "entry_max": weights[heaviest],
        "entry_max_page": heaviest,
        "entry_median": sorted(weights.values())[len(weights) // 2],
        "entries": len(weights),
        "home": page_weight(site, site / "index.html"),
        "get-help-now": page_weight(site, site / "get-help-now.html"),
    }


def render(result: dict) -> str:
    def kib(n):
        return f"{n / 1024:.1f} KiB"

    return "\n".join(
        [
            "## Page weight budgets: `invoke bench budgets`",
            "",
            "The built starter site; each page's HTML plus the CSS and JavaScript it loads, gzip-compressed (as served).",
            "The same budgets are asserted by tests/test_budgets.py on every test run.",
            "",
            "| page | weight | budget |",
            "|---|---:|---:|",
            f"| heaviest entry page ({result['entry_max_page']}) | {kib(result['entry_max'])} | {kib(BUDGETS['entry'])} |",
            f"| median entry page (of {result['entries']}) | {kib(result['entry_median'])} | {kib(BUDGETS['entry'])} |",
            f"| home page | {kib(result['home'])} | {kib(BUDGETS['home'])} |",
            f"| Get help now (no JavaScript) | {kib(result['get-help-now'])} | {kib(BUDGETS['get-help-now'])} |",
            "",
        ]
    )
