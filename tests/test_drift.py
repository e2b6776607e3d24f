"""`invoke links` drift checks: does each entry's number still appear on its own pages?

Against servers on 127.0.0.1 (tests/linkserver.py), never the internet. The
numbers are Ofcom's drama numbers and made-up pages.
"""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from entries.phones import parse
from linkcheck import command as links_command
from linkcheck import drift
from linkcheck.check import CheckConfig, Status, check_all
from linkserver import redirect, reply, serve
from rich.console import Console

NOW = datetime(2026, 11, 21, 12, 0, tzinfo=UTC)
FAST = CheckConfig(
    connect_timeout=1.0,
    read_timeout=0.5,
    request_timeout=5.0,
    retries=0,
    backoff=0.01,
    pause=0.0,
    trust_env=False,
    allow_private=True,  # the test servers are on 127.0.0.1
)


def html(body: str, title: str = "Contact us") -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


# -- visible text and matching, without a network ------------------------------------------


def test_visible_text_leaves_out_script_style_template_and_hidden_markup():
    text = drift.visible_text(
        "<head><title>Help</title><style>.x{content:'0808 808 1677'}</style></head><body>"
        "<script>var phone = '0808 808 1677';</script><template><p>0808 808 1677</p></template>"
        "<div hidden><p>old: 0808 808 1677</p><div>nested</div></div>"
        "<p style='display: none'>0808 808 1677</p><span style='visibility:hidden'>0808 808 1677</span>"
        "<p>Call <a href='tel:08088081677'>us</a> free<br>any time</p><img hidden alt='x'><p>after</p></body>"
    )
    assert "0808" not in text and "nested" not in text
    assert "Call us free" in text and "any time" in text and "after" in text  # a hidden <img> hides nothing after it


@pytest.mark.parametrize(
    "written", ["0808 808 1677", "0808-808-1677", "08088081677", "+44 808 808 1677", "+44 (0)808 808 1677", "0808&nbsp;808&nbsp;1677"]
)
def test_a_full_number_is_found_in_any_format(written):
    page = drift.Page("https://example.org/", html(f"<p>Call free on {written}.</p>"))
    assert drift.shows(page, "phone", "0808 808 1677", parse("0808 808 1677", ["GB"]))


@pytest.mark.parametrize(
    "body, found",
    [
        ("<p>Call 988 at any time.</p>", True),
        ("<p>Call or text 988.</p>", True),
        ("<p>Call 1-800-988-4357.</p>", False),  # 988 only inside a longer number
        ("<p>Call 0800 988 1234.</p>", False),
        ("<p>Ref 19880.</p>", False),
        ("<p>Since 1988.</p>", False),
    ],
)
def test_a_short_code_matches_only_as_a_whole_number(body, found):
    page = drift.Page("https://example.org/", html(body))
    assert drift.shows(page, "phone", "988", parse("988", ["US"])) is found


@pytest.mark.parametrize("written", ["13 11 14", "+61 13 11 14"])
def test_a_number_dialled_only_at_home_is_found_as_the_page_writes_it(written):
    """13 11 14 cannot be dialled from abroad (no international form), yet it is a full number: found in any format."""
    number = parse(written, ["AU"])
    assert number.kind == "short" and number.e164 == "+61131114"
    assert drift.shows(drift.Page("u", html("<p>Call Lifeline on 13 11 14.</p>")), "phone", written, number)
    assert not drift.shows(drift.Page("u", html("<p>Call 13 11 15.</p>")), "phone", written, number)


def test_a_short_code_may_be_grouped_differently():
    number = parse("116 123", ["GB"])
    assert number.kind == "short"
    assert drift.shows(drift.Page("u", html("<p>Call 116123 free.</p>")), "phone", "116 123", number)
    assert not drift.shows(drift.Page("u", html("<p>Call 116 124 free.</p>")), "phone", "116 123", number)


@pytest.mark.parametrize(
    "body, found",
    [
        ("<p>Text SHOUT to 85258</p>", True),
        ("<p>Text 'SHOUT' to 85258</p>", True),
        ("<p>SHOUTING helps nobody</p>", False),
        ("<p>Text shout to 85258</p>", False),  # capitals as written: 'HOME' must not match every 'home'
    ],
)
def test_a_keyword_matches_only_as_a_whole_word_with_its_capitals(body, found):
    assert drift.Page("u", html(body)).has_word("SHOUT") is found


def test_a_page_kept_only_when_asked():
    with serve({"/": reply(200, html("<p>0808 808 1677</p>"))}) as server:
        url = server.url("/")
        kept = check_all([url], FAST, keep_bodies=[url])[url]
        plain = check_all([url], FAST)[url]
    assert kept.status is Status.OK and "0808 808 1677" in kept.body
    assert plain.status is Status.OK and plain.body is None
    assert kept == plain  # the body is not part of what a result is


# -- the command, end to end ------------------------------------------------------------

ENTRY = """\
---
title: {title}
kind: crisis-helpline
summary: A made-up line for the drift check's tests.
url: {url}
countries: [{country}]
channels: [{channels}]
{contact}
hours: 24/7
cost: free
audiences: [adults]
topics: [suicide]
{sources}
---
Call at any hour.
"""


def write_entry(content: Path, name: str, url: str, contact: str, sources: list[str] = (), country: str = "GB") -> Path:
    channels = ", ".join(c for c in ("phone", "text", "chat") if f"\n{c}" in f"\n{contact}")
    path = content / "crisis-helpline" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = f"sources: [{', '.join(sources)}]" if sources else ""
    path.write_text(
        ENTRY.format(title=f"Line {name.upper()}", url=url, country=country, channels=channels, contact=contact, sources=lines),
        encoding="utf-8",
    )
    return path


def run(content: Path, tmp_path: Path, **kwargs) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    kwargs.setdefault("config", FAST)
    kwargs.setdefault("now", NOW)
    kwargs.setdefault("environ", {})
    kwargs.setdefault("cache_file", tmp_path / "cache" / "links.json")
    kwargs.setdefault("allow_private", True)
    code = links_command.run(content=content, console=Console(file=err, width=250), stdout=out, **kwargs)
    return code, out.getvalue(), err.getvalue()


PHONE = 'phone: "0808 808 1677"'
ROUTES = {
    "/about": reply(200, html("<p>Who we are.</p>", title="About us")),
    "/hyphens": reply(200, html("<p>Freephone 0808-808-1677, any time.</p>")),
    "/international": reply(200, html("<p>From abroad: +44 808 808 1677</p>")),
    # the number is only where no reader sees it: a script, a hidden block, a tel: link's target
    "/lost": reply(
        200,
        html(
            "<script>var n = '0808 808 1677';</script><div hidden>0808 808 1677</div>"
            "<p>Our new number is 0808 808 9999. <a href='tel:08088081677'>Call</a></p>"
        ),
    ),
    "/gone": reply(404, html("<p>0808 808 1677</p>", title="Page not found")),
    "/inside": reply(200, html("<p>Call 1-800-988-4357 or visit us.</p>")),
    "/keyword": reply(200, html("<p>Text <strong>SHOUT</strong> to 85258, free.</p>")),
    "/home": reply(200, html("<p>Go home. Text 741741.</p>")),
}


@pytest.fixture
def site(tmp_path, monkeypatch):
    """Entries whose details their pages show, lost, or cannot show (the page fails)."""
    monkeypatch.chdir(tmp_path)
    with serve(ROUTES) as server:
        content = tmp_path / "content"
        write_entry(content, "a", server.url("/about"), PHONE, sources=[server.url("/lost"), server.url("/hyphens")])
        write_entry(content, "b", server.url("/international"), PHONE)
        write_entry(content, "c", server.url("/lost"), PHONE)
        write_entry(content, "d", server.url("/gone"), PHONE)
        write_entry(content, "e", server.url("/inside"), 'phone: "988"', country="US")
        write_entry(content, "f", server.url("/keyword"), 'text: "85258"\ntext_keyword: SHOUT')
        write_entry(content, "g", server.url("/home"), 'text: "741741"\ntext_keyword: HOME', country="US")
        yield content, server


def details_by_entry(path: Path) -> dict[tuple[str, str], dict]:
    data = json.loads(path.read_text())
    return {(Path(d["source"]).stem, d["field"]): d for d in data["details"]}


def test_run_reports_each_detail_found_not_found_or_unchecked(site, tmp_path):
    content, server = site
    code, _, err = run(content, tmp_path, json_file=tmp_path / "links.json")
    data = json.loads((tmp_path / "links.json").read_text())
    assert list(data) == ["links", "details"]
    assert all(list(d) == ["source", "field", "value", "status", "pages"] for d in data["details"])
    details = details_by_entry(tmp_path / "links.json")
    status = {key: d["status"] for key, d in details.items()}
    assert status == {
        ("a", "phone"): "found",  # not on its url, but on one of its sources, with hyphens
        ("b", "phone"): "found",  # in international form
        ("c", "phone"): "not-found",  # only in a script, a hidden block and a tel: link
        ("d", "phone"): "unchecked",  # its one page answers 404
        ("e", "phone"): "not-found",  # 988 only inside 1-800-988-4357
        ("f", "text"): "found",
        ("f", "text_keyword"): "found",
        ("g", "text"): "found",
        ("g", "text_keyword"): "not-found",  # 'home', not 'HOME'
    }
    assert details[("a", "phone")] == {
        "source": "content/crisis-helpline/a.md",
        "field": "phone",
        "value": "0808 808 1677",
        "status": "found",
        "pages": [server.url("/about"), server.url("/lost"), server.url("/hyphens")],
    }
    assert details[("d", "phone")]["pages"] == []  # no page could be read
    assert details[("f", "text_keyword")]["value"] == "SHOUT"
    # the page two entries use (c's url, a's source) was read once; a source is a link like any other
    assert server.stats.count("/lost", "GET") == 1
    links = {row["url"]: row for row in data["links"]}
    assert links[server.url("/hyphens")]["locations"] == [{"file": "content/crisis-helpline/a.md", "line": 13, "field": "sources"}]
    # the terminal: how many were not found, and each of them at its line
    assert "9 looked for: 5 found, 3 not found, 1 unchecked" in err
    assert f"content/crisis-helpline/c.md:8: phone: 0808 808 1677 was not found (as a number) on {server.url('/lost')};" in err
    assert "content/crisis-helpline/e.md:8: phone: 988 was not found" in err
    assert "content/crisis-helpline/g.md:9: text_keyword: HOME was not found (as a whole word" in err
    assert "content/crisis-helpline/a.md:8: phone" not in err
    assert "error(s) in entries" not in err
    assert code == 1  # for the broken link /gone, not for any detail


def test_a_detail_not_found_is_a_warning_and_never_fails_the_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    with serve(ROUTES) as server:
        write_entry(tmp_path / "content", "c", server.url("/lost"), PHONE)
        code, out, err = run(tmp_path / "content", tmp_path, environ={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert code == 0 and "none broken" in err and "1 not found" in err
    (warning,) = [line for line in out.splitlines() if "0808" in line]
    assert warning.startswith("::warning file=content/crisis-helpline/c.md,line=8::phone: 0808 808 1677 was not found")
    assert "correct the entry or its sources" in warning
    text = summary.read_text()
    assert "## Details on their pages" in text and "| not-found | 1 |" in text
    assert f"| `content/crisis-helpline/c.md:8` | phone | 0808 808 1677 | {server.url('/lost')} |" in text


def test_a_page_is_read_again_on_every_run_though_its_link_is_cached(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    routes = dict(ROUTES)
    with serve(routes) as server:
        content = tmp_path / "content"
        write_entry(content, "b", server.url("/international"), PHONE)
        run(content, tmp_path)
        routes["/international"] = reply(200, html("<p>We have a new number: +44 808 808 9999</p>"))
        code, _, _ = run(content, tmp_path, json_file=tmp_path / "again.json", now=NOW + timedelta(hours=1))
    assert code == 0
    assert details_by_entry(tmp_path / "again.json")[("b", "phone")]["status"] == "not-found"
    assert server.stats.count("/international", "GET") == 2


def test_a_page_the_link_check_refuses_is_not_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with serve({"/hyphens": ROUTES["/hyphens"]}) as server:
        server.routes["/go"] = redirect(302, server.url("/hyphens"))  # a public page that leads to this machine
        write_entry(tmp_path / "content", "a", "https://line.example.org/go", PHONE)
        public = CheckConfig(**{**FAST.__dict__, "allow_private": False, "host_overrides": {"line.example.org": server.netloc}})
        code, _, _ = run(tmp_path / "content", tmp_path, config=public, allow_private=False, json_file=tmp_path / "links.json")
    assert server.stats.count("/hyphens") == 0
    assert details_by_entry(tmp_path / "links.json")[("a", "phone")] | {"source": None} == {
        "source": None,
        "field": "phone",
        "value": "0808 808 1677",
        "status": "unchecked",
        "pages": [],
    }
    assert code == 1  # the private link fails the run, as it always has


def test_a_closed_service_and_an_entry_without_details_have_none(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with serve(ROUTES) as server:
        content = tmp_path / "content"
        path = write_entry(content, "c", server.url("/lost"), PHONE)
        path.write_text(path.read_text().replace("cost: free", "cost: free\nstatus: closed"), encoding="utf-8")
        write_entry(content, "x", server.url("/international"), f"chat_url: {server.url('/keyword')}")
        code, _, err = run(content, tmp_path, json_file=tmp_path / "links.json")
    assert code == 0
    assert json.loads((tmp_path / "links.json").read_text())["details"] == []
    assert "phone number(s)" not in err
