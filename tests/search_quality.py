"""Search quality on real queries (tests/search_queries.yaml): does each query find what it must,
and the precision at 3 over all of them.

    .venv/bin/python tests/search_quality.py            # the per-query table and the mean, from Whoosh
    .venv/bin/python tests/search_quality.py --browser  # also from the search page in Chromium
    .venv/bin/python tests/search_quality.py --write    # and rewrite the figures in docs/search.md

Whoosh's results are `invoke search --json`'s (tasks.search_content), with the index built once for
all the queries and the query's country filter applied as the search page applies it. A query that
finds nothing but gets a "Did you mean" is scored on the suggested query's results, as a person
would follow the suggestion. tests/test_search_queries.py checks every expectation and that the
figures in docs/search.md are the ones printed here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "plugins"), str(ROOT), str(ROOT / "tests")]

QUERIES = ROOT / "tests" / "search_queries.yaml"
# French and Spanish queries, each checked on its language's pages (the same format; no figures in the docs)
LANGUAGE_QUERIES = {lang: ROOT / "tests" / f"search_queries.{lang}.yaml" for lang in ("fr", "es")}
DOCS = ROOT / "docs" / "search.md"
CONTENT = ROOT / "content"
KEYS = {"query", "country", "must_top3", "must_top10", "relevant", "crisis", "known_miss"}
# The lines of docs/search.md between these markers are written by --write; the test compares them.
BEGIN = "<!-- figures: written by `.venv/bin/python tests/search_quality.py --write` -->"
END = "<!-- end of figures -->"


class QueryFileError(Exception):
    """tests/search_queries.yaml is not in the expected shape: the message says where and how to fix it."""


@dataclass
class Query:
    text: str
    line: int
    country: str | None = None
    must_top3: list[str] = field(default_factory=list)
    must_top10: list[str] = field(default_factory=list)
    relevant: list[str] = field(default_factory=list)
    crisis: bool = False
    known_miss: str | None = None

    @property
    def label(self) -> str:
        return f"{self.text} [{self.country}]" if self.country else self.text


@dataclass
class Outcome:
    """What a search gave for a query: the top 10 (slugs), whether it was a crisis, and the suggestion followed."""

    top: list[str]
    crisis: bool
    suggestion: str | None = None
    kinds: list[str] = field(default_factory=list)  # the kind of each entry in top


def load_queries(path: Path = QUERIES, slugs: set[str] | None = None) -> list[Query]:
    """The queries of the file; ``slugs``: the entries that exist, to check every slug named."""
    import yaml

    text = path.read_text(encoding="utf-8")
    try:
        items = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise QueryFileError(f"{path}: not valid YAML ({error}); fix the line it names") from None
    if not isinstance(data, list) or not data:
        raise QueryFileError(f"{path}: the file must be a list of queries, each starting '- query: ...'")
    queries = []
    for item, node in zip(data, items.value, strict=True):
        line = node.start_mark.line + 1
        where = f"{path}, line {line}"
        if not isinstance(item, dict) or not isinstance(item.get("query"), str) or not item["query"].strip():
            raise QueryFileError(f"{where}: each item needs 'query: the words as people type them'")
        unknown = sorted(set(item) - KEYS)
        if unknown:
            raise QueryFileError(f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(KEYS))}")
        lists = {}
        for key in ("must_top3", "must_top10", "relevant"):
            value = item.get(key) or []
            if not isinstance(value, list) or not all(isinstance(slug, str) for slug in value):
                raise QueryFileError(f"{where}: {key} must be a list of entry slugs, such as [samaritans, shout-85258]")
            missing = [slug for slug in value if slugs is not None and slug not in slugs]
            if missing:
                raise QueryFileError(f"{where}: {key}: no entry is called {missing[0]!r}; use a file name under content/ without .md")
            lists[key] = value
        if not (lists["must_top3"] or lists["must_top10"] or item.get("crisis")):
            raise QueryFileError(f"{where}: give must_top3 or must_top10 (the entries the query must find), or crisis: true")
        if not isinstance(item.get("crisis", False), bool):
            raise QueryFileError(f"{where}: crisis must be true or false")
        queries.append(
            Query(
                text=item["query"],
                line=line,
                country=item.get("country"),
                crisis=item.get("crisis", False),
                known_miss=item.get("known_miss"),
                **lists,
            )
        )
    return queries


def relevant(query: Query) -> set[str]:
    """The good answers: `relevant`, always with must_top3 and must_top10."""
    return set(query.relevant) | set(query.must_top3) | set(query.must_top10)


def precision_at_3(query: Query, top: list[str]) -> float:
    return len(set(top[:3]) & relevant(query)) / 3


def misses(query: Query, outcome: Outcome) -> list[str]:
    """What the outcome fails of the query's expectations, in words (empty when it meets them all)."""
    found = []
    for slug in query.must_top3:
        if slug not in outcome.top[:3]:
            found.append(f"{slug} not in the top 3")
    for slug in query.must_top10:
        if slug not in outcome.top[:10]:
            found.append(f"{slug} not in the top 10")
    if outcome.crisis != query.crisis:
        found.append("the crisis message is shown" if outcome.crisis else "no crisis message")
    if query.crisis and outcome.kinds[:1] != ["crisis-helpline"]:
        found.append("the first result is not a crisis line")
    return found


def slug_of(url: str) -> str:
    return url.rsplit("/", 1)[-1].removesuffix(".html")


class Whoosh:
    """`invoke search --json` in-process (tasks.search_content), with the index built once; ``lang``:
    as `invoke search --lang` searches, as that language's pages do."""

    def __init__(self, content: Path = CONTENT, lang: str = "en"):
        from conftest import TODAY
        from search_index.rules import build_index, load_crisis_phrases, load_everyday_words, place_words, target_labels
        from search_index.whoosh_index import crisis_forms, everyday_forms

        import tasks

        self.directory, vocab = tasks.search_directory(content, TODAY, lang)
        self.index, self.found = build_index(self.directory.entries, vocab, lang)
        self.crisis = crisis_forms(load_crisis_phrases(), self.index.forms, self.index.analysis)
        self.everyday = everyday_forms(
            load_everyday_words(self.directory.vocab), self.index.forms, self.index.analysis, target_labels(vocab)
        )
        self.places = place_words(self.found, lang)

    @property
    def slugs(self) -> set[str]:
        return {entry.slug for entry in self.directory.entries}

    def top(self, text: str, country: str | None = None) -> tuple[list[str], bool]:
        """The top 10 slugs as the search page ranks them, and whether the query is a crisis (rules.rank, as `invoke search`)."""
        from search_index.rules import rank

        ranked = rank(self.index, self.found, self.directory.entries, text, {"country": country}, self.crisis, self.everyday, self.places)
        return [self.found[doc].slug for doc in ranked.docs[:10]], ranked.crisis

    def suggestion(self, text: str) -> str | None:
        from conftest import whoosh_query_suggestion

        return whoosh_query_suggestion(self.index, text, self.everyday)

    def outcome(self, query: Query) -> Outcome:
        top, crisis = self.top(query.text, query.country)
        suggested = None if top or crisis else self.suggestion(query.text)
        if suggested:
            top = self.top(suggested, query.country)[0]
        kinds = {entry.slug: entry.kind for entry in self.directory.entries}
        return Outcome(top, crisis, suggested, [kinds[slug] for slug in top])

    def close(self) -> None:
        self.index.close()


def table(queries: list[Query], outcomes: list[Outcome]) -> str:
    """One line a query: precision at 3, the top 3, and what it misses."""
    lines = []
    for query, outcome in zip(queries, outcomes, strict=True):
        top3 = ", ".join(outcome.top[:3]) or "(nothing)"
        via = f" (via 'Did you mean {outcome.suggestion}')" if outcome.suggestion else ""
        missed = "; ".join(misses(query, outcome))
        flag = "known miss: " if query.known_miss else "MISS: "
        lines.append(f"{precision_at_3(query, outcome.top):.2f}  {query.label}{via}: {top3}" + (f"  <- {flag}{missed}" if missed else ""))
    return "\n".join(lines)


def mean_precision(queries: list[Query], outcomes: list[Outcome]) -> float:
    return sum(precision_at_3(q, o.top) for q, o in zip(queries, outcomes, strict=True)) / len(queries)


def best_possible(queries: list[Query]) -> float:
    """The mean a perfect search would reach: a query with fewer than 3 good answers cannot score 1."""
    return sum(min(3, len(relevant(q))) / 3 for q in queries) / len(queries)


def figures(queries: list[Query], outcomes: list[Outcome]) -> str:
    """The block of docs/search.md this file writes: the mean, the count, and the queries that miss."""
    failing = [(q, misses(q, o)) for q, o in zip(queries, outcomes, strict=True) if misses(q, o)]
    lines = [
        f"- Queries: {len(queries)}; meeting every expectation: {len(queries) - len(failing)}.",
        f"- Mean precision at 3: **{mean_precision(queries, outcomes):.2f}**, of a possible {best_possible(queries):.2f}"
        " (`invoke search` and the search page alike).",
    ]
    if failing:
        lines.append("- Queries that miss their expectations:")
        for query, missed in failing:
            why = f" Why: {query.known_miss.rstrip('.')}." if query.known_miss else " Not yet explained: add known_miss or fix it."
            lines.append(f"  - `{query.label}`: {'; '.join(missed)}.{why}")
    return "\n".join(lines)


def docs_figures(path: Path = DOCS) -> str | None:
    """The figures block as docs/search.md has it now, or None when it has none."""
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        return None
    return text.split(BEGIN, 1)[1].split(END, 1)[0].strip()


def write_docs(block: str, path: Path = DOCS) -> None:
    text = path.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{path}: the figures markers are missing; put {BEGIN} and {END} in its 'Real queries' section")
    before, rest = text.split(BEGIN, 1)
    after = rest.split(END, 1)[1]
    path.write_text(f"{before}{BEGIN}\n{block}\n{END}{after}", encoding="utf-8")


def evaluate(content: Path = CONTENT) -> tuple[list[Query], list[Outcome]]:
    whoosh = Whoosh(content)
    try:
        queries = load_queries(QUERIES, whoosh.slugs)
        return queries, [whoosh.outcome(query) for query in queries]
    finally:
        whoosh.close()


def browser_outcomes(queries: list[Query]) -> list[Outcome]:
    """The search page's outcome for every query, in Chromium, on the starter site built in a temporary folder."""
    import tempfile

    from browser import chromium, serve
    from conftest import build
    from test_search_queries import page_outcome

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        if not build(CONTENT, site):
            raise SystemExit("The starter site did not build; run `invoke build` to see why.")
        with serve(site) as base, chromium() as browser:
            page = browser.new_page()
            return [page_outcome(page, base, query) for query in queries]


def main(argv: list[str]) -> int:
    try:
        queries, outcomes = evaluate()
    except QueryFileError as error:
        print(error, file=sys.stderr)
        return 2
    print(table(queries, outcomes))
    print(
        f"\nWhoosh (invoke search): mean precision at 3 over {len(queries)} queries: {mean_precision(queries, outcomes):.2f}"
        f" (a perfect search: {best_possible(queries):.2f})"
    )
    if "--browser" in argv:
        shown = browser_outcomes(queries)
        print(f"Search page (Chromium): mean precision at 3 over {len(queries)} queries: {mean_precision(queries, shown):.2f}")
        differ = [q.label for q, a, b in zip(queries, outcomes, shown, strict=True) if a.top != b.top]
        if differ:
            print(f"The search page's top 10 differs from Whoosh's for: {', '.join(differ)}")
    if "--write" in argv:
        write_docs(figures(queries, outcomes))
        print(f"Wrote the figures into {DOCS.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
