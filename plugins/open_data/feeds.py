"""/feeds/entries.atom.xml: the entries most recently reviewed, added or changed, newest first.

Entries have no publication date. An entry's date in the feed is, in order:
its ``last_reviewed`` date (a person checked it then); else, when the setting
SIGNPOST_FEED_GIT_DATES is on, the day of the last commit that changed its
file; else it is left out of the feed, rather than given a date nobody knows.
"""

from __future__ import annotations

import html
import logging
import subprocess
from datetime import date, datetime, time
from pathlib import Path

from feedgenerator import Atom1Feed

from . import ids
from .addresses import site_address

log = logging.getLogger("signpost.open_data")

FEED_PATH = "feeds/entries.atom.xml"
FEED_LENGTH = 50
AUTHOR = "Signpost contributors"
RIGHTS = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/): credit Signpost contributors"
STATUS_NOTE = {"closed": "This service has closed.", "temporarily-closed": "This service is temporarily closed."}


def _git(folder: str | Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout if result.returncode == 0 else None


def git_dates(folder: str | Path) -> dict[str, date]:
    """{file path inside ``folder``: day of the last commit that changed it}; {} when git or the history is missing.

    One `git log` for the whole folder, not one per file, so large sites stay fast.
    Files never committed are not in it. A shallow clone gives {}: there, files
    last changed before the cut would all get the date of its oldest commit.
    """
    shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is None:
        return {}
    if shallow.strip() == "true":
        log.warning(
            "open_data: %s is in a shallow git clone, so entries without last_reviewed are left out of the feed; "
            "fetch the whole history (actions/checkout: fetch-depth: 0) to date them by their last commit",
            folder,
        )
        return {}
    output = _git(folder, "-c", "core.quotePath=false", "log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", ".")
    if output is None:
        return {}
    dates: dict[str, date] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("\0"):
            current = date.fromisoformat(line[1:].strip())
        elif line and current is not None:
            dates.setdefault(line, current)  # newest commit first, so the first date seen is the last change
    return dates


def entry_dates(entries, content_dir: str | Path, use_git: bool) -> dict[str, date]:
    """{slug: the date the feed and the sitemap give the entry}; entries with no known date are not in it."""
    from_git = git_dates(content_dir) if use_git and content_dir and Path(content_dir).is_dir() else {}
    dates = {}
    for entry in entries:
        day = entry.last_reviewed or from_git.get(entry.relative_path)
        if day is not None:
            dates[entry.slug] = day
    return dates


class _EntriesFeed(Atom1Feed):
    """An Atom feed whose <updated> is its newest entry's date, or ``empty_updated`` when it has none (never the clock)."""

    def __init__(self, *args, empty_updated: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_updated = datetime.combine(empty_updated, time())

    def latest_post_date(self):
        return super().latest_post_date() if self.items else self.empty_updated


def atom(entries, dates: dict[str, date], *, vocab, sitename: str, siteurl: str, today: date, length: int = FEED_LENGTH) -> str:
    """The feed as text. Links are absolute under ``siteurl``, or relative to the feed when it is empty."""
    folder = FEED_PATH.rsplit("/", 1)[0]
    feed = _EntriesFeed(
        title=f"{sitename}: new and updated entries",
        link=site_address(siteurl, "index.html", folder),
        description="Entries most recently reviewed, added or changed in the directory, newest first.",
        language="en",
        author_name=AUTHOR,
        feed_url=site_address(siteurl, FEED_PATH, folder),
        feed_copyright=RIGHTS,
        feed_guid=f"urn:uuid:{ids.uuid_for('feed', 'entries')}",
        empty_updated=today,
    )
    dated = [e for e in entries if e.slug in dates and e.page_url]
    dated.sort(key=lambda e: (-dates[e.slug].toordinal(), e.title.casefold(), e.slug))
    for entry in dated[:length]:
        status = STATUS_NOTE.get(entry.status)
        summary = html.escape(entry.summary, quote=False) + (f" <strong>{status}</strong>" if status else "")
        feed.add_item(
            title=entry.title + (f" ({vocab.label('statuses', entry.status).lower()})" if status else ""),
            link=site_address(siteurl, entry.page_url, folder),
            description=summary,
            unique_id=f"urn:uuid:{ids.entry_id(entry.slug)}",
            updateddate=datetime.combine(dates[entry.slug], time()),
            categories=[vocab.label("kinds", entry.kind)],
        )
    return feed.writeString("utf-8") + "\n"
