"""Whole-site builds: the golden fixture site, failed builds, and the task's exit code."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TEMPLATE_PAGES, build
from site_languages.catalogs import load_languages

GOLDEN = ROOT / "tests" / "fixtures" / "site" / "golden"


def test_golden_build(fixture_site):
    """Build the fixture site and compare it with tests/fixtures/site/golden.

    To accept a deliberate change: UPDATE_GOLDEN=1 invoke test -k golden, then review the diff.
    """
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for page in TEMPLATE_PAGES:
            (GOLDEN / page).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(fixture_site / page, GOLDEN / page)
    for page in TEMPLATE_PAGES:
        expected = (GOLDEN / page).read_text(encoding="utf-8")
        actual = (fixture_site / page).read_text(encoding="utf-8")
        assert actual == expected, (
            f"{page} differs from the golden copy; if the change is intended, run UPDATE_GOLDEN=1 invoke test -k golden"
        )


def test_every_expected_page_is_written(fixture_site):
    written = {p.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("*") if p.is_file()}
    assert set(TEMPLATE_PAGES) <= written
    assert {"theme/css/signpost.css", "theme/js/exit.js", "browse/channels/phone.html", "browse/audiences/farmers.html"} <= written


def test_build_is_deterministic(fixture_site, tmp_path):
    again = tmp_path / "again"
    assert build(FIXTURE_CONTENT, again)
    comparison = filecmp.dircmp(fixture_site, again)
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only


def test_closed_entry_is_listed_with_a_notice_but_not_a_crisis_line(fixture_site):
    page = (fixture_site / "peer-community/example-closed-group.html").read_text()
    assert "This service has closed." in page
    assert "Example Closed Group" in (fixture_site / "peer-community/index.html").read_text()


def test_get_help_lists_the_24_7_line_for_everyone_before_the_evening_line_for_wales(fixture_site):
    page = (fixture_site / "get-help-now" / "gb.html").read_text()
    assert page.index("Example Crisis Line") < page.index("Example Evening Line")  # 24/7 for everyone; evening, Wales only
    assert "(Wales only; farmers and rural workers)" in page
    assert 'href="tel:999"' in page and 'href="tel:+448081570123"' in page
    assert 'href="sms:+448081570456?body=HELLO"' in page
    assert page.count("<script") == page.count(" defer></script>") == 3  # only messages.js, exit.js and offline.js, deferred


def test_entry_page_shows_what_a_person_needs(fixture_site):
    page = (fixture_site / "crisis-helpline/example-evening-line.html").read_text()
    assert 'href="tel:+442079460123"' in page
    assert "Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00" in page
    assert "Europe/London" in page and "Free" in page and "Farmers and rural workers" in page
    assert "Wales" in page and "Awaiting review" in page
    reviewed = (fixture_site / "crisis-helpline/example-crisis-line.html").read_text()
    assert "Last reviewed" in reviewed and "30 September 2026" in reviewed


def test_internal_links_between_entries_resolve(fixture_site):
    page = (fixture_site / "practitioner-tip/example-tip.html").read_text()
    assert 'href="../crisis-helpline/example-crisis-line.html"' in page


BAD = """---
title: Broken
kind: helpline
summary: x
url: javascript:alert(1)
countries: [GB]
channels: [phone]
---
"""


def test_failed_build_leaves_the_old_site_and_reports_everything(tmp_path, capfd):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    assert build(content, output)
    before = (output / "index.html").read_text()
    (content / "crisis-helpline" / "broken.md").write_text(BAD)
    (content / "peer-community" / "empty.md").write_text("")
    capfd.readouterr()
    assert not build(content, output)
    err = capfd.readouterr().err
    assert "crisis-helpline/broken.md:3: kind: 'helpline' is not a known kind" in err
    assert "crisis-helpline/broken.md:5: url: 'javascript:' links are not allowed" in err
    assert "crisis-helpline/broken.md:7: phone: channels lists 'phone'" in err
    assert "peer-community/empty.md:1: file: the file is empty" in err
    assert "Traceback" not in err
    assert (output / "index.html").read_text() == before
    assert not (output / "crisis-helpline" / "broken.html").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_invoke_build_exits_non_zero_without_a_traceback(tmp_path):
    content = tmp_path / "content"
    (content / "crisis-helpline").mkdir(parents=True)
    (content / "crisis-helpline" / "broken.md").write_text(BAD)
    output = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--content", str(content), "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "kind: 'helpline' is not a known kind; did you mean 'crisis-helpline'?" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not output.exists()


def test_invoke_check_exit_code(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    ok = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (content / "crisis-helpline" / "broken.md").write_text(BAD)
    bad = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "broken.md:3: kind:" in bad.stdout


def test_sanitised_body_in_a_real_build(tmp_path, capfd):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "peer-community" / "example-peer-forum.md"
    path.write_text(path.read_text() + '\n<script>alert("x")</script>\n<a href="javascript:alert(1)" onmouseover="x()">hi</a>\n')
    output = tmp_path / "out"
    capfd.readouterr()
    assert build(content, output)
    err = capfd.readouterr().err
    assert "example-peer-forum.md:14: body: warning: a <script> element was removed" in err
    page = (output / "peer-community" / "example-peer-forum.html").read_text()
    assert "alert" not in page and "onmouseover" not in page


@pytest.mark.parametrize("name", ["output", "site"])
def test_plugins_work_for_any_content_and_output_folder(tmp_path, name):
    content = tmp_path / "elsewhere" / "entries"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / name
    assert build(content, output)
    assert (output / "crisis-helpline" / "example-crisis-line.html").exists()
    assert (output / "get-help-now.html").exists()


def test_closed_entry_keeps_no_live_contact_links(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "crisis-helpline" / "example-crisis-line.md"
    path.write_text(path.read_text().replace("last_reviewed: 2026-09-30", "last_reviewed: 2026-09-30\nstatus: closed"))
    output = tmp_path / "out"
    assert build(content, output)
    page = (output / "crisis-helpline" / "example-crisis-line.html").read_text()
    assert "This service has closed." in page and "0808 157 0123" in page
    assert "tel:" not in page and "sms:" not in page and "https://example.org/chat" not in page
    assert "Example Crisis Line" not in (output / "get-help-now.html").read_text()


def test_publish_settings_build_the_same_site(tmp_path):
    output = tmp_path / "published"
    assert build(
        FIXTURE_CONTENT,
        output,
        settings=str(ROOT / "publishconf.py"),
        SITEURL="https://signpost.example.org",
        SIGNPOST_REPOSITORY="https://github.com/example/signpost",
    )  # a publish build needs both (tests/test_reporting.py)
    assert (output / "index.html").exists() and (output / "get-help-now.html").exists()


def test_an_empty_filtered_list_points_to_get_help_now(fixture_site):
    page = (fixture_site / "recovery-account" / "phone-text.html").read_text()  # the podcast has no phone or text
    assert "Nothing is listed here yet." in page and 'href="../get-help-now.html"' in page


def test_a_changed_template_is_used_at_the_next_build(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    english = {"SIGNPOST_LANGUAGES": "en"}  # the English tree alone: the templates are the same in every tree
    assert build(FIXTURE_CONTENT, tmp_path / "one", THEME=str(theme), **english)
    assert "What is listed" in (tmp_path / "one" / "about.html").read_text()
    template = theme / "templates" / "about.html"
    template.write_text(template.read_text().replace("What is listed", "What this directory lists"))
    assert build(FIXTURE_CONTENT, tmp_path / "two", THEME=str(theme), **english)
    page = (tmp_path / "two" / "about.html").read_text()
    assert "What this directory lists" in page and "What is listed" not in page


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_after_a_failed_build_nothing_of_it_is_left_and_the_next_build_makes_the_same_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    out = tmp_path / "output"
    assert build(content, out) and build(content, out)
    site = _tree(out)
    (content / "crisis-helpline" / "broken.md").write_text(BAD)
    assert not build(content, out)
    assert _tree(out) == site
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "output"]
    (content / "crisis-helpline" / "broken.md").unlink()
    assert build(content, out)
    assert _tree(out) == site


def test_invoke_build_keeps_the_plugins_compiled_unless_python_is_told_not_to(tmp_path):
    """invoke turns off Python's __pycache__ for its whole run; a build turns it back on for the plugins."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("tasks.py", "pelicanconf.py"):
        shutil.copy(ROOT / name, project / name)
    for name in ("plugins", "theme", "data", "translations"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    environment["SIGNPOST_LANGUAGES"] = "en"  # the English tree alone: which modules are compiled is the matter
    command = [sys.executable, "-m", "invoke", "build", "--content", str(FIXTURE_CONTENT), "--output", str(tmp_path / "out")]

    told_not_to = subprocess.run(command, cwd=project, env={**environment, "PYTHONDONTWRITEBYTECODE": "1"}, capture_output=True, text=True)
    assert told_not_to.returncode == 0, told_not_to.stderr
    assert not list(project.rglob("*.pyc"))

    result = subprocess.run(command, cwd=project, env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    compiled = {path.name.split(".")[0] for path in (project / "plugins" / "entries" / "__pycache__").glob("*.pyc")}
    assert {"__init__", "check", "validate"} <= compiled
    assert "reader" in {path.name.split(".")[0] for path in (project / "plugins" / "pipeline" / "__pycache__").glob("*.pyc")}
    assert not list(project.glob("__pycache__/tasks.*.pyc")), "tasks.py itself stays uncompiled, as invoke wants"


def test_each_entry_page_address_is_worked_out_once(tmp_path, monkeypatch):
    from pelican.contents import Content

    worked_out = []
    real = Content.get_url_setting

    def counting(self, key):
        if not hasattr(self, "override_" + key):
            worked_out.append((self.source_path, key))
        return real(self, key)

    monkeypatch.setattr(Content, "get_url_setting", counting)
    assert build(FIXTURE_CONTENT, tmp_path / "out")
    entries = {path for path, _ in worked_out}
    # Pelican asks for save_as once as it reads the entry; then it is kept (it was asked five times).
    # It reads the entries once for each language's tree (the Directory itself reads them once).
    trees = len(load_languages(ROOT / "data" / "languages.yaml"))
    assert entries and all(worked_out.count((path, key)) <= 2 * trees for path in entries for key in ("url", "save_as"))


def test_entry_page_says_what_it_was_checked_against_and_who_confirmed_it(fixture_site):
    page = (fixture_site / "crisis-helpline" / "example-crisis-line.html").read_text(encoding="utf-8")
    assert 'Checked against: <a href="https://example.org/crisis/contact" rel="noopener noreferrer" referrerpolicy="no-referrer">' in page
    assert 'Confirmed by the service on <time datetime="2026-10-01">1 October 2026</time>' in page
    other = (fixture_site / "crisis-helpline" / "example-evening-line.html").read_text(encoding="utf-8")
    assert "Checked against" not in other and "Confirmed by the service" not in other


def test_closed_services_link_no_old_domain_anywhere(starter_site):
    """A lapsed domain can be bought by anyone: a closed entry shows its name, not its old address."""
    for path in starter_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js", ".vcf"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "time-to-change.org.uk" not in text and "wellnesstogether.ca" not in text, path


def test_only_a_closed_entry_may_leave_out_its_web_address(vocab):
    from conftest import TODAY
    from entries.check import read_entry

    text = (FIXTURE_CONTENT / "peer-community" / "example-closed-group.md").read_text(encoding="utf-8")
    without = "\n".join(line for line in text.split("\n") if not line.startswith("url: "))
    _entry, problems = read_entry(without.encode(), "x.md", "x", vocab, TODAY)
    assert [p for p in problems if p.field == "url"] == []
    opened = without.replace("status: closed", "status: active")
    _entry, problems = read_entry(opened.encode(), "x.md", "x", vocab, TODAY)
    assert [p.code for p in problems if p.field == "url"] == ["required-field"]
