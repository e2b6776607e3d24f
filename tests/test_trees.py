"""The languages' trees are built at the same time, each in a process of its own (tasks.start_trees).

The site is the same, byte for byte, as when they are built one after another. A tree that fails
fails the build: it says which tree and why, with no traceback, the old site stays as it was, and
no process of the build is left running.
"""

from __future__ import annotations

import errno
import logging
import multiprocessing
import os
import threading
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, build
from directory_pages.generator import DirectoryGenerator
from site_writer import output_folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _in_each_tree(monkeypatch, action) -> None:
    """Run ``action(language code)`` in each tree's run, in the process that builds the tree, before its pages."""
    original = DirectoryGenerator.generate_output

    def first_this(self, writer):
        action(self.settings["SIGNPOST_LANGUAGE"])
        return original(self, writer)

    monkeypatch.setattr(DirectoryGenerator, "generate_output", first_this)


def _old_site(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("the site as it was")
    (folder / output_folder.MARKER).write_text(output_folder.MARKER_TEXT)
    return folder


def test_the_trees_are_built_at_once_in_their_own_processes_and_make_the_same_site(tmp_path, monkeypatch):
    pids = tmp_path / "pids"
    pids.mkdir()
    _in_each_tree(monkeypatch, lambda code: (pids / code).write_text(str(os.getpid())))
    assert threading.active_count() == 1, "a test left a thread running: the build would not fork"
    assert build(FIXTURE_CONTENT, tmp_path / "at-once")
    at_once = {path.name: int(path.read_text()) for path in pids.iterdir()}
    assert at_once["en"] == os.getpid(), "the root's tree is built by the build's own process"
    assert len({at_once["fr"], at_once["es"], os.getpid()}) == 3, "French and Spanish each in a process of its own"

    # A process with another thread (invoke serve's server) builds them one after another, itself
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert build(FIXTURE_CONTENT, tmp_path / "in-turn")
    assert {int(path.read_text()) for path in pids.iterdir()} == {os.getpid()}

    at_once_site, in_turn_site = _tree(tmp_path / "at-once"), _tree(tmp_path / "in-turn")
    assert {"index.html", "fr/index.html", "es/index.html", "sitemap.xml"} <= set(at_once_site)
    assert at_once_site == in_turn_site
    sitemap = at_once_site["sitemap.xml"].decode()
    assert "fr/index.html" in sitemap and "es/index.html" in sitemap, "the root's sitemap waited for the other trees"
    assert multiprocessing.active_children() == []


def _no_space(where: str):
    raise OSError(errno.ENOSPC, "No space left on device", where)


@pytest.mark.parametrize(
    ("failing", "action", "said"),
    [
        # an exception in a tree built in its own process
        (
            "es",
            lambda: _no_space("es/index.html"),
            ["Build failed: es/index.html: No space left on device", "the es tree could not be built"],
        ),
        # an error Pelican logs there, which it does not raise
        (
            "fr",
            lambda: logging.getLogger("pelican.writers").error("a template went wrong"),
            ["a template went wrong", "the fr tree could not be built"],
        ),
        # the root's own tree fails while the others are being built: they are stopped
        ("en", lambda: _no_space("index.html"), ["Build failed: index.html: No space left on device"]),
    ],
)
def test_a_tree_that_fails_fails_the_build_says_why_and_leaves_the_old_site(tmp_path, monkeypatch, capfd, failing, action, said):
    output = _old_site(tmp_path / "output")
    before = _tree(output)

    def fail_in(code: str) -> None:
        if code == failing:
            action()

    _in_each_tree(monkeypatch, fail_in)
    assert not build(FIXTURE_CONTENT, output)
    err = capfd.readouterr().err
    for words in said:
        assert words in err
    assert "was left as it was" in err
    assert "Traceback" not in err
    assert _tree(output) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["output"], "no working folder is left beside it"
    assert multiprocessing.active_children() == [], "no process of the build is left running"
