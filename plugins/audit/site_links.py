"""Links between pages of the built site that do not resolve to a file in the output.

The pages are our own templates' output (and nh3's), which always quote
attributes with double quotes, so a regular expression finds every link far
faster than an HTML parser; the set of written files is read once.
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK = re.compile(r'<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)="([^"]*)"', re.I)


def is_local(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith(("#", "//"))


# From this many pages on, a second process checks half of them.
SPLIT_MIN = 1000


def unresolved(output_dir: str | Path, split_min: int = SPLIT_MIN) -> list[tuple[str, int, str]]:
    """(page, line, href) for every relative link whose target file is missing, in page order."""
    output_dir = Path(output_dir)
    files = set()
    sizes = {}
    for folder, _, names in os.walk(output_dir):
        inside = Path(folder).relative_to(output_dir).as_posix()
        for name in names:
            relative = name if inside == "." else f"{inside}/{name}"
            files.add(relative)
            if name.endswith(".html"):
                sizes[relative] = os.stat(os.path.join(folder, name)).st_size
    pages = sorted(sizes)
    if len(pages) < split_min or (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _unresolved_in(output_dir, pages, files)
    mine, theirs = halves(pages, sizes)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        second = pool.submit(_unresolved_in, output_dir, theirs, files)
        found = _unresolved_in(output_dir, mine, files) + second.result()
    order = {page: i for i, page in enumerate(pages)}
    return sorted(found, key=lambda item: (order[item[0]], item[1]))


def halves(items: list, weights: dict) -> tuple[list, list]:
    """The items in two lists of about the same total weight (largest first, each to the lighter list).

    Here the weight is a page's size in bytes, as the time to check a page goes with its size.
    """
    first, second = [], []
    first_weight = second_weight = 0
    for item in sorted(items, key=lambda i: -weights[i]):
        if first_weight <= second_weight:
            first.append(item)
            first_weight += weights[item]
        else:
            second.append(item)
            second_weight += weights[item]
    return first, second


def _unresolved_in(output_dir: Path, pages: list[str], files: set[str]) -> list[tuple[str, int, str]]:
    missing = []
    # Most links repeat from page to page (the header, the footer, the styles)
    # and within a page, so each distinct link is resolved once for each folder.
    resolves: dict[str, dict[str, bool]] = {}
    for relative in pages:
        text = (output_dir / relative).read_text(encoding="utf-8")
        folder = posixpath.dirname(relative)
        known = resolves.setdefault(folder, {})
        broken = set()
        for raw in set(LINK.findall(text)):
            ok = known.get(raw)
            if ok is None:
                ok = known[raw] = _resolves(folder, raw.replace("&amp;", "&"), files)
            if not ok:
                broken.add(raw)
        if broken:  # each place it appears, by line
            for match in LINK.finditer(text):
                if match.group(1) in broken:
                    missing.append((relative, text.count("\n", 0, match.start()) + 1, match.group(1).replace("&amp;", "&")))
    return missing


def _resolves(folder: str, href: str, files: set[str]) -> bool:
    if not is_local(href):
        return True  # not ours to check here
    path = unquote(urlsplit(href).path)
    if not path:
        return True  # a query or a fragment on the same page
    target = posixpath.normpath(posixpath.join(folder, path))
    if href.endswith("/"):
        target = posixpath.join(target, "index.html")
    return not target.startswith("..") and target in files
