"""Contributing by pull request: invoke new, check --changed, duplicates, wording, and the messages people read."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY, read_content
from entries.check import read_entry
from entries.crosscheck import normalise_url
from entries.wording import check_text

INVOKE = [sys.executable, "-m", "invoke"]


def with_flag(args, flag, value):
    """The `invoke new` arguments with one flag's value replaced (invoke takes each flag once)."""
    args = list(args)
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    return args


def invoke(*args, **kwargs):
    return subprocess.run([*INVOKE, *args], cwd=ROOT, capture_output=True, text=True, **kwargs)


# --- invoke new ------------------------------------------------------------------

NEW = [
    "new",
    "--kind",
    "crisis-helpline",
    "--title",
    "Example Night Line",
    "--summary",
    "A made-up line: for tests.",
    "--url",
    "https://example.org/night",
    "--countries",
    "GB",
    "--channels",
    "phone,text",
    "--phone",
    "0808 157 0200",
    "--text",
    "0808 157 0201",
    "--hours",
    "Mo-Fr 18:00-23:00",
    "--timezone",
    "Europe/London",
    "--cost",
    "free",
    "--audiences",
    "adults",
    "--topics",
    "loneliness",
]


def test_new_writes_a_valid_entry_in_the_right_folder(tmp_path, vocab):
    result = invoke(*NEW, "--content", str(tmp_path))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "crisis-helpline" / "example-night-line.md"
    text = path.read_text()
    assert "last_reviewed" not in text
    entry, problems = read_entry(text.encode(), "x.md", "example-night-line", vocab, TODAY)
    assert [p for p in problems if p.severity == "error"] == []
    assert entry.title == "Example Night Line" and entry.summary == "A made-up line: for tests." and entry.channels == ["phone", "text"]


def test_new_refuses_to_overwrite(tmp_path):
    assert invoke(*NEW, "--content", str(tmp_path)).returncode == 0
    path = tmp_path / "crisis-helpline" / "example-night-line.md"
    before = path.read_text()
    again = invoke(*with_flag(NEW, "--summary", "Different."), "--content", str(tmp_path))
    assert again.returncode != 0 and "already exists" in again.stderr
    assert path.read_text() == before


def test_new_keeps_last_reviewed_when_given(tmp_path):
    assert (
        invoke(
            *NEW, "--content", str(tmp_path), "--last-reviewed", "2026-01-02", "--sources", "https://example.org/night/contact"
        ).returncode
        == 0
    )
    assert "last_reviewed: 2026-01-02" in (tmp_path / "crisis-helpline" / "example-night-line.md").read_text()


def test_new_writes_nothing_for_an_invalid_entry(tmp_path):
    result = invoke(*with_flag(NEW, "--phone", "12"), "--content", str(tmp_path))
    assert result.returncode != 0 and "phone: '12' is not a valid number in GB" in result.stderr
    assert not (tmp_path / "crisis-helpline").exists() or not any((tmp_path / "crisis-helpline").iterdir())


@pytest.mark.parametrize("slug", ["../../x", "/tmp/x", "a/b", "Upper", "index", "x.fr", ""])
def test_new_refuses_a_slug_that_is_not_a_plain_name(tmp_path, slug):
    content = tmp_path / "content"
    content.mkdir()
    result = invoke(*NEW, "--content", str(content), "--slug", slug)
    assert result.returncode != 0 and "is not a plain name" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["content"]


@pytest.mark.parametrize(
    ("title", "name"), [("Index", "index-service.md"), ("Phone Text", "phone-text-service.md"), ("A " * 60 + "Line", None)]
)
def test_new_makes_an_allowed_file_name_from_any_title(tmp_path, title, name):
    from entries.files import MAX_NAME, NAME, RESERVED_SLUGS

    result = invoke(*with_flag(NEW, "--title", title), "--content", str(tmp_path))
    assert result.returncode == 0, result.stderr
    [path] = (tmp_path / "crisis-helpline").iterdir()
    assert NAME.fullmatch(path.name) and len(path.name) <= MAX_NAME and path.stem not in RESERVED_SLUGS
    assert name is None or path.name == name


def test_new_with_a_file_for_the_content_folder_says_so(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = invoke(*NEW, "--content", str(tmp_path / "notes.txt"))
    assert result.returncode == 2 and "is a file, not the content folder" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize(
    ("kind", "folder"),
    [("crisis helpline", "crisis-helpline"), ("crisis-helpln", "crisis-helpline"), ("zzz", None)],
)
def test_new_names_the_file_it_would_write(tmp_path, kind, folder):
    """Not 'content/crisis helpline/...': the folder of the kind the message suggests, or else the content folder."""
    (tmp_path / "content").mkdir()
    args = [*INVOKE, "-r", str(ROOT), *with_flag(NEW, "--kind", kind), "--content", "content"]
    result = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    shown = f"content/{folder}/example-night-line.md" if folder else "content/example-night-line.md"
    [line] = [line for line in result.stderr.splitlines() if ": kind: " in line]
    assert result.returncode == 1 and line.startswith(f"{shown}:3: kind: '{kind}' is not a known kind;"), result.stderr
    assert list((tmp_path / "content").iterdir()) == []


def test_new_lists_missing_flags_without_a_terminal(tmp_path):
    result = invoke("new", "--content", str(tmp_path), "--kind", "peer-community", "--title", "X", input="")
    assert result.returncode == 2 and "--summary" in result.stderr and "--url" in result.stderr


def test_new_asks_for_each_field_showing_allowed_values(tmp_path):
    answers = (
        "\n".join(
            [
                "practitioner-tip",
                "A tip on boundaries",
                "Short tip.",  # kind, title, summary
                "practitioners",
                "boundaries",
                "",
                "",
                "",  # audiences, topics, status, sources, last_reviewed: a tip has no contact fields
                "A description.",
            ]
        )
        + "\n"
    )
    result = invoke("new", "--content", str(tmp_path), "--interactive", input=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "allowed: crisis-helpline, peer-community, practitioner-tip, recovery-account" in result.stdout
    text = (tmp_path / "practitioner-tip" / "a-tip-on-boundaries.md").read_text()
    assert "kind: practitioner-tip" in text and "A description." in text and "audiences: [practitioners]" in text
    assert "Phone number" not in result.stdout  # a tip is not asked for contact details


# --- duplicates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/crisis",
        "https://www.example.org/crisis/",
        "https://example.org/crisis?utm_source=newsletter&fbclid=abc",
        "https://EXAMPLE.org/crisis#top",
    ],
)
def test_normalised_urls_match(url):
    assert normalise_url(url) == normalise_url("https://example.org/crisis")


def test_other_query_parameters_still_count():
    assert normalise_url("https://example.org/page?id=1") != normalise_url("https://example.org/page?id=2")


def copy_fixture(tmp_path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    return content


def add(content: Path, name: str, **changes) -> Path:
    text = (FIXTURE_CONTENT / "crisis-helpline" / "example-crisis-line.md").read_text()
    for old, new in changes.items():
        text = text.replace(old.replace("__", " "), new)
    path = content / "crisis-helpline" / name
    path.write_text(text)
    return path


def test_same_url_is_an_error_naming_the_other_entry(tmp_path, vocab):
    content = copy_fixture(tmp_path)
    add(
        content,
        "zz-copy.md",
        **{
            "title: Example Crisis Line": "title: Another Line",
            "https://example.org/crisis": "https://www.example.org/crisis/?utm_campaign=x",
            '"0808 157 0123"': '"0808 157 0300"',
            '"0808 157 0456"': '"0808 157 0301"',
            "https://example.org/chat": "https://example.org/other-chat",
        },
    )
    result = read_content(content, root=tmp_path)
    [problem] = [p for p in result.report.errors if p.field == "url"]
    assert problem.path == "content/crisis-helpline/zz-copy.md" and "content/crisis-helpline/example-crisis-line.md" in problem.message


def test_same_number_in_e164_is_a_warning(tmp_path, vocab):
    content = copy_fixture(tmp_path)
    add(
        content,
        "zz-copy.md",
        **{
            "title: Example Crisis Line": "title: Another Line",
            "https://example.org/crisis": "https://example.org/another",
            '"0808 157 0123"': '"+44 808 157 0123"',
            '"0808 157 0456"': '"0808 157 0301"',
            "https://example.org/chat": "https://example.org/other-chat",
        },
    )
    result = read_content(content, root=tmp_path)
    [problem] = [p for p in result.report.warnings if p.field == "phone"]
    assert problem.path.endswith("zz-copy.md") and "same number as" in problem.message and "example-crisis-line.md" in problem.message


def test_similar_title_is_a_warning(tmp_path, vocab):
    content = copy_fixture(tmp_path)
    add(
        content,
        "zz-copy.md",
        **{
            "title: Example Crisis Line": "title: The Example Crisis Line",
            "https://example.org/crisis": "https://example.org/another",
            '"0808 157 0123"': '"0808 157 0300"',
            '"0808 157 0456"': '"0808 157 0301"',
            "https://example.org/chat": "https://example.org/other-chat",
        },
    )
    result = read_content(content, root=tmp_path)
    [problem] = [p for p in result.report.warnings if p.field == "title"]
    assert "very like the title of content/crisis-helpline/example-crisis-line.md" in problem.message


# --- check --changed ------------------------------------------------------------------


def git(folder, *args):
    subprocess.run(
        ["git", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
            "PATH": "/usr/bin:/bin",
        },
    )


def test_check_changed_reports_only_changed_entries_but_compares_with_all(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    # an old problem that a contributor did not touch
    old = content / "peer-community" / "example-peer-forum.md"
    old.write_text(old.read_text().replace("summary: A made-up", "summary: A made-up http-free" + " x" * 100))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "start")
    git(repo, "checkout", "-qb", "change")
    add(
        content,
        "new-line.md",
        **{
            "title: Example Crisis Line": "title: New Line",
            '"0808 157 0123"': '"0808 157 0300"',
            '"0808 157 0456"': '"0808 157 0301"',
            "https://example.org/chat": "https://example.org/new-chat",
        },
    )
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "add")
    result = subprocess.run(
        [*INVOKE, "-r", str(ROOT), "check", "--changed", "--base", "main", "--content", "content"], cwd=repo, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "content/crisis-helpline/new-line.md:5: url: 'https://example.org/crisis' is already listed by content/crisis-helpline/example-crisis-line.md"
        in result.stdout
    )
    assert "example-peer-forum.md" not in result.stdout  # its old problem is not this change's
    assert "Checked 1 changed entry (of 7)" in result.stderr


@pytest.mark.parametrize(
    ("entries", "counts"), [(1, "Checked 1 entry: 0 errors, 0 warnings."), (2, "Checked 2 entries: 2 errors, 1 warning.")]
)
def test_check_counts_in_plain_words(tmp_path, entries, counts):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT / "crisis-helpline", content / "crisis-helpline")
    kept = sorted((content / "crisis-helpline").glob("*.md"))[:entries]
    for path in (content / "crisis-helpline").glob("*.md"):
        if path not in kept:
            path.unlink()
    if entries == 2:  # an error in each (an ftp: address), and the evening line has no sources (a warning)
        for path in kept:
            path.write_text(path.read_text().replace("https://", "ftp://", 1))
    result = invoke("check", "--content", str(content))
    assert result.stderr.strip().splitlines()[-1] == counts, result.stdout + result.stderr


def test_counts_are_right_for_one():
    import tasks

    assert [tasks.count(n, "entry", "entries") for n in (0, 1, 2)] == ["0 entries", "1 entry", "2 entries"]
    assert [tasks.count(n, "error") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]


def test_the_link_check_counts_in_plain_words(tmp_path):
    """One link checked, one entry with an error: 'Checked 1 link', '1 error in entries', never 'link(s)'."""
    import io
    from datetime import UTC, datetime

    from linkcheck import command as links_command
    from linkcheck.check import CheckConfig
    from linkserver import reply, serve
    from rich.console import Console

    content = tmp_path / "content"
    (content / "peer-community").mkdir(parents=True)
    with serve({"/group": reply(200)}) as server:
        entry = f"---\ntitle: A Group\nkind: peer-community\nsummary: S.\nurl: {server.url('/group')}\ncountries: [GB]\nchannels: [forum]\n---\n"
        (content / "peer-community" / "a-group.md").write_text(entry)
        (content / "peer-community" / "b-group.md").write_text(entry.replace("kind: peer-community", "kind: nope"))
        err = io.StringIO()
        code = links_command.run(
            content=content,
            cache_file=tmp_path / "links.json",
            allow_private=True,
            config=CheckConfig(connect_timeout=1.0, read_timeout=1.0, retries=0, pause=0.0, trust_env=False, allow_private=True),
            now=datetime(2026, 11, 21, tzinfo=UTC),
            console=Console(file=err, width=250),
            environ={},
            stdout=io.StringIO(),
        )
    said = err.getvalue()
    assert code == 0, said
    assert "1 error in entries: their links may be missing here" in said and "Checked 1 link: none broken." in said, said
    assert "(s)" not in said


def test_check_annotates_for_github(tmp_path):
    content = copy_fixture(tmp_path)
    path = content / "crisis-helpline" / "example-crisis-line.md"
    path.write_text(path.read_text().replace('"0808 157 0123"', '"12"'))
    import os

    result = subprocess.run(
        [*INVOKE, "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True, env=dict(os.environ, GITHUB_ACTIONS="true")
    )
    assert result.returncode == 1
    assert (
        f"::error file={path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.as_posix()},line=8,title=phone::'12' is not a valid number in GB"
        in result.stdout
    )


# --- wording ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, found, prefer",
    [
        ("Support after someone commits suicide.", "commits suicide", "died by suicide"),
        ("There is no such thing as a successful suicide.", "successful suicide", "died by suicide"),
        ("A talk on the suicide epidemic in farming.", "suicide epidemic", "rising rates of suicide"),
        ("For a schizophrenic living alone.", "a schizophrenic", "a person with schizophrenia"),
        ("Nobody here thinks you are crazy.", "crazy", "plain words"),
        ("For people who suffer from anxiety and\nwho suffers from panic.", "suffers from", "lives with"),
    ],
)
def test_wording_advice(text, found, prefer):
    problems = check_text(text, "content/x.md", "body", 10)
    assert problems and all(p.severity == "warning" for p in problems)
    assert any(f"'{found}'" in p.message and prefer in p.message for p in problems)


def test_wording_line_and_whole_words():
    [problem] = check_text("Fine line.\nHe suffers from it.", "x.md", "body", 20)
    assert problem.line == 21
    assert check_text("Crazyhorse and insanely good scones.", "x.md", "body", 1) == []


def test_wording_every_listed_phrase_is_found_in_any_case_and_across_lines():
    """Each variant in data/wording.yaml, capitalised and broken over a line, is still found
    (rules are tried only on texts holding their key word, so that shortcut must not miss any)."""
    import yaml
    from entries.wording import DEFAULT_PATH

    for rule in yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8")):
        for variant in (v.strip() for v in rule["phrase"].split("|")):
            text = "Some words first. " + variant.upper().replace(" ", "\n", 1) + ", and after."
            assert any(rule["prefer"] in p.message for p in check_text(text, "x.md", "body", 1)), variant


def test_starter_content_has_no_wording_warnings(vocab):
    result = read_content(ROOT / "content", root=ROOT)
    assert [p.format() for p in result.report.warnings if "data/wording.yaml" in p.message] == []


# --- the messages people read most ------------------------------------------------------

GOOD = (FIXTURE_CONTENT / "crisis-helpline" / "example-crisis-line.md").read_text()
COMMON = [
    ("kind: crisis-helpline", "kind: helpline", "kind", "did you mean 'crisis-helpline'?", "unknown-value"),
    ("countries: [GB]\n", "", "countries", "e.g. 'countries: [GB, IE]'", "required-field"),
    ('phone: "0808 157 0123"', 'phone: "0808 157"', "phone", "e.g. '116 123'", "phone-number"),
    ("chat_url: https://example.org/chat\n", "", "chat_url", "e.g. 'chat_url: https://example.org/chat'", "contact-field-missing"),
    ("url: https://example.org/crisis", "url: javascript:alert(1)", "url", "e.g. 'https://www.samaritans.org/'", "url"),
    ("url: https://example.org/crisis", "url: http://example.org/crisis", "url", "use 'https://example.org/crisis'", "url"),
    ("hours: 24/7", 'hours: "weekdays"', "hours", "e.g. 'Mo-Fr 09:00-18:00; Sa 10:00-14:00'", "hours"),
    ("hours: 24/7", 'hours: "Mo-Fr 09:00-17:00"', "timezone", "e.g. 'timezone: Europe/London'", "timezone"),
    ("hours: 24/7", 'hours: "Mo-Fr 09:00-17:00"\ntimezone: Europe/Londn', "timezone", "did you mean 'Europe/London'?", "timezone"),
    ("summary: A made-up crisis line for tests.", "summary: " + "z" * 230, "summary", "shorten it to 200 or fewer", "summary-too-long"),
    ("title: Example Crisis Line", "title: Example: Crisis Line", "front matter", "put quotes around values", "yaml-does-not-parse"),
]


@pytest.mark.parametrize("old, new, field, example, section", COMMON)
def test_common_messages_say_what_where_and_how(vocab, old, new, field, example, section):
    assert old in GOOD
    _entry, problems = read_entry(GOOD.replace(old, new).encode(), "content/crisis-helpline/example.md", "example", vocab, TODAY)
    [problem] = [p for p in problems if p.field == field]
    line = problem.format()
    assert line.startswith(f"content/crisis-helpline/example.md:{problem.line}: {field}: ")
    assert problem.line > 1 or field in ("countries",)
    assert example in line, line
    assert line.endswith(f"(see CONTRIBUTING.md#{section})"), line


def test_check_changed_with_an_unknown_base_says_so_without_a_traceback():
    result = invoke("check", "--changed", "--base", "no-such-revision-xyz")
    assert result.returncode == 2
    assert "Cannot tell which entries changed" in result.stderr and "Traceback" not in result.stderr


def test_check_counts_translations_apart_from_entries(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT / "crisis-helpline", content / "crisis-helpline")
    (content / "crisis-helpline" / "example-crisis-line.fr.md").write_text(
        "---\ntranslation_of: example-crisis-line\ntitle: Ligne fictive\nsummary: Une ligne inventée.\n---\nBonjour.\n", encoding="utf-8"
    )
    result = invoke("check", "--content", str(content))
    assert result.stderr.strip().splitlines()[-1] == "Checked 2 entries and 1 translation: 0 errors, 1 warning.", result.stderr
