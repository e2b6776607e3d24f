"""Plain words for people seeking help (issue 16): what the reach audit means, said as "Works by phone or text, no
internet needed", "Free" and "Open day and night" on the public pages and in search results; "Rural reach" and its
level only where practitioners look (an entry page's "For practitioners" section, Coverage, Needs review)."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import pytest
from search_index.documents import plain_words

NO_INTERNET, FREE, DAY_AND_NIGHT = "Works by phone or text, no internet needed", "Free", "Open day and night"
PRACTITIONERS = re.compile(r'<section class="for-practitioners".*?</section>', re.S)
# The pages made for practitioners and contributors, where the audit's own words belong.
AUDIT_PAGES = {"coverage.html", "needs-review.html"}


def words_in(html: str) -> list[list[str]]:
    """Each plain-words list of a page, in order, as lists of its items."""
    return [re.findall(r"<li>(.*?)</li>", ul) for ul in re.findall(r'<ul class="plain-words">(.*?)</ul>', html, re.S)]


def page(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "path, expected",
    [
        ("crisis-helpline/example-crisis-line.html", [NO_INTERNET, FREE, DAY_AND_NIGHT]),  # phone, free, 24/7
        ("crisis-helpline/example-evening-line.html", [NO_INTERNET, FREE]),  # evenings only
        ("peer-community/example-peer-forum.html", [FREE]),  # online only
    ],
)
def test_entry_pages_say_reach_in_plain_words(fixture_site, path, expected):
    html = page(fixture_site, path)
    public = PRACTITIONERS.sub("", html)
    assert words_in(public) == [expected]
    assert "rural reach" not in public.lower()


def test_closed_entries_and_tips_promise_nothing(fixture_site):
    assert words_in(page(fixture_site, "peer-community/example-closed-group.html")) == []
    assert words_in(page(fixture_site, "practitioner-tip/example-tip.html")) == []


def test_the_reach_level_and_flags_are_in_the_practitioners_section(fixture_site):
    [section] = PRACTITIONERS.findall(page(fixture_site, "crisis-helpline/example-evening-line.html"))
    assert '<h2 id="for-practitioners">For practitioners</h2>' in section
    assert "Rural reach: partial" in section and "not open 24 hours a day" in section
    [closed] = PRACTITIONERS.findall(page(fixture_site, "peer-community/example-closed-group.html"))
    assert "Rural reach: limited" in closed and "It only meets in person" in closed
    assert PRACTITIONERS.findall(page(fixture_site, "practitioner-tip/example-tip.html")) == []


def test_rural_reach_appears_only_where_practitioners_look(fixture_site):
    said = []
    scripts = sorted((fixture_site / "search").rglob("*.js")) + sorted((fixture_site / "theme/js").glob("search*.js"))
    for path in sorted(fixture_site.rglob("*.html")) + scripts:
        name = path.relative_to(fixture_site).as_posix()
        if name in AUDIT_PAGES:
            continue
        text = PRACTITIONERS.sub("", path.read_text(encoding="utf-8")).lower()
        if "rural reach" in text or "reach: " in text:
            said.append(name)
    assert said == []


def test_contact_buttons_come_before_the_review_notice(fixture_site):
    for path in ["crisis-helpline/example-crisis-line.html", "crisis-helpline/example-evening-line.html"]:
        html = page(fixture_site, path)
        first_contact = min(html.index('href="tel:'), html.index('href="sms:') if 'href="sms:' in html else len(html))
        assert first_contact < html.index('<p class="review'), path
        assert html.index('<ul class="plain-words">') < first_contact, path


def test_cards_and_search_results_say_the_same_plain_words(fixture_site):
    """The card macro (theme/templates/_entries.html) and the search results (documents.plain_words) agree."""
    data = page(fixture_site, "search/d/0.js")
    rows = json.loads(data[data.index("[") : data.rindex("]") + 1])
    in_search = {row[1]: row[6] for row in rows}
    assert in_search["crisis-helpline/example-crisis-line.html"] == [NO_INTERNET, FREE, DAY_AND_NIGHT]
    on_cards = {}
    for listing in ["crisis-helpline/index.html", "peer-community/index.html", "recovery-account/index.html"]:
        for card in re.findall(r'<li class="card[^"]*">(.*?)</li>\n', page(fixture_site, listing), re.S):
            url = re.search(r'href="\.\./([^"]+)"', card).group(1)
            on_cards[url] = (words_in(card) or [[]])[0]
    assert {url: on_cards[url] for url in in_search if url in on_cards} == {url: w for url, w in in_search.items() if url in on_cards}
    assert len(on_cards) >= 4


@pytest.mark.parametrize(
    "status, expected",
    [("active", [NO_INTERNET, FREE, DAY_AND_NIGHT]), ("temporarily-closed", []), ("closed", [])],
)
def test_plain_words_only_for_a_service_that_answers_now(status, expected):
    entry = SimpleNamespace(status=status, without_broadband=True, cost="free", is_24_7=True)
    assert plain_words(entry) == expected


@pytest.mark.parametrize("cost", ["free-or-call-charges", "low-cost", "paid", None])
def test_free_means_free(cost):
    entry = SimpleNamespace(status="active", without_broadband=False, cost=cost, is_24_7=False)
    assert plain_words(entry) == []
