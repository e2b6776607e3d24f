"""Which files in the content folder are entries: the one list that `invoke check` and the build both read.

An entry file is a regular file whose name is lower-case letters, digits and
hyphens, at most 80 characters with ``.md`` at the end (``samaritans.md``),
or, for a translation of that entry, with its language code before ``.md``
(``kids-help-phone.fr.md``: see translations.py). The file name without ``.md``
is the entry's slug, and its page is ``<kind>/<slug>.html``.

Entry files come from strangers' pull requests, so this refuses, with the file
and what to do:
- symbolic links, to files or to folders (one could lead to /dev/zero, or to a
  file elsewhere on the machine that builds the site);
- files larger than ``MAX_BYTES``;
- names that the site's own pages use in every kind's folder (``RESERVED_SLUGS``),
  which an entry would silently replace.
Hidden files and folders (a name starting with '.') are neither checked nor
built. Pelican reads exactly the files this lists (see ``entries.register``).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import WARNING, Problem

ENTRY_SUFFIX = ".md"
MAX_NAME = 80  # characters in the file name, .md included
MAX_BYTES = 256 * 1024
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*(?:\.(?P<lang>[a-z]{2}))?\.md")
FOLDER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# The pages the site writes into each kind's folder, next to the entries' pages
# (plugins/directory_pages): <kind>/index.html, the kind's list, and
# <kind>/phone-text.html, the same list for people without internet; a long list
# goes on over <kind>/page-2.html, page-3.html... and phone-text-2.html...
# (entries.pagination). An entry with one of these slugs would replace that page.
# A test builds the site and fails if a kind's folder holds a generated page
# that ``reserved`` allows as an entry's name.
RESERVED_SLUGS = ("index", "phone-text")
RESERVED_PAGES = re.compile(r"(page|phone-text)-[0-9]+")  # a list's later pages


def reserved(slug: str) -> bool:
    """Whether ``slug`` is the name of a page the site makes in every kind's folder."""
    return slug in RESERVED_SLUGS or bool(RESERVED_PAGES.fullmatch(slug))


def slug_for(path: str | os.PathLike) -> str:
    """The slug of an entry file: its name without ``.md``; for a translation, the slug of the entry it
    translates (``kids-help-phone`` for ``kids-help-phone.fr.md``)."""
    stem = Path(path).name.removesuffix(ENTRY_SUFFIX).lower()
    return stem.rsplit(".", 1)[0] if translation_language(path) else stem


def translation_language(path: str | os.PathLike) -> str | None:
    """The language code of a translation file (``fr`` for ``kids-help-phone.fr.md``), or None for an entry."""
    match = NAME.fullmatch(Path(path).name)
    return match.group("lang") if match else None


def content_files(content_dir: str | os.PathLike, shown) -> tuple[list[Path], list[Problem]]:
    """(the entry files under ``content_dir`` in a stable order, the problems with the other files).

    ``shown``: a function giving the path as contributors see it. Symbolic links
    are never followed, hidden files and folders are left out.
    """
    root = Path(content_dir)
    files: list[Path] = []
    problems: list[Problem] = []
    for where, folders, names in os.walk(root):  # os.walk does not follow links to folders
        here = Path(where)
        for name in sorted(folders):
            folder = here / name
            if name.startswith("."):
                folders.remove(name)
            elif folder.is_symlink():
                folders.remove(name)
                problems.append(
                    Problem(
                        shown(folder),
                        1,
                        "file",
                        f"the folder '{name}' is a symbolic link; entries must be plain files inside the content folder, so move the files here and remove the link",
                        code="symbolic-link",
                    )
                )
            elif not FOLDER.fullmatch(name) or len(name) > MAX_NAME:
                folders.remove(name)  # a folder's name reaches messages and pages: the same rule as a file's
                problems.append(
                    Problem(
                        shown(folder),
                        1,
                        "file",
                        f"the folder name '{_printable(name)}' is not allowed; use lower-case letters, digits and hyphens, e.g. '{suggested_name(name).removesuffix('.md')}' (entries in it are not read)",
                        code="file-name",
                    )
                )
        folders.sort()
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = here / name
            problem = _refusal(path, name, shown(path))
            if problem is None:
                files.append(path)
            else:
                problems.append(problem)
    return sorted(files), problems


def _refusal(path: Path, name: str, shown: str) -> Problem | None:
    """Why the file cannot be an entry (a Problem), or None when it is one."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return Problem(
            shown,
            1,
            "file",
            "is a symbolic link; an entry must be a plain file, so copy the text into a file here and remove the link",
            code="symbolic-link",
        )
    if not name.lower().endswith((".md", ".markdown")):
        return Problem(
            shown,
            1,
            "file",
            "is not an entry (entries end in .md), so it is not published; move it out of the content folder",
            WARNING,
            code="not-an-entry",
        )
    if not stat.S_ISREG(info.st_mode):
        return Problem(shown, 1, "file", "is not a regular file; an entry must be a plain text file", code="not-regular-file")
    if info.st_size > MAX_BYTES:
        return Problem(
            shown,
            1,
            "file",
            f"is {info.st_size // 1024} kB; an entry may be at most {MAX_BYTES // 1024} kB, so shorten the description",
            code="file-too-large",
        )
    match = NAME.fullmatch(name)
    if match is None or len(name) > MAX_NAME:
        return Problem(
            shown,
            1,
            "file",
            f"the file name '{_printable(name)}' is not allowed; use lower-case letters, digits and hyphens, at most {MAX_NAME} characters, ending in .md, e.g. '{suggested_name(name)}'",
            code="file-name",
        )
    slug = slug_for(name)
    if reserved(slug):
        return Problem(
            shown,
            1,
            "file",
            f"the name '{name}' is used by a page the site makes in every kind's folder (index.md, phone-text.md, and page-N.md and phone-text-N.md for the later pages of a long list, are reserved); rename the file after the service, e.g. '{slug}-service.md'",
            code="reserved-name",
        )
    return None


def suggested_name(name: str) -> str:
    """A name that follows the rules, made from ``name`` (for messages)."""
    stem = name[: -len(".markdown")] if name.lower().endswith(".markdown") else name.removesuffix(".md").removesuffix(".MD")
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[: MAX_NAME - 3].rstrip("-") or "service-name"
    return f"{stem}.md"


def _printable(name: str) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in name)
    return shown if len(shown) <= 60 else shown[:57] + "..."
