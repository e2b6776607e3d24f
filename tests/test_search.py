"""Search: Whoosh's query model and index, the terminal command, and the exported static index."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY, everyday_known_words, whoosh_query_suggestion, whoosh_suggestion
from search_index import export, whoosh_index
from search_index.whoosh_index import Document


def docs(*texts):
    return [Document(i, {"title": t[0], "body": t[1]}) for i, t in enumerate(texts)]


@pytest.fixture(scope="module")
def small():
    index = whoosh_index.build(
        docs(
            ("Bereavement group", "Support after a death. Grieving people meet weekly."),
            ("Running club", "We run together; runners of every pace."),
            ("Farm community", "Communities of farmers supporting each other."),
            ("Night line", "Talk at night about anything."),
        )
    )
    yield index
    index.close()


def titles(index, text, some=True):
    return [index.documents[d].text["title"] for d, _ in whoosh_index.search(index, text, some=some)]


def test_prefix_finds_the_longer_word(small):
    assert titles(small, "bereav") == ["Bereavement group"]


def test_stems_join_word_forms(small):
    assert titles(small, "runners") == ["Running club"]
    assert titles(small, "community") == ["Farm community"]  # communities and community share a stem


def test_a_word_is_stemmed_as_whoosh_stems_it_whether_or_not_the_corpus_has_it(small):
    from whoosh.qparser import QueryParser

    analyzer = whoosh_index.schema()["body"].analyzer
    for word in ("supported", "meetings", "grieved", "nights"):  # none of these forms is in the corpus
        assert word not in small.forms
        stem = [t.text for t in analyzer(word)]
        assert whoosh_index.stems_for_word(small, word) == stem  # what Whoosh's StemmingAnalyzer makes of it
        assert QueryParser("body", whoosh_index.schema()).parse(word) == query_term("body", stem[0])  # and its parser
    assert set(titles(small, "supported")) == {"Bereavement group", "Farm community"}  # support, supporting
    assert titles(small, "grieved") == ["Bereavement group"]  # grieving


def test_a_prefix_is_only_a_fallback_for_a_stem_no_entry_has(small):
    assert whoosh_index.stems_for_word(small, "run") == ["run"]  # a stem in the corpus: only itself, not runner
    assert whoosh_index.stems_for_word(small, "communit") == ["commun"]  # no entry has "communit": the forms it begins
    assert titles(small, "communit") == ["Farm community"]
    assert whoosh_index.stems_for_word(small, "gr") == []  # under PREFIX_MIN letters: no prefix
    assert titles(small, "zzz") == []


def query_term(name, text):
    from whoosh import query

    return query.Term(name, text)


def test_entries_with_every_word_come_alone(small):
    assert titles(small, "farm communities") == ["Farm community"]
    assert titles(small, "night talk") == ["Night line"]


def test_when_no_entry_has_every_word_those_with_some_come_most_words_first(small):
    assert titles(small, "farm night", some=False) == []  # no entry has both
    assert sorted(titles(small, "farm night")) == ["Farm community", "Night line"]
    assert titles(small, "farm night communities")[0] == "Farm community"  # two of the three words
    # one word that matches something is not enough: a misspelling gets "Did you mean" instead
    assert titles(small, "farm zzzz") == [] and titles(small, "zzzz") == []


def test_an_accent_typed_as_a_separate_mark_is_the_same_word():
    """Text pasted from some systems writes "é" as "e" and a combining accent: Whoosh's tokenizer would split it."""
    decomposed, composed = "cafe\u0301", "caf\u00e9"
    index = whoosh_index.build(
        [Document(0, {"title": "Peer group", "body": f"We meet at the {decomposed} on Mondays."}), Document(1, {"title": "Other"})]
    )
    try:
        assert titles(index, composed) == ["Peer group"] and titles(index, decomposed) == ["Peer group"]
        assert whoosh_index.words_of(decomposed) == [composed]
    finally:
        index.close()


def test_stop_words_are_ignored(small):
    assert titles(small, "the night") == titles(small, "night")


def test_unknown_word_finds_nothing_and_whoosh_suggests(small):
    assert titles(small, "nigth") == []
    assert whoosh_suggestion(small, "nigth") == "night"


def test_stem_scores_are_whooshs_own(small):
    """The exported score of a stem equals Whoosh's score for that one-stem query."""
    from whoosh import query

    scores = whoosh_index.stem_scores(small)
    with small.searcher() as searcher:
        for stem in ("commun", "run", "night"):
            q = query.Or([query.Term(name, stem) for name in whoosh_index.TEXT_FIELDS])
            expected = sorted((small.docnum(hit), hit.score) for hit in searcher.search(q, limit=None))
            assert scores[stem] == expected


def test_encode_postings_round_trip():
    table, flat = export.encode_postings([(2, 1.5), (5, 0.25), (9, 1.5)])
    assert table == [1.5, 0.25]
    assert flat == [2, 0, 3, 1, 4, 0]


def test_shard_hash_is_fnv1a():
    assert export.shard_hash("") == 0x811C9DC5
    assert export.shard_hash("a") == 0xE40C292C


def test_closed_entries_are_not_indexed(tmp_path):
    import tasks

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    assert tasks.search_content("walking group", content, today=TODAY) == {
        "results": [],
        "crisis": False,
        "partial": False,
        "places": [],
    }  # the closed group
    assert [hit["title"] for hit in tasks.search_content("forum", content, today=TODAY)["results"]] == ["Example Peer Forum"]


def test_invoke_search_json():
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "search", "crisis", "--content", str(FIXTURE_CONTENT), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["crisis"] is False
    hits = found["results"]
    assert hits and all(set(hit) == {"title", "url"} for hit in hits)
    assert hits[0] == {"title": "Example Crisis Line", "url": "crisis-helpline/example-crisis-line.html"}


def test_build_writes_the_index_and_related_entries(fixture_site):
    assert (fixture_site / "search" / "meta.js").exists()
    meta = (fixture_site / "search" / "meta.js").read_text()
    assert meta.startswith('SignpostSearch.load("meta",0,')
    listed = (fixture_site / "search" / "d" / "0.js").read_text()
    assert "Example Closed Group" not in listed  # closed entries are not searchable
    page = (fixture_site / "crisis-helpline" / "example-crisis-line.html").read_text()
    related = page.split("<h2>Related</h2>", 1)[1].split("</ul>", 1)[0]
    assert 0 < related.count("<li>") <= 3 and "Example Crisis Line" not in related


def test_home_page_has_a_get_search_form(fixture_site):
    home = (fixture_site / "index.html").read_text()
    assert '<form class="search-form" action="./search.html" method="get" role="search">' in home
    assert 'name="q"' in home


def test_search_ranks_every_match_exactly():
    """Whoosh's limited top-N collection can skip matches; ours ranks all of them."""
    import tasks

    hits = tasks.search_content("young people", ROOT / "content", limit=None, today=TODAY)["results"]
    top = tasks.search_content("young people", ROOT / "content", limit=10, today=TODAY)["results"]
    assert top == hits[:10]


def assert_same_index_and_entry_pages(fixture_site, out):
    """The search index files and the entry pages (with their related entries) are those of the fixture site."""
    for path in sorted((fixture_site / "search").rglob("*.js")):
        assert (out / "search" / path.relative_to(fixture_site / "search")).read_text() == path.read_text(), path.name
    pages = sorted(fixture_site.glob("*/*.html"))
    assert len(pages) > 10
    for path in pages:  # the entry pages: the same related entries
        assert (out / path.relative_to(fixture_site)).read_text() == path.read_text(), path.name


def test_documents_are_numbered_in_the_order_given_and_ties_go_to_the_lower_docnum():
    corpus = [
        Document(-1, {"title": title, "topics": topic}, key=key)
        for key, title, topic in (
            ("a.md", "Walking line", "walking"),
            ("b.md", "Walking group", "walking"),
            ("c.md", "Crisis line", "crisis"),
        )
    ]
    index = whoosh_index.build(corpus)
    try:
        assert [d.docnum for d in corpus] == [0, 1, 2]
        assert whoosh_index.related(index, top=3) == {0: [1], 1: [0], 2: []}
        # equal scores: the lower docnum first
        assert [index.documents[d].key for d, _ in whoosh_index.search(index, "walking")] == ["a.md", "b.md"]
        assert [index.documents[d].key for d, _ in whoosh_index.search(index, "line")] == ["a.md", "c.md"]
    finally:
        index.close()
    assert not Path(index.folder).exists(), "the temporary folder goes with the index"


def test_related_scores_one_entry_per_topics_text_and_ranks_as_whoosh_does():
    """Entries sharing their topics share a score; the result is what ranking every match gives
    (Whoosh's key terms, an Or of them, scores high to low, equal scores by docnum)."""
    import random

    from whoosh import query

    topic_sets = ["walking", "walking grief", "grief loneliness", "crisis", "crisis suicide grief", "loneliness", "farming walking", ""]
    pick = random.Random(4)
    corpus = [Document(-1, {"title": f"Entry {i}", "topics": pick.choice(topic_sets)}, key=f"{i:03}.md") for i in range(120)]
    topics = whoosh_index.build(corpus)
    try:
        found = whoosh_index.related(topics, top=3)
        expected = {}
        with topics.searcher() as searcher:
            for doc in topics.documents:
                text = doc.text["topics"]
                terms = searcher.key_terms_from_text("topics", text, numterms=5) if text else []
                if not terms:
                    expected[doc.docnum] = []
                    continue
                q = query.Or([query.Term("topics", t, boost=w) for t, w in terms])
                ranked = sorted(((topics.docnum(hit), hit.score) for hit in searcher.search(q, limit=None)), key=lambda p: (-p[1], p[0]))
                expected[doc.docnum] = [d for d, _ in ranked if d != doc.docnum][:3]
        assert found == expected
        assert any(len(set(others)) == 3 for others in found.values())
    finally:
        topics.close()


def test_a_build_without_the_index_still_has_a_search_page(tmp_path):
    """SIGNPOST_SEARCH_INDEX = False (for measuring what indexing adds): no index, no related entries, no broken link."""
    from conftest import build

    out = tmp_path / "out"
    assert build(FIXTURE_CONTENT, out, SIGNPOST_SEARCH_INDEX=False)
    assert (out / "search.html").exists() and not (out / "search").exists()
    assert "<h2>Related</h2>" not in (out / "crisis-helpline" / "example-crisis-line.html").read_text()


def test_the_index_analyser_is_whooshs_stemming_analyser():
    from whoosh.analysis import StemmingAnalyzer

    analyzer = whoosh_index.schema()["body"].analyzer
    text = "The Runners ran to a café, e.g. U.S.A. naïve x"
    assert [t.text for t in analyzer(text)] == [t.text for t in StemmingAnalyzer(whoosh_index.TOKEN_PATTERN, minsize=2)(text)]
    assert [t.text for t in analyzer(text)] == ["runner", "ran", "café", "e.g", "u.s.a", "naïv"]


def invoke_search_json(query):
    result = subprocess.run([sys.executable, "-m", "invoke", "search", query, "--json"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "query", ["i want to die", "kill myself", "suicidal", "suicdal", "cant go on", "I can’t go on", "je veux mourir", "Quiero morir"]
)
def test_a_crisis_query_puts_the_crisis_lines_first_and_is_never_empty(query):
    found = invoke_search_json(query)
    assert found["crisis"] is True
    urls = [hit["url"] for hit in found["results"]]
    assert urls and urls[0].startswith("crisis-helpline/")
    # with no country: the lines for every country, then every other 24/7 line (rules.crisis_entries)
    assert len(urls) == 10 and all(url.startswith("crisis-helpline/") for url in urls)


def test_an_ordinary_query_is_not_a_crisis():
    assert invoke_search_json("walking group")["crisis"] is False


def test_crisis_lines_for_a_country_come_in_get_help_nows_order():
    from entries.emergency import help_lines

    import tasks

    directory = tasks.check_content(ROOT / "content", TODAY)
    found = tasks.search_content("i want to die", ROOT / "content", limit=None, today=TODAY, country="GB")
    expected = [e.title for e in help_lines(directory.entries, "GB") if e.is_24_7]
    assert [hit["title"] for hit in found["results"][: len(expected)]] == expected
    assert expected[0] == "Samaritans"


def test_crisis_phrases_match_word_forms_and_one_letter_slips_in_order():
    crisis = whoosh_index.crisis_forms({"en": ["want to die", "suicidal", "kill myself", "can't go on"]}, {"suicide": "suicid"})
    assert whoosh_index.is_crisis("I WANTED to die", crisis)
    assert whoosh_index.is_crisis("thoughts of suicide", crisis)  # a corpus form with the same stem
    assert whoosh_index.is_crisis("sucidal", crisis) and whoosh_index.is_crisis("killing myself", crisis)
    assert whoosh_index.is_crisis("i cant go on", crisis)
    assert not whoosh_index.is_crisis("die to want", crisis)  # words in the phrase's order
    assert not whoosh_index.is_crisis("kil myself", crisis)  # short words must be right
    assert not whoosh_index.is_crisis("walking group", crisis)


def test_french_and_spanish_crisis_phrases_are_crises_and_everyday_words_are_not():
    from search_index.rules import load_crisis_phrases

    phrases = load_crisis_phrases()
    assert {"en", "fr", "es"} <= set(phrases)
    crisis = whoosh_index.crisis_forms(phrases, {})
    for query in ("je veux mourir", "Je ne veux plus vivre, je veux en finir", "mettre fin à mes jours", "mettre fin a mes jours"):
        assert whoosh_index.is_crisis(query, crisis), query
    for query in ("quiero morir", "pienso en quitarme la vida", "hacerme daño", "hacerme dano", "Sobredosis"):
        assert whoosh_index.is_crisis(query, crisis), query
    for query in ("je veux parler à quelqu'un", "groupe de marche", "quiero hablar con alguien", "walking group"):
        assert not whoosh_index.is_crisis(query, crisis), query


def loaded(path):
    """The data a search/*.js file hands to SignpostSearch.load."""
    text = path.read_text()
    return json.loads(text[text.index(",0,") + 3 : text.rindex(");")])


def test_the_index_meta_carries_the_phrases_and_get_help_nows_lines(fixture_site):
    data = loaded(fixture_site / "search" / "meta.js")
    phrases = {" ".join(words[0] for words in phrase): phrase for phrase in data["crisis"]["en"]}
    assert {"suicidal", "suicide"} <= set(phrases["suicidal"][0])  # "suicide" is in the corpus, with the same stem
    assert "killing" in phrases["kill myself"][0] and "myself" in phrases["kill myself"][1]
    # Get help now's lines are in h.js, loaded only for a country or a crisis: meta.js is on every query's path
    assert "help" not in data and "crisisAll" not in data and "wordShards" not in data
    assert not (fixture_site / "search" / "w").exists()  # no word-form map: the browser stems with stem.js
    help_data = loaded(fixture_site / "search" / "h.js")
    assert "worldwide" in help_data["help"] and isinstance(help_data["crisisAll"], list)


def test_a_phrase_file_in_the_wrong_shape_says_how_to_fix_it(tmp_path):
    from search_index.rules import load_crisis_phrases

    path = tmp_path / "crisis_phrases.yaml"
    path.write_text("en: want to die\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="must hold a list of phrases"):
        load_crisis_phrases(path)


# -- Everyday words (data/everyday_words.yaml) ----------------------------------------------------


@pytest.fixture(scope="module")
def starter_index():
    from search_index.rules import build_index

    import tasks

    directory = tasks.check_content(ROOT / "content", TODAY)
    index, found = build_index(directory.entries, directory.vocab)
    yield index, found, directory.vocab
    index.close()


@pytest.fixture(scope="module")
def tree_indexes(starter_index):
    """lang -> (Index, found, everyday forms): the starter content's search as each language's tree makes it."""
    from search_index.rules import build_index, load_everyday_words, target_labels

    import tasks

    made = {}

    def tree(lang: str):
        if lang not in made:
            if lang == "en":
                index, found, vocab = starter_index
            else:
                directory, vocab = tasks.search_directory(ROOT / "content", TODAY, lang)
                index, found = build_index(directory.entries, vocab, lang)
            everyday = whoosh_index.everyday_forms(load_everyday_words(tasks._vocab()), index.forms, index.analysis, target_labels(vocab))
            made[lang] = index, found, everyday
        return made[lang]

    yield tree
    for lang, (index, _found, _everyday) in made.items():
        if lang != "en":
            index.close()


def everyday_cases():
    from search_index.rules import load_everyday_words

    import tasks

    words = load_everyday_words(tasks._vocab())
    return [(lang, target, word) for lang, targets in words.items() for target, phrases in targets.items() for word in phrases]


@pytest.mark.parametrize(("lang", "target", "word"), everyday_cases())
def test_each_everyday_word_finds_entries_of_its_topic_or_audience(tree_indexes, lang, target, word):
    """Each language's words, on its own tree (the French words on the French pages' index)."""
    index, found, everyday = tree_indexes(lang)
    top = [found[doc] for doc, _score in whoosh_index.search(index, word, limit=5, everyday=everyday)]
    assert top, f"{lang}: {word!r} finds nothing"
    assert any(target in entry.topics or target in entry.audiences or target == entry.kind for entry in top), (
        f"{lang}: {word!r}: no {target} entry in the top 5"
    )


def test_the_french_and_spanish_sections_cover_the_same_needs_as_the_english():
    """Each language's everyday words map to the same topics, audiences and kinds as the English do."""
    from search_index.rules import load_everyday_words

    import tasks

    words = load_everyday_words(tasks._vocab())
    assert set(words) == {"en", "fr", "es"}
    assert set(words["fr"]) == set(words["en"]) == set(words["es"])


def test_in_another_language_an_everyday_word_also_stands_for_its_targets_label_there():
    """On the French pages "ado" stands for "jeunes" (the label of young-people there) as well as for the
    English words of the value, which untranslated entries use; English pages keep the value's words alone."""
    corpus = {"jeunes": "jeunes", "young": "young", "people": "people", "adults": "adults"}
    labels = {"young-people": "Jeunes", "adults": "Adultes"}
    french = whoosh_index.everyday_forms({"fr": {"young-people": ["ado"]}}, corpus, whoosh_index.Analysis("fr"), labels)
    assert whoosh_index.everyday_spans(["ado"], french) == [(["ado"], ["jeunes", "people", "young"])]
    english_corpus = {"young": "young", "people": "peopl", "jeunes": "jeun"}
    english = whoosh_index.everyday_forms({"en": {"young-people": ["teen"]}}, english_corpus, whoosh_index.ENGLISH, labels)
    assert whoosh_index.everyday_spans(["teen"], english) == [(["teen"], ["peopl", "young"])]


def test_everyday_words_match_every_form_and_phrases_side_by_side():
    everyday = whoosh_index.everyday_forms(
        {"en": {"anxiety": ["worried sick", "panic"]}}, {"anxiety": "anxieti", "worry": "worri"}
    )  # the corpus: word form -> stem
    spans = whoosh_index.everyday_spans
    assert spans(["panics"], everyday) == [(["panics"], ["anxieti"])]
    assert spans(["worry", "sick", "help"], everyday) == [(["worry", "sick"], ["anxieti"]), (["help"], [])]
    assert spans(["sick", "worried"], everyday) == [(["sick"], []), (["worried"], [])]  # not in the phrase's order


def test_without_everyday_words_a_search_is_unchanged(starter_index):
    import tasks

    index, _found, vocab = starter_index
    assert whoosh_index.search(index, "lonely") == []
    assert len(tasks.search_content("lonely", ROOT / "content", today=TODAY)["results"]) == 10


def test_an_everyday_word_for_a_value_not_in_the_vocabularies_is_refused(tmp_path):
    from search_index.rules import load_everyday_words

    import tasks

    path = tmp_path / "everyday_words.yaml"
    path.write_text("en:\n  anxiety: [anxious]\n  teenagers: [teen]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"line 3: 'teenagers' is not a topic, audience or kind"):
        load_everyday_words(tasks._vocab(), path)
    path.write_text("en:\n  anxiety: anxious\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"line 2: anxiety: .*list of words"):
        load_everyday_words(tasks._vocab(), path)


# -- Place names (data/place_names.yaml) -----------------------------------------------------------


def place_name_cases():
    from search_index.rules import load_place_names

    return [(code, name) for codes in load_place_names().values() for code, names in codes.items() for name in names]


@pytest.mark.parametrize(("code", "name"), place_name_cases())
def test_each_other_place_name_finds_entries_that_serve_the_country(starter_index, code, name):
    index, found, _vocab = starter_index
    hits = [found[doc] for doc, _score in whoosh_index.search(index, name, limit=None, some=False)]
    assert hits, f"{name!r} finds nothing"
    says_it = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
    outside = [e.slug for e in hits if code not in e.countries and not says_it.search(f"{e.title} {e.summary} {e.body_html}")]
    assert not outside, f"{name!r} finds entries that neither serve {code} nor say {name!r}: {outside}"
    assert {e.slug for e in hits} >= {e.slug for e in found if code in e.countries}, f"{name!r} misses entries that serve {code}"


def test_a_place_name_lets_a_question_find_the_countrys_service():
    """'help for farmers uk' once listed Farm Aid (US) first: the UK's farming charity never says 'UK'."""
    import tasks

    found = tasks.search_content("help for farmers uk", ROOT / "content", today=TODAY)
    assert [r["url"] for r in found["results"]][:1] == ["peer-community/farming-community-network.html"]
    assert not found["partial"]


def test_a_place_name_for_no_country_is_refused_with_its_line(tmp_path):
    from search_index.rules import load_place_names

    path = tmp_path / "place_names.yaml"
    path.write_text("en:\n  GB: [UK]\n  UKK: [Blighty]\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"line 3: 'UKK' is not a country code"):
        load_place_names(path)
    path.write_text("en:\n  GB: UK\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"line 2: GB: .*list of names"):
        load_place_names(path)
    path.write_text("en:\n  GB: [UK, Great Britain]\n", encoding="utf-8")  # "great" would find every UK service
    with pytest.raises(SystemExit, match=r"line 2: GB: 'Great Britain' is more than one word"):
        load_place_names(path)


def test_a_query_names_places_by_the_longest_name_and_not_under_a_place_filter():
    from search_index.rules import named_places

    places = {"GB": [["united", "kingdom"], ["uk"]], "GB-NIR": [["northern", "ireland"]], "IE": [["ireland"]], "AU": [["australia"]]}
    assert named_places("lifeline northern ireland", places) == ["GB-NIR"]  # not Ireland
    assert named_places("help in ireland or the uk", places) == ["IE", "GB"]
    assert named_places("UK uk", places) == ["GB"]  # each place once, case ignored
    assert named_places("lonely", places) == []


def test_services_in_a_named_place_come_first_and_a_crisis_query_gets_its_lines():
    import tasks

    found = tasks.search_content("crisis hotline uk", ROOT / "content", today=TODAY, limit=None)
    assert found["places"] == ["GB"]
    first = found["results"][0]["url"]  # a UK service, not the US line whose text mentions the UK
    assert first != "crisis-helpline/crisis-text-line.html"
    assert tasks.search_content("crisis hotline", ROOT / "content", today=TODAY, country="GB")["places"] == []  # the filter decides
    crisis = tasks.search_content("i want to die australia", ROOT / "content", today=TODAY)
    assert crisis["crisis"] and crisis["places"] == ["AU"]
    australian = {"crisis-helpline/lifeline-australia.html", "crisis-helpline/beyond-blue.html", "crisis-helpline/kids-helpline.html"}
    assert {r["url"] for r in crisis["results"][:5]} & australian
    assert crisis["results"][0]["url"] in {
        r["url"] for r in tasks.search_content("i want to die", ROOT / "content", today=TODAY, country="AU")["results"][:1]
    }


# -- "Did you mean" (docs/search.md): the oracle the search page is checked against -----------------


@pytest.fixture(scope="module")
def starter_everyday(starter_index):
    from search_index.rules import load_everyday_words

    index, _found, vocab = starter_index
    return index, whoosh_index.everyday_forms(load_everyday_words(vocab), index.forms)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("i want to dye", None),  # stop words and "want" (it finds entries) stay; no fix of "dye" finds anything
        ("samaritns", "samaritans"),
        ("lonley", "lonely"),  # an everyday word: not in the entries, in data/everyday_words.yaml; a swap is one edit
        ("helpine", "helpline"),  # as near as "helping", and far more frequent
        ("lonely samaritns", "lonely samaritans"),  # the matching word stays
        ("samaritns farmers", None),  # "samaritans farmers" finds nothing
        ("samaritans", None),  # a query that finds entries needs nothing
        ("qwertyuiop", None),  # nothing known within two edits
    ],
)
def test_did_you_mean_only_helps(starter_everyday, query, expected):
    index, everyday = starter_everyday
    suggestion = whoosh_query_suggestion(index, query, everyday)
    assert suggestion == expected
    if suggestion:
        assert whoosh_index.search(index, suggestion, limit=1, everyday=everyday)
        known = set(index.frequencies) | everyday_known_words(everyday)
        assert all(new == old or new in known for old, new in zip(whoosh_index.words_of(query), suggestion.split(), strict=True))


# -- Each language's tree (whoosh_index.Analysis) -------------------------------------------------


def test_french_and_spanish_fold_accents_and_do_not_stem_english_is_unchanged():
    french, english = whoosh_index.Analysis("fr"), whoosh_index.Analysis("en")
    assert french.words("Déprimé, DÉPRIMÉE et de\u0301prime\u0301") == ["deprime", "deprimee", "et", "deprime"]
    assert french.stem("deprimee") == "deprimee" and english.stem("depressed") == "depress"
    assert english.words("Déprimé") == ["déprimé"]  # English keeps its accents, as ever
    assert french.is_stop("je") and french.is_stop("the") and french.is_stop("etes")  # its own, English, folded
    assert whoosh_index.Analysis("es").is_stop("mi") and not whoosh_index.Analysis("es").is_stop("soledad")
    tokens = [t.text for t in french.analyzer()("Je me sens très SEULE à Montréal")]
    assert tokens == [w for w in french.words("Je me sens très SEULE à Montréal") if not french.is_stop(w)]
    assert tokens == ["sens", "tres", "seule", "montreal"]
    assert whoosh_index.query_model(french)["fold"] is True and "fold" not in whoosh_index.query_model(english)


def test_a_trees_index_searches_the_text_it_shows():
    """The French tree's index holds the French translation and finds it without its accents; the English
    tree's holds the English text (tasks.search_directory gives each tree its entries, as in_language shows them)."""
    from dataclasses import replace

    from entries.model import Translation
    from search_index.rules import build_index

    import tasks

    directory = tasks.check_content(FIXTURE_CONTENT, TODAY)
    original = next(e for e in directory.entries if e.slug == "example-peer-forum")
    french = Translation("fr", "x.fr.md", "Forum d'écoute", "Pour les personnes déprimées.", "<p>Parlez-nous.</p>")
    translated = replace(original, translations={"fr": french})
    index, found = build_index([translated.in_language("fr")], directory.vocab, "fr")
    try:
        assert [d for d, _ in whoosh_index.search(index, "deprimees")] == [0]
        assert [d for d, _ in whoosh_index.search(index, "ÉCOUTE")] == [0]
        assert whoosh_index.search(index, "made-up") == []  # the English text is not the French tree's
    finally:
        index.close()
    index, found = build_index([translated], directory.vocab)
    try:
        assert [d for d, _ in whoosh_index.search(index, "made-up")] == [0] and whoosh_index.search(index, "deprimees") == []
    finally:
        index.close()


def test_invoke_search_lang_refuses_a_language_the_site_does_not_ship():
    from invoke import Exit

    import tasks

    with pytest.raises(Exit) as refused:
        tasks.search_directory(FIXTURE_CONTENT, TODAY, "de")
    assert refused.value.code == 2
    assert "--lang: 'de' is not a language of the site" in refused.value.message and "en, fr, es" in refused.value.message
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "search", "je veux mourir", "--lang", "fr", "--content", str(FIXTURE_CONTENT), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["crisis"] is True


def test_a_result_row_speaks_its_trees_language():
    """The search page's result rows say what the cards say, in the tree's language (issue 19): the
    contact, the plain words and where, from the same catalog messages and Babel's names."""
    from conftest import FIXTURE_CONTENT, read_content
    from search_index.documents import display
    from site_languages.catalogs import translations

    directory = read_content(FIXTURE_CONTENT)
    entry = next(e for e in directory.entries if e.slug == "example-crisis-line")
    french = translations(ROOT / "translations", "fr").gettext
    english_row = display(entry, directory.vocab)
    french_row = display(entry, directory.vocab, "fr", french)
    assert english_row[4] == "Call 0808 157 0123" and english_row[7] == "United Kingdom"
    assert english_row[6] == ["Works by phone or text, no internet needed", "Free", "Open day and night"]
    assert french_row[4] == french("Call %(number)s") % {"number": "0808 157 0123"} != english_row[4]
    assert french_row[6] == [french(words) for words in english_row[6]] and french_row[6] != english_row[6]
    assert french_row[7] == "Royaume-Uni"
