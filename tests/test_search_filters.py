"""Search filters and results (issue 17, part 5): filters alone list entries (crisis lines first, then by
title), the region, free and language filters, region browse pages with the national services, each result's
place and open-now state, one history entry per visit, the folded filters on a narrow screen, the page
without JavaScript, and related entries from the same country first."""

from __future__ import annotations

import re
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from conftest import STARTER_CONTENT, TODAY
from search_index.documents import display, where
from search_index.rules import allowed_docnums, in_region, listing, listing_order, prefer_same_place, search_facets

# The new user's search: "UK + Text + Young people + Open 24/7, no words" once gave a blank page.
NEW_USER = {"country": "GB", "channel": "text", "audience": "young-people", "open": "24-7"}


def entry(slug, title="", kind="peer-community", countries=("GB",), regions=(), cost=None, languages=("en",), **more):
    values = {
        "slug": slug,
        "title": title or slug,
        "kind": kind,
        "countries": list(countries),
        "regions": list(regions),
        "cost": cost,
        "languages": list(languages),
        "channels": [],
        "audiences": [],
        "hours": "",
        "phone": "",
        "text": "",
        "phone_href": None,
        "text_href": None,
        "status": "active",
    }
    values.update(more)
    e = SimpleNamespace(**values)
    e.worldwide = "worldwide" in e.countries
    e.is_24_7 = e.hours == "24/7"
    e.without_broadband = False
    return e


# --- Python: the rules, as f.js and `invoke search` share them ---------------------------------------------


def test_filters_alone_list_crisis_lines_first_then_by_title_ignoring_case():
    found = [
        entry("b", "beta"),
        entry("z", "Zeta line", kind="crisis-helpline"),
        entry("a", "Alpha"),
        entry("c", "able line", kind="crisis-helpline"),
    ]
    assert [found[d].slug for d in listing_order(found)] == ["c", "z", "a", "b"]


def test_a_region_holds_its_own_services_the_national_ones_and_the_worldwide_ones():
    scotland = entry("scotland", regions=["GB-SCT"])
    wales = entry("wales", regions=["GB-WLS"])
    national = entry("national")
    worldwide = entry("world", countries=["worldwide"])
    ireland = entry("ireland", countries=["IE"])
    both = entry("both", countries=["GB", "IE"], regions=["GB-NIR"])  # part of the UK, all of Ireland
    assert [in_region(e, "GB-SCT") for e in (scotland, wales, national, worldwide, ireland, both)] == [
        True,
        False,
        True,
        True,
        False,
        False,
    ]
    assert in_region(both, "GB-NIR")
    assert in_region(entry("england", regions=["GB-ENG"]), "GB-CMA")  # England holds Cumbria
    assert not in_region(entry("cumbria", regions=["GB-CMA"]), "GB-ENG")  # but Cumbria is not all England


def test_free_means_cost_free_only_and_language_reads_the_languages():
    found = [entry("free", cost="free"), entry("calls", cost="free-or-call-charges"), entry("welsh", languages=["en", "cy"]), entry("none")]
    facets = search_facets(found)
    assert allowed_docnums(facets, {"free": "1"}) == {0}
    assert allowed_docnums(facets, {"language": "cy"}) == {2}
    assert allowed_docnums(facets, {"language": "en", "free": "1"}) == {0}
    assert allowed_docnums(facets, {}) is None


def test_kind_country_channel_audience_and_open_filters_together():
    """What tests/test_search.py once checked on Whoosh's own filter fields, now on the facets that the
    search page and `invoke search` filter with."""
    found = [
        entry("one", kind="crisis-helpline", channels=["phone"], audiences=["adults"], hours="24/7"),
        entry("two", countries=["worldwide"], channels=["forum"], audiences=["carers"]),
        entry("three", kind="crisis-helpline", countries=["US"], channels=["chat"], audiences=["adults"]),
    ]
    facets = search_facets(found)
    assert allowed_docnums(facets, {"kind": "crisis-helpline"}) == {0, 2}
    assert allowed_docnums(facets, {"country": "GB"}) == {0, 1}  # worldwide reaches GB
    assert allowed_docnums(facets, {"open": "24-7"}) == {0}
    assert allowed_docnums(facets, {"audience": "adults", "channel": "chat"}) == {2}
    assert allowed_docnums(facets, {"channel": "forum"}) == {1}


def test_related_entries_prefer_the_same_country_or_worldwide_then_whooshs_order():
    au = entry("au", countries=["AU"])
    ranked = [
        entry("nz", countries=["NZ"]),
        entry("gb", countries=["GB"]),
        entry("au2", countries=["AU"]),
        entry("w", countries=["worldwide"]),
    ]
    ranked += [entry("au3", countries=["AU", "NZ"])]
    assert [e.slug for e in prefer_same_place(au, ranked, 3)] == ["au2", "w", "au3"]
    assert [e.slug for e in prefer_same_place(au, ranked[:2], 3)] == ["nz", "gb"]  # the others fill the rest, in order
    world = entry("world", countries=["worldwide"])
    assert [e.slug for e in prefer_same_place(world, ranked, 3)] == ["nz", "gb", "au2"]  # a worldwide entry: any


def test_a_result_says_where_as_the_cards_do_and_carries_the_hours_for_open_now(vocab):
    row = display(
        entry(
            "x",
            countries=["GB", "IE"],
            regions=["GB-SCT"],
            status="active",
            week="0-60",
            timezone="Europe/London",
            summary="",
            page_url="x.html",
        ),
        vocab,
    )
    assert row[7:] == ["United Kingdom and Ireland (Scotland)", "0-60", "Europe/London"]
    assert where(entry("w", countries=["worldwide"])) == "Worldwide"
    closed_for_now = entry("y", status="temporarily-closed", week="0-60", timezone="Europe/London", summary="", page_url="y.html")
    assert display(closed_for_now, vocab)[8:] == ["", ""]  # as the cards: no open-now state unless active


@pytest.fixture(scope="module")
def starter_found():
    from search_index.rules import build_index

    import tasks

    directory = tasks.check_content(STARTER_CONTENT, TODAY)
    index, found = build_index(directory.entries, directory.vocab)
    index.close()
    return found


def search(query="", **filters):
    import tasks

    return [hit["title"] for hit in tasks.search_content(query, STARTER_CONTENT, limit=None, today=TODAY, **filters)["results"]]


def test_invoke_search_lists_the_new_users_filters_in_the_listing_order(starter_found):
    titles = search(**NEW_USER)
    assert titles, "UK + Text + Young people + Open 24/7 must list entries, never nothing"
    assert "Shout 85258" in titles
    assert titles == [starter_found[d].title for d in listing(starter_found, NEW_USER)]
    crisis = [t for t in titles if any(e.title == t and e.kind == "crisis-helpline" for e in starter_found)]
    assert titles[: len(crisis)] == crisis  # crisis lines first
    rest = titles[len(crisis) :]
    assert rest == sorted(rest, key=str.casefold)


def test_invoke_search_region_free_and_language_filters(starter_found):
    scotland = search(region="GB-SCT")
    assert {"Breathing Space", "Shout 85258", "Samaritans"} <= set(scotland)  # regional, national and GB+IE
    assert "Call Helpline Wales" not in scotland
    assert any(e.worldwide and e.title in scotland for e in starter_found)  # worldwide, as the country filter
    free = search(free="1")
    by_title = {e.title: e for e in starter_found}
    assert free and all(by_title[t].cost == "free" for t in free)
    assert not [e for e in starter_found if e.cost == "free-or-call-charges" and e.title in free]
    french = search(language="fr")
    assert french and all("fr" in by_title[t].languages for t in french)
    # with words: the same filters narrow Whoosh's ranking, which they never reorder
    ranked = search("support")
    narrowed = search("support", region="GB-SCT")
    assert narrowed and narrowed == [t for t in ranked if t in set(scotland)]


def test_the_country_filter_lists_countries_by_name(starter_site):
    page = (starter_site / "search.html").read_text(encoding="utf-8")
    select = re.search(r'<select id="country".*?</select>', page, re.S).group(0)
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', select)
    assert len(names) >= 6 and names == sorted(names, key=str.casefold)  # "New Zealand" before "United Kingdom", not by code


def test_region_browse_pages_list_the_national_services_too(starter_site):
    page = (starter_site / "browse" / "region" / "gb-sct.html").read_text(encoding="utf-8")
    assert "Breathing Space" in page and "Shout 85258" in page
    assert "then those for the whole country" in page
    assert page.index("Breathing Space") < page.index("Shout 85258")  # the region's own first
    assert "Call Helpline Wales" not in page
    twin = (starter_site / "browse" / "region" / "gb-sct-phone-text.html").read_text(encoding="utf-8")
    assert "Shout 85258" in twin


def test_an_entry_pages_related_entries_come_from_its_country_first(starter_site):
    page = (starter_site / "crisis-helpline" / "beyond-blue.html").read_text(encoding="utf-8")
    related = page[page.index("Related") :]
    # Whoosh's top three by topic were in Wales, New Zealand and England; Australia's come first now
    links = re.findall(r'href="[^"]*/([a-z-]+/[a-z0-9-]+)\.html"', related)[:3]
    assert links == ["peer-community/reachout-australia", "crisis-helpline/crisis-support-13yarn", "recovery-account/batyr"]


# --- Chromium -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def starter(starter_site):
    from browser import serve

    with serve(starter_site) as base:
        yield base


def settled(page):
    page.wait_for_function("() => { const s = document.getElementById('search-status').textContent; return s && !s.endsWith('…'); }")


def shown_titles(page):
    return page.locator("#search-results h2 a").all_inner_texts()


def show_all(page):
    while page.locator("#search-results button.more").count():
        before = len(shown_titles(page))
        page.click("#search-results button.more")
        page.wait_for_function(f"() => document.querySelectorAll('#search-results h2 a').length > {before}")


@pytest.mark.browser
@pytest.mark.parametrize(
    "filters",
    [NEW_USER, {"region": "GB-SCT"}, {"free": "1", "kind": "peer-community"}, {"language": "fr"}, {"country": "AU", "phone_text": "1"}],
)
def test_filters_alone_list_what_invoke_search_lists(browser, starter, filters):
    page = browser.new_page()
    page.goto(f"{starter}/search.html?{urlencode(filters)}")
    settled(page)
    expected = search(**filters)
    assert expected
    number = "1 entry" if len(expected) == 1 else f"{len(expected)} entries"
    assert page.inner_text("#search-status").startswith(number)
    assert len(shown_titles(page)) == min(10, len(expected))
    show_all(page)
    assert shown_titles(page) == expected
    page.close()


@pytest.mark.browser
def test_filters_matching_nothing_say_so_and_offer_get_help_now(browser, starter):
    page = browser.new_page()
    page.goto(f"{starter}/search.html?language=iu&country=GB")
    settled(page)
    assert search(language="iu", country="GB") == []
    assert "No entries match these filters" in page.inner_text("#search-status")
    assert page.locator("#search-empty").is_visible()
    assert page.locator("#search-empty a[href$='get-help-now.html']").is_visible()
    page.close()


@pytest.mark.browser
def test_new_filters_with_words_agree_with_invoke_search(browser, starter):
    page = browser.new_page()
    for query, filters in [("young people", {"region": "GB-SCT"}), ("support", {"free": "1"}), ("support", {"language": "fr"})]:
        page.goto(f"{starter}/search.html?{urlencode({'q': query, **filters})}")
        settled(page)
        assert shown_titles(page) == search(query, **filters)[:10], (query, filters)
    page.close()


@pytest.mark.browser
def test_each_result_says_where_and_open_now_as_the_cards_do(browser, starter):
    page = browser.new_page()
    page.goto(f"{starter}/search.html?q=breathing+space")
    settled(page)
    first = page.locator("#search-results li.result").first
    assert first.locator("h2").inner_text() == "Breathing Space"
    assert first.locator(".meta").inner_text() == "Crisis helplines · United Kingdom (Scotland)"
    in_search = first.locator(".open-now").inner_text()
    page.goto(f"{starter}/search.html?q=7+cups")
    settled(page)
    assert "Worldwide" in page.locator("#search-results li.result .meta").first.inner_text()
    # the card of the same entry on its browse page, by the same function, says the same
    page.goto(f"{starter}/browse/region/gb-sct.html")
    card = page.locator("li.card", has=page.locator("a", has_text="Breathing Space"))
    assert card.locator(".open-now").inner_text() == in_search
    assert re.match(r"(Open now|Closed now, opens)", in_search)
    page.close()


@pytest.mark.browser
def test_one_history_entry_per_visit(browser, starter):
    page = browser.new_page()
    page.goto(f"{starter}/index.html")
    page.goto(f"{starter}/search.html")
    page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled")
    length = page.evaluate("history.length")
    for text in ["s", "su", "sup", "supp", "support"]:
        page.fill("#q", text)
        page.wait_for_timeout(200)
    settled(page)
    assert "q=support" in page.url
    page.select_option("#region", "GB-SCT")
    settled(page)
    if page.locator("#search-results button.more").count():
        page.click("#search-results button.more")  # "Show more" keeps the address
        settled(page)
    page.fill("#q", "samaritns")
    page.wait_for_selector("#search-suggestion a")
    page.click("#search-suggestion a")
    page.wait_for_function("() => location.search.includes('q=samaritans')")
    settled(page)
    assert "Samaritans" in shown_titles(page)
    assert page.evaluate("history.length") == length
    page.go_back()
    assert page.url.endswith("/index.html")
    page.close()


@pytest.mark.browser
def test_on_a_narrow_screen_the_filters_fold_and_a_search_brings_the_results_into_view(browser, starter):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True)
    page = context.new_page()
    page.goto(f"{starter}/search.html")
    page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled")
    assert page.locator("#search-filters").get_attribute("open") is None
    assert not page.locator("#kind").is_visible()
    page.click("#search-filters summary")
    assert page.locator("#kind").is_visible()
    page.click("#search-filters summary")
    page.type("#q", "support")  # as-you-type: the focus stays in the box
    settled(page)
    page.wait_for_timeout(300)
    assert page.evaluate("document.activeElement.id") == "q"
    page.press("#q", "Enter")
    page.wait_for_function("() => document.activeElement.id === 'search-heading'")
    box = page.locator("#search-heading").bounding_box()
    assert 0 <= box["y"] < 667
    # a filter set in the address opens the filters
    page.goto(f"{starter}/search.html?region=GB-SCT")
    settled(page)
    assert page.locator("#search-filters").get_attribute("open") is not None
    context.close()
    wide = browser.new_page(viewport={"width": 1280, "height": 800})
    wide.goto(f"{starter}/search.html")
    wide.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled")
    assert wide.locator("#search-filters").get_attribute("open") is not None
    wide.close()


@pytest.mark.browser
def test_without_javascript_the_message_comes_first_and_the_form_is_not_offered(browser, starter):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{starter}/search.html?q=farmers")
    main = page.inner_text("main")
    assert main.index("Searching needs JavaScript") < main.index("Browse by country")
    assert not page.locator("form.search-form").is_visible()
    assert not page.locator("#q").is_visible()
    for href in ("get-help-now.html", "browse/index.html", "crisis-helpline/index.html"):
        assert page.locator(f"main a[href$='{href}']").first.is_visible(), href
    page.keyboard.press("Tab")  # the form is never reached by keyboard
    for _ in range(40):
        assert page.evaluate("document.activeElement.id") != "q"
        page.keyboard.press("Tab")
    # the home page's search box still submits to the search page, which explains
    page.goto(f"{starter}/index.html")
    if page.locator("form.search-form #q").count():
        page.fill("#q", "farmers")
        page.press("#q", "Enter")
        page.wait_for_url(re.compile(r"search\.html\?q=farmers"))
        assert "Searching needs JavaScript" in page.inner_text("main")
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_listing_and_folded_filters_are_accessible(browser, starter, scheme):
    from browser import axe_violations

    for viewport in ({"width": 1280, "height": 800}, {"width": 375, "height": 667}):
        context = browser.new_context(bypass_csp=True, color_scheme=scheme, viewport=viewport)
        page = context.new_page()
        page.goto(f"{starter}/search.html?{urlencode(NEW_USER)}")
        settled(page)
        assert axe_violations(page) == []
        page.goto(f"{starter}/search.html?language=iu&country=GB")
        settled(page)
        assert axe_violations(page) == []
        context.close()


def test_the_language_filter_names_languages_in_the_pages_language(starter_site):
    """Babel's names, in the page's language, by name: "anglais, français" on the French page."""

    def options(page_path):
        page = page_path.read_text(encoding="utf-8")
        select = re.search(r'<select id="language".*?</select>', page, re.S).group(0)
        return re.findall(r'<option value="([a-z]{2,3})">([^<]+)</option>', select)

    assert ("en", "English") in options(starter_site / "search.html") and ("fr", "French") in options(starter_site / "search.html")
    french, spanish = options(starter_site / "fr" / "search.html"), options(starter_site / "es" / "search.html")
    assert ("en", "anglais") in french and ("fr", "français") in french and ("es", "espagnol") in french
    assert ("en", "inglés") in spanish and ("fr", "francés") in spanish and ("es", "español") in spanish
    for listed in (french, spanish):
        names = [name for _code, name in listed]
        assert names == sorted(names, key=str.casefold)
    assert {code for code, _name in french} == {code for code, _name in options(starter_site / "search.html")}
    # the countries too, by their names there, accents ignored: "États-Unis" among the E's
    page = (starter_site / "fr" / "search.html").read_text(encoding="utf-8")
    select = re.search(r'<select id="country".*?</select>', page, re.S).group(0)
    names = re.findall(r'<option value="[A-Z]{2}">([^<]+)</option>', select)
    assert "États-Unis" in names and "Royaume-Uni" in names
    assert names.index("États-Unis") < names.index("Irlande") < names.index("Royaume-Uni")


def test_invoke_search_language_takes_a_name_in_the_lang_language_and_lists_them_when_unknown():
    from invoke import Exit

    import tasks

    assert tasks.language_code("fr", STARTER_CONTENT) == "fr"
    assert tasks.language_code("French", STARTER_CONTENT) == "fr"
    assert tasks.language_code("espagnol", STARTER_CONTENT, "fr") == "es"
    assert tasks.language_code("Francés", STARTER_CONTENT, "es") == "fr"
    with pytest.raises(Exit) as refused:
        tasks.language_code("klingon\nrm -rf", STARTER_CONTENT, "fr")
    message = str(refused.value.message)
    assert "'klingon\\nrm -rf'" in message and "\n" not in message  # quoted: it cannot bring a line of its own
    assert "en (anglais)" in message and "fr (français)" in message
