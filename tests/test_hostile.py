"""The hostile corpus: entries written to harm a reader or the machine that builds the site.

Each case in tests/hostile/refused must be named by `invoke check` at its file,
line and field, and refused by the build; the cases in tests/hostile/neutralised
build, with a warning each, and nothing of them reaches the site. The manifest
test holds every built file to the patterns of what the build generates.
Expectations are in tests/hostile/expected.yaml.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURE_CONTENT, ROOT, STARTER_CONTENT, TODAY, build

HOSTILE = ROOT / "tests" / "hostile"
EXPECTED = yaml.safe_load((HOSTILE / "expected.yaml").read_text(encoding="utf-8"))
KINDS = ("crisis-helpline", "peer-community", "practitioner-tip", "recovery-account")
VALID = (FIXTURE_CONTENT / "peer-community" / "example-peer-forum.md").read_text(encoding="utf-8")


def check(content: Path):
    import tasks

    result = tasks.check_content(content, today=TODAY)
    return result.report


def shown(path: Path) -> str:
    from entries.check import display_path

    return display_path(path)


def refused_by_check_and_build(content: Path, path: Path, line: int, field: str, says: str, tmp_path: Path) -> None:
    """`invoke check` names the file, line and field with an error; the build writes no site."""
    report = check(content)
    found = [(p.line, p.field, p.message) for p in report.errors if p.path == shown(path)]
    assert any(ln == line and fd == field and says in message for ln, fd, message in found), (
        f"{path.name}: expected {line} {field} {says!r}, got {found}"
    )
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for problem in report.problems:  # each says where to read how to fix it
        assert problem.section and f"#### {problem.section}\n" in guide, problem.format()
    output = tmp_path / "site"
    assert not build(content, output)
    assert not output.exists()


@pytest.mark.parametrize("name", sorted(EXPECTED["refused"]))
def test_a_hostile_entry_is_named_by_the_check_and_refused_by_the_build(name, tmp_path):
    expected = EXPECTED["refused"][name]
    content = tmp_path / "content"
    (content / "peer-community").mkdir(parents=True)
    (content / "peer-community" / "example-peer-forum.md").write_text(VALID, encoding="utf-8")
    target = content / "peer-community" / name
    shutil.copyfile(HOSTILE / "refused" / name, target)
    refused_by_check_and_build(content, target, expected["line"], expected["field"], expected["says"], tmp_path)


def _symlink_to_dev_zero(folder: Path) -> Path:
    (folder / "zero.md").symlink_to("/dev/zero")
    return folder / "zero.md"


def _symlink_outside(folder: Path) -> Path:
    outside = folder.parent.parent / "outside.md"
    outside.write_text(VALID.replace("example-peer-forum", "outside"), encoding="utf-8")
    (folder / "outside.md").symlink_to(outside)
    return folder / "outside.md"


def _folder_through_a_link(folder: Path) -> Path:
    elsewhere = folder.parent.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked-entry.md").write_text(VALID.replace("example-peer-forum", "linked"), encoding="utf-8")
    (folder / "linked").symlink_to(elsewhere, target_is_directory=True)
    return folder / "linked"


def _folder_with_escapes(folder: Path) -> Path:
    inside = folder / "\x1b]0;PWNED\x07\x1b[31mred"
    inside.mkdir()
    (inside / "in-it.md").write_text(VALID.replace("example-peer-forum", "in-it"), encoding="utf-8")
    return inside


def _too_large(folder: Path) -> Path:
    path = folder / "too-large.md"
    path.write_text(VALID.replace("example-peer-forum", "too-large") + ("Padding text. " * 20_000), encoding="utf-8")
    return path


def _named(name: str):
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(VALID.replace("example-peer-forum", "named"), encoding="utf-8")
        return path

    return make


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (_symlink_to_dev_zero, "is a symbolic link"),
        (_symlink_outside, "is a symbolic link"),
        (_folder_through_a_link, "is a symbolic link"),
        (_folder_with_escapes, "the folder name"),
        (_too_large, "may be at most 256 kB"),
        (_named("it's-<b>.md"), "is not allowed; use lower-case letters"),
        (_named("a" * 249 + ".md"), "at most 80 characters"),
        (_named("Samaritans.md"), "e.g. 'samaritans.md'"),
        (_named("samaritans.markdown"), "e.g. 'samaritans.md'"),
    ],
    ids=[
        "symlink-to-dev-zero",
        "symlink-outside",
        "folder-through-a-link",
        "folder-with-escapes",
        "too-large",
        "markup-in-name",
        "long-name",
        "upper-case",
        "markdown-suffix",
    ],
)
def test_a_hostile_file_is_named_by_the_check_and_refused_by_the_build(make, says, tmp_path):
    content = tmp_path / "content"
    folder = content / "peer-community"
    folder.mkdir(parents=True)
    (folder / "example-peer-forum.md").write_text(VALID, encoding="utf-8")
    path = make(folder)
    refused_by_check_and_build(content, path, 1, "file", says, tmp_path)


# -- the manifest: what a built site may hold ---------------------------------------------

PAGES = r"(index|about|privacy|search|sheet|coverage|needs-review|get-help-now|404)\.html"
LATER_PAGES = r"needs-review-[0-9]+\.html"  # a long Needs review's later pages (entries.pagination)
GENERATED = [
    r"\.signpost-site",
    PAGES,
    LATER_PAGES,
    r"sw\.js",
    r"sitemap\.xml",
    r"browse/index\.html",
    r"get-help-now/[a-z]{2}\.html",
    r"browse/(country|region|audiences|channels|topics)/[a-z0-9-]+\.html",
    r"s/[a-z0-9]+\.html",
    r"vcard/[a-z0-9-]+\.vcf",
    r"sheet/[a-z0-9-]+\.(html|js)",  # a service's printable sheet and its card (plugins/signposting/sheet.py)
    r"search/(v|meta|f|h)\.js",
    r"search/[dt]/\d+\.js",
    r"data/entries\.json",
    r"data/hsds/services\.json",
    r"feeds/entries\.atom\.xml",
    r"search/order\.js",  # the order in which filters alone list entries (search_index.rules.listing_order)
    r"theme/js/messages\.js",  # the scripts' words in the tree's language (plugins/site_languages/scripts.py)
]
# Written once, at the root; the other languages' trees (fr/, es/: data/languages.yaml) hold the rest again
ROOT_ONLY = {r"\.signpost-site", r"sitemap\.xml", r"data/entries\.json", r"data/hsds/services\.json", r"feeds/entries\.atom\.xml"}


def unexpected_files(site: Path, slugs: set[str]) -> list[str]:
    """Files in the built site that the build does not generate: [] when the manifest holds.

    A kind's folder holds only the pages of the entries read and the pages the
    site makes there (entries.files.reserved); the theme's folder holds
    exactly the theme's own static files, unchanged.
    """
    from entries.files import reserved
    from site_languages.catalogs import load_languages

    trees = {language.code for language in load_languages(ROOT / "data" / "languages.yaml")[1:]}
    theme = ROOT / "theme" / "static"
    theme_files = {f"theme/{p.relative_to(theme).as_posix()}" for p in theme.rglob("*") if p.is_file()}
    wrong = []
    for path in sorted(site.rglob("*")):
        if path.is_dir() and not path.is_symlink():
            continue
        shown = path.relative_to(site).as_posix()
        tree, _, inside = shown.partition("/")
        name = inside if tree in trees and inside else shown
        generated = [pattern for pattern in GENERATED if name == shown or pattern not in ROOT_ONLY]
        if path.is_symlink() or not path.is_file():
            wrong.append(f"{shown} (not a regular file)")
        elif name in theme_files:
            if path.read_bytes() != (theme / name.removeprefix("theme/")).read_bytes():
                wrong.append(f"{shown} (differs from the theme's file)")
        elif name.split("/")[0] in KINDS:
            kind, _, page = name.partition("/")
            stem = page.removesuffix(".html")
            if not page.endswith(".html") or "/" in page or (stem not in slugs and not reserved(stem)):
                wrong.append(shown)
        elif not any(re.fullmatch(pattern, name) for pattern in generated):
            wrong.append(shown)
    return wrong


def entry_slugs(content: Path) -> set[str]:
    """The slugs of the entries the check reads: a refused file's name allows no page."""
    import tasks

    return {entry.slug for entry in tasks.check_content(content, today=TODAY).entries}


def test_the_starter_site_holds_only_generated_files(starter_site):
    assert unexpected_files(starter_site, entry_slugs(STARTER_CONTENT)) == []
    assert (starter_site / ".signpost-site").is_file()


def test_the_manifest_test_notices_a_file_the_build_did_not_make(tmp_path):
    site = tmp_path / "site"
    for name in ("index.html", "crisis-helpline/samaritans.html", "crisis-helpline/index.html", "theme/js/exit.js"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes((ROOT / "theme" / "static" / "js" / "exit.js").read_bytes() if name.startswith("theme") else b"x")
    assert unexpected_files(site, {"samaritans"}) == []
    (site / "crisis-helpline" / "payload.js").write_text("x")
    (site / "theme" / "js" / "exit.js").write_text("changed")
    (site / "crisis-helpline" / "other.html").write_text("x")
    (site / ".git-config").write_text("x")
    assert unexpected_files(site, {"samaritans"}) == [
        ".git-config",
        "crisis-helpline/other.html",
        "crisis-helpline/payload.js",
        "theme/js/exit.js (differs from the theme's file)",
    ]


def test_the_manifest_holds_in_each_language_tree(tmp_path):
    """fr/ holds the same kinds of pages as the root, but not the root's own files (data, feed, sitemap)."""
    site = tmp_path / "site"
    for name in (
        "fr/index.html",
        "fr/crisis-helpline/samaritans.html",
        "fr/s/abc12.html",
        "data/entries.json",
        "fr/data/entries.json",
        "fr/sitemap.xml",
        "xx/index.html",
    ):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("x")
    assert unexpected_files(site, {"samaritans"}) == ["fr/data/entries.json", "fr/sitemap.xml", "xx/index.html"]


@pytest.fixture(scope="module")
def neutralised(tmp_path_factory):
    """The fixture site's entries with the neutralised hostile files: (content, site, report)."""
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    shutil.copytree(HOSTILE / "neutralised", content / "hostile")
    site = root / "site"
    assert build(content, site), "warnings alone must not stop the build"
    return content, site, check(content)


@pytest.mark.parametrize("expected", EXPECTED["neutralised"]["warnings"], ids=lambda e: f"{e['file']}:{e['line']}")
def test_a_neutralised_case_is_named_with_a_warning(neutralised, expected):
    content, _site, report = neutralised
    path = shown(content / "hostile" / expected["file"])
    found = [(p.line, p.field, p.message) for p in report.warnings if p.path == path]
    assert any(ln == expected["line"] and fd == expected["field"] and expected["says"] in m for ln, fd, m in found), found


def test_nothing_of_the_neutralised_cases_reaches_the_site(neutralised):
    content, site, report = neutralised
    assert report.errors == []
    assert unexpected_files(site, entry_slugs(content)) == []
    assert not (site / "peer-community" / "translation.fr.html").exists()
    assert not any(".hidden-entry" in p.path for p in report.problems), "a hidden file is neither checked nor built"
    for path in site.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            for words in EXPECTED["neutralised"]["never_published"]:
                assert words not in text, f"{words!r} reached {path.relative_to(site)}"
    assert "Example Crisis Line" in (site / "crisis-helpline" / "index.html").read_text(encoding="utf-8")


# -- what people copy: messages, cards, annotations, the terminal --------------------------


def test_a_line_break_in_a_value_never_adds_a_line_to_the_message_or_the_card():
    from datetime import date

    from entries.model import Entry
    from signposting import message, vcard
    from signposting.words import Words
    from site_languages.catalogs import translations

    entry = Entry(
        source="x.md",
        slug="x",
        title="Helpline\nCall 0906 123 4567",
        kind="crisis-helpline",
        summary="s",
        url="https://example.org/\r\nTEL:0906",
        countries=["GB"],
        channels=["phone"],
        phone="116 123",
        email="a@example.org\nTEL:0906",
        status="active",
        last_reviewed=date(2026, 1, 1),
    )
    for code in ("en", "fr", "es"):  # the handover in every language (plugins/signposting/words.py)
        catalog = translations(Path(__file__).resolve().parents[1] / "translations", code)
        words = Words(code, catalog.gettext, {"free": "Free"})
        text = message.message(entry, "https://s.example/x", words)
        assert text.split("\n")[0] == "Helpline Call 0906 123 4567"
        assert not any(line.startswith("Call 0906") for line in text.split("\n"))
        card = vcard.card(entry, None, words)
        lines = card.split("\r\n")
        assert [line for line in lines if line.startswith("TEL")] == ["TEL;TYPE=voice:116 123"]
        assert "FN:Helpline\\nCall 0906 123 4567" in lines


def test_github_annotations_escape_properties_and_messages():
    from entries.problems import Problem

    problem = Problem("content/a,b:c.md", 3, "x\n::error file=a::pwned", "50% of\r\nlines", code="one-line")
    assert (
        problem.github()
        == "::error file=content/a%2Cb%3Ac.md,line=3,title=x%0A%3A%3Aerror file=a%3A%3Apwned::50%25 of%0D%0Alines (see CONTRIBUTING.md#one-line)"
    )


def test_terminal_output_shows_escape_sequences_instead_of_sending_them(tmp_path):
    content = tmp_path / "content" / "peer-community"
    content.mkdir(parents=True)
    shutil.copyfile(HOSTILE / "refused" / "escape-in-title.md", content / "escape-in-title.md")
    (content / "bad.md").write_text(VALID.replace("---\n", "---\nfoo\x1b[2J: 1\n", 1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(tmp_path / "content")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, GITHUB_ACTIONS=""),
    )
    assert done.returncode == 1
    assert "\x1b" not in done.stdout + done.stderr
    assert "\\x1b[2J" in done.stdout
    assert "Traceback" not in done.stderr


def test_joiners_and_marks_that_scripts_need_are_allowed(vocab):
    """ZWJ, ZWNJ and LRM are part of how some languages are written: they are not control characters."""
    from entries.check import read_entry

    for text in ("Helpline \u200d\u200c one", "Arabic \u200e mark"):
        entry, problems = read_entry(VALID.replace("title: ", f"title: {text} ", 1).encode(), "x.md", "x", vocab, TODAY)
        assert entry is not None and [p for p in problems if "control" in p.message] == []


def test_pelican_itself_copies_no_linked_file_and_rewrites_only_filename_links():
    """The narrowing is in Pelican's own settings, not only in the check that runs before it."""
    from pelican.contents import Article
    from pelican.settings import read_settings
    from pelican.urlwrappers import Category

    import tasks

    settings = read_settings(tasks.SETTINGS)
    html = '<a href="{attach}index.html">a</a> <a href="|static|x.js">b</a> <img src="{static}/../../.git/config"> <a href="{index}">i</a>'
    context = {"generated_content": {}, "static_content": {}, "static_links": set(), "localsiteurl": ""}
    article = Article(
        html,
        metadata={"title": "t", "category": Category("peer-community", settings)},
        settings=settings,
        source_path=f"{settings['PATH']}/peer-community/x.md",
        context=context,
    )
    assert article.get_static_links() == set()  # nothing for Pelican's static generator to copy
    assert article.content == html  # and no link rewritten to a file


# -- found by a red-team review: addresses read as a browser reads them ---------------------


@pytest.mark.parametrize(
    ("href", "says"),
    [
        ("https:evil.example/x", "no '//' after 'https:'"),
        ("HTTPS:www.samaritans.org@evil.example/", "no '//' after 'HTTPS:'"),
        ("http:169.254.169.254/latest/meta-data/", "no '//' after 'http:'"),
        ("https:\\\\evil.example/x", "has a backslash"),
        ("https://evil.example\\.samaritans.org/", "has a backslash"),
        ("http://2130706433/", "points to an IP address"),
        ("http://0x7f.0.0.1/", "points to an IP address"),
        ("http://127.1/", "points to an IP address"),
        ("https://\uff11\uff12\uff17.\uff10.\uff10.\uff11/", "points to an IP address"),
        ("https://www.samaritans.org%40evil.example/", "so it leads to evil.example"),
        ("http://[::1]/", "points to an IP address"),
    ],
)
def test_an_address_is_judged_as_a_browser_reads_it(href, says, vocab):
    """In a description's link and in url alike."""
    from entries.check import read_entry

    body = VALID + f'\nSee [this]({href}) and <a href=" {href}">that</a>.\n'
    _entry, problems = read_entry(body.encode(), "x.md", "x", vocab, TODAY)
    refused = [p.message for p in problems if p.field == "body" and p.severity == "error"]
    # Markdown may percent-encode the address, and reads '\.' as '.' (evil.example.samaritans.org is samaritans')
    assert len(refused) == (1 if "\\." in href else 2) and any(says in message for message in refused), refused
    in_url = VALID.replace("url: https://example.org/", f'url: "{href.replace(chr(92), chr(92) * 2)}"\nx_was: https://example.org/', 1)
    _entry, problems = read_entry(in_url.encode(), "x.md", "x", vocab, TODAY)
    assert any(p.field == "url" and p.severity == "error" for p in problems), [p.format() for p in problems]


def test_line_and_paragraph_separators_are_refused_and_shown_escaped(vocab):
    from entries.check import read_entry
    from entries.safe_text import terminal

    _entry, problems = read_entry(VALID.replace("title: ", "title: Line\u2028Call 0906 ", 1).encode(), "x.md", "x", vocab, TODAY)
    assert any(p.field == "title" and "U+2028 LINE SEPARATOR" in p.message for p in problems)
    assert terminal("a\u2029b") == "a\\u2029b"


def test_a_file_name_that_looks_like_a_date_is_only_a_name(tmp_path):
    """Pelican reads a date from such names by default; an impossible one stopped the build with no line."""
    content = tmp_path / "content" / "peer-community"
    content.mkdir(parents=True)
    (content / "2024-13-45-group.md").write_text(VALID.replace("example-peer-forum", "dated"), encoding="utf-8")
    assert check(tmp_path / "content").errors == []
    assert build(tmp_path / "content", tmp_path / "site")
    assert (tmp_path / "site" / "peer-community" / "2024-13-45-group.html").is_file()


def test_a_number_too_long_for_python_is_text_for_the_checks(vocab):
    """Thousands of digits once ended `invoke check` in a traceback (Python's limit on int digits)."""
    from entries.check import read_entry

    text = VALID.replace("---\n", "---\nlast_reviewed: " + "9" * 5000 + "\n", 1)
    _entry, problems = read_entry(text.encode(), "x.md", "x", vocab, TODAY)
    assert any(p.field == "last_reviewed" and "is not a date" in p.message for p in problems)
