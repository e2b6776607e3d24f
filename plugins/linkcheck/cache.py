"""What earlier link checks found, kept between runs in a JSON file (default .cache/links.json).

A good result (ok, redirected, blocked) younger than the maximum age is reused;
a failure never is, so a broken link is looked at again on every run. Each
record also counts the failing runs in a row, which ``--scheduled`` uses to call
a link broken only when it fails twice running (a site that is down for an
hour should not open an issue).

A result found with ``--allow-private`` is marked so, and reused only by runs
with that flag: a link that reached a local server in a test run is looked at
again by the next ordinary run.

Every function takes ``now`` from its caller: nothing here reads the clock.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path

from .check import Result, Status

VERSION = 1
TRUSTED = frozenset({Status.OK, Status.REDIRECTED, Status.BLOCKED})
COUNTED = frozenset({Status.BROKEN, Status.PRIVATE, Status.TIMEOUT, Status.ERROR})  # a failing run for the two-run rule
RUNS_TO_BREAK = 2
KEEP = timedelta(days=90)  # forget links not checked for this long (they left the entries)

Records = dict[str, dict]


def load(path: str | os.PathLike) -> Records:
    """The records in ``path``; an empty cache when it is missing, unreadable or of another version."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("links"), dict):
        return {}
    return {url: record for url, record in data["links"].items() if isinstance(record, dict)}


def save(path: str | os.PathLike, records: Mapping[str, dict]) -> None:
    """Write the records, sorted, replacing the file only once it is complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps({"version": VERSION, "links": dict(records)}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def _checked(record: Mapping) -> datetime | None:
    try:
        return datetime.fromisoformat(record["checked"])
    except (KeyError, TypeError, ValueError):
        return None


def fresh(records: Mapping[str, dict], url: str, now: datetime, max_age: timedelta, allow_private: bool = False) -> Result | None:
    """The cached result for ``url`` when it is good and younger than ``max_age``; else None.

    A result found with ``allow_private`` is reused only when ``allow_private`` is given again.
    """
    record = records.get(url)
    if not record or (record.get("allow_private") and not allow_private):
        return None
    checked = _checked(record)
    try:
        status = Status(record.get("status"))
    except ValueError:
        return None
    if status not in TRUSTED or checked is None or not (timedelta(0) <= now - checked < max_age):
        return None
    return Result(
        url, status, http_status=record.get("http_status"), final_url=record.get("final_url"), message=record.get("message") or ""
    )


def failures(records: Mapping[str, dict], url: str) -> int:
    record = records.get(url) or {}
    count = record.get("failures", 0)
    return count if isinstance(count, int) and count >= 0 else 0


def record_of(result: Result, previous: Mapping | None, now: datetime, allow_private: bool = False) -> dict:
    """The record for a fresh result: failing runs in a row counted, a rate limit counting neither way."""
    before = (previous or {}).get("failures", 0)
    before = before if isinstance(before, int) and before >= 0 else 0
    if result.status in COUNTED:
        count = before + 1
    elif result.status is Status.RATE_LIMITED:
        count = before
    else:
        count = 0
    record = {
        "status": result.status.value,
        "http_status": result.http_status,
        "final_url": result.final_url,
        "message": result.message,
        "checked": now.isoformat(timespec="seconds"),
        "failures": count,
    }
    if allow_private:
        record["allow_private"] = True  # checked with --allow-private: only such runs reuse it
    return record


def merge(
    records: Mapping[str, dict], results: Mapping[str, Result], now: datetime, keep: timedelta = KEEP, allow_private: bool = False
) -> Records:
    """New records: ``results`` (just checked) written over ``records``; stale records dropped.

    Skipped links are not recorded. A result must be the checker's own status,
    before ``scheduled_result`` turns a first failure into ``failing``.
    ``allow_private`` says the results were found with --allow-private.
    """
    merged: Records = {}
    for url, record in records.items():
        checked = _checked(record)
        if checked is not None and now - checked < keep:
            merged[url] = dict(record)
    for url, result in results.items():
        if result.status is not Status.SKIPPED:
            merged[url] = record_of(result, records.get(url), now, allow_private)
    return dict(sorted(merged.items()))


def scheduled_result(result: Result, failing_runs: int) -> Result:
    """With --scheduled, a link is broken only after RUNS_TO_BREAK failing runs in a row.

    ``failing_runs`` counts this run too (as ``merge`` has recorded it).
    """
    if result.status is not Status.BROKEN or failing_runs >= RUNS_TO_BREAK:
        return result
    return Result(
        result.url,
        Status.FAILING,
        http_status=result.http_status,
        final_url=result.final_url,
        message=f"{result.message}; first failing run: it will count as broken if it fails again on the next scheduled run",
        redirects=result.redirects,
        bytes_read=result.bytes_read,
        requests=result.requests,
    )
