"""Links between pages of the built site that do not resolve to a file in the output.

The pages are our own templates' output (and nh3's), which always quote
attributes with double quotes, so a regular expression finds every link far
faster than an HTML parser; the set of written files is read once.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK = re.compile(r'<(?:a|link|script|img|source)\b[^>]*?\s(?:href|src)="([^"]*)"', re.I)


def is_local(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith(("#", "//"))


def unresolved(output_dir: str | Path) -> list[tuple[str, int, str]]:
    """(page, line, href) for every relative link whose target file is missing."""
    output_dir = Path(output_dir)
    files = {p.relative_to(output_dir).as_posix() for p in output_dir.rglob("*") if p.is_file()}
    missing = []
    # Most links repeat from page to page (the header, the footer, the styles),
    # so each (folder, link) is resolved once.
    resolves: dict[tuple[str, str], bool] = {}
    for relative in sorted(f for f in files if f.endswith(".html")):
        text = (output_dir / relative).read_text(encoding="utf-8")
        folder = posixpath.dirname(relative)
        for match in LINK.finditer(text):
            raw = match.group(1)
            ok = resolves.get((folder, raw))
            if ok is None:
                ok = resolves[(folder, raw)] = _resolves(folder, raw.replace("&amp;", "&"), files)
            if not ok:
                missing.append((relative, text.count("\n", 0, match.start()) + 1, raw.replace("&amp;", "&")))
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
