"""The audit plugin, offline: reach flags and levels, coverage counts, outdated links, and its pages."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date

import pytest
from audit import coverage, offline, reach, site_links
from audit.report import audit_entries
from conftest import FIXTURE_CONTENT, ROOT, TODAY, build
from entries.model import Entry


def make(**fields) -> Entry:
    values = dict(
        source="content/x/e.md",
        slug="e",
        title="E",
        kind="peer-community",
        summary="S.",
        url="https://example.org/",
        countries=["GB"],
        channels=["phone"],
        phone="116 123",
        cost="free",
        hours="24/7",
        last_reviewed=date(2026, 6, 1),
        relative_path="peer-community/e.md",
    )
    values.update(fields)
    return Entry(**values)


def codes(entry, today=TODAY):
    return reach.assess(entry, today).codes()


# --- each reach flag ---------------------------------------------------------


def test_wide_entry_has_no_flags():
    result = reach.assess(make(), TODAY)
    assert result.level == "wide" and result.flags == []


def test_in_person_only():
    entry = make(channels=["in-person"], phone=None, locations=["Aberystwyth"], regions=["GB-WLS"])
    result = reach.assess(entry, TODAY)
    assert {"in-person-only", "local-only"} <= set(result.codes()) and result.level == "limited"


def test_broadband_only():
    entry = make(channels=["chat", "forum"], phone=None)
    assert codes(entry) == ["broadband-only"]
    assert reach.assess(entry, TODAY).level == "partial"


def test_email_and_website_count_as_internet():
    assert codes(make(channels=["email", "website"], phone=None)) == ["broadband-only"]


def test_phone_or_text_is_not_broadband_only():
    assert "broadband-only" not in codes(make(channels=["text", "chat"], phone=None, text="85258"))


def test_social_media_only():
    entry = make(channels=["social-media"], phone=None)
    assert {"social-media-only", "broadband-only"} == set(codes(entry))
    assert reach.assess(entry, TODAY).level == "limited"


def test_local_only_names_the_places():
    entry = make(channels=["in-person"], phone=None, regions=["GB-WLS"], locations=[])
    flag = [f for f in reach.assess(entry, TODAY).flags if f.code == "local-only"][0]
    assert "Wales" in flag.message


def test_local_with_a_phone_line_is_not_local_only():
    assert "local-only" not in codes(make(regions=["GB-WLS"], locations=["Aberystwyth"], channels=["phone", "in-person"]))


def test_crisis_not_24_7():
    entry = make(kind="crisis-helpline", hours="Mo-Fr 09:00-17:00", timezone="Europe/London")
    assert codes(entry) == ["crisis-not-24-7"]
    assert codes(make(kind="crisis-helpline", hours=None)) == ["crisis-not-24-7"]
    assert codes(make(kind="peer-community", hours="Mo-Fr 09:00-17:00")) == []


@pytest.mark.parametrize(
    "cost, words",
    [(None, "not stated"), ("paid", "fee"), ("low-cost", "small fee"), ("mixed", "Some of it"), ("free-or-call-charges", "ordinary call")],
)
def test_cost_not_free(cost, words):
    flag = reach.assess(make(cost=cost), TODAY).flags[0]
    assert flag.code == "cost-not-free" and words in flag.message


def test_unreviewed_does_not_change_the_level():
    result = reach.assess(make(last_reviewed=None), TODAY)
    assert result.codes() == ["unreviewed"] and result.level == "wide"


@pytest.mark.parametrize("reviewed, is_stale", [(date(2025, 11, 21), False), (date(2025, 11, 20), True), (date(2024, 1, 1), True)])
def test_stale_after_12_months(reviewed, is_stale):
    assert ("stale" in codes(make(last_reviewed=reviewed), date(2026, 11, 21))) is is_stale


def test_stale_on_29_february():
    assert "stale" in codes(make(last_reviewed=date(2023, 2, 27)), date(2024, 2, 29))


def test_tips_get_no_reach():
    assert reach.assess(make(kind="practitioner-tip"), TODAY) is None


# --- coverage ------------------------------------------------------------------


def area(areas, code):
    return next(a for a in areas if a.code == code)


def test_coverage_counts():
    entries = [
        make(slug="national", kind="crisis-helpline"),  # GB, 24/7, phone, free
        make(slug="wales", kind="crisis-helpline", regions=["GB-WLS"], hours="Mo-Fr 09:00-17:00", cost="paid"),
        make(slug="world", kind="peer-community", countries=["worldwide"], channels=["forum"], phone=None, hours=None),
        make(slug="closed", kind="crisis-helpline", status="closed"),
        make(slug="tip", kind="practitioner-tip", countries=[]),
        make(slug="us", kind="peer-community", countries=["US"], channels=["text"], phone=None, text="741741"),
    ]
    areas = coverage.coverage(entries, {"GB": ["GB-SCT"]})
    gb, wales, scotland, us = (area(areas, c) for c in ("GB", "GB-WLS", "GB-SCT", "US"))
    assert gb.cells["crisis-helpline"].as_dict() == {
        "area": "GB",
        "kind": "crisis-helpline",
        "entries": 1,
        "without_broadband": 1,
        "open_24_7": 1,
        "free": 1,
    }
    assert wales.cells["crisis-helpline"].as_dict() == {
        "area": "GB-WLS",
        "kind": "crisis-helpline",
        "entries": 2,
        "without_broadband": 2,
        "open_24_7": 1,
        "free": 1,
    }
    assert scotland.cells["crisis-helpline"].entries == 1  # the national line reaches Scotland, the Welsh one does not
    assert gb.cells["peer-community"].entries == 1 and us.cells["peer-community"].entries == 2  # worldwide reaches everywhere
    assert us.cells["peer-community"].without_broadband == 1
    assert us.cells["crisis-helpline"].entries == 0
    assert set(coverage.KINDS) == set(gb.cells)  # no column for tips


def test_region_inside_a_region_is_reached():
    assert coverage.reaches(make(regions=["GB-ENG"]), "GB-CMA")
    assert not coverage.reaches(make(regions=["GB-WLS"]), "GB-CMA")


def test_gaps_come_first():
    entries = [
        make(slug="a", kind="crisis-helpline", countries=["IE"]),
        make(slug="b", kind="peer-community", countries=["IE"], channels=["phone"]),
        make(slug="c", kind="peer-community", countries=["NZ"], channels=["forum"], phone=None),
    ]
    areas = coverage.coverage(entries, {})
    assert [a.code for a in areas] == ["NZ", "IE"]
    assert area(areas, "NZ").gaps == ["no crisis line open 24/7", "no peer community reachable without broadband"]
    assert area(areas, "IE").gaps == []


# --- offline link checks ----------------------------------------------------------


def with_body(text, **fields):
    from entries.sanitise import render_markdown

    entry = make(**fields)
    entry.body_source, entry.body_line, entry.body_html = text, 12, render_markdown(text)
    return entry


def test_defunct_platform_is_an_error_at_its_line():
    entry = with_body("Intro.\n\nWe were on [Google+](https://plus.google.com/+Example).\n")
    [problem] = offline.defunct([entry], [{"domain": "plus.google.com", "name": "Google+", "closed": 2019}])
    assert (problem.severity, problem.field, problem.line) == ("error", "body", 14)
    assert "Google+, which closed in 2019" in problem.message


def test_defunct_url_field_with_successor():
    entry = make(url="https://m.oldplace.example/group", lines={"url": 5})
    [problem] = offline.defunct(
        [entry], [{"domain": "oldplace.example", "name": "Old Place", "closed": 2020, "successor": "https://newplace.example/"}]
    )
    assert problem.line == 5 and "link to https://newplace.example/ instead" in problem.message


def test_defunct_list_in_the_data_file_covers_google_plus():
    from audit import data

    assert any(p["domain"] == "plus.google.com" for p in data.defunct_links())


def test_http_body_link_is_a_warning():
    [problem] = offline.insecure_body_links([with_body("See [site](http://example.org/page).")])
    assert problem.severity == "warning" and "https://example.org/page" in problem.message


def test_missing_internal_link_is_an_error(tmp_path):
    real = make(slug="real", relative_path="crisis-helpline/real.md")
    good = with_body(
        "[Real]({filename}/crisis-helpline/real.md) and [rel]({filename}../crisis-helpline/real.md)", relative_path="peer-community/x.md"
    )
    bad = with_body("Line one.\n[Gone]({filename}/crisis-helpline/gone.md)")
    assert offline.internal_links([real, good], tmp_path) == []
    [problem] = offline.internal_links([real, bad], tmp_path)
    assert problem.line == 13 and "does not point to an entry" in problem.message


def test_a_filename_link_to_a_file_that_is_not_an_entry_is_an_error(tmp_path):
    """Files that exist but are not entries (the repository's .git/config, a stray page) are never linked."""
    (tmp_path / "crisis-helpline").mkdir()
    (tmp_path / "crisis-helpline" / "notes.html").write_text("<script></script>")
    (tmp_path / "crisis-helpline" / "real.md").write_text("x")  # a file, but not one of the entries read
    linking = with_body(
        "[a]({filename}notes.html) [b]({filename}../../.git/config) [c]({filename}real.md)", relative_path="crisis-helpline/x.md"
    )
    problems = offline.internal_links([linking], tmp_path)
    assert [p.message.split("'")[1] for p in problems] == ["{filename}notes.html", "{filename}../../.git/config", "{filename}real.md"]


def test_link_to_a_closed_entry_is_a_warning(tmp_path):
    closed = make(slug="old", title="Old Group", status="closed", relative_path="peer-community/old.md")
    linking = with_body("Try [Old Group]({filename}/peer-community/old.md) on Tuesdays.")
    explained = with_body("[Old Group]({filename}/peer-community/old.md) closed in 2021.")
    problems = offline.links_to_closed([closed, linking, explained], tmp_path)
    assert len(problems) == 1 and problems[0].severity == "warning" and "Old Group, which has closed" in problems[0].message


INTERVALS = {"default": 12, "crisis-helpline": 6}


def test_stale_entry_is_a_warning():
    [problem] = offline.stale_entries([make(last_reviewed=date(2025, 1, 1), lines={"last_reviewed": 9})], TODAY, INTERVALS)
    assert (problem.severity, problem.line) == ("warning", 9)
    assert offline.stale_entries([make(last_reviewed=date(2026, 1, 1))], TODAY, INTERVALS) == []


def test_crisis_lines_are_due_for_review_after_six_months_and_the_rest_after_twelve():
    """TODAY is 2026-11-21: a crisis line checked in March is due again; a peer group checked then is not."""
    from audit import data
    from audit.reach import months_before

    assert data.review_intervals() == INTERVALS  # data/review_intervals.yaml
    crisis = make(kind="crisis-helpline", last_reviewed=date(2026, 3, 1), lines={"last_reviewed": 9})
    group = make(kind="peer-community", last_reviewed=date(2026, 3, 1))
    [problem] = offline.stale_entries([crisis, group], TODAY, INTERVALS)
    assert problem.path == crisis.source and "more than 6 months ago" in problem.message
    assert "A person last checked these details on 1 March 2026, more than 6 months ago." in [
        f.message for f in reach.assess(crisis, TODAY).flags
    ]
    assert "stale" not in reach.assess(group, TODAY).codes()
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28) and months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)


def test_needs_review_lists_crisis_lines_first_and_says_why():
    entries = [
        make(slug="old-group", title="Old Group", kind="peer-community", last_reviewed=date(2020, 1, 1)),
        make(slug="new-line", title="Unchecked Line", kind="crisis-helpline", last_reviewed=None),
        make(slug="old-line", title="Old Line", kind="crisis-helpline", last_reviewed=date(2026, 1, 1)),
        make(slug="unchecked-group", title="Unchecked Group", kind="peer-community", last_reviewed=None),
    ]
    result = audit_entries(entries, ROOT / "content", TODAY)
    assert [e.slug for e in result.needs_review] == ["old-line", "new-line", "old-group", "unchecked-group"]


def test_unresolved_site_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/page.html">ok</a>\n<a href="missing.html">no</a>\n<a href="https://example.org/">out</a><a href="#top">top</a>'
    )
    (tmp_path / "a" / "page.html").write_text(
        '<a href="../index.html">up</a><link href="../theme/x.css">\n<a href="../gone.html?a=1&amp;b=2">x</a>\n\n<a href="../gone.html?a=1&amp;b=2">again</a>'
    )
    expected = [
        ("a/page.html", 1, "../theme/x.css"),
        ("a/page.html", 2, "../gone.html?a=1&b=2"),
        ("a/page.html", 4, "../gone.html?a=1&b=2"),
        ("index.html", 2, "missing.html"),
    ]
    assert site_links.unresolved(tmp_path) == expected


# --- the whole audit, in a build and in `invoke check` --------------------------------


def test_audit_entries_sets_reach_and_review_list(tmp_path):
    entries = [
        make(slug="a", title="A", last_reviewed=None),
        make(slug="b", title="B", last_reviewed=date(2024, 5, 1)),
        make(slug="c", title="C"),
    ]
    result = audit_entries(entries, tmp_path, TODAY)
    assert all(e.reach is not None for e in entries)
    assert [e.slug for e in result.needs_review] == ["b", "a"]


def test_build_fails_on_a_defunct_link(tmp_path, capfd):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "peer-community" / "example-peer-forum.md"
    path.write_text(path.read_text() + "\nOld page: [G+](https://plus.google.com/+Example)\n")
    capfd.readouterr()
    assert not build(content, tmp_path / "out")
    assert "example-peer-forum.md:14: body: 'https://plus.google.com/+Example' points to Google+" in capfd.readouterr().err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("href", ["../nowhere/page.html", "//evil.example/page", "../index.html"])
def test_check_and_build_refuse_a_path_inside_the_site(tmp_path, capfd, href):
    """A path in a description is found by `invoke check`, at its line, not first by the built site's link check."""
    import tasks

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "peer-community" / "example-peer-forum.md"
    path.write_text(path.read_text() + f"\nSee [our other page]({href}).\n")
    result = tasks.check_content(content, today=TODAY)
    [problem] = [p for p in result.report.errors if p.path.endswith("example-peer-forum.md")]
    assert (problem.line, problem.field) == (14, "body") and f"the link '{href}' is a path" in problem.message
    capfd.readouterr()
    assert not build(content, tmp_path / "out")
    assert f"example-peer-forum.md:14: body: the link '{href}' is a path" in capfd.readouterr().err


def test_site_pages_show_reach_coverage_and_review(fixture_site):
    page = (fixture_site / "crisis-helpline/example-evening-line.html").read_text()
    assert "Rural reach: partial" in page and "not open 24 hours a day" in page
    closed = (fixture_site / "peer-community/example-closed-group.html").read_text()
    assert "Rural reach: limited" in closed and "It only meets in person" in closed
    cover = (fixture_site / "coverage.html").read_text()
    assert '<tr class="gap">' in cover and "no crisis line open 24/7; no peer community reachable without broadband" in cover
    review = (fixture_site / "needs-review.html").read_text()
    assert "Example Evening Line" in review and "Example Crisis Line" not in review  # reviewed in 2026-09


def test_browse_pages_filter_to_phone_or_text(fixture_site):
    everything = (fixture_site / "browse/country/gb.html").read_text()
    phone_text = (fixture_site / "browse/country/gb-phone-text.html").read_text()
    assert "Example Closed Group" in everything and "Example Closed Group" not in phone_text
    assert "Example Crisis Line" in phone_text
    assert 'href="./gb-phone-text.html"' in everything.replace("../../browse/country/", "./") or "gb-phone-text.html" in everything
    forum = (fixture_site / "browse/channels/forum-phone-text.html").read_text()
    assert "Example Peer Forum" not in forum.split("<main", 1)[1]
    assert (fixture_site / "crisis-helpline/phone-text.html").exists()


def test_invoke_check_json(tmp_path):
    out = tmp_path / "check.json"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(FIXTURE_CONTENT), "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    document = json.loads(out.read_text())
    assert set(document) == {"entries", "coverage"}
    evening = next(e for e in document["entries"] if e["source"].endswith("example-evening-line.md"))
    assert evening["kind"] == "crisis-helpline"
    assert evening["reach"]["level"] == "partial"
    assert {"code": "crisis-not-24-7", "message": evening["reach"]["flags"][0]["message"]} in evening["reach"]["flags"]
    tip = next(e for e in document["entries"] if e["kind"] == "practitioner-tip")
    assert tip["reach"] is None
    row = next(r for r in document["coverage"] if r["area"] == "GB-WLS" and r["kind"] == "crisis-helpline")
    assert row == {"area": "GB-WLS", "kind": "crisis-helpline", "entries": 2, "without_broadband": 2, "open_24_7": 1, "free": 2}


def test_invoke_check_json_lists_problems_and_fails(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "crisis-helpline" / "example-crisis-line.md"
    path.write_text(path.read_text().replace('phone: "0808 157 0123"', 'phone: "12"'))
    out = tmp_path / "check.json"
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content), "--json", str(out)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 1
    record = next(e for e in json.loads(out.read_text())["entries"] if e["source"].endswith("example-crisis-line.md"))
    assert record["problems"][0]["severity"] == "error" and record["problems"][0]["field"] == "phone" and record["problems"][0]["line"] == 8
