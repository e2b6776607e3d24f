"""The one pipeline: `invoke check` and the build read the same Directory, so they report the same problems."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import FIXTURE_CONTENT, ROOT, TODAY

PROBLEM = re.compile(r"^\S.*:\d+: .+$")  # PATH:LINE: field: message


def problem_lines(text: str) -> set[str]:
    return {line for line in text.splitlines() if PROBLEM.match(line) and not line.startswith(("Build failed", "Checked "))}


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SIGNPOST_TODAY": TODAY.isoformat()},
    )


def test_check_and_build_report_the_same_problems_on_a_folder_of_broken_entries(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copytree(ROOT / "tests" / "hostile" / "refused", content / "refused")
    shutil.copytree(ROOT / "tests" / "hostile" / "neutralised", content / "neutralised")
    # a similar title: the check once looked for these, the build did not
    (content / "peer-community" / "zz-title.md").write_text(
        (FIXTURE_CONTENT / "peer-community" / "example-peer-forum.md")
        .read_text(encoding="utf-8")
        .replace("example.org/", "example.org/zz-")
        .replace("title: ", "title: The ", 1),
        encoding="utf-8",
    )
    checked = run("check", "--content", str(content))
    built = run("build", "--content", str(content), "--output", str(tmp_path / "site"))
    assert checked.returncode == 1 and built.returncode == 1
    assert "Traceback" not in checked.stderr + built.stderr
    from_check, from_build = problem_lines(checked.stdout), problem_lines(built.stderr)
    assert len(from_check) > 20 and any("very like the title of" in line for line in from_check)
    assert from_check == from_build
    assert not (tmp_path / "site").exists()


def test_a_setting_of_the_wrong_type_is_named_when_the_build_starts(tmp_path, capfd):
    from conftest import build

    assert not build(FIXTURE_CONTENT, tmp_path / "site", SIGNPOST_FEED_GIT_DATES="many")
    assert "SIGNPOST_FEED_GIT_DATES must be True or False, not 'many'" in capfd.readouterr().err
    assert not (tmp_path / "site").exists()


def test_settings_are_checked_with_a_message_that_names_the_setting():
    import pytest
    from entries.settings import SettingError, Settings

    for name, value, words in (
        ("SIGNPOST_TODAY", "21/11/2026", "SIGNPOST_TODAY must be a date written YYYY-MM-DD"),
        ("SIGNPOST_SEARCH_INDEX", "off", "SIGNPOST_SEARCH_INDEX must be True or False"),
        ("SIGNPOST_DATA", "/no/such/folder", "SIGNPOST_DATA: '/no/such/folder' is not a folder"),
    ):
        with pytest.raises(SettingError, match=re.escape(words)):
            Settings.from_pelican({name: value})
    assert Settings.from_pelican({"SIGNPOST_TODAY": "2026-11-21"}).today == TODAY


def test_every_data_file_is_found_through_the_one_setting(tmp_path):
    """A copy of data/ with other wording advice and another emergency number: the check and the build use it."""
    import shutil

    import yaml
    from conftest import build, read_content

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    advice = yaml.safe_load((data / "wording.yaml").read_text(encoding="utf-8"))
    advice.append({**advice[0], "phrase": "made-up", "prefer": "an invented example"})
    (data / "wording.yaml").write_text(yaml.safe_dump(advice), encoding="utf-8")
    numbers = yaml.safe_load((data / "emergency_numbers.yaml").read_text(encoding="utf-8"))
    numbers["GB"] = [{**numbers["GB"][0], "number": "99999"}]
    (data / "emergency_numbers.yaml").write_text(yaml.safe_dump(numbers), encoding="utf-8")

    directory = read_content(FIXTURE_CONTENT, data=data)
    assert any("an invented example" in p.message for p in directory.report.warnings)
    assert not any("an invented example" in p.message for p in read_content(FIXTURE_CONTENT).report.warnings)
    assert build(FIXTURE_CONTENT, tmp_path / "site", SIGNPOST_DATA=str(data))
    assert "99999" in (tmp_path / "site" / "get-help-now" / "gb.html").read_text(encoding="utf-8")


def test_the_sitemap_is_written_after_every_page_and_static_files_last():
    """Pelican writes in the list's order; only the sitemap's place matters (it lists the pages written)."""
    from directory_pages.generator import DirectoryGenerator
    from open_data.generator import OpenDataGenerator
    from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
    from pipeline import order_output
    from search_index.generator import SearchGenerator
    from signposting.generator import SignpostingGenerator

    classes = (
        ArticlesGenerator,
        PagesGenerator,
        DirectoryGenerator,
        SearchGenerator,
        OpenDataGenerator,
        SignpostingGenerator,
        StaticGenerator,
    )
    generators = [object.__new__(c) for c in classes]
    order_output(generators)
    assert [type(g) for g in generators] == [
        ArticlesGenerator,
        PagesGenerator,
        DirectoryGenerator,
        SearchGenerator,
        SignpostingGenerator,
        OpenDataGenerator,
        StaticGenerator,
    ]
