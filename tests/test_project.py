"""The project's own promises: the README's two commands, CI running the second, and `invoke serve`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import yaml
from conftest import FIXTURE_CONTENT, ROOT


def quick_start_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```[^\n]*\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def test_quick_start_has_two_command_lines_and_ci_runs_the_second():
    lines = quick_start_lines()
    assert len(lines) == 2
    assert lines[0].endswith("invoke serve") and "pip install -r requirements.txt" in lines[0]
    assert lines[1].endswith("invoke browser test")
    assert lines[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_requirements_are_all_pinned():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.\-]*", line), line


def pins(name: str) -> dict[str, str]:
    """{package name, lower case: pinned version} of a requirements file."""
    found = {}
    for line in (ROOT / name).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            package, version = line.split("==")
            found[package.lower().replace("_", "-")] = version
    return found


def test_the_pinned_lock_satisfies_the_projects_ranges():
    """pyproject.toml says which versions the code is written for; requirements.txt (and the bench file) pin one of them."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    locked = {**pins("requirements.txt"), **pins("requirements-bench.txt")}
    wanted = project["dependencies"] + project["optional-dependencies"]["test"] + project["optional-dependencies"]["bench"]
    for line in wanted:
        requirement = Requirement(line)
        name = requirement.name.lower().replace("_", "-")
        assert name in locked, f"{name} is in pyproject.toml but not pinned"
        assert requirement.specifier.contains(locked[name]), f"{name}=={locked[name]} is outside {requirement.specifier}"


def test_vocabularies_file_is_sorted_and_complete():
    data = yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text())
    assert set(data["kinds"]) == {"peer-community", "crisis-helpline", "recovery-account", "practitioner-tip"}
    assert {"phone", "text", "chat", "email", "video", "app", "forum", "social-media", "in-person"} <= set(data["channels"])
    assert {"blog", "podcast", "video", "instagram", "x", "mastodon", "bluesky", "tiktok", "facebook", "other"} <= set(data["platforms"])
    for name in ("audiences", "topics", "channels", "platforms"):
        assert list(data[name]) == sorted(data[name]), f"{name} should stay in alphabetical order"


def test_the_code_passes_the_linter():
    """ruff (pinned in requirements.txt, configured in pyproject.toml) finds nothing to fix."""
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_invoke_test_stops_on_code_ruff_would_change(tmp_path):
    """`invoke test` runs ruff check and ruff format --check before the tests, and says how to fix what they find."""
    import shutil

    project = tmp_path / "project"
    project.mkdir()
    for name in ("tasks.py", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("plugins", "data"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "plugins" / "tidy.py").write_text('"""Tidy."""\n\nX = 1\n')
    ok = subprocess.run([sys.executable, "-m", "invoke", "test", "-k", "nothing_at_all"], cwd=project, capture_output=True, text=True)
    assert "ruff" not in ok.stderr  # both checks pass; pytest then finds no tests folder here
    (project / "plugins" / "tidy.py").write_text('"""Untidy."""\nX=1\n')
    result = subprocess.run([sys.executable, "-m", "invoke", "test"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 1 and "ruff format found something to change" in result.stderr and "ruff format ." in result.stderr


def test_every_whoosh_import_is_in_one_module():
    importers = {
        p.relative_to(ROOT).as_posix() for p in ROOT.glob("plugins/**/*.py") if re.search(r"^\s*(from|import) whoosh", p.read_text(), re.M)
    }
    importers |= {
        p.relative_to(ROOT).as_posix() for p in ROOT.glob("tasks.py") if re.search(r"^\s*(from|import) whoosh", p.read_text(), re.M)
    }
    assert len(importers) <= 1, importers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_invoke_serve_builds_and_serves_on_loopback(tmp_path):
    port = free_port()
    output = tmp_path / "out"
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--content", str(FIXTURE_CONTENT), "--output", str(output), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        body = None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2) as response:
                    body = response.read().decode()
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.3)
        assert body is not None, server.stdout.read().decode() if server.poll() is not None else "no answer"
        assert "Find support that reaches you" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_contributing_examples_pass_the_checks(vocab):
    """Every complete example in CONTRIBUTING.md is a valid entry, so the guide cannot drift from the checks."""
    from conftest import TODAY
    from entries.check import read_entry

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Complete examples", 1)[1].split("\n## ", 1)[0]
    examples = re.findall(r"```(?:yaml|markdown|md)?\n(---\n.*?)```", section, re.S)
    assert len(examples) >= 4
    kinds = set()
    for example in examples:
        entry, problems = read_entry(example.encode(), "CONTRIBUTING.md", "example", vocab, TODAY)
        assert [p.format() for p in problems if p.severity == "error"] == []
        kinds.add(entry.kind)
    assert kinds == {"crisis-helpline", "peer-community", "recovery-account", "practitioner-tip"}


def test_every_problem_links_to_a_contributing_section(vocab, tmp_path):
    """Each problem code (entries/codes.py) names a section of CONTRIBUTING.md that exists."""
    from entries.codes import CODES

    anchors = set(re.findall(r"^#### ([a-z0-9-]+)$", (ROOT / "CONTRIBUTING.md").read_text(), re.M))
    missing = sorted({code.section for code in CODES} - anchors)
    assert missing == [], f"CONTRIBUTING.md lacks sections: {missing}"


BURN = """
import os, time
pid = os.fork()
if pid == 0:
    held = bytearray(200_000_000)
    while time.process_time() < 0.3:
        pass
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_the_build_benchmark_counts_the_cpu_time_and_memory_of_every_process_a_command_starts():
    sys.path.insert(0, str(ROOT / "tests"))
    import benchmarks

    wall, cpu, peak = benchmarks.timed([sys.executable, "-c", BURN], ROOT)
    assert cpu >= 0.3  # the forked process alone used 0.3 s
    assert peak >= 200_000_000  # and held 200 MB
    assert wall > 0


def test_the_build_benchmark_gives_each_ratio_against_the_target():
    sys.path.insert(0, str(ROOT / "tests"))
    import benchmarks

    row = {
        "entries": 1000,
        "runs": 3,
        "ours": 3.0,
        "bare": 2.0,
        "ratio": 1.5,
        "ours_cpu": 4.2,
        "bare_cpu": 2.0,
        "cpu_ratio": 2.1,
        "ours_memory": 300 * 2**20,
        "bare_memory": 100 * 2**20,
        "memory_ratio": 3.0,
        "pages_ours": 2,
        "pages_bare": 1,
        "largest": ("index.html", 1000),
        "largest_other": ("index.html", 1000),
    }
    text = benchmarks.render_build([row])
    assert (
        "| 1,000 | 3 | 3.00 s | 2.00 s | 1.50x (met) | 4.20 s | 2.00 s | 2.10x (missed) | 300 MiB | 100 MiB | 3.00x (missed) | 2 / 1 |"
        in text
    )


def test_the_build_benchmark_lets_python_keep_compiled_modules_for_both_commands(monkeypatch):
    sys.path.insert(0, str(ROOT / "tests"))
    import benchmarks

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    environment = benchmarks.python_as_installed()
    assert "PYTHONDONTWRITEBYTECODE" not in environment
    assert environment["PATH"] == os.environ["PATH"]
