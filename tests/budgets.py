"""Page weight budgets over a built site, gzip-compressed: HTML plus the CSS and JS each page loads; for Get help now,
what its first paint needs: the HTML with its inlined CSS (the full stylesheet and the deferred scripts come after)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

BUDGETS = {"entry": 30 * 1024, "home": 50 * 1024, "get-help-now": 14 * 1024}
ASSET = re.compile(r'<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="([^"]+)"')
# What holds back the first paint: a stylesheet linked in the head, or a script neither deferred nor async.
HEAD_STYLESHEET = re.compile(r'<link[^>]*rel="stylesheet"[^>]*>')
BLOCKING_SCRIPT = re.compile(r"<script(?![^>]*\b(?:defer|async)\b)[^>]*>")


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> int:
    html = page.read_bytes()
    total = compressed(html)
    for href in ASSET.findall(html.decode("utf-8")):
        total += compressed((page.parent / href).resolve().read_bytes())
    return total


def render_blocking(html: str) -> list[str]:
    """The tags of ``html`` the browser waits for before its first paint."""
    head = html.split("</head>", 1)[0]
    return HEAD_STYLESHEET.findall(head) + BLOCKING_SCRIPT.findall(html)


def first_paint_weight(page: Path) -> int:
    """Get help now: its HTML with the inlined CSS, all the first paint waits for (see render_blocking)."""
    return compressed(page.read_bytes())


def figures(site: Path) -> dict:
    entries = [
        p
        for kind in ("crisis-helpline", "peer-community", "recovery-account", "practitioner-tip")
        for p in (site / kind).glob("*.html")
        if p.name not in {"index.html", "phone-text.html"}
    ]
    weights = {p.relative_to(site).as_posix(): page_weight(site, p) for p in entries}
    heaviest = max(weights, key=weights.get)
    help_pages = {p.relative_to(site).as_posix(): first_paint_weight(p) for p in (site / "get-help-now").glob("*.html")}
    heaviest_help = max(help_pages, key=help_pages.get)
    return {
        "entry_max": weights[heaviest],
        "entry_max_page": heaviest,
        "entry_median": sorted(weights.values())[len(weights) // 2],
        "entries": len(weights),
        "home": page_weight(site, site / "index.html"),
        "get-help-now": first_paint_weight(site / "get-help-now.html"),
        "get-help-now-gb": help_pages["get-help-now/gb.html"],
        "get-help-now-country_max": help_pages[heaviest_help],
        "get-help-now-country_max_page": heaviest_help,
        "get-help-now-blocking": {
            name: render_blocking((site / name).read_text(encoding="utf-8"))
            for name in ["get-help-now.html", *help_pages]
            if render_blocking((site / name).read_text(encoding="utf-8"))
        },
    }


def render(result: dict) -> str:
    def kib(n):
        return f"{n / 1024:.1f} KiB"

    return "\n".join(
        [
            "## Page weight budgets: `invoke bench budgets`",
            "",
            "The built starter site, gzip-compressed (as served): each page's HTML plus the CSS and JavaScript it loads;",
            "for Get help now, the HTML with its inlined CSS, all its first paint waits for (the full stylesheet, linked",
            "at the end of the body, and the deferred scripts come after and are not counted).",
            "The same budgets are asserted by tests/test_budgets.py on every test run.",
            "",
            "| page | weight | budget |",
            "|---|---:|---:|",
            f"| heaviest entry page ({result['entry_max_page']}) | {kib(result['entry_max'])} | {kib(BUDGETS['entry'])} |",
            f"| median entry page (of {result['entries']}) | {kib(result['entry_median'])} | {kib(BUDGETS['entry'])} |",
            f"| home page | {kib(result['home'])} | {kib(BUDGETS['home'])} |",
            f"| Get help now, first paint | {kib(result['get-help-now'])} | {kib(BUDGETS['get-help-now'])} |",
            f"| Get help now in United Kingdom, first paint | {kib(result['get-help-now-gb'])} | {kib(BUDGETS['get-help-now'])} |",
            f"| heaviest Get help now country page ({result['get-help-now-country_max_page']}), first paint"
            f" | {kib(result['get-help-now-country_max'])} | {kib(BUDGETS['get-help-now'])} |",
            "",
        ]
    )
