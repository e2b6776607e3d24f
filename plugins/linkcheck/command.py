"""`invoke links`: check every external link of every entry, and say what was found.

Reads the entries, groups their links by URL (one request per URL, however many
entries use it), reuses good results from the cache, checks the rest with
``linkcheck.check``, and reports: a progress bar and a summary on the terminal, a
JSON file with ``--json``, and annotations plus a step summary on GitHub Actions.
Exits non-zero only when a link is broken (or ``private``: see ``linkcheck.check``).

It also looks for each entry's phone number, text number and text keyword on the
entry's own pages (``linkcheck.drift``), reading the pages the link check fetches:
a detail that is not found is a warning, never a failure.

Every URL, file name and message comes from an entry or from a server that an
entry links to: the terminal gets them through ``safe_text.terminal`` and
GitHub's annotations through ``safe_text.github_property``/``github_message``.
"""

from __future__ import annotations

import json
import os
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TextIO

from entries.changes import ChangesError, changed_entry_files, default_base
from entries.links import Link, entry_links
from entries.safe_text import github_message, github_property, terminal
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import cache, drift
from .check import FAILS, CheckConfig, Result, Status, check_all, normalise
from .drift import Detail

ERROR_ANNOTATED = FAILS
WARNING_ANNOTATED = frozenset({Status.REDIRECTED, Status.TIMEOUT, Status.ERROR, Status.RATE_LIMITED, Status.FAILING})
NOT_LISTED = frozenset({Status.OK, Status.SKIPPED})  # the summary lists every other link with its files


@dataclass(frozen=True)
class Row:
    """One URL's result with every place that links to it."""

    result: Result
    links: tuple[Link, ...]
    cached: bool = False

    @property
    def url(self) -> str:
        return self.result.url

    @property
    def sources(self) -> list[str]:
        return sorted({link.source for link in self.links})

    def as_dict(self) -> dict:
        r = self.result
        return {
            "url": r.url,
            "status": r.status.value,
            "http_status": r.http_status,
            "final_url": r.final_url,
            "sources": self.sources,
            "message": r.message,
            "locations": [{"file": link.source, "line": link.line, "field": link.field} for link in self.links],
            "cached": self.cached,
        }


# -- gathering ------------------------------------------------------------------------


DIRECTORIES = "data/directories.yaml"  # the international directories Get help now links (as contributors see the path)


def directory_links(data: str | os.PathLike) -> list[Link]:
    """The addresses in data/directories.yaml, each with the line it is on, as extra links to check."""
    path = Path(data) / "directories.yaml"
    if not path.is_file():
        return []
    links = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        key, _, value = line.strip().removeprefix("- ").partition(":")
        if key == "url" and value.strip():
            links.append(Link(value.strip(), DIRECTORIES, "url", number))
    return links


def collect(entries: Iterable, extra: Iterable[Link] = ()) -> dict[str, tuple[Link, ...]]:
    """Every link to check, by URL (normalised for http and https), with the links that use it.

    An entry's ``sources`` (the pages its details can be checked on) are checked too, and the
    ``extra`` links (the data files' addresses, ``directory_links``).
    Links inside the site ({filename}…, relative paths) are not network links and are left out.
    """
    targets: dict[str, set[Link]] = defaultdict(set)
    links = list(extra)
    for entry in entries:
        links += entry_links(entry) + [Link(url, entry.source, "sources", entry.line_of("sources")) for url in entry.sources or []]
    for link in links:
        if link.is_internal:
            continue
        url = normalise(link.url) if link.is_external else link.url.strip()
        targets[url].add(link)
    return {url: tuple(sorted(links, key=lambda k: (k.source, k.line, k.field, k.url))) for url, links in sorted(targets.items())}


def rows_of(targets: Mapping[str, tuple[Link, ...]], results: Mapping[str, Result], cached: Iterable[str] = ()) -> list[Row]:
    cached = set(cached)
    return [Row(results[url], links, url in cached) for url, links in sorted(targets.items()) if url in results]


def check_targets(
    targets: Mapping[str, tuple[Link, ...]],
    records: cache.Records,
    now: datetime,
    max_age: timedelta,
    scheduled: bool,
    config: CheckConfig,
    console: Console | None = None,
    pages: Iterable[str] = (),
) -> tuple[dict[str, Result], set[str], cache.Records]:
    """(results by URL, URLs answered from the cache, the records to save).

    The URLs in ``pages`` are read, not taken from the cache (a cached "ok" says a page
    is there, not what it says), and their results carry the start of the page (``Result.body``).
    """
    pages = set(pages)
    results: dict[str, Result] = {}
    cached: set[str] = set()
    for url in targets:
        if url in pages:
            continue
        hit = cache.fresh(records, url, now, max_age, allow_private=config.allow_private)
        if hit is not None:
            results[url] = hit
            cached.add(url)
    to_check = [url for url in targets if url not in results]
    checked = _check_with_progress(to_check, config, console, pages)
    records = cache.merge(records, checked, now, allow_private=config.allow_private)
    if scheduled:
        checked = {url: cache.scheduled_result(result, cache.failures(records, url)) for url, result in checked.items()}
    results.update(checked)
    return results, cached, records


def _check_with_progress(urls: list[str], config: CheckConfig, console: Console | None, pages: set[str]) -> dict[str, Result]:
    if not urls:
        return {}
    if console is None:
        return check_all(urls, config, keep_bodies=pages)
    columns = (TextColumn("Checking links"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("links", total=len(urls))
        return check_all(urls, config, on_result=lambda _result: progress.advance(task), keep_bodies=pages)


# -- reporting ------------------------------------------------------------------------


def counts(rows: Iterable[Row]) -> dict[Status, int]:
    found = Counter(row.result.status for row in rows)
    return {status: found[status] for status in Status if found[status]}


def to_json(rows: Iterable[Row], details: Iterable[Detail] = ()) -> str:
    data = {"links": [row.as_dict() for row in sorted(rows, key=lambda r: r.url)], "details": [d.as_dict() for d in details]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def describe(row: Row) -> str:
    """One line about a link that needs looking at: what, then why."""
    r = row.result
    return f"{r.status.value} link {r.url}: {r.message}" if r.message else f"{r.status.value} link {r.url}"


def annotations(rows: Iterable[Row], details: Iterable[Detail] = ()) -> list[str]:
    """GitHub workflow commands: an error for each place a broken link is used, a warning for the doubtful,
    and a warning at each detail its pages no longer show."""
    lines = []
    for row in rows:
        status = row.result.status
        level = "error" if status in ERROR_ANNOTATED else "warning" if status in WARNING_ANNOTATED else None
        if level is None:
            continue
        for link in row.links:
            lines.append(f"::{level} file={github_property(link.source)},line={link.line}::{github_message(describe(row))}")
    for detail in not_found(details):
        message = github_message(f"{detail.field}: {detail.describe()}")
        lines.append(f"::warning file={github_property(detail.source)},line={detail.line}::{message}")
    return lines


def not_found(details: Iterable[Detail]) -> list[Detail]:
    return [detail for detail in details if detail.status == drift.NOT_FOUND]


def detail_counts(details: Iterable[Detail]) -> dict[str, int]:
    found = Counter(detail.status for detail in details)
    return {status: found[status] for status in drift.STATUSES if found[status]}


def _cell(text: str) -> str:
    return terminal(text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " "))


def markdown_summary(rows: list[Row], details: list[Detail] | None = None) -> str:
    """The step summary for GitHub Actions: counts, then every link to look at, then every detail not found."""
    found = counts(rows)
    lines = ["## Link check", "", "| status | links |", "|---|---:|"]
    lines += [f"| {status.value} | {count} |" for status, count in found.items()]
    lines += [f"| **total** | **{len(rows)}** |", ""]
    listed = [row for row in rows if row.result.status not in NOT_LISTED]
    if listed:
        lines += ["| status | link | where | what |", "|---|---|---|---|"]
        for row in listed:
            where = "<br>".join(f"`{_cell(link.source)}:{link.line}`" for link in row.links)
            what = row.result.message + (
                f" → {row.result.final_url}" if row.result.final_url and row.result.final_url not in row.result.message else ""
            )
            lines.append(f"| {row.result.status.value} | {_cell(row.url)} | {where} | {_cell(what)} |")
        lines.append("")
    else:
        lines += ["Every link works.", ""]
    if details:
        lines += ["## Details on their pages", "", "| status | details |", "|---|---:|"]
        lines += [f"| {status} | {count} |" for status, count in detail_counts(details).items()]
        lines.append("")
        missing = not_found(details)
        if missing:
            lines += ["| where | field | value | pages read |", "|---|---|---|---|"]
            for d in missing:
                lines.append(f"| `{_cell(d.source)}:{d.line}` | {d.field} | {_cell(d.value)} | {_cell(' '.join(d.pages))} |")
            lines.append("")
    return "\n".join(lines) + "\n"


STYLES = {
    Status.OK: "green",
    Status.REDIRECTED: "yellow",
    Status.BROKEN: "bold red",
    Status.TIMEOUT: "yellow",
    Status.ERROR: "yellow",
    Status.RATE_LIMITED: "yellow",
    Status.BLOCKED: "cyan",
    Status.PRIVATE: "bold red",
    Status.SKIPPED: "dim",
    Status.FAILING: "red",
}


LISTING_ORDER = (
    Status.BROKEN,
    Status.PRIVATE,
    Status.FAILING,
    Status.REDIRECTED,
    Status.TIMEOUT,
    Status.ERROR,
    Status.RATE_LIMITED,
    Status.BLOCKED,
)


def problem_lines(rows: Iterable[Row]) -> list[tuple[Status, str]]:
    """Every place a link needs looking at, as PATH:LINE: field: what (the form `invoke check` uses), worst first."""
    found = []
    for row in rows:
        status = row.result.status
        if status in NOT_LISTED:
            continue
        for link in row.links:
            found.append(
                (
                    LISTING_ORDER.index(status),
                    link.source,
                    link.line,
                    status,
                    terminal(f"{link.source}:{link.line}: {link.field}: {describe(row)}"),
                )
            )
    return [(status, line) for *_, status, line in sorted(found, key=lambda f: f[:3])]


def print_summary(rows: list[Row], console: Console, cached: int, details: list[Detail] | None = None) -> None:
    """The counts per status as a table, then one line per place that links to a doubtful URL,
    then the drift check: how many details were found, and one line per detail not found."""
    table = Table(title="Links", title_justify="left")
    table.add_column("status")
    table.add_column("links", justify="right")
    for status, count in counts(rows).items():
        table.add_row(Text(status.value, style=STYLES[status]), str(count))
    table.add_row(Text("total", style="bold"), str(len(rows)))
    console.print(table)
    for status, line in problem_lines(rows):
        console.print(Text(line, style=STYLES[status]), soft_wrap=True)  # unwrapped: editors open PATH:LINE
    checked = [row for row in rows if not row.cached and row.result.status is not Status.SKIPPED]
    if len(checked) >= 3 and all(row.result.status is Status.ERROR for row in checked):
        console.print(Text("No link could be reached at all: is this machine online?", style="yellow"))
    broken = sum(1 for row in rows if row.result.status in FAILS)
    private = sum(1 for row in rows if row.result.status is Status.PRIVATE)
    from_cache = f" ({cached} from the cache)" if cached else ""
    of_them = f" ({private} of them private)" if private else ""
    verdict = Text(f"{broken} broken{of_them}.", style="bold red") if broken else Text("none broken.", style="green")
    console.print(Text(f"Checked {len(rows)} link{'' if len(rows) == 1 else 's'}{from_cache}: ").append(verdict))
    if details:
        print_details(details, console)


def print_details(details: list[Detail], console: Console) -> None:
    """How many details were found on their pages, then each one that was not (PATH:LINE: field: what)."""
    missing = not_found(details)
    unchecked = sum(1 for d in details if d.status == drift.UNCHECKED)
    for d in missing:
        console.print(Text(terminal(f"{d.source}:{d.line}: {d.field}: {d.describe()}"), style="yellow"), soft_wrap=True)
    also = f", {unchecked} unchecked (none of their pages could be read)" if unchecked else ""
    found = len(details) - len(missing) - unchecked
    verdict = Text(f"{len(missing)} not found", style="yellow" if missing else "green")
    console.print(
        Text(f"Phone numbers, text numbers and keywords on their entries' pages, {len(details)} looked for: {found} found, ")
        .append(verdict)
        .append(f"{also}."),
        soft_wrap=True,
    )


def report(
    rows: list[Row],
    console: Console,
    json_file: str | os.PathLike | None,
    environ: Mapping[str, str],
    stdout: TextIO,
    cached: int = 0,
    details: list[Detail] | None = None,
) -> None:
    details = details or []
    if json_file:
        path = Path(json_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_json(rows, details), encoding="utf-8")
    print_summary(rows, console, cached, details)
    if environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(rows, details):
            stdout.write(line + "\n")  # plain writes: a console would wrap the long lines
        stdout.flush()
        summary = environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(markdown_summary(rows, details))


# -- the command ----------------------------------------------------------------------


def run(
    content: str | os.PathLike = "content",
    json_file: str | os.PathLike | None = None,
    changed: bool = False,
    base: str | None = None,
    scheduled: bool = False,
    cache_file: str | os.PathLike = ".cache/links.json",
    max_age_hours: float = 168.0,
    allow_private: bool = False,
    *,
    config: CheckConfig | None = None,
    now: datetime | None = None,
    console: Console | None = None,
    environ: Mapping[str, str] | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Check the links of the entries in ``content``, and look for their details on their pages.
    Returns the exit code: 1 when a link is broken or private (a detail not found is only a warning).

    ``allow_private`` (or ``config.allow_private``) lets links reach loopback and
    private addresses, for tests against local servers; link-local and cloud
    metadata addresses are never requested.
    """
    from entries.settings import Settings
    from pipeline.directory import read_directory

    now = now or datetime.now(UTC)
    allow_private = allow_private or (config is not None and config.allow_private)
    config = replace(config or CheckConfig(), allow_private=allow_private)
    environ = os.environ if environ is None else environ
    stdout = stdout or sys.stdout
    console = console or Console()
    if not Path(content).is_dir():
        console.print(
            Text(f"{content}: the content folder does not exist; pass --content DIR with your entries", style="red"), soft_wrap=True
        )
        return 2
    tree = read_directory(content, Settings(today=now.date(), allow_private=allow_private))
    entries = tree.entries
    if tree.report.errors:
        console.print(
            Text(
                f"{len(tree.report.errors)} error{'' if len(tree.report.errors) == 1 else 's'} in entries: their links may be missing here; `invoke check` lists them.",
                style="yellow",
            ),
            soft_wrap=True,
        )
    if changed:
        try:
            revision = base or default_base(content)
            files = changed_entry_files(content, revision)
        except ChangesError as exc:
            console.print(Text(f"--changed: {exc}", style="red"), soft_wrap=True)
            return 2
        entries = [entry for entry in entries if Path(entry.source).resolve() in files]
        since = base or (f"the merge-base with main ({revision[:10]})" if revision != "HEAD" else "HEAD (no main branch to compare with)")
        console.print(Text(f"{len(entries)} entry file{'' if len(entries) == 1 else 's'} changed since {since}."))
    # The data files' addresses belong to the project's own content, not to a folder of test entries.
    own_content = Path(content).resolve() == (Path(tree.settings.data).parent / "content").resolve()
    targets = collect(entries, directory_links(tree.settings.data) if own_content and not changed else [])
    pages = drift.pages_to_read(entries)  # every one of them is a link of its entry, so among the targets
    records = cache.load(cache_file)
    max_age = timedelta(hours=max(0.0, float(max_age_hours)))
    results, cached, records = check_targets(targets, records, now, max_age, scheduled, config, console, pages)
    try:
        cache.save(cache_file, records)
    except OSError as exc:
        console.print(Text(f"Could not write the cache {cache_file}: {exc}", style="yellow"))
    rows = rows_of(targets, results, cached)
    details = drift.check_details(entries, {url: results[url].body for url in pages if url in results})
    report(rows, console, json_file, environ, stdout, cached=len(cached), details=details)
    return 1 if any(row.result.status in FAILS for row in rows) else 0
