"""Real queries (tests/search_queries.yaml): what people type finds what they need, in `invoke search`
and on the search page alike, and docs/search.md reports the precision at 3 that search_quality.py computes."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
import search_quality
from search_quality import Outcome, Query, load_queries, misses, slug_of

QUERIES = load_queries()  # the slugs are checked against the entries in test_the_query_file_names_real_entries
# French and Spanish queries, each searched as its language's pages search (`invoke search --lang`)
LANGUAGE_QUERIES = {lang: load_queries(path) for lang, path in search_quality.LANGUAGE_QUERIES.items()}


def cases():
    """One test a query; a known miss is expected to fail, and strictly: when it passes, take known_miss out."""
    return [
        pytest.param(
            query,
            id=f"line {query.line}: {query.label}",
            marks=[pytest.mark.xfail(strict=True, reason=query.known_miss)] if query.known_miss else [],
        )
        for query in QUERIES
    ]


@pytest.fixture(scope="module")
def whoosh():
    search = search_quality.Whoosh()
    yield search
    search.close()


@pytest.fixture(scope="module")
def outcomes(whoosh):
    return [whoosh.outcome(query) for query in QUERIES]


@pytest.fixture(scope="module")
def language_search():
    """lang -> search_quality.Whoosh(lang=...), each made once."""
    made = {}

    def search(lang: str):
        if lang not in made:
            made[lang] = search_quality.Whoosh(lang=lang)
        return made[lang]

    yield search
    for search in made.values():
        search.close()


def test_the_query_file_names_real_entries_and_covers_what_people_type(whoosh):
    from search_index.rules import load_everyday_words
    from search_index.whoosh_index import is_stop_word, words_of

    queries = load_queries(search_quality.QUERIES, whoosh.slugs)
    assert len(queries) >= 45
    assert sum(query.crisis for query in queries) >= 8
    assert {query.crisis for query in queries if query.country} == {True, False}  # crisis queries with and without a country
    typed = [" ".join(w for w in words_of(query.text) if not is_stop_word(w)) for query in queries]
    for target, phrases in load_everyday_words(whoosh.directory.vocab)["en"].items():
        wanted = [" ".join(w for w in words_of(phrase) if not is_stop_word(w)) for phrase in phrases]
        assert any(re.search(rf"\b{re.escape(w)}\b", text) for w in wanted for text in typed), (
            f"no query uses an everyday word for {target}"
        )


@pytest.mark.parametrize("query", cases())
def test_invoke_search_finds_what_the_query_needs(whoosh, query: Query):
    outcome = whoosh.outcome(query)
    assert misses(query, outcome) == [], f"{query.label}: top 10 {outcome.top}"


def language_cases():
    return [
        pytest.param(lang, query, id=f"{lang} line {query.line}: {query.label}")
        for lang, queries in LANGUAGE_QUERIES.items()
        for query in queries
    ]


def test_the_french_and_spanish_query_files_name_real_entries_and_crisis_phrases(language_search):
    for lang, path in search_quality.LANGUAGE_QUERIES.items():
        queries = load_queries(path, language_search(lang).slugs)
        assert len(queries) >= 15 and sum(query.crisis for query in queries) >= 5, lang
        assert any(query.country for query in queries if query.crisis), lang


@pytest.mark.parametrize(("lang", "query"), language_cases())
def test_invoke_search_lang_finds_what_the_french_or_spanish_query_needs(language_search, lang, query: Query):
    outcome = language_search(lang).outcome(query)
    assert misses(query, outcome) == [], f"{lang}: {query.label}: top 10 {outcome.top}"


def test_invoke_search_lang_is_what_the_helper_runs(language_search):
    """`invoke search --lang fr` (tasks.search_content) and the helper agree, accents typed or not."""
    from conftest import TODAY

    import tasks

    for lang, text in (("fr", "déprimé"), ("es", "quiero morir")):
        found = tasks.search_content(text, search_quality.CONTENT, today=TODAY, lang=lang)
        assert ([slug_of(hit["url"]) for hit in found["results"]], found["crisis"]) == language_search(lang).top(text), (lang, text)
    assert language_search("fr").top("déprimé") == language_search("fr").top("DEPRIME")


def test_the_command_is_what_the_helper_runs():
    """search_quality.Whoosh is `invoke search --json` with the index built once: the same top 10 and crisis flag."""
    from conftest import TODAY

    import tasks

    search = search_quality.Whoosh()
    try:
        for text in ("lonely", "i want to die", "someone to talk to at night"):
            found = tasks.search_content(text, search_quality.CONTENT, today=TODAY)
            assert ([slug_of(hit["url"]) for hit in found["results"]], found["crisis"]) == search.top(text), text
    finally:
        search.close()


def test_overdose_is_a_crisis_phrase_and_overdone_is_not(whoosh):
    assert whoosh.top("overdose")[1] and whoosh.top("took an overdose")[1] and whoosh.top("overdosed")[1]
    assert not whoosh.top("overdone")[1]


def test_a_query_file_in_the_wrong_shape_says_where_and_how_to_fix_it(tmp_path):
    path = tmp_path / "queries.yaml"
    path.write_text("- query: lonely\n  must_top3: [seven-cups]\n- query: grief\n  must_top5: [pieta]\n", encoding="utf-8")
    with pytest.raises(search_quality.QueryFileError, match=r"line 3: unknown key 'must_top5'"):
        load_queries(path)
    path.write_text("- query: grief\n  must_top3: [no-such-entry]\n", encoding="utf-8")
    with pytest.raises(search_quality.QueryFileError, match=r"line 1: must_top3: no entry is called 'no-such-entry'"):
        load_queries(path, {"pieta"})
    path.write_text("- query: grief\n", encoding="utf-8")
    with pytest.raises(search_quality.QueryFileError, match="give must_top3 or must_top10"):
        load_queries(path)


def test_precision_at_3_counts_the_good_answers_in_the_top_3():
    query = Query("grief", 1, must_top3=["pieta"], relevant=["suicide-call-back-service"])
    assert search_quality.precision_at_3(query, ["pieta", "samaritans", "suicide-call-back-service", "x"]) == pytest.approx(2 / 3)
    assert search_quality.precision_at_3(query, []) == 0


def test_docs_report_the_figures_the_command_computes(outcomes):
    """docs/search.md's 'Real queries' figures: the same number of queries and queries that miss, and the mean
    within 0.05 (others' ranking changes may move it a little before it is written again)."""
    shown = search_quality.docs_figures()
    fix = "run `.venv/bin/python tests/search_quality.py --write` and commit docs/search.md"
    assert shown is not None, f"docs/search.md has no figures block: {fix}"
    computed = search_quality.figures(QUERIES, outcomes)

    def parts(block):
        count = int(re.search(r"Queries: (\d+)", block).group(1))
        mean = float(re.search(r"precision at 3: \*\*([0-9.]+)\*\*", block).group(1))
        return count, mean, set(re.findall(r"^  - `([^`]+)`", block, re.MULTILINE))

    (count, mean, missing), (want_count, want_mean, want_missing) = parts(shown), parts(computed)
    assert (count, missing) == (want_count, want_missing), f"docs/search.md is out of date: {fix}"
    assert abs(mean - want_mean) <= 0.05, f"docs/search.md says {mean:.2f}, the queries now give {want_mean:.2f}: {fix}"


# -- The search page, in Chromium -----------------------------------------------------------------


def page_outcome(page, base: str, query: Query) -> Outcome:
    """What the search page shows for the query: its top 10, whether the crisis message shows, and,
    when it finds nothing and offers "Did you mean", the suggested query's top 10."""

    def show(text):
        country = f"&country={query.country}" if query.country else ""
        page.goto(f"{base}/search.html?q={quote(text)}{country}")
        page.wait_for_function("window.SignpostSearch && window.SignpostSearch.settled === true")
        hrefs = [a.get_attribute("href") for a in page.query_selector_all("#search-results h2 a")]
        return [slug_of(h) for h in hrefs], [h.rsplit("/", 2)[-2] for h in hrefs]

    top, kinds = show(query.text)
    crisis = page.locator("#search-crisis").is_visible()
    suggested = None
    if not top and not crisis and page.locator("#search-suggestion").is_visible():
        suggested = page.inner_text("#search-suggestion a")
        top, kinds = show(suggested)
    return Outcome(top, crisis, suggested, kinds)


@pytest.mark.browser
def test_the_french_and_spanish_search_pages_give_whooshs_top_10(browser, starter_site, language_search):
    """fr/search.html and es/search.html against `invoke search --lang fr` and `--lang es`: the same
    top 10, crisis message and "Did you mean", for every query of search_queries.fr.yaml and .es.yaml."""
    from browser import serve

    differ = {}
    with serve(starter_site) as base:
        page = browser.new_page()
        for lang, queries in LANGUAGE_QUERIES.items():
            for query in queries:
                got, want = page_outcome(page, f"{base}/{lang}", query), language_search(lang).outcome(query)
                if got != want:
                    differ[f"{lang}: {query.label}"] = (got, want)
        page.close()
    assert differ == {}


@pytest.mark.browser
def test_the_search_page_gives_whooshs_top_10_and_the_crisis_message(browser, starter_site, outcomes):
    from browser import serve

    with serve(starter_site) as base:
        page = browser.new_page()
        shown = [page_outcome(page, base, query) for query in QUERIES]
        page.close()
    differ = {query.label: (got, want) for query, got, want in zip(QUERIES, shown, outcomes, strict=True) if got != want}
    assert differ == {}
    assert search_quality.mean_precision(QUERIES, shown) == search_quality.mean_precision(QUERIES, outcomes)
