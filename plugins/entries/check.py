"""Read and check one entry file (``read_entry``), and list a content folder's entry files (``entry_files``).

The pipeline (plugins/pipeline/directory.py) calls these for every file, for
`invoke check` and for the build alike.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from . import phones, wording
from .addresses import SPACE_AND_C0, address_problems, scheme_of
from .files import content_files
from .frontmatter import read
from .links import entry_links
from .model import Entry
from .problems import Problem
from .safe_text import controls_in
from .sanitise import sanitise_with_links
from .settings import DEFAULT_DATA
from .validate import check_fields
from .vocabularies import Vocabularies

ENTRY_SUFFIXES = (".md", ".markdown")


def display_path(path: str | os.PathLike, root: str | os.PathLike | None = None) -> str:
    """The path as a contributor sees it: relative to ``root`` (default: the working folder)."""
    path = os.path.join(os.path.realpath(os.path.dirname(os.path.abspath(path))), os.path.basename(path))  # a link is shown as itself
    root = os.path.realpath(os.fspath(root or os.getcwd()))
    if path.startswith(root.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(path, root)).as_posix()
    return Path(path).as_posix()


def read_entry(
    raw: bytes, shown_path: str, slug: str, vocab: Vocabularies, today: date, allow_private: bool = False, data: Path = DEFAULT_DATA
) -> tuple[Entry | None, list[Problem]]:
    """Read and check one entry file: (the Entry, or None when it cannot be used; every problem found).

    ``data``: the folder of data files (the SIGNPOST_DATA setting), for the wording advice.
    """
    advice = wording.rules(data / "wording.yaml")
    front, problems = read(raw, shown_path)
    if front is None:
        return None, problems
    entry, found = check_fields(front.data, front.key_lines, shown_path, slug, vocab, today, allow_private=allow_private)
    problems.extend(found)
    problems.extend(body_controls(front.body, shown_path, front.body_line))
    html, removed, links = sanitise_with_links(front.body, shown_path, front.body_line)
    problems.extend(removed)
    problems.extend(body_address_problems(links, shown_path, allow_private))
    if entry is not None and entry.kind == "crisis-helpline":
        problems.extend(premium_links(links, entry.countries, shown_path))
    for name in ("title", "summary"):
        value = front.data.get(name)
        if isinstance(value, str):
            problems.extend(wording.check_text(value, shown_path, name, front.line_of(name), advice))
    problems.extend(wording.check_text(front.body, shown_path, "body", front.body_line, advice))
    if entry is not None:
        entry.body_html = html
        entry.body_source = front.body
        entry.body_line = front.body_line
        entry.body_links = links
        entry.links = tuple(entry_links(entry))
    return entry, problems


def body_address_problems(links: list[tuple[str, int]], path: str, allow_private: bool) -> list[Problem]:
    """The rules for each link in the description, [(href, line)]: web addresses follow addresses.py;
    a path inside the site (../page.html, //host/page) is an error here rather than a broken page later."""
    problems = []
    for href, line in links:
        scheme = scheme_of(href)
        if scheme in ("http", "https"):  # as a browser reads it: 'HTTPS:host', ' https://host' too
            problems.extend(
                Problem(path, line, "body", message, severity, code="web-address")
                for severity, message in address_problems(href, allow_private)
            )
        elif not scheme and not href.startswith(("{", "|", "#")):
            problems.append(
                Problem(
                    path,
                    line,
                    "body",
                    f"the link '{href}' is a path, which does not lead to a page of the built site; link to another entry as '{{filename}}/crisis-helpline/samaritans.md', or give a full web address starting with https://",
                    code="link-form",
                )
            )
    return problems


def premium_links(links: list[tuple[str, int]], countries: list[str], path: str) -> list[Problem]:
    """A crisis line's description may not send people to a premium-rate number either (tel: and sms: links)."""
    problems = []
    for href, line in links:
        if scheme_of(href) in ("tel", "sms"):
            number = unquote(href.strip(SPACE_AND_C0).split(":", 1)[1].split("?", 1)[0].split(";", 1)[0])
            if countries and phones.parse(number, countries).charge == "premium-rate":
                problems.append(
                    Problem(
                        path,
                        line,
                        "body",
                        f"'{href}' is a premium-rate number, which costs the caller a high rate; a crisis line must give numbers people can call at no or ordinary cost",
                        code="premium-rate",
                    )
                )
    return problems


def body_controls(body: str, path: str, first_line: int) -> list[Problem]:
    """Control characters in the description (line breaks are text; others can hide or reorder it)."""
    problems = []
    for offset, line in enumerate(body.split("\n")):
        found = controls_in(line)
        if found == ["U+0009"]:
            problems.append(
                Problem(
                    path,
                    first_line + offset,
                    "body",
                    "holds a tab (U+0009), a control character; use spaces instead (four spaces indent a list or code)",
                    code="control-character",
                )
            )
        elif found:
            problems.append(
                Problem(
                    path,
                    first_line + offset,
                    "body",
                    f"holds the invisible control character(s) {', '.join(found)}, which are not allowed; retype this line (copying from another program can bring them in)",
                    code="control-character",
                )
            )
    return problems


def entry_files(content_dir: str | os.PathLike, root: str | os.PathLike | None = None) -> tuple[list[Path], list[Problem]]:
    """The entry files under ``content_dir``, and the problems with the other files there (files.py)."""
    return content_files(content_dir, lambda path: display_path(path, root))
