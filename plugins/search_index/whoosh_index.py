"""Everything Signpost asks of Whoosh, in the one module that imports it.

The query model, shared with the browser (theme/static/js/search.js):
- the query is split into words by the analyser's tokenizer and lower-cased;
- each word stands for every word form in the corpus that starts with it (the
  word itself included; a prefix needs at least PREFIX_MIN letters), and so
  for the stems of those forms, found through the corpus's form -> stem map;
- a word matches an entry when any of its stems is in any field (an Or); every
  word must match (an And); the score is Whoosh's BM25F, summed.
Because the browser receives the same map and Whoosh's own per-stem scores,
its top results are Whoosh's, in the same order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from whoosh import fields, query
from whoosh.analysis import STOP_WORDS, LowercaseFilter, RegexTokenizer, StemmingAnalyzer
from whoosh.filedb.filestore import RamStorage
from whoosh.scoring import BM25F

PREFIX_MIN = 3
MIN_WORD = 2  # the analyser drops shorter words, as it drops STOP_WORDS
TEXT_FIELDS = ("title", "summary", "body", "topics", "audiences", "places", "channels", "account")
TITLE_BOOST = 3.0
TOKEN_PATTERN = r"\w+(\.?\w+)*"  # the analyser's tokenizer; search.js uses the same pattern


def _analyzer():
    return StemmingAnalyzer(expression=TOKEN_PATTERN)


def schema() -> fields.Schema:
    text = dict(analyzer=_analyzer(), phrase=False)
    return fields.Schema(
        docnum=fields.NUMERIC(stored=True, unique=True),
        title=fields.TEXT(field_boost=TITLE_BOOST, **text),
        summary=fields.TEXT(**text),
        body=fields.TEXT(**text),
        topics=fields.TEXT(**text),
        audiences=fields.TEXT(**text),
        places=fields.TEXT(**text),
        channels=fields.TEXT(**text),
        account=fields.TEXT(**text),
        words=fields.TEXT(analyzer=RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter(), phrase=False),
        # filters
        kind=fields.ID,
        country=fields.KEYWORD(commas=True),
        channel=fields.KEYWORD(commas=True),
        audience=fields.KEYWORD(commas=True),
        flag=fields.KEYWORD(commas=True),
    )


@dataclass
class Document:
    """One entry as Whoosh sees it: text by field, and filter values."""

    docnum: int
    text: dict[str, str]
    kind: str
    countries: list[str]
    channels: list[str]
    audiences: list[str]
    flags: list[str]


@dataclass
class Index:
    ix: object
    documents: list[Document]
    forms: dict[str, str]  # every word form in the corpus -> its stem
    frequencies: dict[str, int]  # word form -> how often it occurs (for "did you mean")

    def searcher(self):
        return self.ix.searcher(weighting=BM25F())


def stem_of(word: str) -> str | None:
    tokens = [t.text for t in _analyzer()(word)]
    return tokens[0] if tokens else None


def build(documents: list[Document]) -> Index:
    """Index the documents in memory; also collect the form -> stem map and form frequencies."""
    ix = RamStorage().create_index(schema())
    writer = ix.writer()
    analyzer = _analyzer()
    tokenizer = RegexTokenizer(TOKEN_PATTERN)
    forms: dict[str, str] = {}
    frequencies: Counter = Counter()
    for doc in documents:
        all_text = " ".join(doc.text.get(name, "") for name in TEXT_FIELDS)
        for token in tokenizer(all_text):
            form = token.text.lower()
            frequencies[form] += 1
            if form not in forms:
                stems = [t.text for t in analyzer(form)]
                forms[form] = stems[0] if stems else ""
        writer.add_document(
            docnum=doc.docnum,
            words=all_text,
            kind=doc.kind,
            country=",".join(doc.countries),
            channel=",".join(doc.channels),
            audience=",".join(doc.audiences),
            flag=",".join(doc.flags),
            **{name: doc.text.get(name, "") for name in TEXT_FIELDS},
        )
    writer.commit()
    forms = {form: stem for form, stem in forms.items() if stem}  # stop words have no stem
    return Index(ix, documents, forms, dict(frequencies))


def words_of(text: str) -> list[str]:
    return [t.text.lower() for t in RegexTokenizer(TOKEN_PATTERN)(text)]


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS or len(word) < MIN_WORD


def stop_words() -> list[str]:
    return sorted(STOP_WORDS)


def stems_for_word(index: Index, word: str) -> list[str]:
    """The stems a query word stands for: its own form's, and those of forms it begins (prefix)."""
    if len(word) < PREFIX_MIN:
        stem = index.forms.get(word)
        return [stem] if stem else []
    return sorted({stem for form, stem in index.forms.items() if form.startswith(word)})


def build_query(index: Index, text: str):
    """The Whoosh query for the text, or None when some word matches nothing in the corpus."""
    parts = []
    for word in words_of(text):
        if is_stop_word(word):
            continue  # the analyser drops it, so it narrows nothing
        stems = stems_for_word(index, word)
        if not stems:
            return None
        parts.append(query.Or([query.Term(name, stem) for stem in stems for name in TEXT_FIELDS]))
    if not parts:
        return None
    return query.And(parts) if len(parts) > 1 else parts[0]


def filter_query(kind=None, country=None, channel=None, audience=None, open_24_7=False, without_broadband=False):
    terms = []
    if kind:
        terms.append(query.Term("kind", kind))
    if country:
        terms.append(query.Or([query.Term("country", country), query.Term("country", "worldwide")]))
    if channel:
        terms.append(query.Term("channel", channel))
    if audience:
        terms.append(query.Term("audience", audience))
    if open_24_7:
        terms.append(query.Term("flag", "open-24-7"))
    if without_broadband:
        terms.append(query.Term("flag", "without-broadband"))
    return query.And(terms) if terms else None


def search(index: Index, text: str, limit: int | None = 10, **filters) -> list[tuple[int, float]]:
    """(docnum, score) in Whoosh's rank order."""
    q = build_query(index, text)
    if q is None:
        return []
    with index.searcher() as searcher:
        # Whoosh's top-N collector can drop matching documents from a limited
        # search (seen with And of Ors); ranking every match is exact.
        results = searcher.search(q, limit=None, filter=filter_query(**filters))
        ranked = [(hit["docnum"], hit.score) for hit in results]
    return ranked[:limit] if limit else ranked


def stem_scores(index: Index) -> dict[str, list[tuple[int, float]]]:
    """For every stem: Whoosh's BM25F score of each entry containing it, summed over the fields.

    This is what Whoosh computes for a one-stem query over all fields (an Or of
    Terms), read straight from the postings with Whoosh's own scorers.
    """
    out: dict[str, dict[int, float]] = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        docnums = [reader.stored_fields(i)["docnum"] for i in range(reader.doc_count_all())]
        for name in TEXT_FIELDS:
            for raw in reader.lexicon(name):
                stem = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                matcher = reader.postings(name, stem, scorer=searcher.weighting.scorer(searcher, name, stem))
                scores = out.setdefault(stem, {})
                while matcher.is_active():
                    doc = docnums[matcher.id()]
                    scores[doc] = scores.get(doc, 0.0) + matcher.score()
                    matcher.next()
    return {stem: sorted(scores.items()) for stem, scores in sorted(out.items())}


def suggest(index: Index, word: str) -> str | None:
    """Whoosh's spelling suggestion for a word, from the surface forms of the corpus."""
    with index.searcher() as searcher:
        found = searcher.corrector("words").suggest(word, limit=1, maxdist=2)
    return found[0] if found else None


def related(index: Index, docnum: int, text: str, top: int = 3) -> list[int]:
    """More-like-this: the entries whose words are most like this entry's, by Whoosh."""
    with index.searcher() as searcher:
        found = searcher.document_number(docnum=docnum)
        if found is None:
            return []
        results = searcher.more_like(found, "body", text=text, top=top)
        return [hit["docnum"] for hit in results]
