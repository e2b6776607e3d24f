"""Shared test set-up: import paths, a fixed "today", and built sites."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 21)  # every date-dependent check in the tests uses this
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "site" / "content"
# `invoke test --content DIR` points the whole-site tests at other entries
STARTER_CONTENT = Path(os.environ.get("SIGNPOST_CONTENT") or ROOT / "content")

# One built page per template, and the variants a template has (closed entry,
# weekly hours, tip, region): the golden build compares them byte for byte and
# the browser tests run axe-core on each.
TEMPLATE_PAGES = [
    "index.html",
    "crisis-helpline/index.html",
    "crisis-helpline/example-crisis-line.html",
    "crisis-helpline/example-evening-line.html",
    "peer-community/example-closed-group.html",
    "recovery-account/example-podcast.html",
    "practitioner-tip/example-tip.html",
    "browse/index.html",
    "browse/country/gb.html",
    "browse/region/gb-wls.html",
    "browse/topics/suicide.html",
    "get-help-now.html",
    "get-help-now/gb.html",
    "about.html",
    "404.html",
    "coverage.html",
    "needs-review.html",
    "search.html",
    "privacy.html",
]


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: needs Debian's chromium (invoke browser installs it)")


@pytest.fixture(scope="session")
def vocab():
    from entries import vocabularies

    return vocabularies.load(vocabularies.DEFAULT_PATH)


def whoosh_suggestion(index, word: str) -> str | None:
    """The test oracle for "Did you mean": the corpus's word form nearest the word within two edits
    (a swap of two letters side by side is one edit); between equally near forms, the most frequent,
    as Whoosh's ReaderCorrector ranks, then the first by code point."""
    return nearest(index.frequencies, word, index.frequencies)


def edits(a: str, b: str) -> int:
    """Levenshtein distance with the swap of two letters side by side as one edit (optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i]
        for j in range(1, len(b) + 1):
            d = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d = min(d, rows[-2][j - 2] + 1)
            row.append(d)
        rows.append(row)
    return rows[-1][-1]


def nearest(known, word: str, frequencies: dict[str, int]) -> str | None:
    """The known word nearest ``word`` within two edits; between equally near ones, the most frequent
    in the corpus (``frequencies``; an everyday word's other forms count 0), then the first by code point."""
    scored = [(edits(word, w), -frequencies.get(w, 0), w) for w in known if abs(len(w) - len(word)) <= 2]
    scored = [item for item in scored if 0 < item[0] <= 2]
    return min(scored)[2] if scored else None


def everyday_known_words(everyday: dict) -> set[str]:
    """Every word form of the everyday words (whoosh_index.everyday_forms), as meta.everyday holds them."""
    return {form for phrases in everyday.values() for forms, _stems in phrases for word in forms for form in word}


def whoosh_query_suggestion(index, text: str, everyday: dict) -> str | None:
    """The test oracle for the whole "Did you mean" line (docs/search.md): only the words that find
    nothing change, each to the nearest known word (a corpus form or an everyday word, as
    whoosh_suggestion picks it); stop words and matching words stay; and the suggested query must
    find at least one entry with every word. None when there is nothing that helps."""
    from search_index import whoosh_index

    known = set(index.frequencies) | everyday_known_words(everyday)
    words = index.analysis.words(text)  # folded on a French or Spanish tree, as the browser's wordsOf
    spans = whoosh_index.everyday_spans([w for w in words if not index.analysis.is_stop(w)], everyday)
    # a word finds nothing when its span has no stems: a one-word span no form begins, not an everyday word
    missing = {span[0] for span, extra in spans if not extra and not whoosh_index.stems_for_word(index, span[0])}
    fixed = [(nearest(known, word, index.frequencies) or word) if word in missing else word for word in words]
    if fixed == words or not whoosh_index.search(index, " ".join(fixed), limit=1, everyday=everyday, some=False):
        return None
    return " ".join(fixed)


def read_content(content: Path, root: Path | None = None, **settings):
    """The Directory of a content folder, read as `invoke check` and the build read it, on TODAY."""
    from entries.settings import Settings
    from pipeline.directory import read_directory

    return read_directory(content, Settings(today=TODAY, root=str(root or Path.cwd()), **settings))


def build(content: Path, output: Path, settings: str | None = None, **overrides) -> bool:
    import tasks

    values = {"SIGNPOST_TODAY": TODAY.isoformat(), "SIGNPOST_ROOT": str(ROOT)}
    values.update(overrides)
    return tasks.build_site(content, output, settings or tasks.SETTINGS, overrides=values, quiet=True)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fixture-site") / "output"
    assert build(FIXTURE_CONTENT, out), "the fixture site must build"
    return out


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for a module's browser tests (Playwright is imported only when one runs).

    Per module, not per session: Playwright's sync API keeps an event loop
    running while it is open, and the link checker's tests need asyncio.run().
    """
    from browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def starter_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("starter-site") / "output"
    assert build(STARTER_CONTENT, out), "the starter content must build"
    return out
