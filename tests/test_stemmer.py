"""theme/static/js/stem.js stems every word exactly as Whoosh's Porter stemmer (whoosh.lang.porter.stem) does.

The build stems the corpus with Whoosh; the search page stems the query with stem.js. If the two ever
differ on a word, that word finds nothing in the browser, so they are compared word for word in Chromium
over an English word list (the `english-words` package, no download) and every word of the starter corpus.
"""

from __future__ import annotations

import functools
import re
import shutil

import pytest
from conftest import ROOT, STARTER_CONTENT, read_content

STEM_JS = ROOT / "theme" / "static" / "js" / "stem.js"
BATCH = 10_000
# Words that reach the corners of Whoosh's rules: a leading "y" (written "Y" while stemming), the
# "at/bl/iz" rule that Whoosh applies only to a whole two-letter stem, short words left alone, and a
# character outside the Basic Multilingual Plane (Python counts it as one character, JavaScript as two).
CORNERS = ["", "a", "is", "as", "ss", "sses", "ies", "yes", "yyy", "youth", "ated", "ating", "izing", "bled", "hopping", "fizzed"]
CORNERS += ["caresses", "ponies", "agreed", "feed", "relational", "generalization", "adjustable", "controlling", "café", "naïvely"]
CORNERS += ["\U0001f600s", "a\U0001f600", "\U0001f600\U0001f600ing"]

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>stem.js</title><script src="stem.js"></script></head><body></body></html>
"""


def corpus_words() -> set[str]:
    """Every word of the starter entries' titles, summaries and bodies, lower-cased, split on non-letters."""
    entries = read_content(STARTER_CONTENT).entries
    assert entries, f"no entries in {STARTER_CONTENT}"
    text = " ".join(f"{e.title} {e.summary} {e.body_source}" for e in entries).lower()
    return set(re.findall(r"[^\W\d_]+", text))


@functools.cache
def words() -> list[str]:
    from english_words import get_english_words_set

    english = get_english_words_set(["web2", "gcide"], alpha=True, lower=True)
    return sorted(english | corpus_words() | set(CORNERS))


def test_the_word_list_is_large_and_holds_the_corpus():
    corpus = corpus_words()
    assert len(corpus) > 500, f"only {len(corpus)} words in the starter corpus"
    assert len(words()) >= 20_000
    assert corpus <= set(words())
    assert {"depressed", "communities", "bereavement"} <= set(words())


@pytest.mark.browser
def test_stem_js_stems_every_word_as_whoosh_does(browser, tmp_path):
    from browser import serve
    from whoosh.lang.porter import stem

    shutil.copy(STEM_JS, tmp_path / "stem.js")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    all_words = words()
    mismatches = []
    with serve(tmp_path) as base:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{base}/index.html")
        assert not errors, f"stem.js failed to load: {errors}"
        assert page.evaluate("typeof window.SignpostStem.stem") == "function", "stem.js must define window.SignpostStem.stem"
        for start in range(0, len(all_words), BATCH):
            batch = all_words[start : start + BATCH]
            stems = page.evaluate("words => words.map(word => window.SignpostStem.stem(word))", batch)
            mismatches += [(word, stem(word), got) for word, got in zip(batch, stems, strict=True) if got != stem(word)]
        page.close()
    shown = "; ".join(f"{word!r}: Whoosh {want!r}, stem.js {got!r}" for word, want, got in mismatches[:20])
    assert not mismatches, f"stem.js differs from Whoosh on {len(mismatches)} of {len(all_words)} words, first: {shown}"


@pytest.mark.browser
def test_the_examples_from_the_issue(browser, tmp_path):
    """Word forms that are not in the corpus are stemmed too: "depressed" finds what "depression" found."""
    from browser import serve

    shutil.copy(STEM_JS, tmp_path / "stem.js")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.goto(f"{base}/index.html")
        got = page.evaluate(
            "words => words.map(word => window.SignpostStem.stem(word))", ["depressed", "depression", "communities", "fundamentally"]
        )
        page.close()
    assert got == ["depress", "depress", "commun", "fundament"]
