"""The folders a build writes the site into: the site before last, written over, or a new one.

The site is built in a folder of its own and replaces the output only when the
build succeeds (tasks.build_site). That folder is the one the build before
last wrote, when there is one, and each file in it is written over in place
(files.py): here that took a twentieth of the time of making a new file, and
the old site's files no longer have to be removed. What the build does not
write again is removed (remove_stale) before the site goes live.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


def reuse(previous: Path) -> tuple[Path, int] | None:
    """(the folder of the build before last, renamed for this build to write over; the file
    system's time as it was taken). None when there is none, or when it is not safe to tell
    what this build wrote from what it left (see remove_stale)."""
    if os.name != "posix":
        return None  # elsewhere st_ctime is when a file was made, not when it was last written
    if previous.is_symlink() or not previous.is_dir() or not _plain_tree(previous):
        return None  # a link could lead a page elsewhere on the disk
    try:
        started = now_on_disk(previous)
    except OSError:
        return None  # not ours to write in
    if started % 1_000_000_000 == 0:
        return None  # a file system that keeps whole seconds: two quick builds could not be told apart
    staging = previous.with_name(f"{previous.name.removesuffix('-previous')}-building-{os.getpid()}-{time.monotonic_ns()}")
    try:
        previous.rename(staging)  # now this build's alone
    except OSError:
        return None
    return staging, started


def remove(path: Path) -> None:
    """Remove whatever is at the path: a folder with all it holds (a link is removed, not followed), or a file."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path, ignore_errors=True)


def _plain_tree(root: Path) -> bool:
    """Only folders and files, each file with no other name (a hard link would be changed too)."""
    folders = [root]
    while folders:
        with os.scandir(folders.pop()) as found:
            for item in found:
                if item.is_symlink():
                    return False
                if item.is_dir(follow_symlinks=False):
                    folders.append(Path(item.path))
                elif not item.is_file(follow_symlinks=False) or item.stat(follow_symlinks=False).st_nlink != 1:
                    return False
    return True


def now_on_disk(folder: Path) -> int:
    """The file system's time now (its clock, in ns), from a file made and removed in the folder."""
    marker = folder / ".signpost-build-started"
    marker.touch()
    try:
        return marker.stat().st_ctime_ns
    finally:
        marker.unlink()


def remove_stale(folder: Path, since_ns: int) -> None:
    """Remove every file in the folder not written since ``since_ns`` (a file's ctime changes whenever
    it is written or copied over), and the folders this leaves empty."""
    for where, folders, files in os.walk(folder, topdown=False):
        for name in files:
            path = os.path.join(where, name)
            if os.lstat(path).st_ctime_ns < since_ns:
                os.unlink(path)
        for name in folders:
            try:
                os.rmdir(os.path.join(where, name))  # only when empty
            except OSError:
                pass
