"""Outdated links found without the network: defunct platforms, http, links between entries, stale and closed.

Each check takes the entries and returns Problems, so a build and `invoke check`
report the same things at the same lines.
"""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path

from entries.links import entry_links, host_of
from entries.problems import ERROR, WARNING, Problem

from .reach import is_stale, review_months

INTERNAL_PREFIXES = ("{filename}",)  # the only link between entries; other forms are errors (entries/sanitise.py)


def defunct(entries, platforms: list[dict]) -> list[Problem]:
    """Links to platforms or domains that have shut down (data/defunct_links.yaml)."""
    problems = []
    for entry in entries:
        for link in entry_links(entry):
            if not link.is_external:
                continue
            host = host_of(link.url)
            for platform in platforms:
                domain = platform["domain"].lower()
                if host == domain or host.endswith("." + domain):
                    successor = platform.get("successor")
                    fix = (
                        f"link to {successor} instead"
                        if successor
                        else "remove the link, or replace it with the organisation's current page"
                    )
                    problems.append(
                        Problem(
                            link.source,
                            link.line,
                            link.field,
                            f"'{link.url}' points to {platform['name']}, which closed in {platform['closed']}; {fix}",
                            ERROR,
                            code="defunct-link",
                        )
                    )
                    break
    return problems


def insecure_body_links(entries) -> list[Problem]:
    """http:// links in descriptions (url and chat_url are warned about when read)."""
    return [
        Problem(
            link.source,
            link.line,
            "body",
            f"'{link.url}' uses http, which is not private; use 'https://{link.url[7:]}' if the site supports it",
            WARNING,
            code="http-link",
        )
        for entry in entries
        for link in entry_links(entry)
        if link.field == "body" and link.scheme == "http"
    ]


def _target(link_url: str) -> str:
    for prefix in INTERNAL_PREFIXES:
        if link_url.startswith(prefix):
            return link_url[len(prefix) :].split("#", 1)[0].split("?", 1)[0]
    return ""


def resolve_internal(entry, link_url: str, content_dir: Path) -> Path | None:
    """The file a {filename} link points to: from the content root when it starts with /, else from the entry's folder."""
    target = _target(link_url)
    if not target:
        return None
    if target.startswith("/"):
        return Path(content_dir) / target.lstrip("/")
    return Path(content_dir) / posixpath.normpath(posixpath.join(posixpath.dirname(entry.relative_path), target))


def internal_links(entries, content_dir: Path) -> list[Problem]:
    """{filename} links that do not point at an entry (any other file, inside the content folder or not, is never published)."""
    known = {Path(content_dir) / entry.relative_path for entry in entries}
    problems = []
    for entry in entries:
        for link in entry_links(entry):
            if not link.url.startswith(INTERNAL_PREFIXES):
                continue
            target = resolve_internal(entry, link.url, content_dir)
            if target is None or target not in known:
                problems.append(
                    Problem(
                        link.source,
                        link.line,
                        link.field,
                        f"'{link.url}' does not point to an entry; use the entry's path inside the content folder, e.g. '{{filename}}/crisis-helpline/samaritans.md'",
                        ERROR,
                        code="internal-link",
                    )
                )
    return problems


def stale_entries(entries, today: date, intervals: dict[str, int]) -> list[Problem]:
    """Entries last reviewed longer ago than their kind's interval (data/review_intervals.yaml)."""
    return [
        Problem(
            entry.source,
            entry.line_of("last_reviewed"),
            "last_reviewed",
            f"last reviewed on {entry.last_reviewed.isoformat()}, more than {review_months(entry, intervals)} months ago "
            f"(data/review_intervals.yaml); check the details against the organisation's own information and set 'last_reviewed: {today.isoformat()}'",
            WARNING,
            code="stale-entry",
        )
        for entry in entries
        if is_stale(entry, today, intervals)
    ]


def _says_closed(entry, line: int) -> bool:
    """True when the line with the link already tells the reader the service closed."""
    lines = entry.body_source.split("\n")
    index = line - entry.body_line
    return 0 <= index < len(lines) and "closed" in lines[index].lower()


def links_to_closed(entries, content_dir: Path) -> list[Problem]:
    """Entries that still send people to a closed entry."""
    closed = {e.relative_path: e for e in entries if e.is_closed}
    problems = []
    for entry in entries:
        if entry.is_closed:
            continue
        for link in entry_links(entry):
            target = resolve_internal(entry, link.url, content_dir)
            if target is None:
                continue
            found = closed.get(posixpath.relpath(target.as_posix(), Path(content_dir).as_posix()))
            if found is not None and not _says_closed(entry, link.line):
                problems.append(
                    Problem(
                        link.source,
                        link.line,
                        link.field,
                        f"links to {found.title}, which has closed; point people to a service that is open, or say on the same line that it has closed",
                        WARNING,
                        code="link-to-closed",
                    )
                )
    return problems
