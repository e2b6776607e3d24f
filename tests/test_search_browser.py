"""Search in a real Chromium: parity with Whoosh, filters, no results, injection, file:// and CSP."""

from __future__ import annotations

import re
import shutil
from urllib.parse import quote

import pytest
from browser import axe_violations, serve
from conftest import FIXTURE_CONTENT, ROOT, STARTER_CONTENT, TODAY, build

pytestmark = pytest.mark.browser

STARTER_QUERIES = [
    "help for farmers uk",
    "i think i might be gay",
    "samaritans helpline rural text",  # no entry has every word: those with some, the most words first
    "suicide",
    "farmers",
    "lgbtq",  # single words
    "young people",
    "crisis text line",
    "hearing voices group",  # several words
    "bereav",
    "volunt",
    "lgb",  # prefixes
    "communities",
    "running",
    "listening",
    "supporting",  # stems that differ from the surface
    "wales",
    "scotland",
    "australia",
    "ireland",  # places
    "samaritns",  # a misspelling
    "lonely",
    "anxious",
    "teenager",
    "worried sick",
    "can't sleep",
    "grieving",
    "lost my job",
    "hurting myself",  # everyday words (data/everyday_words.yaml)
    "depressed",
    "volunteered",
    "listened",
    "counselled",
    "depressed young people",  # forms not in the corpus: stemmed in the browser as Whoosh stems them
    "samar",
    "depr",
    "lonely samar",  # half-typed words: no entry has their stem, so they stand for the forms they begin
]
SYNTHETIC_QUERIES = [
    "support",
    "crisis",
    "rural farm",
    "hope family carers",
    "volunt",
    "bereav",
    "commun",
    "walking",
    "running",
    "stories",
    "aberystwyth",
    "wales",
    "dubbo",
    "suport",
    "supported",
    "walked",  # forms not in the corpus
    "recov",  # a half-typed word
]


_INDEXES: dict = {}


@pytest.fixture(scope="module", autouse=True)
def _close_indexes():
    yield
    for index, _found, _entries in _INDEXES.values():
        index.close()  # and its temporary folder
    _INDEXES.clear()


def whoosh_top(content, query):
    """Whoosh's top 10, as `invoke search` ranks them (rules.rank: a named place's services first, crisis
    lines first for a crisis query); the index is built once per corpus."""
    from search_index.rules import build_index, load_crisis_phrases, load_everyday_words, place_words, rank
    from search_index.whoosh_index import crisis_forms, everyday_forms

    import tasks

    key = str(content)
    if key not in _INDEXES:
        result = tasks.check_content(content, TODAY)
        for entry in result.entries:
            entry.page_url = f"{entry.kind}/{entry.slug}.html"
        _INDEXES[key] = (*build_index(result.entries, tasks._vocab()), result.entries)
    index, found, entries = _INDEXES[key]
    everyday = everyday_forms(load_everyday_words(tasks._vocab()), index.forms)
    ranked = rank(index, found, entries, query, {}, crisis_forms(load_crisis_phrases(), index.forms), everyday, place_words(found))
    return [found[doc].page_url for doc in ranked.docs[:10]]


def browser_top(page, base, query, extra=""):
    page.goto(f"{base}/search.html?q={quote(query)}{extra}")
    page.wait_for_function(
        "(() => { const s = document.getElementById('search-status').textContent; return s && !s.startsWith('Searching'); })()"
    )
    return [
        a.get_attribute("href").split("/search/../", 1)[-1].replace(base + "/", "") for a in page.query_selector_all("#search-results h2 a")
    ]


def relative(href, base):
    return href[len(base) + 1 :] if href.startswith(base + "/") else href


@pytest.fixture(scope="module")
def starter(starter_site):
    with serve(starter_site) as base:
        yield base


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    from synthetic import write_corpus

    folder = tmp_path_factory.mktemp("synthetic")
    content = write_corpus(folder / "content", 2000)
    assert build(content, folder / "output", SIGNPOST_LANGUAGES="en")  # English alone: the browser's search is the matter here
    with serve(folder / "output") as base:
        yield content, base


def check_parity(browser, base, content, queries):
    page = browser.new_page()
    mismatches = {}
    for query in queries:
        expected = whoosh_top(content, query)
        got = [relative(h, base) for h in browser_top(page, base, query)]
        if got != expected:
            mismatches[query] = (got, expected)
    page.close()
    return mismatches


def test_parity_with_whoosh_on_the_starter_content(browser, starter):
    assert check_parity(browser, starter, STARTER_CONTENT, STARTER_QUERIES) == {}


def test_parity_with_whoosh_on_2000_synthetic_entries(browser, synthetic):
    content, base = synthetic
    assert check_parity(browser, base, content, SYNTHETIC_QUERIES) == {}


def test_queries_return_results(browser, starter):
    page = browser.new_page()
    for query in ("suicide", "bereav", "communities", "wales"):
        assert browser_top(page, starter, query), query
    page.close()


def test_results_show_contact_kind_and_reach_in_plain_words(browser, starter):
    page = browser.new_page()
    browser_top(page, starter, "samaritans")
    first = page.locator("#search-results li.result").first
    assert first.locator("a[href^='tel:']").count() == 1
    assert "Crisis helplines" in first.inner_text() and "rural reach" not in first.inner_text().lower()
    words = first.locator(".plain-words li").all_inner_texts()
    assert words == ["Works by phone or text, no internet needed", "Free", "Open day and night"]
    page.close()


def test_filters_are_in_the_url_and_narrow_results(browser, starter):
    page = browser.new_page()
    urls = browser_top(page, starter, "suicide", "&country=AU&open=24-7")
    assert urls and all("crisis-helpline/" in u for u in urls)
    assert page.locator("#country").input_value() == "AU" and page.locator("#open").is_checked()
    page.fill("#q", "lifeline")
    page.wait_for_url(re.compile(r"q=lifeline"))
    assert "country=AU" in page.url
    page.close()


def test_no_results_shows_help_for_the_country_and_a_suggestion(browser, starter):
    page = browser.new_page()
    assert browser_top(page, starter, "samaritns", "&country=IE") == []
    page.wait_for_selector("#search-suggestion:not([hidden])")
    assert "samaritans" in page.inner_text("#search-suggestion")
    helptext = page.inner_text("#search-empty")
    assert "Help now in Ireland" in helptext and "112" in helptext
    assert page.locator("#search-empty a[href$='browse/index.html']").count() == 1
    page.close()


def test_when_no_entry_has_every_word_the_page_says_so_and_lists_those_with_some(browser, starter):
    page = browser.new_page()
    urls = browser_top(page, starter, "i think i might be gay")
    assert urls and "peer-community/switchboard-lgbt.html" in urls
    status = page.inner_text("#search-status")
    assert "No entry matches every word of “i think i might be gay”" in status and "the most words first" in status
    assert page.locator("#search-empty").is_hidden()
    # a misspelt word beside words that match: the results with some words, and the spelling that finds them all
    assert browser_top(page, starter, "samaritns helpline crisis")
    page.wait_for_selector("#search-suggestion:not([hidden])")
    assert "samaritans helpline crisis" in page.inner_text("#search-suggestion")
    assert "Nothing in the directory matches “samaritns”" in page.inner_text("#search-status")
    # one word that matches something is not enough: no results, and Did you mean
    assert browser_top(page, starter, "samaritns helpline") == []
    page.wait_for_selector("#search-suggestion:not([hidden])")
    assert "samaritans helpline" in page.inner_text("#search-suggestion")
    page.close()


def test_a_crisis_query_shows_the_calm_message_and_never_no_results(browser, starter):
    page = browser.new_page()
    urls = browser_top(page, starter, "i want to die")
    assert urls and all("crisis-helpline/" in u for u in urls)
    message = page.locator("#search-crisis")
    assert message.is_visible()
    assert "If you are thinking about ending your life" in message.inner_text()
    assert message.locator("a[href$='get-help-now.html']").count() == 1
    assert page.locator("#search-empty").is_hidden() and page.locator("#search-suggestion").is_hidden()
    assert "No results" not in page.inner_text("main") and "Did you mean" not in page.inner_text("main")
    page.close()


def test_a_place_in_the_query_puts_its_services_first_and_gives_a_crisis_its_lines(browser, starter):
    import tasks

    page = browser.new_page()
    urls = browser_top(page, starter, "crisis hotline uk")
    expected = tasks.search_content("crisis hotline uk", STARTER_CONTENT, today=TODAY)
    assert urls == [r["url"] for r in expected["results"]] and expected["places"] == ["GB"]
    assert "Services in United Kingdom come first." in page.inner_text("#search-status")
    # a crisis query naming a country: that country's help in the calm message, its lines first
    urls = browser_top(page, starter, "i want to die australia")
    assert "Help now in Australia" in page.inner_text("#search-crisis")
    assert urls[:3] == [r["url"] for r in tasks.search_content("i want to die", STARTER_CONTENT, today=TODAY, country="AU")["results"][:3]]
    # a chosen country decides: the named place is then only a word
    browser_top(page, starter, "crisis hotline uk", "&country=IE")
    assert "come first" not in page.inner_text("#search-status")
    page.close()


def test_a_crisis_query_with_a_country_gives_get_help_nows_lines_first(browser, starter):
    page = browser.new_page()
    urls = browser_top(page, starter, "kill myself", "&country=GB")
    assert urls[0].endswith("crisis-helpline/samaritans.html")
    text = page.inner_text("#search-crisis")
    assert "999" in text
    names = page.locator("#search-crisis .help-name").all_inner_texts()
    assert names[0] == "Samaritans"
    assert "No results" not in page.inner_text("main")
    page.close()


def test_script_cannot_be_injected_through_a_query_or_an_entry(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "peer-community" / "example-peer-forum.md"
    path.write_text(
        path.read_text().replace("title: Example Peer Forum", 'title: "Evil </script><script>window.pwned=1</script> \\"forum\\""')
    )
    assert build(content, tmp_path / "out")
    with serve(tmp_path / "out") as base:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        browser_top(page, base, "forum")
        assert "</script><script>window.pwned=1</script>" in page.inner_text("#search-results")
        browser_top(page, base, '"><img src=x onerror=alert(1)></script><script>window.pwned=2</script>')
        assert page.evaluate("window.pwned") is None and dialogs == []
        assert page.locator("#search-results script, #search-results img, #search-status img").count() == 0
        page.close()


def test_an_accent_typed_as_a_separate_mark_matches_in_the_browser_as_in_whoosh(browser, tmp_path):
    """The entry writes "é" as "e" and a combining accent, the query as one letter, or the other way round."""
    import tasks

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "peer-community" / "example-peer-forum.md"
    path.write_text(path.read_text().replace("A made-up online forum", "A made-up online forum and cafe\u0301"), encoding="utf-8")
    assert build(content, tmp_path / "out")
    expected = [r["url"] for r in tasks.search_content("caf\u00e9", content, today=TODAY)["results"]]
    assert expected == ["peer-community/example-peer-forum.html"]
    with serve(tmp_path / "out") as base:
        page = browser.new_page()
        assert [relative(h, base) for h in browser_top(page, base, "caf\u00e9")] == expected
        assert [relative(h, base) for h in browser_top(page, base, "cafe\u0301")] == expected
        page.close()


def test_search_works_from_disk(browser, starter_site):
    page = browser.new_page()
    page.goto((starter_site / "search.html").as_uri() + "?q=samaritans")
    page.wait_for_function(
        "(() => { const s = document.getElementById('search-status').textContent; return s && !s.startsWith('Searching'); })()"
    )
    assert page.locator("#search-results h2 a").count() > 0
    page.close()


def test_search_under_the_csp_and_accessible(browser, starter):
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda m: messages.append(m.text))
    browser_top(page, starter, "farmers")
    assert not [m for m in messages if "Content Security Policy" in m or "Failed to load" in m]
    context.close()
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    browser_top(page, starter, "suicide")
    assert axe_violations(page) == []
    browser_top(page, starter, "samaritns", "&country=GB")
    assert axe_violations(page) == []
    context.close()


def test_without_javascript_the_page_explains_how_to_browse(browser, starter):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{starter}/search.html?q=farmers")
    text = page.inner_text("main")
    assert "Searching needs JavaScript" in text
    assert page.locator("main a[href$='browse/index.html']").count() >= 1
    context.close()


def test_did_you_mean_agrees_with_whooshs_corrector(browser, starter):
    from conftest import whoosh_query_suggestion as suggest
    from search_index.rules import build_index, load_everyday_words
    from search_index.whoosh_index import everyday_forms

    import tasks

    result = tasks.check_content(STARTER_CONTENT, TODAY)
    index, _found = build_index(result.entries, tasks._vocab())
    everyday = everyday_forms(load_everyday_words(tasks._vocab()), index.forms)
    queries = (
        "samaritns",
        "farmrs",
        "bereevement",  # ("bereavment" now finds entries: Whoosh stems it to bereav, as bereavement)
        "lonliness",
        "helpine",
        "lonley",
        "i want to dye",
        "samaritns farmers",
        "lonely samaritns",
    )
    page = browser.new_page()
    try:
        for query in queries:
            expected = suggest(index, query, everyday)
            assert browser_top(page, starter, query) == [], query
            page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled === true")
            shown = page.inner_text("#search-suggestion") if page.locator("#search-suggestion").is_visible() else None
            assert shown == (f"Did you mean {expected}?" if expected else None), query
    finally:
        page.close()
        index.close()


def did_you_mean(page, starter, query, extra=""):
    """The suggested query the page offers, or None, once the page has decided."""
    browser_top(page, starter, query, extra)
    page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled === true")
    if not page.locator("#search-suggestion").is_visible():
        return None
    return page.inner_text("#search-suggestion a")


def test_did_you_mean_only_helps(browser, starter):
    page = browser.new_page()
    try:
        # stop words and words that find entries are never rewritten; nothing here helps "dye"
        assert did_you_mean(page, starter, "i want to dye") is None
        assert did_you_mean(page, starter, "samaritns") == "samaritans"
        assert did_you_mean(page, starter, "lonley") == "lonely"  # an everyday word (data/everyday_words.yaml)
        assert did_you_mean(page, starter, "helpine") == "helpline"  # not "helping": the more frequent word wins a tie
        # only the misspelt word changes, the matching one stays
        assert did_you_mean(page, starter, "lonely samaritns") == "lonely samaritans"
        # the correction would find nothing: "samaritans farmers" has no entry, nor Samaritans a peer community
        assert did_you_mean(page, starter, "samaritns farmers") is None
        assert did_you_mean(page, starter, "samaritns", "&kind=peer-community") is None
    finally:
        page.close()


def test_results_lead_to_a_signposting_sheet(browser, starter):
    page = browser.new_page()
    browser_top(page, starter, "samaritans")
    href = page.get_attribute("#search-results .sheet-link a", "href")
    assert "sheet.html?e=" in href and "samaritans" in href
    page.goto(href)
    page.wait_for_selector(".sheet-entry[data-slug='samaritans']", state="visible")
    page.close()


# -- The French and Spanish pages -----------------------------------------------------------------


def settled_top(page, base, query, extra=""):
    """The search page's top results once it has searched (in any language: no wording is read)."""
    page.goto(f"{base}/search.html?q={quote(query)}{extra}")
    page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled === true")
    return [relative(a.get_attribute("href"), base) for a in page.query_selector_all("#search-results h2 a")]


@pytest.fixture(scope="module")
def tree_search():
    """lang -> `invoke search --lang` with the index built once (search_quality.Whoosh)."""
    import search_quality

    made = {}

    def search(lang: str):
        if lang not in made:
            made[lang] = search_quality.Whoosh(STARTER_CONTENT, lang)
        return made[lang]

    yield search
    for search in made.values():
        search.close()


def slugs(urls):
    return [u.rsplit("/", 1)[-1].removesuffix(".html") for u in urls]


@pytest.mark.parametrize(
    ("lang", "query", "country"),
    [
        ("fr", "je veux mourir", ""),
        ("fr", "idees suicidaires", "CA"),
        ("fr", "Je n’en peux plus", ""),
        ("es", "quiero morir", "US"),
        ("es", "hacerme daño", ""),
    ],
)
def test_a_french_or_spanish_crisis_phrase_puts_the_crisis_lines_first(browser, starter, tree_search, lang, query, country):
    """On its language's pages: the calm message, crisis lines first, as `invoke search --lang`;
    never "No results" nor "Did you mean"; and on every other tree the phrase is a crisis too."""
    page = browser.new_page()
    extra = f"&country={country}" if country else ""
    urls = settled_top(page, f"{starter}/{lang}", query, extra)
    assert (slugs(urls), True) == tree_search(lang).top(query, country or None)
    assert urls and urls[0].startswith("crisis-helpline/")
    assert page.locator("#search-crisis").is_visible() and page.locator("#search-crisis a[href$='get-help-now.html']").count() == 1
    if country:  # the country's lines in the message, as Get help now lists them
        assert page.locator("#search-crisis .help-lines a.help-name").count() > 0
    assert page.locator("#search-empty").is_hidden() and page.locator("#search-suggestion").is_hidden()
    for tree in ("", "/fr", "/es"):
        if tree != f"/{lang}":
            settled_top(page, f"{starter}{tree}", query, extra)
            assert page.locator("#search-crisis").is_visible() and page.locator("#search-empty").is_hidden(), (tree, query)
    page.close()


def test_accents_typed_or_not_find_the_same_on_the_french_and_spanish_pages(browser, starter, tree_search):
    page = browser.new_page()
    for lang, forms in (("fr", ["déprimé", "deprime", "DÉPRIMÉ", "de\u0301prime\u0301"]), ("es", ["pánico", "panico"])):
        expected = tree_search(lang).top(forms[0])[0]
        assert expected
        for form in forms:
            assert tree_search(lang).top(form)[0] == expected, form
            assert slugs(settled_top(page, f"{starter}/{lang}", form)) == expected, (lang, form)
    assert slugs(settled_top(page, starter, "deprime")) != tree_search("fr").top("deprime")[0]  # English does not fold
    page.close()


def test_the_french_language_filter_narrows_the_results(browser, starter):
    import tasks

    page = browser.new_page()
    page.goto(f"{starter}/fr/search.html")
    page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.settled === true")
    assert page.locator("#language option[value=fr]").inner_text() == "français"
    page.select_option("#language", "fr")
    listed = [r["url"] for r in tasks.search_content("", STARTER_CONTENT, limit=10, today=TODAY, lang="fr", language="fr")["results"]]
    page.wait_for_function(
        "n => location.search.includes('language=fr') && document.querySelectorAll('#search-results h2 a').length === n", arg=len(listed)
    )
    assert [relative(a.get_attribute("href"), starter + "/fr") for a in page.query_selector_all("#search-results h2 a")] == listed
    page.close()


FOLD_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>fold</title><script src="stem.js"></script></head><body></body></html>
"""


def test_stem_js_folds_every_character_as_whoosh_index_fold(browser, tmp_path):
    """The French and Spanish trees' words lose their accents alike in the browser (stem.js fold) and in
    the build (whoosh_index.fold): every assigned character of the Basic Multilingual Plane, and words."""
    import unicodedata

    from browser import serve
    from search_index.whoosh_index import fold

    shutil.copy(ROOT / "theme" / "static" / "js" / "stem.js", tmp_path / "stem.js")
    (tmp_path / "index.html").write_text(FOLD_PAGE, encoding="utf-8")
    chars = [chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c < 0xE000 and unicodedata.category(chr(c)) not in ("Cn", "Cs")]
    words = ["déprimé", "daño", "naïve", "ñandú", "Œuvre", "straße", "e\u0301te\u0301", "ﬁn", "ễ", "ά"]
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.goto(f"{base}/index.html")
        folded = page.evaluate("words => words.map(w => window.SignpostStem.fold(w))", chars + words)
        page.close()
    differ = [(w, fold(w), got) for w, got in zip(chars + words, folded, strict=True) if fold(w) != got]
    assert not differ, f"{len(differ)} differ, first: {differ[:10]}"
    assert fold("déprimé") == "deprime" and fold("daño") == "dano"
