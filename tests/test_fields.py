"""The field registry (plugins/entries/fields.py) and the problem codes (plugins/entries/codes.py).

The entry format is written down once, in the registry; CONTRIBUTING.md's field
table, docs/entry-format.schema.json and `invoke new` must agree with it. Every
problem carries a code, and the code decides which section of CONTRIBUTING.md
its line points to.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY
from entries.check import read_entry
from entries.codes import BY_NAME as CODES
from entries.fields import FIELDS, NAMES, json_schema, schema_text
from entries.frontmatter import decode, split
from jsonschema import Draft202012Validator, FormatChecker

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
SCHEMA_FILE = ROOT / "docs" / "entry-format.schema.json"


def anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^a-z0-9 _-]", "", heading.strip().lower()).replace(" ", "-")


def sections() -> dict[str, str]:
    """Each heading's anchor and its text, up to the next heading."""
    parts = re.split(r"^#{2,4} (.+)$", GUIDE, flags=re.M)
    return {anchor(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def table_rows(header: str) -> list[list[str]]:
    """The cells of each row of the Markdown table that starts with ``header``."""
    start = GUIDE.index(header)
    rows = []
    for line in GUIDE[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return rows


# --- CONTRIBUTING.md's field table ---------------------------------------------------------


def test_the_field_table_lists_the_registry_fields_in_order():
    rows = table_rows("| Field | Required? | What it holds | Example |")
    assert [row[0] for row in rows] == [f"`{name}`" for name in NAMES]


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_the_field_table_agrees_on_required_and_example(field):
    rows = {row[0]: row for row in table_rows("| Field | Required? | What it holds | Example |")}
    _name, required, _holds, example = rows[f"`{field.name}`"]
    assert required == field.required_label
    assert example == f"`{field.example}`"


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.name)
def test_each_field_names_a_section_that_exists(field):
    assert field.section in sections(), f"{field.name}: CONTRIBUTING.md has no section #{field.section}"


def test_the_examples_together_make_an_entry_with_no_error(vocab):
    """Every example line of the registry, in one crisis-helpline entry (platform and handle are for recovery accounts)."""
    lines = [f.example for f in FIELDS if f.name != "kind" and not f.only_kind]
    text = "---\nkind: crisis-helpline\n" + "\n".join(lines) + "\n---\nBody.\n"
    entry, problems = read_entry(text.encode(), "content/crisis-helpline/x.md", "x", vocab, TODAY)
    assert [p.format() for p in problems if p.severity == "error"] == []
    assert entry.email == "help@example.org" and entry.countries == ["GB", "IE"]


# --- docs/entry-format.schema.json ----------------------------------------------------------


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


def front_matter(path: Path) -> dict:
    text, problems = decode(path.read_bytes(), str(path))
    assert problems == []
    return split(text, str(path)).data


def test_the_schema_file_is_made_from_the_registry():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "docs/entry-format.schema.json is out of date: run `.venv/bin/python plugins/entries/fields.py > docs/entry-format.schema.json`"
    )


@pytest.mark.parametrize("folder", [ROOT / "content", FIXTURE_CONTENT], ids=["content", "fixture"])
def test_every_starter_entry_satisfies_the_schema(validator, folder):
    from entries.files import translation_language

    files = sorted(path for path in folder.rglob("*.md") if not translation_language(path))  # entries, not their translations
    assert files
    for path in files:
        errors = [e.message for e in validator.iter_errors(front_matter(path))]
        assert errors == [], f"{path.relative_to(ROOT)}: {errors}"


TIP = {"title": "A tip", "kind": "practitioner-tip", "summary": "Short."}
LINE = {
    "title": "A line",
    "kind": "crisis-helpline",
    "summary": "Short.",
    "url": "https://example.org/",
    "countries": ["GB"],
    "channels": ["phone"],
    "phone": "116 123",
    "hours": "24/7",
}


@pytest.mark.parametrize(
    "data",
    [
        TIP,
        LINE,
        LINE | {"hours": "Mo-Fr 09:00-17:00", "timezone": "Europe/London"},
        LINE | {"phone": "988", "phone_option": "1"},
        LINE | {"phone_option": 1},
        LINE | {"phone_option": "#"},
    ],
)
def test_the_schema_accepts(validator, data):
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize(
    "data, why",
    [
        ({k: v for k, v in LINE.items() if k != "url"}, "'url' is a required property"),
        ({k: v for k, v in LINE.items() if k != "phone"}, "'phone' is a required property"),
        (LINE | {"hours": "Mo-Fr 09:00-17:00"}, "'timezone' is a required property"),
        (LINE | {"kind": "recovery-account"}, "'platform' is a required property"),
        (LINE | {"last-reviewed": "2025-01-01"}, "Additional properties are not allowed"),
        (LINE | {"countries": "GB"}, "is not of type 'array'"),
        (LINE | {"summary": "z" * 201}, "is too long"),
        (TIP | {"kind": "Practitioner tip"}, "does not match"),
        (TIP | {"phone_option": "1"}, "'phone' is a required property"),
        (LINE | {"phone_option": "press 1"}, "does not match"),
        (LINE | {"phone_option": 123}, "is greater than the maximum"),
    ],
)
def test_the_schema_refuses(validator, data, why):
    messages = [e.message for e in validator.iter_errors(data)]
    assert any(why in m for m in messages), messages


def test_the_schema_requires_what_the_registry_requires():
    schema = json_schema()
    assert schema["required"] == ["title", "kind", "summary"]
    assert list(schema["properties"]) == list(NAMES)


# --- problem codes -------------------------------------------------------------------------

# code -> (the section its line points to, a word that section must talk about)
EXPECTED = {
    "file-not-utf8": ("file-not-utf8", "UTF-8"),
    "file-empty": ("file-empty", "empty"),
    "file-name": ("file-name", "lower-case"),
    "symbolic-link": ("symbolic-link", "symbolic link"),
    "not-regular-file": ("symbolic-link", "regular file"),
    "file-too-large": ("file-too-large", "256 kB"),
    "reserved-name": ("reserved-name", "phone-text"),
    "not-an-entry": ("not-an-entry", "not an entry"),
    "translation-file": ("translation-file", "data/languages.yaml"),
    "translation-of-nothing": ("translation-of-nothing", "translation_of"),
    "translation-field": ("translation-field", "phone number"),
    "translation-contact": ("translation-contact", "number"),
    "slug-not-plain": ("file-name", "hyphens"),
    "file-exists": ("duplicate-slug", "file name"),
    "front-matter-missing": ("front-matter-missing", "---"),
    "front-matter-not-closed": ("front-matter-not-closed", "second `---`"),
    "yaml-does-not-parse": ("yaml-does-not-parse", "quotes"),
    "front-matter-not-fields": ("front-matter-not-fields", "field: value"),
    "yaml-anchor": ("yaml-anchor", "alias"),
    "yaml-tag": ("yaml-anchor", "tag"),
    "duplicate-field": ("duplicate-field", "twice"),
    "control-character": ("control-character", "control character"),
    "one-line": ("one-line", "line break"),
    "unknown-field": ("unknown-field", "doesn't use"),
    "required-field": ("required-field", "missing"),
    "single-value": ("single-value", "one value"),
    "list-value": ("list-value", "square brackets"),
    "unknown-value": ("unknown-value", "data/vocabularies.yaml"),
    "recovery-only-field": ("recovery-only-field", "recovery account"),
    "summary-too-long": ("summary-too-long", "200 characters"),
    "url-scheme": ("url", "javascript:"),
    "url-not-full": ("url", "without `https://`"),
    "url-no-host": ("url", "no site name"),
    "url-http": ("url", "http://"),
    "web-address": ("web-address", "host name"),
    "unknown-country": ("countries", "ISO 3166-1"),
    "worldwide-with-countries": ("countries", "worldwide"),
    "unknown-region": ("regions", "ISO 3166-2"),
    "region-outside-countries": ("regions", "isn't in `countries`"),
    "unknown-language": ("languages", "ISO 639-1"),
    "number-not-digits": ("phone-number", "contains words"),
    "number-not-international": ("phone-number", "international form"),
    "worldwide-number-home-only": ("phone-number", "dialled only at home"),
    "invalid-number": ("phone-number", "can't be dialled"),
    "premium-rate": ("premium-rate", "premium-rate"),
    "text-keyword": ("phone-number", "keyword"),
    "ages-format": ("ages-and-abroad", "under 19"),
    "from-abroad-unreachable": ("ages-and-abroad", "dialled at home"),
    "phone-option": ("phone-option", "press"),
    "shared-cost": ("shared-cost", "shared-cost"),
    "contact-field-missing": ("contact-field-missing", "channels"),
    "invalid-email": ("email", "email address"),
    "invalid-hours": ("hours", "opening_hours"),
    "timezone-required": ("timezone", "missing"),
    "unknown-timezone": ("timezone", "IANA"),
    "review-date-format": ("last-reviewed", "YYYY-MM-DD"),
    "review-date-invalid": ("last-reviewed", "real date"),
    "review-date-future": ("last-reviewed", "future"),
    "sources-missing": ("sources", "can be checked"),
    "confirmed-on-missing": ("confirmed-by", "confirmed_on"),
    "duplicate-slug": ("duplicate-slug", "same file name"),
    "duplicate-url": ("duplicate-url", "web address"),
    "duplicate-number": ("duplicate-number", "number"),
    "duplicate-title": ("duplicate-title", "title"),
    "safe-messaging": ("wording", "safe-messaging"),
    "stigmatising-label": ("wording", "stigmatising"),
    "body-html-removed": ("body-html-removed", "raw HTML"),
    "link-form": ("link-form", "{filename}"),
    "defunct-link": ("defunct-link", "shut down"),
    "internal-link": ("internal-link", "{filename}"),
    "http-link": ("http-link", "http://"),
    "link-to-closed": ("link-to-closed", "closed"),
    "stale-entry": ("stale-entry", "12 months"),
    "site-link": ("site-link", "built site"),
}


def test_every_code_is_in_the_expected_table():
    assert sorted(CODES) == sorted(EXPECTED), "add the new code to EXPECTED, with its section and a word that section uses"


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_code_points_to_the_section_that_explains_it(code):
    section, word = EXPECTED[code]
    assert CODES[code].section == section
    text = sections().get(section)
    assert text is not None, f"CONTRIBUTING.md has no section #{section}"
    assert word in text, f"#{section} does not talk about {word!r}"


def test_contributing_lists_every_code_with_its_section():
    rows = table_rows("| Code | What is wrong | Read |")
    assert [row[0] for row in rows] == [f"`{name}`" for name in CODES]
    for name, means, read in rows:
        code = CODES[name.strip("`")]
        assert read == f"[{code.section}](#{code.section})"
        assert means == code.means


def test_a_problem_with_an_unknown_code_is_refused():
    from entries.problems import Problem

    with pytest.raises(ValueError, match="not a problem code"):
        Problem("x.md", 1, "title", "message", code="no-such-code")


GOOD = (FIXTURE_CONTENT / "crisis-helpline" / "example-crisis-line.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, code",
    [
        ("hours: 24/7", 'hours: "Mo-Fr 09:00-17:00"', "timezone-required"),
        ("hours: 24/7", 'hours: "Mo-Fr 09:00-17:00"\ntimezone: Europe/Londn', "unknown-timezone"),
    ],
)
def test_the_timezone_messages_link_to_the_timezone_section(vocab, old, new, code):
    _entry, problems = read_entry(GOOD.replace(old, new).encode(), "content/crisis-helpline/x.md", "x", vocab, TODAY)
    [problem] = [p for p in problems if p.field == "timezone"]
    assert problem.code == code
    assert problem.format().endswith("(see CONTRIBUTING.md#timezone)")


def test_invoke_check_json_gives_each_problem_its_code(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "crisis-helpline" / "example-crisis-line.md"
    path.write_text(GOOD.replace("hours: 24/7", 'hours: "Mo-Fr 09:00-17:00"\ntimezone: Europe/Londn'), encoding="utf-8")
    out = tmp_path / "check.json"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content), "--json", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "timezone: 'Europe/Londn' is not a known IANA time zone; did you mean 'Europe/London'?" in result.stdout
    problems = [p for e in json.loads(out.read_text())["entries"] for p in e["problems"]]
    [problem] = [p for p in problems if p["field"] == "timezone"]
    assert problem["code"] == "unknown-timezone" and problem["help"] == "CONTRIBUTING.md#timezone"
    assert {"severity", "field", "line", "message", "code", "help"} <= set(problem)


# --- invoke new -----------------------------------------------------------------------------


def test_invoke_new_has_a_flag_and_a_question_for_every_field():
    result = subprocess.run([sys.executable, "-m", "invoke", "new", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    help_text = " ".join(result.stdout.split())
    for field in FIELDS:
        assert f"--{field.name.replace('_', '-')}=STRING {field.prompt}" in help_text
    for flag in ("--description", "--slug", "--content", "--interactive"):
        assert flag in help_text


def test_invoke_new_asks_for_a_time_zone_only_for_weekly_hours(tmp_path):
    base = [
        "new",
        "--content",
        str(tmp_path),
        "--kind",
        "peer-community",
        "--title",
        "A Group",
        "--summary",
        "Short.",
        "--url",
        "https://example.org/group",
        "--countries",
        "GB",
        "--channels",
        "email",
        "--email",
        "hi@example.org",
    ]
    weekly = subprocess.run(
        [sys.executable, "-m", "invoke", *base, "--hours", "Mo 19:00-21:00"], cwd=ROOT, capture_output=True, text=True, input=""
    )
    assert weekly.returncode == 2 and "Missing: --timezone." in weekly.stderr
    always = subprocess.run([sys.executable, "-m", "invoke", *base, "--hours", "24/7"], cwd=ROOT, capture_output=True, text=True, input="")
    assert always.returncode == 0, always.stderr
