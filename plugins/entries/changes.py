"""Which entry files changed since a git revision: for `--changed` on `invoke links` and `invoke check`.

"Changed" means what a pull request would show plus what is not committed yet:
files that differ between ``base`` and the working tree (committed, staged or
not), and untracked files that git does not ignore. Deleted files are left out:
there is nothing left to check.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from .check import ENTRY_SUFFIXES

DEFAULT_BRANCHES = ("main", "origin/main")


class ChangesError(Exception):
    """git could not say what changed (not a repository, unknown revision, no git)."""


def _git(args: list[str], cwd: Path) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ChangesError(f"could not run git: {exc}") from exc
    if done.returncode != 0:
        raise ChangesError(f"git {' '.join(args)}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def default_base(cwd: str | os.PathLike = ".") -> str:
    """Where this branch left main (``git merge-base HEAD main``), or HEAD when there is no main."""
    for branch in DEFAULT_BRANCHES:
        try:
            return _git(["merge-base", "HEAD", branch], Path(cwd)).strip()
        except ChangesError:
            continue
    return "HEAD"


def changed_entry_files(content_dir: str | os.PathLike, base: str | None = None) -> set[Path]:
    """The entry files under ``content_dir`` that changed since ``base`` (resolved, absolute paths).

    ``base`` defaults to ``default_base()``. Raises ChangesError when git cannot answer.
    """
    content = Path(content_dir).resolve()
    if not content.is_dir():
        raise ChangesError(f"{content_dir}: not a folder")
    top = Path(_git(["rev-parse", "--show-toplevel"], content).strip()).resolve()
    revision = base or default_base(content)
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], content)
    except ChangesError:
        raise ChangesError(f"'{revision}' is not a commit in this repository; pass --base a branch, tag or commit") from None
    names = _git(["diff", "--name-only", "--no-renames", "--diff-filter=d", "-z", revision, "--", str(content)], top).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z", "--", str(content)], top).split("\0")
    changed = set()
    for name in filter(None, names):
        path = (top / name).resolve()
        if path.suffix in ENTRY_SUFFIXES and path.is_file() and _is_entry(path, content):
            changed.add(path)
    return changed


def _is_entry(path: Path, content: Path) -> bool:
    try:
        parts = path.relative_to(content).parts
    except ValueError:
        return False
    return not any(part.startswith(".") for part in parts)
