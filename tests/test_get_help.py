"""Get help now (issue 16): a page for each of the 240 regions libphonenumber gives an emergency
pattern, the right line first with its scope in words, and the index of countries."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import phonenumbers
import pytest
import yaml
from browser import axe_violations, serve
from conftest import ROOT, STARTER_CONTENT, build, read_content
from phonenumbers import shortnumberinfo

DATA = ROOT / "data"
NUMBERS = yaml.safe_load((DATA / "emergency_numbers.yaml").read_text(encoding="utf-8"))
REGIONS = sorted(
    r
    for r in phonenumbers.SUPPORTED_SHORT_REGIONS
    if (desc := phonenumbers.PhoneMetadata.short_metadata_for_region(r).emergency) is not None and desc.national_number_pattern
)
TEL = re.compile(r'<a class="contact tel" href="tel:([^"]+)">')


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def emergency_numbers_on(html: str) -> list[str]:
    part = main(html)
    block = part[part.index('id="emergency"') : part.index('id="lines"')]
    return TEL.findall(block)


# -- the data ---------------------------------------------------------------------------


def test_every_region_with_an_emergency_pattern_has_numbers():
    assert len(REGIONS) == 240
    assert sorted(NUMBERS) == REGIONS
    assert all(NUMBERS[region] for region in REGIONS)


def test_every_number_is_an_emergency_number_or_a_curated_extra_with_a_source():
    wrong = [
        f"{region} {item['number']}"
        for region, items in NUMBERS.items()
        for item in items
        if not shortnumberinfo.is_emergency_number(item["number"], region) and not str(item.get("source", "")).startswith("https://")
    ]
    assert wrong == []


def test_the_publicised_number_comes_first_and_the_curated_notes_stay():
    assert [n["number"] for n in NUMBERS["GB"]][0] == "999"
    assert [n["number"] for n in NUMBERS["US"]][0] == "911"
    assert {"number": "106", "note": "text emergency line for TTY textphone users only, not by SMS"} in NUMBERS["AU"]
    assert "2611" not in [n["number"] for n in NUMBERS["IN"]]  # matched by the pattern, not dialled in an emergency


def test_ways_without_speaking_each_cite_a_source():
    data = yaml.safe_load((DATA / "without_speaking.yaml").read_text(encoding="utf-8"))
    assert set(data) >= {"GB", "US", "NZ", "CA", "IE"}
    for region, item in data.items():
        assert region in REGIONS and item["how"].strip() and item["source"].startswith("https://"), region


def test_directories_are_plain_addresses_that_invoke_links_checks():
    from linkcheck.command import DIRECTORIES, collect, directory_links

    links = directory_links(DATA)
    assert {link.url for link in links} == {"https://findahelpline.com/", "https://befrienders.org/"}
    lines = (DATA / "directories.yaml").read_text(encoding="utf-8").splitlines()
    for link in links:
        assert link.source == DIRECTORIES and link.url in lines[link.line - 1]
    targets = collect([], links)
    assert [link.source for found in targets.values() for link in found] == [DIRECTORIES, DIRECTORIES]


# -- the built pages ------------------------------------------------------------------


def test_a_page_for_each_region_with_its_emergency_numbers(starter_site):
    for region in REGIONS:
        page = starter_site / "get-help-now" / f"{region.lower()}.html"
        numbers = emergency_numbers_on(page.read_text(encoding="utf-8"))
        assert numbers, region
        assert all(shortnumberinfo.is_emergency_number(n, region) for n in numbers), (region, numbers)


def test_the_index_links_every_country_without_javascript(starter_site):
    html = (starter_site / "get-help-now.html").read_text(encoding="utf-8")
    links = re.findall(r'<li><a href="\./get-help-now/([a-z]{2})\.html">', html)
    assert sorted(links) == sorted(r.lower() for r in REGIONS)
    assert "<script" not in main(html) and 'src="./theme/js/country-filter.js"' in html
    assert "data-country-filter hidden" in html  # the search box shows only where JavaScript runs


def test_every_page_links_get_help_now_in_one_tap(starter_site):
    for page in ("index.html", "crisis-helpline/samaritans.html", "browse/index.html", "get-help-now/fr.html"):
        assert 'class="help-now" href="' in (starter_site / page).read_text(encoding="utf-8")


def test_the_uk_page_puts_the_right_line_first_and_says_who_each_is_for(starter_site):
    html = main((starter_site / "get-help-now" / "gb.html").read_text(encoding="utf-8"))
    assert html.index(">Samaritans<") < html.index(">C.A.L.L. Mental Health Listening Line<")
    assert html.index(">Samaritans<") < html.index(">Combat Stress<")
    assert html.index(">Shout 85258<") < html.index(">Lifeline (Northern Ireland)<")
    assert "(Wales only)" in html
    childline = html[html.index(">Childline<") :].split("</li>", 1)[0]
    assert "Hours not listed: check before you rely on it" in childline
    assert "May not work from abroad: +44 800 1111" in childline
    samaritans = html[html.index(">Samaritans<") :].split("</li>", 1)[0]
    assert "Cannot be called from abroad" in samaritans and "Open 24/7" in samaritans
    assert "emergencySMS" in html and "text the word register to 999" in html


def test_a_line_for_a_group_comes_after_the_lines_for_everyone_even_if_it_lists_adults(starter_site):
    """13YARN lists [first-nations, adults, young-people] and MensLine [men, adults]: each is for a group,
    so Lifeline Australia, for everyone and open 24/7, comes first, and each says who it is for."""
    html = main((starter_site / "get-help-now" / "au.html").read_text(encoding="utf-8"))
    assert html.index(">Lifeline Australia<") < html.index(">13YARN<")
    assert html.index(">Lifeline Australia<") < html.index(">MensLine Australia<")
    yarn = html[html.index(">13YARN<") :].split("</li>", 1)[0]
    assert "First Nations and Indigenous people" in yarn and "adults" not in yarn
    assert "(men)" in html[html.index(">MensLine Australia<") :].split("</li>", 1)[0]
    us = main((starter_site / "get-help-now" / "us.html").read_text(encoding="utf-8"))
    assert us.index(">988 Suicide &amp; Crisis Lifeline<") < us.index(">The Trevor Project<")


def test_childline_says_under_19(starter_site):
    html = main((starter_site / "get-help-now" / "gb.html").read_text(encoding="utf-8"))
    assert "under 19" in html[html.index(">Childline<") :].split("</li>", 1)[0]


def test_a_country_without_a_crisis_line_says_so_and_links_directories(starter_site):
    html = main((starter_site / "get-help-now" / "fr.html").read_text(encoding="utf-8"))
    assert "Signpost has no crisis line listed for France yet." in html
    for url in ("https://findahelpline.com/", "https://befrienders.org/"):
        assert f'<a href="{url}" rel="noopener noreferrer" referrerpolicy="no-referrer">' in html
    assert "If you cannot speak" not in html  # nothing is said where no way is known
    page = (starter_site / "get-help-now" / "fr.html").read_text(encoding="utf-8")
    assert page.count("<script") == page.count(" defer></script>") == 3  # only messages.js, exit.js and offline.js, deferred


def test_country_pages_are_kept_offline_for_the_countries_with_lines(starter_site):
    sw = (starter_site / "sw.js").read_text(encoding="utf-8")
    assert '"get-help-now/gb.html"' in sw and '"get-help-now.html"' in sw
    assert '"get-help-now/fr.html"' not in sw


# -- many lines: worldwide lines everywhere, and the 14 kB budget -----------------------------


LINE = """---
title: {title}
kind: crisis-helpline
summary: A made-up line for tests, on Ofcom's drama numbers.
url: https://example.org/{slug}
countries: [{country}]
channels: [phone]
phone: "{phone}"
hours: 24/7
cost: free
languages: [en]
audiences: [adults]
topics: [suicide]
---
Made up.
"""


@pytest.fixture(scope="module")
def crowded_site(tmp_path_factory):
    """30 crisis lines for the UK and 6 for anywhere in the world."""
    content = tmp_path_factory.mktemp("crowded") / "content"
    folder = content / "crisis-helpline"
    folder.mkdir(parents=True)
    words = ["Amber", "Birch", "Cedar", "Dune", "Elm", "Fern", "Grove", "Heath", "Iris", "Juniper", "Kestrel", "Larch"]
    for i in range(36):
        slug = f"line-{i:02d}"
        title = f"{words[i % 12]} {words[(i * 5 + 3) % 12]} Line {chr(65 + i % 26)}{i}"
        country = "worldwide" if i >= 30 else "GB"
        phone = f"0808 157 0{i:03d}" if country == "GB" else f"+44 808 157 0{i:03d}"
        (folder / f"{slug}.md").write_text(LINE.format(title=title, slug=slug, country=country, phone=phone), encoding="utf-8")
    out = tmp_path_factory.mktemp("crowded-site") / "output"
    assert build(content, out)
    return out


def test_worldwide_lines_are_on_every_country_page(crowded_site):
    for page in (crowded_site / "get-help-now").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "From anywhere in the world" in html and "May not work from abroad: +44 808 157 0" in html, page.name


def test_a_crowded_country_page_shows_a_few_lines_then_links_the_full_list(crowded_site):
    from directory_pages.facets import MAX_LINES, MAX_WORLD

    page = crowded_site / "get-help-now" / "gb.html"
    html = page.read_text(encoding="utf-8")
    lines = html[: html.index('id="world"')].count('class="help-name"')
    assert lines == MAX_LINES
    assert html.count('class="help-name"') == MAX_LINES + MAX_WORLD
    assert '<a href="../browse/country/gb.html">See all 30 crisis lines' in html
    assert len(gzip.compress(page.read_bytes(), compresslevel=6, mtime=0)) <= 14 * 1024


# -- in a browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_the_country_search_narrows_the_list_as_you_type(starter_site, browser):
    with serve(starter_site) as base:
        page = browser.new_page()
        page.goto(f"{base}/get-help-now.html")
        page.fill("#country-filter", "zeal")
        assert page.locator(".country-list li:visible").all_inner_texts() == ["New Zealand"]
        assert page.inner_text("#country-filter-count") == "1 country"
        page.click(".country-list li:visible a")
        assert page.url.endswith("/get-help-now/nz.html")
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["get-help-now.html", "get-help-now/gb.html", "get-help-now/fr.html", "get-help-now/au.html"])
def test_axe_on_get_help_now(starter_site, browser, scheme, path):
    with serve(starter_site) as base:
        context = browser.new_context(color_scheme=scheme, bypass_csp=True)
        page = context.new_page()
        page.goto(f"{base}/{path}")
        violations = axe_violations(page)
        context.close()
    assert violations == [], f"{path} ({scheme}): {violations}"


def test_no_page_loads_another_host(starter_site):
    for page in [starter_site / "get-help-now.html", *sorted(Path(starter_site / "get-help-now").glob("*.html"))[:20]]:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'<(?:script|link|img)[^>]+(?:src|href)="https?://', html), page.name


def test_with_no_country_a_crisis_search_puts_the_lines_for_everyone_before_those_for_a_group():
    """Alphabetically, 13YARN (for First Nations people in Australia) came first for everyone."""
    from entries.emergency import rank_anywhere
    from search_index.rules import crisis_entries

    import tasks

    entries = read_content(STARTER_CONTENT).entries
    first = crisis_entries(entries, None)
    ranks = [rank_anywhere(e) for e in first]
    assert ranks == sorted(ranks) and ranks[0] == 1
    by_slug = {e.slug: e for e in entries}
    assert rank_anywhere(by_slug["crisis-support-13yarn"]) == 3 and rank_anywhere(by_slug["samaritans"]) == 1
    assert rank_anywhere(by_slug["mensline-australia"]) == 3 and rank_anywhere(by_slug["childline"]) == 3
    top = [hit["url"] for hit in tasks.search_content("i want to die", STARTER_CONTENT)["results"]]
    assert top[0] != "crisis-helpline/crisis-support-13yarn.html" and "crisis-helpline/samaritans.html" in top
