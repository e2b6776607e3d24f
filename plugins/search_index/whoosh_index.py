"""Everything Signpost asks of Whoosh, in the one module that imports it.

The query model, shared with the browser (theme/static/js/search-engine.js):
- the query is split into words by the analyser's tokenizer and lower-cased;
- each word is stemmed with Whoosh's Porter stemmer, as the StemmingAnalyzer
  stems it (the browser has the same stemmer: theme/static/js/stem.js), and
  stands for that stem; only when no entry has the stem, a word of PREFIX_MIN
  letters or more stands for the stems of the corpus word forms it begins (a
  half-typed word), and an everyday word stands for its target's stems;
- a word matches an entry when any of its stems is in any field (an Or); every
  word must match (an And); the score is Whoosh's BM25F, summed.
Because the browser stems alike and receives Whoosh's own per-stem scores, its
top results are Whoosh's, in the same order.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from whoosh import fields, query
from whoosh.analysis import STOP_WORDS, RegexTokenizer, StemmingAnalyzer, Token, Tokenizer
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.lang.porter import stem as porter_stem
from whoosh.scoring import BM25F

from .documents import Document

PREFIX_MIN = 3
MIN_WORD = 2  # the analyser drops shorter words, as it drops STOP_WORDS
TEXT_FIELDS = ("title", "summary", "body", "topics", "audiences", "places", "channels", "account")
TITLE_BOOST = 3.0
TOKEN_PATTERN = r"\w+(\.?\w+)*"  # the analyser's tokenizer; search.js uses the same pattern
# The same tokens, whole: findall then returns each match itself, not its group
_TOKEN = re.compile(TOKEN_PATTERN.replace("(", "(?:"), re.UNICODE)
POSTING_POOL_MB = 2048


def _analyzer():
    return StemmedWords()


class StemmedWords(Tokenizer):
    """Whoosh's StemmingAnalyzer for our token pattern, with its four steps in one loop when indexing.

    StemmingAnalyzer is a tokenizer and three filters (lower case, stop words and
    words under MIN_WORD letters, Porter stems), each a generator the token passes
    through: a third of indexing. Where Whoosh indexes a field (no positions,
    characters or kept stop words) this yields the same tokens from one loop;
    any other call goes to StemmingAnalyzer itself. Stems are remembered.
    """

    is_morph = True

    def __init__(self):
        self.whoosh = StemmingAnalyzer(expression=TOKEN_PATTERN, minsize=MIN_WORD, cachesize=-1)
        self.stems: dict[str, str] = {}

    def __getstate__(self):  # Whoosh keeps the schema with the index: not the stems
        return {"whoosh": self.whoosh}

    def __setstate__(self, state):
        self.whoosh = state["whoosh"]
        self.stems = {}

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        if positions or chars or keeporiginal or not removestops or not tokenize or start_pos or start_char:
            yield from self.whoosh(
                value,
                positions=positions,
                chars=chars,
                keeporiginal=keeporiginal,
                removestops=removestops,
                start_pos=start_pos,
                start_char=start_char,
                tokenize=tokenize,
                mode=mode,
                **kwargs,
            )
            return
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stems = self.stems
        for word in _TOKEN.findall(value):
            word = word.lower()
            if len(word) < MIN_WORD or word in STOP_WORDS:
                continue
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = porter_stem(word)
            token.text = stem
            token.boost = 1.0
            token.stopped = False
            yield token


def schema() -> fields.Schema:
    text = dict(analyzer=_analyzer(), phrase=False)
    return fields.Schema(
        key=fields.ID(stored=True),  # Document.id; the Index maps it to the docnum
        title=fields.TEXT(field_boost=TITLE_BOOST, **text),
        summary=fields.TEXT(**text),
        body=fields.TEXT(**text),
        topics=fields.TEXT(**text),
        audiences=fields.TEXT(**text),
        places=fields.TEXT(**text),
        channels=fields.TEXT(**text),
        account=fields.TEXT(**text),
        # filters
        kind=fields.ID,
        country=fields.KEYWORD(commas=True),
        channel=fields.KEYWORD(commas=True),
        audience=fields.KEYWORD(commas=True),
        flag=fields.KEYWORD(commas=True),
    )


class InMemory(RamStorage):
    """An index in memory, whose temporary files go in a folder of its own.

    Whoosh's RamStorage puts them in <tmp>/<index name>.tmp, a folder that two
    indexes in one build, or two builds at once, would share (and one would
    delete under the other).
    """

    def __init__(self, folder: str):
        super().__init__()
        self.folder = folder

    def temp_storage(self, name=None):
        return FileStorage(tempfile.mkdtemp(prefix=name or "temp", dir=self.folder)).create()


@dataclass
class Index:
    ix: object
    documents: list[Document]  # in docnum order
    forms: dict[str, str]  # every word form in the corpus -> its stem
    frequencies: dict[str, int]  # word form -> how often it occurs
    folder: str = ""
    numbers: dict[str, int] = field(default_factory=dict)  # Document.id -> docnum
    stems: set[str] = field(init=False)  # every stem some entry has

    def __post_init__(self):
        self.stems = set(self.forms.values())

    def searcher(self):
        return self.ix.searcher(weighting=BM25F())

    def docnum(self, stored: dict) -> int:
        """Our docnum for a hit or a stored-fields dict."""
        return self.numbers[stored["key"]]

    def close(self) -> None:
        """Remove the index's temporary folder."""
        self.ix.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def build(documents: list[Document], procs: int | None = None) -> Index:
    """Index the documents in a temporary folder; also collect the form -> stem map and form frequencies."""
    # By default one process per core, each writing its own segment: Whoosh is
    # pure Python, and this halves the indexing time on two cores. Ranking does
    # not depend on the segments' order, since ties are broken by our own docnum.
    if procs is None:
        procs = min(2, os.cpu_count() or 1) if len(documents) >= 500 else 1
    indexer = Indexer(procs=procs, topics=False)
    for doc in documents:
        indexer.add(doc)
    return indexer.index([doc.id for doc in documents])


def topics_index(documents: list[Document]) -> Index:
    """A small index of the topics alone: enough for related entries, quick to build."""
    indexer = Indexer(full=False)
    for doc in documents:
        indexer.add(doc)
    return indexer.topics([doc.id for doc in documents])


class Indexer:
    """Whoosh indexes documents one at a time, as they arrive; they are numbered once all have.

    So indexing can start while the entries are still being read (see
    worker.py). ``full``: the search index of every field; ``topics``: a small
    index of the topics alone, for related entries. Each is committed, and its
    documents numbered, by ``index(order)`` or ``topics(order)``, where ``order``
    lists every Document.id in docnum order.
    """

    def __init__(self, procs: int = 1, full: bool = True, topics: bool = True):
        self.documents: dict[str, Document] = {}
        self.frequencies: Counter = Counter()
        self._full = self._topics = None
        if full:
            # In memory: Whoosh reads every posting's field length back while it
            # commits, which from files was a third of the indexing time. Several
            # processes each write a segment, which must be files.
            folder = tempfile.mkdtemp(prefix="signpost-whoosh-")
            ix = (FileStorage(folder) if procs > 1 else InMemory(folder)).create_index(schema())
            # limitmb: enough memory for Whoosh to sort every posting in memory; with
            # less it spills runs to disk and merges them, most of its time at 10,000 entries
            self._full = (folder, ix, ix.writer(procs=procs, multisegment=procs > 1, limitmb=POSTING_POOL_MB))
        if topics:
            folder = tempfile.mkdtemp(prefix="signpost-whoosh-topics-")
            ix = InMemory(folder).create_index(
                fields.Schema(key=fields.ID(stored=True), topics=fields.TEXT(analyzer=_analyzer(), phrase=False))
            )
            self._topics = (folder, ix, ix.writer(limitmb=POSTING_POOL_MB))

    def add(self, doc: Document) -> None:
        self.add_topics(doc)
        self.add_full(doc)

    def add_topics(self, doc: Document) -> None:
        """Add the document to the topics index only (quick); add_full must follow before index()."""
        self.documents[doc.id] = doc
        if self._topics:
            self._topics[2].add_document(key=doc.id, topics=doc.text.get("topics", ""))

    def add_full(self, doc: Document) -> None:
        """Add the document to the full search index (most of the indexing time)."""
        self.documents[doc.id] = doc
        if self._full:
            all_text = " ".join(doc.text.get(name, "") for name in TEXT_FIELDS)
            # what RegexTokenizer and LowercaseFilter yield, without a Token per word
            self.frequencies.update(map(str.lower, _TOKEN.findall(all_text)))
            self._full[2].add_document(
                key=doc.id,
                kind=doc.kind,
                country=",".join(doc.countries),
                channel=",".join(doc.channels),
                audience=",".join(doc.audiences),
                flag=",".join(doc.flags),
                **{name: doc.text.get(name, "") for name in TEXT_FIELDS},
            )

    def _numbered(self, order: list[str]) -> tuple[list[Document], dict[str, int]]:
        if len(order) != len(self.documents) or set(order) != set(self.documents):
            raise ValueError(f"the search index was given {len(self.documents)} documents but {len(order)} to number")
        numbers = {key: number for number, key in enumerate(order)}
        for key, doc in self.documents.items():
            doc.docnum = numbers[key]
        return [self.documents[key] for key in order], numbers

    def topics(self, order: list[str]) -> Index:
        folder, ix, writer = self._topics
        writer.commit()
        documents, numbers = self._numbered(order)
        return Index(ix, documents, {}, {}, folder, numbers)

    def index(self, order: list[str]) -> Index:
        folder, ix, writer = self._full
        writer.commit()
        documents, numbers = self._numbered(order)
        analyzer = _analyzer()
        forms = {}
        for form in self.frequencies:
            stems = [t.text for t in analyzer(form)]
            if stems:  # stop words have no stem
                forms[form] = stems[0]
        return Index(ix, documents, forms, dict(self.frequencies), folder, numbers)

    def discard(self) -> None:
        """Give up: remove the temporary folders without committing."""
        for part in (self._full, self._topics):
            if part:
                with contextlib.suppress(Exception):  # the folder goes anyway
                    part[2].cancel()
                shutil.rmtree(part[0], ignore_errors=True)


def export_data(documents: list[Document], procs: int | None = None) -> dict:
    """Index the documents and return what the browser needs, as plain data (it may run in another process)."""
    return index_data(build(documents, procs=procs))


def index_data(index: Index) -> dict:
    """What the browser needs from an index, as plain data; closes the index."""
    try:
        return {"forms": index.forms, "frequencies": index.frequencies, "scores": stem_scores(index), "query": query_model()}
    finally:
        index.close()


def words_of(text: str) -> list[str]:
    return [t.text.lower() for t in RegexTokenizer(TOKEN_PATTERN)(text)]


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS or len(word) < MIN_WORD


def stop_words() -> list[str]:
    return sorted(STOP_WORDS)


def query_model() -> dict:
    """What the browser's search needs to split and match a query as Whoosh does."""
    return {"stop": stop_words(), "prefixMin": PREFIX_MIN, "minWord": MIN_WORD}


def prefix_stems(index: Index, word: str) -> list[str]:
    """The stems of the corpus word forms the word begins (the word itself included), sorted."""
    return sorted({stem for form, stem in index.forms.items() if form.startswith(word)})


def stems_for_word(index: Index, word: str) -> list[str]:
    """The stems a query word stands for: its Whoosh stem when some entry has it; otherwise, for a
    word of PREFIX_MIN letters or more, the stems of the corpus forms it begins (a half-typed word)."""
    stem = porter_stem(word)
    if stem in index.stems:
        return [stem]
    return prefix_stems(index, word) if len(word) >= PREFIX_MIN else []


def span_stems(index: Index, span: list[str], extra: list[str]) -> list[str]:
    """The stems of one span of everyday_spans, sorted: a phrase stands for its targets' stems
    (``extra``); a word for its own stem and its targets' stems. The prefix fallback is only for a
    word that would otherwise find nothing: its stem is in no entry and it is no everyday word."""
    if len(span) > 1:
        return sorted(extra)
    stem = porter_stem(span[0])
    if stem in index.stems:
        return sorted({stem} | set(extra))
    return sorted(extra) if extra else stems_for_word(index, span[0])


def word_queries(index: Index, text: str, everyday: dict | None = None) -> tuple[list, list[str]]:
    """One Whoosh query for each query word or everyday phrase (an Or of its stems in every field),
    and the words that match nothing in the corpus. ``everyday``: everyday_forms(...); a word or
    phrase in it also stands for its target's stems."""
    parts, missing = [], []
    words = [word for word in words_of(text) if not is_stop_word(word)]  # the analyser drops stop words
    for span, extra in everyday_spans(words, everyday or {}):
        stems = span_stems(index, span, extra)
        if stems:
            parts.append(query.Or([query.Term(name, stem) for stem in stems for name in TEXT_FIELDS]))
        else:
            missing.extend(span)
    return parts, missing


def build_query(index: Index, text: str, everyday: dict | None = None):
    """The Whoosh query for an entry with every word, or None when some word matches nothing in the corpus."""
    parts, missing = word_queries(index, text, everyday)
    if missing or not parts:
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


def search(
    index: Index, text: str, limit: int | None = 10, everyday: dict | None = None, some: bool = True, **filters
) -> list[tuple[int, float]]:
    """(docnum, score) in Whoosh's rank order; ``everyday``: everyday_forms(...), to expand everyday words.

    The entries with every word come first and alone. When no entry has them all, or a word matches
    nothing at all, the entries with some of the words (``search_some``), unless ``some`` is False:
    "help for farmers uk" then finds the farmers' services although no entry says "uk"."""
    q = build_query(index, text, everyday)
    ranked = []
    if q is not None:
        with index.searcher() as searcher:
            # Whoosh's top-N collector can drop matching documents from a limited
            # search (seen with And of Ors); ranking every match is exact.
            results = searcher.search(q, limit=None, filter=filter_query(**filters))
            ranked = [(index.docnum(hit), hit.score) for hit in results]
        ranked.sort(key=lambda pair: (-pair[1], pair[0]))  # equal scores: the lower docnum first, as search.js does
    if not ranked and some:
        ranked = search_some(index, text, everyday, **filters)
    return ranked[:limit] if limit else ranked


def search_some(index: Index, text: str, everyday: dict | None = None, **filters) -> list[tuple[int, float]]:
    """The entries with some of the query's words, for when none has them all: the most words first,
    then by score (each word's Whoosh score, added in the query's order), then by docnum, as
    search-engine.js ranks them. Nothing unless two words or more match something: "samaritns helpline"
    then gets "Did you mean samaritans helpline?" rather than every helpline."""
    words: dict[int, int] = {}
    scores: dict[int, float] = {}
    parts, _missing = word_queries(index, text, everyday)
    if len(parts) < 2:  # one known word ("samaritns helpline", "i want to dye"): nothing, and Did you mean
        return []
    with index.searcher() as searcher:
        for part in parts:
            for hit in searcher.search(part, limit=None, filter=filter_query(**filters)):
                doc = index.docnum(hit)
                scores[doc] = scores[doc] + hit.score if doc in scores else hit.score
                words[doc] = words.get(doc, 0) + 1
    return [(doc, scores[doc]) for doc in sorted(scores, key=lambda doc: (-words[doc], -scores[doc], doc))]


def stem_scores(index: Index) -> dict[str, list[tuple[int, float]]]:
    """For every stem: Whoosh's BM25F score of each entry containing it, summed over the fields.

    This is what Whoosh computes for a one-stem query over all fields (an Or of
    Terms): each posting is scored by Whoosh's own scorer for that field and
    term, from the posting's weight and the entry's field length. The lengths
    are read once per field, and a scorer's result is remembered for each
    (weight, length) pair, which repeat a great deal.
    """
    out: dict[str, dict[int, float]] = {}
    with index.searcher() as searcher:
        reader = searcher.reader()
        count = reader.doc_count_all()
        docnums = {number: index.docnum(stored) for number, stored in reader.iter_docs()}
        for name in TEXT_FIELDS:
            # what WeightLengthScorer.dfl reads: the field length, 1 when absent
            lengths = [searcher.doc_field_length(number, name, 1) for number in range(count)]
            for raw in reader.lexicon(name):
                stem = raw.decode("utf-8") if isinstance(raw, bytes) else raw
                scorer = searcher.weighting.scorer(searcher, name, stem)
                memo: dict[tuple[float, int], float] = {}
                scores = out.setdefault(stem, {})
                matcher = reader.postings(name, stem)
                while matcher.is_active():
                    number = matcher.id()
                    key = (matcher.weight(), lengths[number])
                    value = memo.get(key)
                    if value is None:
                        value = memo[key] = scorer._score(*key)
                    doc = docnums[number]
                    scores[doc] = scores.get(doc, 0.0) + value
                    matcher.next()
    return {stem: sorted(scores.items()) for stem, scores in sorted(out.items())}


def related(index: Index, top: int = 3) -> dict[int, list[int]]:
    """More-like-this by topic, for every entry: Whoosh picks each entry's key terms and ranks the others.

    This is what Whoosh's Searcher.more_like does (key terms, then an Or query
    boosted by their weights). Entries with the same topics have the same key
    terms and, for any query, the same score (the same terms in a field of the
    same length), so there is one search for each distinct set of key terms, and
    it scores one entry for each distinct topics text: the others share its score.
    Equal scores rank by docnum, as everywhere.
    """
    found: dict[int, list[int]] = {}
    by_terms: dict[tuple, list[int]] = {}
    terms_of: dict[str, tuple] = {}
    alike: dict[str, list[int]] = {}  # topics text -> the docnums that have it, ascending
    for doc in index.documents:
        alike.setdefault(doc.text.get("topics", ""), []).append(doc.docnum)
    with index.searcher() as searcher:
        first: dict[str, int] = {}  # topics text -> Whoosh's number of one document that has it
        for number, stored in searcher.reader().iter_docs():
            first.setdefault(index.documents[index.docnum(stored)].text.get("topics", ""), number)
        text_of = {number: text for text, number in first.items()}
        one_each = set(text_of)
        for doc in index.documents:
            text = doc.text.get("topics", "")
            if text not in terms_of:
                terms_of[text] = tuple(searcher.key_terms_from_text("topics", text, numterms=5)) if text.strip() else ()
            key_terms = terms_of[text]
            if not key_terms:
                found[doc.docnum] = []
                continue
            if key_terms not in by_terms:
                q = query.Or([query.Term("topics", term, boost=weight) for term, weight in key_terms])
                hits = sorted(
                    ((hit.score, text_of[hit.docnum]) for hit in searcher.search(q, limit=None, filter=one_each)), key=lambda pair: -pair[0]
                )
                ranked: list[int] = []
                for _score, same in groupby(hits, key=lambda pair: pair[0]):
                    ranked.extend(sorted(d for _, text in same for d in alike[text]))
                    if len(ranked) > top:
                        break
                by_terms[key_terms] = ranked[: top + 1]
            found[doc.docnum] = [d for d in by_terms[key_terms] if d != doc.docnum][:top]
    return found


TITLE_SIMILARITY = 0.8


def similar_titles(titles: list[str], threshold: float = TITLE_SIMILARITY) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of titles that Whoosh finds alike in both directions.

    Each title is a query over an index of the titles; the similarity of j to i
    is j's BM25F score for i's query divided by i's score for its own query, and
    a pair counts when both directions reach the threshold.
    """
    ix = RamStorage().create_index(fields.Schema(n=fields.NUMERIC(stored=True), title=fields.TEXT(analyzer=_analyzer(), phrase=False)))
    writer = ix.writer()
    for n, title in enumerate(titles):
        writer.add_document(n=n, title=title)
    writer.commit()
    ratio: dict[tuple[int, int], float] = {}
    with ix.searcher(weighting=BM25F()) as searcher:
        for i, title in enumerate(titles):
            stems = sorted({t.text for t in _analyzer()(title)})
            if not stems:
                continue
            hits = {hit["n"]: hit.score for hit in searcher.search(query.Or([query.Term("title", s) for s in stems]), limit=None)}
            own = hits.get(i)
            if not own:
                continue
            for j, score in hits.items():
                if j != i:
                    ratio[(i, j)] = score / own
    return sorted((i, j) for (i, j), r in ratio.items() if i < j and r >= threshold and ratio.get((j, i), 0) >= threshold)


# -- Crisis phrases (data/crisis_phrases.yaml) ---------------------------------------------------
# The build turns each phrase into, for each of its words, the forms that count as it; search.js
# and `invoke search` then match a query against the same lists (meta.js's "crisis"), by the same
# rule (is_crisis here, isCrisis there).

FUZZY_MIN = 5  # words of this many letters or more may have one wrong, missing or extra letter
SUFFIXES = ("s", "es", "d", "ed", "ing", "al", "ly")
_APOSTROPHES = re.compile("['\u2019]")


def crisis_words(text: str) -> list[str]:
    """The words of a query or phrase, lower case, without apostrophes ("can't" -> "cant")."""
    return words_of(_APOSTROPHES.sub("", text))


def forms_of(word: str, by_stem: dict[str, set[str]]) -> list[str]:
    """The forms with the word's Whoosh stem: the word, the corpus forms sharing its stem (``by_stem``),
    and the word with a common ending that keeps it."""
    stem = porter_stem(word)
    endings = {word + ending for ending in SUFFIXES if len(word) > 3 and porter_stem(word + ending) == stem}
    return sorted({word} | endings | by_stem.get(stem, set()))


def crisis_forms(phrases: dict[str, list[str]], corpus_forms: dict[str, str]) -> dict[str, list[list[list[str]]]]:
    """Each language's phrases as, for each word, the forms with the word's Whoosh stem: the
    word itself, the corpus forms sharing its stem, and the word with a common ending that keeps it."""
    by_stem: dict[str, set[str]] = {}
    for form, stem in corpus_forms.items():
        by_stem.setdefault(stem, set()).add(form)
    out = {}
    for language, items in sorted(phrases.items()):
        out[language] = []
        for phrase in items:
            words = []
            for word in crisis_words(phrase):
                words.append(forms_of(word, by_stem))
            if words:
                out[language].append(words)
    return out


def one_edit_or_less(a: str, b: str) -> bool:
    """Whether b is a with at most one letter changed, left out or added."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


def word_matches(word: str, forms: list[str]) -> bool:
    if word in forms:
        return True
    return len(word) >= FUZZY_MIN and any(len(form) >= FUZZY_MIN and one_edit_or_less(word, form) for form in forms)


def is_crisis(text: str, crisis: dict[str, list[list[list[str]]]]) -> bool:
    """Whether the text holds one of the phrases (crisis_forms), its words in order, side by side."""
    words = crisis_words(text)
    for phrases in crisis.values():
        for phrase in phrases:
            for start in range(len(words) - len(phrase) + 1):
                if all(word_matches(words[start + i], forms) for i, forms in enumerate(phrase)):
                    return True
    return False


# -- Everyday words (data/everyday_words.yaml) ----------------------------------------------------
# The build turns each word or phrase into, for each of its words, the forms that count as it, with
# the stems of its target (a topic or audience value); search.js and `invoke search` then group a
# query's words by the same rule (everyday_spans here, everydaySpans there).


def everyday_forms(mappings: dict[str, dict[str, list[str]]], corpus_forms: dict[str, str]) -> dict[str, list]:
    """Each language's mappings as [[forms of each word], [the target's stems]], in the file's order.

    The target's stems are those of its value's words ("young-people": young, peopl) that the corpus
    has; a mapping whose target has none, or whose words are all stop words, is left out."""
    by_stem: dict[str, set[str]] = {}
    for form, stem in corpus_forms.items():
        by_stem.setdefault(stem, set()).add(form)
    corpus_stems = set(corpus_forms.values())
    out = {}
    for language, targets in sorted(mappings.items()):
        out[language] = []
        for target, phrases in targets.items():
            stems = sorted({porter_stem(w) for w in words_of(target.replace("-", " ")) if not is_stop_word(w)} & corpus_stems)
            for phrase in phrases:
                words = [w for w in words_of(phrase) if not is_stop_word(w)]
                if words and stems:
                    out[language].append([[forms_of(w, by_stem) for w in words], stems])
    return out


def everyday_spans(words: list[str], everyday: dict[str, list]) -> list[tuple[list[str], list[str]]]:
    """The query's words (stop words left out) as (span of words, extra stems), left to right.

    At each word, the longest everyday phrase whose words come there side by side makes one span,
    with the stems of every phrase of that length that matches; any other word is a span of its own
    with no extra stems. A one-word span keeps its own stems too; a longer one stands for its targets."""
    phrases = [phrase for language in sorted(everyday) for phrase in everyday[language]]
    spans, i = [], 0
    while i < len(words):
        longest, extra = 1, set()
        for forms, stems in phrases:
            n = len(forms)
            if n < longest or i + n > len(words):
                continue
            if all(words[i + k] in forms[k] for k in range(n)):
                if n > longest or not extra:
                    longest, extra = n, set()
                extra |= set(stems)
        spans.append((words[i : i + longest], sorted(extra)))
        i += longest
    return spans
