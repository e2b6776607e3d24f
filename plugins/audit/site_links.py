"""Links between pages of the built site that do not resolve to a file in the output."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value and tag in ("a", "link", "script", "img", "source"):
                self.found.append((self.getpos()[0], value))


def is_local(href: str) -> bool:
    parts = urlsplit(href)
    return not parts.scheme and not parts.netloc and not href.startswith(("#", "//"))


def unresolved(output_dir: str | Path) -> list[tuple[str, int, str]]:
    """(page, line, href) for every relative link whose target file is missing."""
    output_dir = Path(output_dir)
    missing = []
    for page in sorted(output_dir.rglob("*.html")):
        relative = page.relative_to(output_dir).as_posix()
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for line, href in parser.found:
            if not is_local(href):
                continue
            path = unquote(urlsplit(href).path)
            if not path:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(relative), path))
            candidate = output_dir / target
            if href.endswith("/"):
                candidate = candidate / "index.html"
            if target.startswith("..") or not candidate.exists():
                missing.append((relative, line, href))
    return missing
