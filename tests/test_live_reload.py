"""`invoke serve` reloads the page when an entry changes, and its pages' CSP lets exactly that script run.

The live-reload server writes an inline script into every page it serves. The
pages' Content-Security-Policy refuses inline scripts, so `invoke serve` builds
with SIGNPOST_LIVE_RELOAD, the hash of that one script; every other build has
no script-src beyond 'self'.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT

import tasks

ENTRY = "practitioner-tip/example-tip.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"invoke serve ended early:\n{process.stdout.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError("invoke serve did not start serving")


def test_a_plain_build_allows_no_inline_script(fixture_site):
    head = (fixture_site / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert "script-src" not in head and "sha256-" not in head.replace(tasks.live_reload_hash(), "")
    assert tasks.live_reload_hash() not in head


def test_the_hash_is_the_live_reload_servers_own_script():
    """The script tasks.py hashes is the one livereload writes into pages (so an upgrade that changes it fails here)."""
    import inspect

    from livereload import server

    source = inspect.getsource(server.Server.application)
    for part in (
        'var s=document.createElement("script");',
        's.src="//"+window.location.hostname+":"+port\'',
        "'+ \"/livereload.js?port=\" + port;'",
        "document.head.appendChild(s);",
        "(window.location.port || (window.location.protocol == 'https:' ? 443: 80))",
    ):
        assert part in source, f"livereload's script changed: {part!r} is gone; update tasks.LIVE_RELOAD_SCRIPT"


@pytest.mark.browser
def test_serve_reloads_the_page_when_an_entry_changes(tmp_path: Path, browser):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--content", str(content), "--output", str(output), "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ),
    )
    try:
        wait_for_port(port, process)
        page = browser.new_page()
        refused = []
        page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
        page.goto(f"http://127.0.0.1:{port}/practitioner-tip/example-tip.html")
        assert page.locator("h1").inner_text() == "Example tip on switching off"
        # the live-reload script came in and connected (it loads livereload.js from the same server)
        page.wait_for_function("() => !!document.querySelector('script[src*=\"livereload.js\"]') && !!window.LiveReload", timeout=30_000)
        page.wait_for_timeout(1000)  # let it open its socket
        entry = content / ENTRY
        entry.write_text(
            entry.read_text(encoding="utf-8").replace("Example tip on switching off", "Example tip, changed while serving"),
            encoding="utf-8",
        )
        page.wait_for_function("() => document.querySelector('h1').textContent === 'Example tip, changed while serving'", timeout=90_000)
        assert refused == [], f"the page's CSP refused something while serving: {refused}"
        page.close()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.parametrize("value", ["'unsafe-inline'", "sha256-abc", "sha256-MclZcNa5vMtp/wzxRW6+KS3i8mRUf6thpmjT3pkIT5I='; script-src *"])
def test_the_setting_takes_a_hash_and_nothing_else(value):
    from entries.settings import SettingError, Settings

    with pytest.raises(SettingError, match="SIGNPOST_LIVE_RELOAD: .* is not a CSP hash"):
        Settings.from_pelican({"SIGNPOST_LIVE_RELOAD": value})
    assert Settings.from_pelican({"SIGNPOST_LIVE_RELOAD": tasks.live_reload_hash()}).live_reload == tasks.live_reload_hash()
