"""Every validation rule of the entry format, each with a failing example."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
from conftest import ROOT, STARTER_CONTENT, TODAY, read_content
from entries.check import read_entry
from entries.problems import ERROR, WARNING

GOOD = """\
---
title: Example Line
kind: crisis-helpline
summary: A test line.
url: https://example.org/
countries: [GB, IE]
channels: [phone]
phone: "116 123"
hours: 24/7
sources: [https://example.org/contact]
---
Body text.
"""


def check(text: str | bytes, vocab, path="content/crisis-helpline/x.md", today: date = TODAY):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return read_entry(raw, path, "x", vocab, today)


def only(problems, severity=ERROR):
    return [p for p in problems if p.severity == severity]


def one_error(text, vocab, **kwargs):
    entry, problems = check(text, vocab, **kwargs)
    errors = only(problems)
    assert len(errors) == 1, [p.format() for p in problems]
    return errors[0]


def replace(old: str, new: str, text: str = GOOD) -> str:
    assert old in text
    return text.replace(old, new)


def test_good_entry_has_no_problems(vocab):
    entry, problems = check(GOOD, vocab)
    assert problems == []
    assert entry.title == "Example Line"
    assert entry.phone_href == "116123"
    assert entry.hours_text == "24 hours a day, every day"
    # parsed once, here, for every later stage
    assert (entry.phone, entry.phone_number.written, entry.phone_number.regions, entry.phone_number.kind) == (
        "116 123",
        "116 123",
        ("GB", "IE"),
        "short",
    )
    assert (entry.hours, entry.opening_hours.text, entry.opening_hours.always) == ("24/7", "24/7", True)


def test_problem_line_format(vocab):
    problem = one_error(replace("kind: crisis-helpline", "kind: helpline"), vocab)
    assert problem.format().startswith("content/crisis-helpline/x.md:3: kind: ")


@pytest.mark.parametrize(
    "old, new, field, code, section",
    [
        ("kind: crisis-helpline", "kind: helpline", "kind", "unknown-value", "unknown-value"),
        ("url: https://example.org/\n", "", "url", "required-field", "required-field"),
        ("url: https://example.org/", "url: http://example.org/", "url", "url-http", "url"),
        ("url: https://example.org/", "url: https://x@example.org/", "url", "web-address", "web-address"),
        ("countries: [GB, IE]", "countries: [UK]", "countries", "unknown-country", "countries"),
        ('phone: "116 123"', 'phone: "call 116 123"', "phone", "number-not-digits", "phone-number"),
        ('phone: "116 123"\n', "", "phone", "contact-field-missing", "contact-field-missing"),
        ("hours: 24/7", "hours: Mon-Fri", "hours", "invalid-hours", "hours"),
        ("hours: 24/7", "hours: Mo-Fr 09:00-17:00", "timezone", "timezone-required", "timezone"),
        ("hours: 24/7", "hours: 24/7\ntimezone: Europe/Londn", "timezone", "unknown-timezone", "timezone"),
        ("hours: 24/7", "hours: 24/7\nlast_reviewed: 2099-01-01", "last_reviewed", "review-date-future", "last-reviewed"),
        ("hours: 24/7", "hours: 24/7\nplatform: podcast", "platform", "recovery-only-field", "recovery-only-field"),
    ],
)
def test_each_problem_carries_a_code_that_decides_its_help(vocab, old, new, field, code, section):
    _entry, problems = check(replace(old, new), vocab)
    [problem] = [p for p in problems if p.field == field]
    assert problem.code == code
    assert problem.as_dict()["code"] == code and problem.as_dict()["help"] == f"CONTRIBUTING.md#{section}"
    assert problem.format().endswith(f"(see CONTRIBUTING.md#{section})")


# --- YAML and front matter ----------------------------------------------------


def test_yaml_that_does_not_parse_reports_the_parser_line(vocab):
    problem = one_error(replace("summary: A test line.", "summary: Call us: any time"), vocab)
    assert (problem.line, problem.field) == (4, "front matter")
    assert "does not parse" in problem.message and "quotes" in problem.message


def test_bad_indentation_line(vocab):
    problem = one_error(replace('phone: "116 123"', 'phone: "116 123"\n  - oops'), vocab)
    assert problem.field == "front matter"
    assert problem.line in (8, 9)


def test_missing_front_matter(vocab):
    problem = one_error("Just a description, no fields.\n", vocab)
    assert (problem.line, problem.field) == (1, "front matter")
    assert "---" in problem.message


def test_unclosed_front_matter(vocab):
    problem = one_error("---\ntitle: X\nkind: crisis-helpline\n", vocab)
    assert "not closed" in problem.message


@pytest.mark.parametrize("inner", ["- a list\n- of things", "just a sentence"])
def test_front_matter_not_a_mapping(vocab, inner):
    problem = one_error(f"---\n{inner}\n---\nbody\n", vocab)
    assert problem.field == "front matter"
    assert "field: value" in problem.message


def test_yaml_11_surprises_are_avoided(vocab):
    # NO is Norway, not false; a date stays a string until it is checked
    entry, problems = check(
        replace("countries: [GB, IE]", "countries: [NO, GB]").replace("hours: 24/7", "hours: 24/7\nlast_reviewed: 2026-01-31"), vocab
    )
    assert [p for p in problems if p.field == "countries"] == []
    assert entry.countries == ["NO", "GB"]
    assert entry.last_reviewed == date(2026, 1, 31)


# --- required fields and types --------------------------------------------------


@pytest.mark.parametrize("field, line", [("title", 2), ("summary", 4), ("url", 5), ("countries", 6), ("channels", 7)])
def test_missing_required_field(vocab, field, line):
    lines = GOOD.split("\n")
    assert lines[line - 1].startswith(field)
    del lines[line - 1]
    entry, problems = check("\n".join(lines), vocab)
    errors = [p for p in only(problems) if p.field == field]
    assert errors, [p.format() for p in problems]
    assert "is required" in errors[0].message and "e.g." in errors[0].message


@pytest.mark.parametrize(
    "field, old, line",
    [
        ("url", "url: https://example.org/", 5),
        ("countries", "countries: [GB, IE]", 6),
        ("channels", "channels: [phone]", 7),
        ("phone", 'phone: "116 123"', 8),
    ],
)
def test_required_field_left_blank(vocab, field, old, line):
    entry, problems = check(replace(old, f"{field}:"), vocab)
    errors = [p for p in only(problems) if p.field == field]
    assert errors and errors[0].line == line and "required" in errors[0].message, [p.format() for p in problems]


def test_missing_kind(vocab):
    problem = one_error(replace("kind: crisis-helpline\n", ""), vocab)
    assert problem.field == "kind" and "kind: crisis-helpline" in problem.message


def test_tip_needs_no_url_countries_or_channels(vocab):
    text = "---\ntitle: A tip\nkind: practitioner-tip\nsummary: Short.\n---\nBody\n"
    entry, problems = check(text, vocab)
    assert problems == []
    assert entry.is_tip


@pytest.mark.parametrize(
    "old, new, field, line, words",
    [
        ("countries: [GB, IE]", "countries: GB", "countries", 6, "must be a list"),
        ("title: Example Line", "title: [Example, Line]", "title", 2, "single value"),
        ("channels: [phone]", "channels: {phone: yes}", "channels", 7, "must be a list"),
    ],
)
def test_wrong_type(vocab, old, new, field, line, words):
    entry, problems = check(replace(old, new), vocab)
    match = [p for p in only(problems) if p.field == field]
    assert match and match[0].line == line and words in match[0].message, [p.format() for p in problems]


def test_unquoted_number_is_accepted(vocab):
    entry, problems = check(replace('phone: "116 123"', "phone: 988").replace("[GB, IE]", "[US, CA]"), vocab)
    assert only(problems) == []
    assert entry.phone == "988"


# --- vocabularies -------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, field, line, suggestion",
    [
        ("kind: crisis-helpline", "kind: crisis-helplines", "kind", 3, "crisis-helpline"),
        ("channels: [phone]", "channels: [phone, txt]", "channels", 7, "text"),
        ("hours: 24/7", "hours: 24/7\naudiences: [adult]", "audiences", 10, "adults"),
        ("hours: 24/7", "hours: 24/7\ntopics: [suicde]", "topics", 10, "suicide"),
    ],
)
def test_unknown_vocabulary_value_suggests_closest(vocab, old, new, field, line, suggestion):
    problem = one_error(replace(old, new), vocab)
    assert (problem.field, problem.line) == (field, line)
    assert f"did you mean '{suggestion}'?" in problem.message
    assert "data/vocabularies.yaml" in problem.message


@pytest.mark.parametrize(
    ("value", "vocabulary", "suggestion"),
    [
        ("suicde", "topics", "suicide"),
        ("youngpeople", "audiences", "young-people"),
        ("Young people", "audiences", "young-people"),
        ("adult", "audiences", "adults"),
        ("txt", "channels", "text"),
        ("crisis helpline", "kinds", "crisis-helpline"),
        ("helpline", "kinds", "crisis-helpline"),  # a whole word of it
        ("podcasts", "platforms", "podcast"),
        ("familys", "audiences", None),  # not 'farmers': a few shared letters are not close
        ("familes", "audiences", None),
        ("teens", "audiences", None),  # not 'students' or 'veterans'
        ("twitter", "platforms", None),
        ("webchat", "channels", None),
    ],
)
def test_suggestions_only_when_close(vocab, value, vocabulary, suggestion):
    from entries.vocabularies import closest

    assert closest(value, vocab.get(vocabulary)) == suggestion
    assert closest(value, [*vocab.get(vocabulary), "families"]) == ("families" if value.startswith("famil") else suggestion)


def test_a_far_value_gets_no_suggestion_in_the_message(vocab):
    problem = one_error(replace("hours: 24/7", "hours: 24/7\naudiences: [familys]"), vocab)
    assert "'familys' is not a known audience; allowed: adults," in problem.message and "did you mean" not in problem.message


def test_unknown_platform_suggests_closest(vocab):
    text = "---\ntitle: P\nkind: recovery-account\nsummary: S.\nurl: https://example.org/p\ncountries: [GB]\nchannels: [app]\nplatform: podcasts\n---\n"
    problem = one_error(text, vocab)
    assert (problem.field, problem.line) == ("platform", 8)
    assert "did you mean 'podcast'?" in problem.message


def test_recovery_account_needs_platform(vocab):
    text = "---\ntitle: P\nkind: recovery-account\nsummary: S.\nurl: https://example.org/p\ncountries: [GB]\nchannels: [app]\n---\n"
    problem = one_error(text, vocab)
    assert problem.field == "platform" and "is required" in problem.message


# --- places ------------------------------------------------------------------------------


def test_unknown_country(vocab):
    entry, problems = check(replace("countries: [GB, IE]", "countries: [GB, UK]"), vocab)
    problem = [p for p in only(problems) if p.field == "countries"][0]
    assert problem.line == 6 and "'UK' is not an ISO 3166-1" in problem.message and "did you mean 'GB'?" in problem.message


def test_unknown_region(vocab):
    problem = one_error(replace("countries: [GB, IE]", "countries: [GB, IE]\nregions: [GB-XYZ]"), vocab)
    assert (problem.field, problem.line) == ("regions", 7)
    assert "ISO 3166-2" in problem.message


def test_region_outside_the_countries(vocab):
    problem = one_error(replace("countries: [GB, IE]", "countries: [GB, IE]\nregions: [US-CA]"), vocab)
    assert problem.field == "regions" and "add US to countries" in problem.message


def test_worldwide_is_accepted(vocab):
    entry, problems = check(replace("countries: [GB, IE]", "countries: [worldwide]").replace('"116 123"', '"+44 116 123"'), vocab)
    assert only(problems) == [] and entry.worldwide


def test_unknown_language(vocab):
    problem = one_error(replace("hours: 24/7", "hours: 24/7\nlanguages: [english]"), vocab)
    assert problem.field == "languages" and "did you mean 'en'?" in problem.message


# --- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number, countries",
    [
        ("116 123", "[GB, IE]"),
        ("988", "[US, CA]"),
        ("85258", "[GB]"),
        ("1737", "[NZ]"),
        ("13 11 14", "[AU]"),
        ("0800 58 58 58", "[GB]"),
        ("1-800-950-6264", "[US]"),
    ],
)
def test_short_codes_and_numbers_as_dialled_pass(vocab, number, countries):
    text = replace('phone: "116 123"', f'phone: "{number}"').replace("[GB, IE]", countries)
    entry, problems = check(text, vocab)
    assert only(problems) == [], [p.format() for p in problems]


def test_text_short_code_passes(vocab):
    text = (
        replace("channels: [phone]", "channels: [phone, text]")
        .replace('phone: "116 123"', 'phone: "116 123"\ntext: "85258"\ntext_keyword: SHOUT')
        .replace("[GB, IE]", "[GB]")
    )
    entry, problems = check(text, vocab)
    assert only(problems) == []
    assert entry.text_href == "85258"


@pytest.mark.parametrize("field, value", [("phone", "12345678901234"), ("phone", "0800 12"), ("text", "999999999999")])
def test_invalid_number_for_the_countries(vocab, field, value):
    text = (
        GOOD.replace("channels: [phone]", "channels: [phone, text]")
        .replace('phone: "116 123"', 'phone: "116 123"\ntext: "85258"')
        .replace("[GB, IE]", "[GB]")
    )
    text = text.replace(f'{field}: "116 123"' if field == "phone" else 'text: "85258"', f'{field}: "{value}"')
    problem = one_error(text, vocab)
    assert problem.field == field and "is not a valid number in GB" in problem.message and "e.g." in problem.message


def test_number_valid_in_another_country_only(vocab):
    problem = one_error(replace("[GB, IE]", "[US]"), vocab)  # 116 123 is not a US number
    assert problem.field == "phone" and "US" in problem.message


def test_letters_in_a_number(vocab):
    problem = one_error(replace('phone: "116 123"', 'phone: "call 116 123"'), vocab)
    assert problem.field == "phone" and "only the digits" in problem.message


# --- phone_option: a key to press after a number other services share ----------------------

SHARED = replace("countries: [GB, IE]", "countries: [US]", replace('phone: "116 123"', 'phone: "988"\nphone_option: "1"'))


@pytest.mark.parametrize("written, kept", [('"1"', "1"), ("1", "1"), ('"#"', "#"), ('"*"', "*"), ('"12"', "12"), ('"*9"', "*9")])
def test_a_key_to_press_after_the_number_is_kept(vocab, written, kept):
    entry, problems = check(SHARED.replace('phone_option: "1"', f"phone_option: {written}"), vocab)
    assert problems == []
    assert (entry.phone, entry.phone_option, entry.phone_href) == ("988", kept, "988")  # tel: dials the number alone
    assert entry.phone_words == f"988, then press {kept}"


def test_without_a_key_the_number_is_said_alone(vocab):
    entry, _problems = check(GOOD, vocab)
    assert entry.phone_option is None and entry.phone_words == "116 123"


@pytest.mark.parametrize("written", ['"press 1"', '"123"', '"a"', "1.5", '"-1"', '"1#2"'])
def test_a_key_to_press_that_is_not_one_or_two_keys(vocab, written):
    problem = one_error(SHARED.replace('phone_option: "1"', f"phone_option: {written}"), vocab)
    assert (problem.field, problem.line, problem.code) == ("phone_option", 9, "phone-option")
    assert "is not a key to press" in problem.message and 'phone_option: "1"' in problem.message
    assert problem.format().endswith("(see CONTRIBUTING.md#phone-option)")


def test_a_key_to_press_needs_a_phone_number(vocab):
    text = SHARED.replace('phone: "988"\n', "").replace("channels: [phone]", "channels: [email]\nemail: help@example.org")
    problem = one_error(text, vocab)
    assert (problem.field, problem.code) == ("phone_option", "phone-option")
    assert "there is no phone" in problem.message and "or remove phone_option" in problem.message


def test_a_wrong_phone_number_is_reported_once_not_again_for_its_key(vocab):
    entry, problems = check(SHARED.replace('"988"', '"98"'), vocab)
    assert [p.field for p in only(problems)] == ["phone"]
    assert entry.phone is None and entry.phone_option is None


def test_a_key_to_press_in_a_list_is_one_value(vocab):
    problem = one_error(SHARED.replace('phone_option: "1"', "phone_option: [1, 2]"), vocab)
    assert (problem.field, problem.code) == ("phone_option", "single-value")


def test_a_number_dialled_only_at_home_is_one_number_in_either_form(vocab):
    """13 11 14 and +61 13 11 14 are one number (their links differ: tel:131114 cannot take +61)."""
    from entries.crosscheck import duplicates

    def line(name, number, countries="[AU]"):
        text = replace("countries: [GB, IE]", f"countries: {countries}").replace('phone: "116 123"', f'phone: "{number}"')
        text = text.replace("Example Line", name).replace("https://example.org/", f"https://example.org/{name}")
        entry, problems = check(text, vocab, path=f"content/crisis-helpline/{name}.md")
        return entry, problems

    home, _ = line("home", "13 11 14")
    world, problems = line("world", "+61 13 11 14", "[worldwide]")
    assert [p.code for p in duplicates([home, world]) if p.code == "duplicate-number"] == ["duplicate-number"]
    # a worldwide service's number that cannot be dialled from abroad is a warning, saying what to do
    [warning] = [p for p in only(problems, WARNING) if p.field == "phone"]
    assert warning.code == "worldwide-number-home-only" and "outside Australia" in warning.message


def test_the_same_number_with_another_key_to_press_is_not_a_duplicate(vocab):
    """988 then 1 (the Veterans Crisis Line) is not 988 (the Lifeline); the same number and key twice is."""
    from entries.crosscheck import duplicates

    def line(name, text):
        entry, problems = check(text.replace("Example Line", name), vocab, path=f"content/crisis-helpline/{name.lower()}.md")
        assert only(problems) == []
        return entry

    lifeline = line("Lifeline", SHARED.replace('phone_option: "1"\n', ""))
    veterans = line("Veterans", SHARED.replace("https://example.org/", "https://example.org/veterans"))
    spanish = line("Spanish", SHARED.replace('"1"', '"2"').replace("https://example.org/", "https://example.org/es"))
    assert [p for p in duplicates([lifeline, veterans, spanish]) if p.code == "duplicate-number"] == []
    again = line("Again", SHARED.replace("https://example.org/", "https://example.org/again"))
    [problem] = [p for p in duplicates([lifeline, veterans, again]) if p.code == "duplicate-number"]
    assert (problem.path, problem.field) == ("content/crisis-helpline/veterans.md", "phone") and "again.md" in problem.message


def test_the_veterans_crisis_line_entry_is_988_then_1_and_not_a_duplicate_of_988(tmp_path):
    """invoke check on the starter content: without phone_option, the Veterans Crisis Line would be
    one more warning (the same number as the 988 Lifeline); with it, that warning is gone."""

    name = "crisis-helpline/veterans-crisis-line.md"
    text = (STARTER_CONTENT / name).read_text(encoding="utf-8")
    assert 'phone: "988"\nphone_option: "1"\n' in text
    without = tmp_path / "content"
    shutil.copytree(STARTER_CONTENT, without)
    (without / name).write_text(text.replace('phone_option: "1"\n', ""), encoding="utf-8")

    def warnings(content):
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "check", "--content", str(content)], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr
        said = result.stdout + result.stderr
        duplicate = [line for line in said.splitlines() if "veterans-crisis-line.md" in line and "same number" in line]
        return int(re.search(r"Checked \d+ entries(?: and \d+ translations?)?: \d+ errors?, (\d+) warnings?\.", said).group(1)), duplicate

    count, duplicate = warnings(STARTER_CONTENT)
    count_without, duplicate_without = warnings(without)
    assert duplicate == [] and len(duplicate_without) == 1 and "suicide-and-crisis-lifeline.md" in duplicate_without[0]
    assert count == count_without - 1


# --- contact fields for channels ---------------------------------------------------------


@pytest.mark.parametrize("channel, contact", [("phone", "phone"), ("text", "text"), ("chat", "chat_url"), ("email", "email")])
def test_channel_without_its_contact_field(vocab, channel, contact):
    text = replace("channels: [phone]", f"channels: [{channel}]").replace('phone: "116 123"\n', "")
    problem = one_error(text, vocab)
    assert (problem.field, problem.line) == (contact, 7)
    assert f"channels lists '{channel}'" in problem.message


# --- URLs --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, scheme", [("javascript:alert(1)", "javascript:"), ("data:text/html,hi", "data:"), ("ftp://example.org/", "ftp:")]
)
def test_url_with_a_bad_scheme_is_an_error(vocab, url, scheme):
    problem = one_error(replace("url: https://example.org/", f'url: "{url}"'), vocab)
    assert (problem.field, problem.line) == ("url", 5) and f"'{scheme}' links are not allowed" in problem.message


def test_chat_url_javascript_is_an_error(vocab):
    text = replace("channels: [phone]", "channels: [phone, chat]").replace("hours: 24/7", 'hours: 24/7\nchat_url: "javascript:alert(1)"')
    problem = one_error(text, vocab)
    assert problem.field == "chat_url"


def test_http_is_a_warning(vocab):
    entry, problems = check(replace("https://example.org/", "http://example.org/"), vocab)
    assert only(problems) == []
    warning = only(problems, WARNING)[0]
    assert warning.field == "url" and "https://example.org/" in warning.message
    assert warning.format().startswith("content/crisis-helpline/x.md:5: url: warning: ")


def test_url_without_scheme(vocab):
    problem = one_error(replace("url: https://example.org/", "url: www.example.org"), vocab)
    assert "start it with https://" in problem.message


# --- hours and time zones --------------------------------------------------------------------


def test_hours_that_do_not_parse(vocab):
    problem = one_error(replace("hours: 24/7", 'hours: "weekdays 9 to 5"'), vocab)
    assert (problem.field, problem.line) == ("hours", 9) and "Mo-Fr 09:00-18:00" in problem.message


@pytest.mark.parametrize(
    ("hours", "where"),
    [
        ("Mo-Fr 9-17", "they cannot be read from '9-17' on"),
        ("weekdays", "they cannot be read from 'days' on"),
        ("Mon-Fri 09:00-17:00", "they cannot be read from 'n-Fri 09:00-17:00' on"),
        ("Mo-Fr 09:00-17:00;", "something is missing at the end"),
    ],
)
def test_hours_message_says_where_in_plain_words(vocab, hours, where):
    problem = one_error(replace("hours: 24/7", f'hours: "{hours}"\ntimezone: Europe/London'), vocab)
    assert problem.message == (
        f"'{hours}' is not in opening_hours form ({where}); write '24/7' or days then times, e.g. 'Mo-Fr 09:00-18:00; Sa 10:00-14:00'"
    )
    assert "-->" not in problem.message and "parse" not in problem.message


def test_weekly_hours_need_a_timezone(vocab):
    problem = one_error(replace("hours: 24/7", 'hours: "Mo-Fr 09:00-18:00"'), vocab)
    assert problem.field == "timezone" and "Europe/London" in problem.message


def test_timezone_that_does_not_parse(vocab):
    problem = one_error(replace("hours: 24/7", 'hours: "Mo-Fr 09:00-18:00"\ntimezone: Europe/Londn'), vocab)
    assert (problem.field, problem.line) == ("timezone", 10) and "did you mean 'Europe/London'?" in problem.message


def test_weekly_hours_are_described_in_words(vocab):
    entry, problems = check(replace("hours: 24/7", 'hours: "Mo-Fr 09:00-18:00; Sa 10:00-14:00"\ntimezone: Europe/London'), vocab)
    assert problems == []
    assert entry.hours_text == "Monday to Friday, 09:00 to 18:00; Saturday, 10:00 to 14:00"
    assert (
        entry.opening_hours.weekly.openings[1].days == ("Sa",)
        and entry.week == "540-1080,1980-2520,3420-3960,4860-5400,6300-6840,7800-8040"
    )


def test_a_full_number_is_parsed_with_its_international_form(vocab):
    entry, problems = check(replace('phone: "116 123"', 'phone: "0808 157 0123"'), vocab)
    assert problems == []
    assert (entry.phone_href, entry.phone_number.international, entry.phone_number.home) == ("+448081570123", "+44 808 157 0123", "GB")


@pytest.mark.parametrize(("written", "href"), [("13 11 14", "131114"), ("1800 55 1800", "1800551800"), ("1300 22 4636", "1300224636")])
def test_a_number_that_cannot_be_dialled_from_abroad_is_linked_as_dialled_at_home(vocab, written, href):
    """Australia's 13, 1300 and 1800 numbers cannot be dialled as +61 13 11 14 (phonenumbers): the link dials them as at home, and no
    international form is offered to people abroad (Get help now says they cannot call it from abroad)."""
    from entries.emergency import from_abroad

    entry, problems = check(replace("countries: [GB, IE]", "countries: [AU]").replace('phone: "116 123"', f'phone: "{written}"'), vocab)
    assert only(problems) == []
    assert (entry.phone_href, entry.phone_number.international, entry.phone_number.home) == (href, None, "AU")
    assert from_abroad(entry) == ("Cannot be called from abroad", None)


def test_wrong_numbers_and_hours_are_not_kept(vocab):
    entry, problems = check(replace("hours: 24/7", 'hours: "weekdays 9 to 5"').replace('phone: "116 123"', 'phone: "0800 12"'), vocab)
    assert {p.field for p in only(problems)} == {"phone", "hours"}
    assert (entry.phone, entry.phone_number, entry.hours, entry.opening_hours, entry.hours_text, entry.week) == (
        None,
        None,
        None,
        None,
        None,
        "",
    )


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, words",
    [("2026-13-01", "not a real date"), ("2026-02-30", "not a real date"), ("30/09/2026", "YYYY-MM-DD"), ("last week", "YYYY-MM-DD")],
)
def test_invalid_date(vocab, value, words):
    problem = one_error(replace("hours: 24/7", f"hours: 24/7\nlast_reviewed: {value}"), vocab)
    assert (problem.field, problem.line) == ("last_reviewed", 10) and words in problem.message


def test_future_review_date(vocab):
    problem = one_error(replace("hours: 24/7", "hours: 24/7\nlast_reviewed: 2026-11-22"), vocab, today=date(2026, 11, 21))
    assert problem.field == "last_reviewed" and "in the future" in problem.message


def test_review_date_today_is_fine(vocab):
    entry, problems = check(replace("hours: 24/7", "hours: 24/7\nlast_reviewed: 2026-11-21"), vocab, today=date(2026, 11, 21))
    assert problems == [] and entry.last_reviewed == date(2026, 11, 21)


# --- summary --------------------------------------------------------------------------------------


def test_summary_over_200_characters(vocab):
    problem = one_error(replace("summary: A test line.", "summary: " + "x" * 201), vocab)
    assert (problem.field, problem.line) == ("summary", 4) and "201 characters" in problem.message


def test_summary_of_200_characters_is_fine(vocab):
    entry, problems = check(replace("summary: A test line.", "summary: " + "x" * 200), vocab)
    assert problems == []


# --- files ---------------------------------------------------------------------------------------


def test_file_that_is_not_utf8(vocab):
    raw = GOOD.replace("A test line.", "Caf\u00e9 line.").encode("latin-1")
    problem = one_error(raw, vocab)
    assert (problem.field, problem.line) == ("file", 4) and "not UTF-8" in problem.message


@pytest.mark.parametrize("raw", [b"", b"   \n\n"])
def test_empty_file(vocab, raw):
    problem = one_error(raw, vocab)
    assert problem.field == "file" and "empty" in problem.message


def test_unknown_field_is_a_warning_with_a_suggestion(vocab):
    entry, problems = check(replace("hours: 24/7", "hours: 24/7\nphnoe: 123"), vocab)
    warning = only(problems, WARNING)[0]
    assert warning.field == "phnoe" and "did you mean 'phone'?" in warning.message


# --- across entries ----------------------------------------------------------------------------


def write(folder, relative, text):
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_two_entries_with_the_same_slug(tmp_path, vocab):
    write(tmp_path, "crisis-helpline/same.md", GOOD)
    write(tmp_path, "peer-community/same.md", GOOD.replace("https://example.org/", "https://example.org/other"))
    result = read_content(tmp_path, root=tmp_path)
    problems = [p for p in result.report.errors if p.field == "slug"]
    assert len(problems) == 1
    assert problems[0].path == "peer-community/same.md" and "crisis-helpline/same.md also uses" in problems[0].message


def test_two_entries_with_the_same_url(tmp_path, vocab):
    write(tmp_path, "crisis-helpline/a.md", GOOD)
    write(tmp_path, "crisis-helpline/b.md", GOOD.replace("https://example.org/", "https://www.example.org"))
    result = read_content(tmp_path, root=tmp_path)
    problems = [p for p in result.report.errors if p.field == "url"]
    assert len(problems) == 1 and problems[0].path == "crisis-helpline/b.md" and problems[0].line == 5


def test_every_problem_in_every_file_in_one_run(tmp_path, vocab):
    write(tmp_path, "a.md", replace("kind: crisis-helpline", "kind: nope"))
    write(
        tmp_path, "b.md", replace("summary: A test line.", "summary: " + "y" * 250).replace("https://example.org/", "https://example.org/b")
    )
    write(tmp_path, "c.md", "")
    result = read_content(tmp_path, root=tmp_path)
    assert {(p.path, p.field) for p in result.report.errors} == {("a.md", "kind"), ("b.md", "summary"), ("c.md", "file")}


@pytest.mark.parametrize(("cost", "warned"), [("free", True), ("free-or-call-charges", False), ("mixed", False)])
def test_a_shared_cost_number_is_flagged_only_when_the_entry_says_free(vocab, cost, warned):
    """Australia's 13 and 1300 numbers cost an ordinary call from some phones: 'free' needs a word, 'free-or-call-charges' says it."""
    text = replace(
        'countries: [GB, IE]\nchannels: [phone]\nphone: "116 123"', f'countries: [AU]\nchannels: [phone]\nphone: "13 11 14"\ncost: {cost}'
    )
    entry, problems = check(text, vocab)
    assert not only(problems)
    assert [p.code for p in only(problems, WARNING)] == (["shared-cost"] if warned else [])
    assert entry.cost == cost


# --- a misspelt kind is one problem among the others ---------------------------------------------


def test_a_misspelt_kind_is_reported_with_every_other_problem(vocab):
    text = (
        GOOD.replace("kind: crisis-helpline", "kind: crisis-helpln")
        .replace('phone: "116 123"', 'phone: "12"')
        .replace("hours: 24/7", 'hours: "Mo-Fr 9-5"\ncost: freee\ntopics: [suicde]\nlast_reviewed: 2030-01-01')
        .replace("channels: [phone]", "channels: [phone, chat]")
        .replace("url: https://example.org/", "url: example.org")
    )
    _entry, problems = check(text, vocab)
    found = {(p.field, p.code) for p in only(problems)}
    assert found == {
        ("kind", "unknown-value"),
        ("url", "url-not-full"),
        ("phone", "invalid-number"),
        ("chat_url", "contact-field-missing"),  # channels lists chat, whatever the kind
        ("hours", "invalid-hours"),
        ("cost", "unknown-value"),
        ("topics", "unknown-value"),
        ("last_reviewed", "review-date-future"),
    }, [p.format() for p in problems]
    [kind] = [p for p in problems if p.field == "kind"]
    assert "did you mean 'crisis-helpline'?" in kind.message


def test_a_misspelt_kind_asks_only_what_every_kind_needs(vocab):
    """What only some kinds need (a tip has no url, only a recovery account a platform) waits for the kind;
    what every kind needs is still required."""
    text = "---\ntitle: T\nkind: practitioner-tips\nhandle: '@x'\n---\nBody.\n"
    _entry, problems = check(text, vocab)
    assert {(p.field, p.code) for p in problems} == {("kind", "unknown-value"), ("summary", "required-field")}, [
        p.format() for p in problems
    ]


def test_ages_and_from_abroad(vocab):
    entry, problems = check(GOOD.replace("hours: 24/7", "hours: 24/7\nages: under 19\nfrom_abroad: true"), vocab)
    assert only(problems) == [] and (entry.ages, entry.from_abroad) == ("under 19", True)
    entry, problems = check(GOOD, vocab)
    assert (entry.ages, entry.from_abroad) == (None, False)
    # 116 123 is a short code: saying it can be called from abroad is a warning, with what to do
    _entry, problems = check(GOOD.replace("hours: 24/7", "hours: 24/7\nfrom_abroad: true"), vocab)
    assert [(p.field, p.code) for p in only(problems, WARNING)] == [("from_abroad", "from-abroad-unreachable")]
    assert "take 'from_abroad: true' out" in only(problems, WARNING)[0].message
    _entry, problems = check(
        replace('phone: "116 123"', 'phone: "0808 157 0123"').replace("hours: 24/7", "hours: 24/7\nfrom_abroad: true"), vocab
    )
    assert only(problems, WARNING) == []  # a number that can be dialled from abroad

    _entry, problems = check(GOOD.replace("hours: 24/7", "hours: 24/7\nages: kids\nfrom_abroad: yes"), vocab)
    assert sorted((p.field, p.code) for p in only(problems)) == [("ages", "ages-format"), ("from_abroad", "single-value")]
