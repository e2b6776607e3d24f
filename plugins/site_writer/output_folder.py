"""The output folder: which folders a build may replace, and how it replaces one.

A build writes the site into a working folder of its own beside the output
(``.output-building-PID-XXXXXXXX``), and writes the marker file ``.signpost-site``
into it first. Once the build succeeds, two renames put it in place: the old site
aside (``.output-replaced-PID-XXXXXXXX``), the new one in; then the old one is
removed. A failed build removes only its working folder, so the old site stays whole.

A build replaces, moves or removes only folders that carry the marker: the output
must be absent, empty or an earlier Signpost site, so a folder someone else made,
and everything in it, is never touched.
"""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

MARKER = ".signpost-site"
MARKER_TEXT = "This folder was made by Signpost's build (invoke build), and the next build replaces it with everything in it.\n"
WORKING, ASIDE = "building", "replaced"  # the two kinds of folder a build keeps beside the output
CHOOSE = "choose a new or empty folder with --output"


class OutputError(Exception):
    """The site cannot go to this output folder; the message says why and what to do."""


def is_site(folder: Path) -> bool:
    """Whether the folder was made by Signpost's build: it holds the marker file."""
    marker = folder / MARKER
    return folder.is_dir() and not folder.is_symlink() and marker.is_file() and not marker.is_symlink()


def refusal(output: Path, content: Path, project: Path) -> str | None:
    """Why the site may not go to ``output`` (a message saying what to do), or None when it may.

    Paths are compared as real paths, after following links.
    """
    output, content, project = (Path(os.path.realpath(path)) for path in (output, content, project))
    if output == Path(output.anchor):
        return f"{output}: the output folder is the root of the file system; {CHOOSE}, e.g. --output output"
    if output == Path(os.path.realpath(Path.home())):
        return f"{output}: the output folder is your home folder; {CHOOSE}, e.g. --output output"
    if output == project:
        return f"{output}: the output folder is the project folder; {CHOOSE}, e.g. --output output"
    if output in project.parents:
        return f"{output}: the output folder holds the project folder {project}; {CHOOSE}, e.g. --output output"
    if output == content:
        return f"{output}: the output folder is the content folder; {CHOOSE}, e.g. --output output"
    if content in output.parents:
        return f"{output}: the output folder is inside the content folder {content}; {CHOOSE} outside it, e.g. --output output"
    if output in content.parents:
        return f"{output}: the output folder holds the content folder {content}; {CHOOSE} beside it, e.g. --output output"
    if output.exists() and not output.is_dir():
        return f"{output}: this is a file, not a folder; {CHOOSE}"
    if output.is_dir() and not is_site(output):
        try:
            empty = next(output.iterdir(), None) is None
        except OSError as exc:
            return f"{output}: the output folder cannot be read ({exc.strerror}); {CHOOSE}"
        if not empty:
            return (
                f"{output}: this folder is not empty and was not made by Signpost's build (it has no {MARKER} file), "
                f"so the build will not replace it; {CHOOSE}, or remove this one yourself"
            )
    parent = output.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent  # the nearest folder that exists: the build makes the rest
    if not parent.is_dir():
        return f"{output}: the output folder cannot be made, as {parent} is a file, not a folder; choose another --output"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"{output}: the build cannot write in {parent} (no permission); choose an --output in a folder you can write to"
    return None


def _beside(output: Path, kind: str, tag: str) -> Path:
    return output.with_name(f".{output.name}-{kind}-{tag}")


def start(output: Path) -> Path:
    """Make this build's working folder beside the output, with the marker in it, after
    removing the working folders that killed builds left. Raises OSError if it cannot."""
    output.parent.mkdir(parents=True, exist_ok=True)
    for folder in leftovers(output):
        shutil.rmtree(folder, ignore_errors=True)
    working = _beside(output, WORKING, f"{os.getpid()}-{secrets.token_hex(4)}")
    working.mkdir()
    (working / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    return working


def leftovers(output: Path) -> list[Path]:
    """The working and aside folders that builds which are no longer running left beside the output.

    Only folders named as a build names them, that carry the marker, and whose
    build's process (the pid in the name) has ended.
    """
    found = []
    if not output.parent.is_dir():
        return found
    for folder in sorted(output.parent.iterdir()):
        for kind in (WORKING, ASIDE):
            tag = folder.name.removeprefix(f".{output.name}-{kind}-")
            pid = tag.split("-")[0]
            if tag != folder.name and pid.isdigit() and is_site(folder) and not _running(int(pid)):
                found.append(folder)
    return found


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":
        return True  # elsewhere os.kill(pid, 0) would end the process, not look for it
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def put_in_place(working: Path, output: Path) -> None:
    """Replace the output with the finished working folder: the old site aside, the new one
    in, then the old one removed. Raises OutputError or OSError, leaving the old site whole."""
    if output.exists() and not is_site(output) and next(output.iterdir(), None) is not None:
        raise OutputError(
            f"{output}: something other than Signpost's build wrote into this folder during the build, so it was left as it was; {CHOOSE}"
        )
    aside = _beside(output, ASIDE, working.name.removeprefix(f".{output.name}-{WORKING}-"))
    old = os.path.lexists(output)
    if old:
        output.rename(aside)
    try:
        working.rename(output)
    except OSError:
        if old:
            aside.rename(output)
        raise
    if old:
        shutil.rmtree(aside, ignore_errors=True)
