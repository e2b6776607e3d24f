"""`invoke build --output X` and `invoke clean` never remove, move or write over what they did not make.

The output folder must be absent, empty or a site an earlier build made (it
holds the .signpost-site marker); the site is built in a working folder beside
it and swapped in by two renames (plugins/site_writer/output_folder.py).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT
from conftest import build as build_site
from site_writer import output_folder

import tasks

INVOKE = str(Path(sys.executable).parent / "invoke")  # .venv/bin/invoke
BAD = "---\nkind: helpline\ntitle: Broken\n---\n"


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


# What is built, where, and what is kept does not depend on the site's languages: these builds make the
# English tree alone, for time (tests/test_languages.py builds every tree; the French and Spanish trees are
# folders of the same working folder, put in place with it).
ENGLISH = {"SIGNPOST_LANGUAGES": "en"}


def build(content, output, **overrides) -> bool:
    return build_site(content, output, **ENGLISH, **overrides)


def _invoke(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, **ENGLISH)
    return subprocess.run([INVOKE, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env)


def _ended() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def _site(folder: Path, marked: bool = True) -> Path:
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("a page")
    if marked:
        (folder / output_folder.MARKER).write_text(output_folder.MARKER_TEXT)
    return folder


@pytest.fixture
def content(tmp_path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, copy)
    return copy


def test_a_folder_holding_a_users_file_is_refused_twice_and_the_file_survives(tmp_path, content, capsys):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "notes.txt").write_text("my notes")
    for _ in range(2):
        assert not build(content, notes)
        err = capsys.readouterr().err
        assert f"{notes}: this folder is not empty and was not made by Signpost's build (it has no .signpost-site file)" in err
        assert "choose a new or empty folder with --output, or remove this one yourself" in err
    assert [p.name for p in notes.iterdir()] == ["notes.txt"] and (notes / "notes.txt").read_text() == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "notes"], "no working folder is made"


def test_invoke_build_refuses_a_users_folder_and_a_file_without_a_traceback(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "notes.txt").write_text("my notes")
    report = tmp_path / "report.md"
    report.write_text("# my report\n")
    for output, message in (
        (notes, "this folder is not empty and was not made by Signpost's build"),
        (report, "this is a file, not a folder"),
    ):
        for _ in range(2):
            result = _invoke("build", "--content", str(FIXTURE_CONTENT), "--output", str(output))
            assert result.returncode == 1
            assert f"Nothing was built: {output}: {message}" in result.stderr
            assert "Traceback" not in result.stdout + result.stderr
    assert (notes / "notes.txt").read_text() == "my notes" and [p.name for p in notes.iterdir()] == ["notes.txt"]
    assert report.read_text() == "# my report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes", "report.md"]


@pytest.mark.parametrize("output", [".", "content", "plugins"])
def test_invoke_build_refuses_the_project_and_its_folders_without_a_traceback(output):
    before = sorted(p.name for p in ROOT.iterdir())
    result = _invoke("build", "--output", output)
    assert result.returncode == 1
    assert "Nothing was built:" in result.stderr and "choose a new or empty folder with --output" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert sorted(p.name for p in ROOT.iterdir()) == before


def test_the_content_folder_inside_it_and_a_folder_holding_it_are_refused(tmp_path, content, capsys):
    for output, message in (
        (content, "the output folder is the content folder"),
        (content / "site", f"the output folder is inside the content folder {content}"),  # a new folder: only this rule stops it
        (tmp_path, f"the output folder holds the content folder {content}"),
    ):
        assert not build(content, output)
        assert f"{output}: {message}" in capsys.readouterr().err
    assert not (content / "site").exists()
    assert _tree(content) == _tree(FIXTURE_CONTENT)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_the_project_and_a_folder_holding_it_are_refused(tmp_path, content, monkeypatch, capsys):
    project = tmp_path / "project"
    project.mkdir()  # empty: only the project rule stops a build into it
    monkeypatch.setattr(tasks, "ROOT", project)
    assert not build(content, project)
    assert f"{project}: the output folder is the project folder" in capsys.readouterr().err
    assert not build(content, tmp_path)
    assert f"{tmp_path}: the output folder holds the project folder {project}" in capsys.readouterr().err
    assert list(project.iterdir()) == []


def test_the_home_folder_is_refused(tmp_path, content, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()  # empty: only the home rule stops a build into it
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: home))
    assert not build(content, home)
    assert f"{home}: the output folder is your home folder" in capsys.readouterr().err
    assert list(home.iterdir()) == []


def test_the_root_folder_is_refused(content, capsys):
    before = sorted(p.name for p in Path("/").iterdir())
    assert not build(content, Path("/"))
    assert "/: the output folder is the root of the file system" in capsys.readouterr().err
    assert sorted(p.name for p in Path("/").iterdir()) == before


def test_an_existing_file_is_refused_and_unchanged(tmp_path, content, capsys):
    report = tmp_path / "report.md"
    report.write_text("# my report\n")
    assert not build(content, report)
    assert f"{report}: this is a file, not a folder" in capsys.readouterr().err
    assert report.read_text() == "# my report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "report.md"]


def test_an_output_under_a_file_gives_a_clear_message_and_no_traceback(tmp_path):
    (tmp_path / "a-file").write_text("x")
    output = tmp_path / "a-file" / "site"
    result = _invoke("build", "--content", str(FIXTURE_CONTENT), "--output", str(output))
    assert result.returncode == 1
    assert f"{output}: the output folder cannot be made, as {tmp_path / 'a-file'} is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert (tmp_path / "a-file").read_text() == "x"


def test_a_folder_the_build_cannot_write_in_gives_a_clear_message(tmp_path, content, monkeypatch, capsys):
    output = tmp_path / "out"
    monkeypatch.setattr(output_folder.os, "access", lambda path, mode: False)  # as if tmp_path were read-only
    assert not build(content, output)
    assert (
        f"{output}: the build cannot write in {tmp_path} (no permission); choose an --output in a folder you can write to"
        in capsys.readouterr().err
    )
    monkeypatch.undo()

    def refused(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refused)  # the check passed, but the file system says no
    assert not build(content, output)
    err = capsys.readouterr().err
    assert f"{output}: the build cannot make its working folder beside it (Permission denied)" in err
    assert "Traceback" not in err
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content"]


def test_a_rebuild_replaces_a_signpost_site_and_leaves_no_other_folder(tmp_path, content):
    output = tmp_path / "output"
    assert build(content, output)
    assert (
        output / ".signpost-site"
    ).read_text() == "This folder was made by Signpost's build (invoke build), and the next build replaces it with everything in it.\n"
    (output / "stray.html").write_text("a file an earlier site had")
    gone = content / "peer-community" / "example-closed-group.md"
    gone.unlink()
    assert build(content, output)
    assert (output / "index.html").exists() and (output / ".signpost-site").exists()
    assert not (output / "stray.html").exists() and not (output / "peer-community" / "example-closed-group.html").exists()
    assert build(content, tmp_path / "fresh")
    assert _tree(output) == _tree(tmp_path / "fresh"), "the same site as a build into a new folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "fresh", "output"]


def test_an_empty_folder_is_used(tmp_path, content):
    output = tmp_path / "output"
    output.mkdir()
    assert build(content, output)
    assert (output / "index.html").exists() and (output / ".signpost-site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_a_failed_build_leaves_the_old_site_byte_identical(tmp_path, content):
    output = tmp_path / "output"
    assert build(content, output)
    site = _tree(output)
    (content / "crisis-helpline" / "broken.md").write_text(BAD)
    assert not build(content, output)
    assert _tree(output) == site
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_a_failure_while_swapping_the_sites_leaves_the_old_site_whole(tmp_path, content, monkeypatch, capsys):
    output = tmp_path / "output"
    assert build(content, output)
    site = _tree(output)
    (content / "peer-community" / "example-closed-group.md").unlink()
    real = Path.rename

    def failing(self, target):
        if self.name.startswith(".output-building-"):
            raise OSError(28, "No space left on device", str(self))
        return real(self, target)

    monkeypatch.setattr(Path, "rename", failing)  # the old site is aside; the new one cannot go in
    assert not build(content, output)
    assert "No space left on device" in capsys.readouterr().err
    assert _tree(output) == site
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_a_user_writing_into_the_output_during_the_build_keeps_their_file(tmp_path, content, monkeypatch, capsys):
    output = tmp_path / "output"
    output.mkdir()
    real = output_folder.put_in_place

    def meanwhile(working, out):
        (out / "notes.txt").write_text("written during the build")
        return real(working, out)

    monkeypatch.setattr(output_folder, "put_in_place", meanwhile)
    assert not build(content, output)
    assert "something other than Signpost's build wrote into this folder during the build" in capsys.readouterr().err
    assert [p.name for p in output.iterdir()] == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]


def test_a_killed_builds_working_folder_is_removed_by_the_next_build_and_no_other(tmp_path, content):
    dead = _ended()
    left = _site(tmp_path / f".output-building-{dead}-0badf00d")  # marked, its build's process has ended
    aside = _site(tmp_path / f".output-replaced-{dead}-0badf00d")  # killed between the two renames
    unmarked = _site(tmp_path / f".output-building-{dead}-12345678", marked=False)
    running = _site(tmp_path / f".output-building-{os.getppid()}-87654321")  # a build still running
    other = _site(tmp_path / f".site-building-{dead}-0badf00d")  # another output's
    assert build(content, tmp_path / "output")
    assert not left.exists() and not aside.exists()
    assert (unmarked / "index.html").read_text() == "a page"
    assert (running / "index.html").read_text() == "a page"
    assert (other / "index.html").read_text() == "a page"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["content", "output", unmarked.name, running.name, other.name])


def test_clean_removes_only_marked_folders_and_the_named_caches(tmp_path):
    dead = _ended()
    kept = [
        _site(tmp_path / ".output-something", marked=False),
        _site(tmp_path / f".output-building-{dead}-12345678", marked=False),
        _site(tmp_path / f".output-building-{os.getppid()}-87654321"),  # a build still running
        _site(tmp_path / "site"),  # marked, but not the default output's
        tmp_path / ".cache" / "templates",
        tmp_path / "notes.txt",
        tmp_path / "content" / "entry.md",
    ]
    (tmp_path / ".cache" / "templates").mkdir(parents=True)
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "entry.md").write_text("---\n")
    removed = [
        _site(tmp_path / "output"),
        _site(tmp_path / f".output-building-{dead}-0badf00d"),
        _site(tmp_path / f".output-replaced-{dead}-0badf00d"),
        tmp_path / ".cache" / "links.json",
        tmp_path / "__pycache__",
        tmp_path / ".pytest_cache",
        tmp_path / "plugins" / "entries" / "__pycache__",
    ]
    (tmp_path / ".cache" / "links.json").write_text("{}")
    for cache in removed[4:]:
        cache.mkdir(parents=True)
        (cache / "x.pyc").write_bytes(b"x")
    assert sorted(tasks.clean_project(tmp_path)) == sorted(removed)
    assert not any(path.exists() for path in removed)
    assert all(path.exists() for path in kept)
    assert (tmp_path / "plugins" / "entries").is_dir()


def test_clean_leaves_an_output_folder_the_build_did_not_make(tmp_path):
    output = _site(tmp_path / "output", marked=False)
    elsewhere = _site(tmp_path / "elsewhere")
    assert tasks.clean_project(tmp_path) == []
    assert (output / "index.html").read_text() == "a page"
    output.rename(tmp_path / "mine")
    (tmp_path / "output").symlink_to(elsewhere)  # a link is never followed
    assert tasks.clean_project(tmp_path) == []
    assert (elsewhere / "index.html").exists()


def test_invoke_serve_refuses_a_users_folder_without_a_traceback(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = _invoke("serve", "--content", str(FIXTURE_CONTENT), "--output", str(tmp_path), "--port", "8765")
    assert result.returncode == 2
    assert f"Nothing was built: {tmp_path}: this folder is not empty" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_invoke_serve_builds_serves_and_rebuilds_in_place_of_the_old_site(tmp_path, content):
    output = tmp_path / "output"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [INVOKE, "serve", "--content", str(content), "--output", str(output), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = _fetch_when_served(
            f"http://127.0.0.1:{port}/crisis-helpline/example-crisis-line.html", lambda text: "Example Crisis Line" in text
        )
        assert "Example Crisis Line" in page
        entry = content / "crisis-helpline" / "example-crisis-line.md"
        entry.write_text(entry.read_text().replace("title: Example Crisis Line", "title: Example Renamed Line"))
        page = _fetch_when_served(
            f"http://127.0.0.1:{port}/crisis-helpline/example-crisis-line.html", lambda text: "Example Renamed Line" in text
        )
        assert "Example Renamed Line" in page
        assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]
    finally:
        server.terminate()
        _out, err = server.communicate(timeout=30)
    assert "Traceback" not in err


def _fetch_when_served(url: str, ready, timeout: float = 90) -> str:
    """The page at the address once ``ready(text)`` holds (the server starts, or rebuilds, meanwhile)."""
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if ready(text):
                return text
        except OSError:
            pass  # not serving yet
        time.sleep(0.2)
    return text
