"""Everything Signpost asks of Whoosh, in the one module that imports it.

The query model, shared with the browser (theme/static/js/search-engine.js):
- the query is split into words by the analyser's tokenizer and lower-cased
  (in a language other than English, its accents are also taken off: Analysis);
- each word is stemmed with Whoosh's Porter stemmer, as the StemmingAnalyzer
  stems it (the browser has the same stemmer: theme/static/js/stem.js), and
  stands for that stem (in another language, the word stands for itself: no
  stemming); only when no entry has the stem, a word of PREFIX_MIN
  letters or more stands for the stems of the corpus word forms it begins (a
  half-typed word), and an everyday word stands for its target's stems;
- a word matches an entry when any of its stems is in any field (an Or); every
  word must match (an And); the score is Whoosh's BM25F, summed.
Because the browser stems alike and receives Whoosh's own per-stem scores, its
top results are Whoosh's, in the same order.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import groupby

from whoosh import fields, query
from whoosh.analysis import STOP_WORDS, Filter, LowercaseFilter, RegexTokenizer, StemmingAnalyzer, StopFilter
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.lang.porter import stem as porter_stem
from whoosh.lang.stopwords import stoplists
from whoosh.scoring import BM25F

from .documents import Document

PREFIX_MIN = 3
MIN_WORD = 2  # the analyser drops shorter words, as it drops STOP_WORDS
TEXT_FIELDS = ("title", "summary", "body", "kind", "topics", "audiences", "places", "channels", "account")
TITLE_BOOST = 3.0
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"  # the analyser's tokenizer; search.js uses the same pattern
TOKENS = re.compile(TOKEN_PATTERN)


def _analyzer():
    """Whoosh's StemmingAnalyzer: our token pattern, lower case, no stop words or one-letter words, Porter stems."""
    return StemmingAnalyzer(expression=TOKEN_PATTERN, minsize=MIN_WORD)


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    """A word without its accents: decomposed (Unicode NFD), every mark dropped. "déprimé" -> "deprime",
    "daño" -> "dano". The browser does the same in one line (fold in stem.js); Whoosh's own accent_map
    is a table of 707 characters of its own choosing, which the browser would need too. (Kept for each
    word once: a corpus repeats its words.)"""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.category(c).startswith("M"))


@cache
def folded_stop_words(language: str) -> frozenset:
    """The stop words of a tree that folds: Whoosh's list for the language and the English one, folded."""
    return frozenset(fold(w) for w in STOP_WORDS | stoplists.get(language.split("_", maxsplit=1)[0], frozenset()))


class FoldFilter(Filter):
    """Whoosh filter: each token without its accents (fold)."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


@dataclass(frozen=True)
class Analysis:
    """How one language's tree splits its text and its queries into the words Whoosh indexes.

    English: Whoosh's StemmingAnalyzer (Porter stems, Whoosh's English stop words), as ever. Every other
    language: accent folding and no stemming, so that "deprime" finds "déprimé" and the browser's twin
    stays one line; the stop words are Whoosh's list for the language (Snowball's) and the English ones,
    since an entry with no translation shows its English text there. Stop words are judged folded."""

    language: str = "en"

    @property
    def folds(self) -> bool:
        return self.language != "en"

    @property
    def stop(self) -> frozenset:
        return folded_stop_words(self.language) if self.folds else STOP_WORDS

    def analyzer(self):
        if not self.folds:
            return _analyzer()
        return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | FoldFilter() | StopFilter(stoplist=self.stop, minsize=MIN_WORD)

    def words(self, text: str) -> list[str]:
        """words_of, folded in a language that folds."""
        words = words_of(text)
        return [fold(w) for w in words] if self.folds else words

    def stem(self, word: str) -> str:
        """What a (folded) query word stands for: its Porter stem in English, itself elsewhere."""
        return word if self.folds else porter_stem(word)

    def is_stop(self, word: str) -> bool:
        return word in self.stop or len(word) < MIN_WORD


ENGLISH = Analysis()


def schema(analysis: Analysis = ENGLISH) -> fields.Schema:
    text = dict(analyzer=analysis.analyzer(), phrase=False)
    return fields.Schema(
        key=fields.ID(stored=True),  # Document.id; the Index maps it to the docnum
        title=fields.TEXT(field_boost=TITLE_BOOST, **text),
        summary=fields.TEXT(**text),
        body=fields.TEXT(**text),
        kind=fields.TEXT(**text),
        topics=fields.TEXT(**text),
        audiences=fields.TEXT(**text),
        places=fields.TEXT(**text),
        channels=fields.TEXT(**text),
        account=fields.TEXT(**text),
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
    analysis: Analysis = ENGLISH  # the language's words: stemmed (English) or folded
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


def build(documents: list[Document], analysis: Analysis = ENGLISH) -> Index:
    """Index the documents (numbered 0, 1, 2... in this order) in memory; also collect every
    word form of the corpus with its stem, and how often each form occurs. In a language that
    folds accents, the word forms are folded too (the browser folds a query's words first)."""
    folder = tempfile.mkdtemp(prefix="signpost-whoosh-")
    ix = InMemory(folder).create_index(schema(analysis))
    frequencies: Counter = Counter()
    try:
        with ix.writer() as writer:
            for doc in documents:
                # composed (NFC), as queries are (words_of, and wordsOf in the browser): an accent typed as a
                # separate mark would otherwise split a word in Whoosh's tokenizer, and not in the browser's
                text = {name: unicodedata.normalize("NFC", doc.text.get(name, "")) for name in TEXT_FIELDS}
                frequencies.update(analysis.words(" ".join(text.values())))
                writer.add_document(key=doc.id, **text)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    analyzer = analysis.analyzer()
    forms = {}
    for form in frequencies:
        stems = [t.text for t in analyzer(form)]
        if stems:  # stop words have no stem
            forms[form] = stems[0]
    numbers = {doc.id: number for number, doc in enumerate(documents)}
    for doc in documents:
        doc.docnum = numbers[doc.id]
    return Index(ix, documents, forms, dict(frequencies), folder, numbers, analysis)


def index_data(index: Index) -> dict:
    """What the browser needs from an index, as plain data."""
    return {"forms": index.forms, "frequencies": index.frequencies, "scores": stem_scores(index), "query": query_model(index.analysis)}


def words_of(text: str) -> list[str]:
    """The words of a text as the analyser's tokenizer splits it (Whoosh's RegexTokenizer finds the
    same matches of the same pattern), lower case. The text is first composed (Unicode NFC), as the
    indexed text is (build) and the browser's query is (wordsOf): "café" typed with a
    separate accent is the same word as "café"."""
    return [word.lower() for word in TOKENS.findall(unicodedata.normalize("NFC", text))]


def is_stop_word(word: str) -> bool:
    return word in STOP_WORDS or len(word) < MIN_WORD


def stop_words() -> list[str]:
    return sorted(STOP_WORDS)


def query_model(analysis: Analysis = ENGLISH) -> dict:
    """What the browser's search needs to split and match a query as Whoosh does ("fold": take the
    accents off each word and do not stem it, in a language other than English)."""
    if analysis.folds:
        return {"stop": sorted(analysis.stop), "prefixMin": PREFIX_MIN, "minWord": MIN_WORD, "fold": True}
    return {"stop": stop_words(), "prefixMin": PREFIX_MIN, "minWord": MIN_WORD}


def prefix_stems(index: Index, word: str) -> list[str]:
    """The stems of the corpus word forms the word begins (the word itself included), sorted."""
    return sorted({stem for form, stem in index.forms.items() if form.startswith(word)})


def stems_for_word(index: Index, word: str) -> list[str]:
    """The stems a query word stands for: its Whoosh stem when some entry has it; otherwise, for a
    word of PREFIX_MIN letters or more, the stems of the corpus forms it begins (a half-typed word)."""
    stem = index.analysis.stem(word)
    if stem in index.stems:
        return [stem]
    return prefix_stems(index, word) if len(word) >= PREFIX_MIN else []


def span_stems(index: Index, span: list[str], extra: list[str]) -> list[str]:
    """The stems of one span of everyday_spans, sorted: a phrase stands for its targets' stems
    (``extra``); a word for its own stem and its targets' stems. The prefix fallback is only for a
    word that would otherwise find nothing: its stem is in no entry and it is no everyday word."""
    if len(span) > 1:
        return sorted(extra)
    stem = index.analysis.stem(span[0])
    if stem in index.stems:
        return sorted({stem} | set(extra))
    return sorted(extra) if extra else stems_for_word(index, span[0])


def word_queries(index: Index, text: str, everyday: dict | None = None) -> tuple[list, list[str]]:
    """One Whoosh query for each query word or everyday phrase (an Or of its stems in every field),
    and the words that match nothing in the corpus. ``everyday``: everyday_forms(...); a word or
    phrase in it also stands for its target's stems."""
    parts, missing = [], []
    words = [word for word in index.analysis.words(text) if not index.analysis.is_stop(word)]  # the analyser drops stop words
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


def search(index: Index, text: str, limit: int | None = 10, everyday: dict | None = None, some: bool = True) -> list[tuple[int, float]]:
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
            results = searcher.search(q, limit=None)
            ranked = [(index.docnum(hit), hit.score) for hit in results]
        ranked.sort(key=lambda pair: (-pair[1], pair[0]))  # equal scores: the lower docnum first, as search.js does
    if not ranked and some:
        ranked = search_some(index, text, everyday)
    return ranked[:limit] if limit else ranked


def search_some(index: Index, text: str, everyday: dict | None = None) -> list[tuple[int, float]]:
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
            for hit in searcher.search(part, limit=None):
                doc = index.docnum(hit)
                scores[doc] = scores[doc] + hit.score if doc in scores else hit.score
                words[doc] = words.get(doc, 0) + 1
    return [(doc, scores[doc]) for doc in sorted(scores, key=lambda doc: (-words[doc], -scores[doc], doc))]


def stem_scores(index: Index) -> dict[str, list[tuple[int, float]]]:
    """For every stem: Whoosh's BM25F score of each entry containing it, summed over the fields.

    This is what Whoosh computes for a one-stem query over all fields (an Or of
    Terms, whose score is the sum of its terms' scores).
    """
    out: dict[str, dict[int, float]] = {}
    with index.searcher() as searcher:
        docnums = {number: index.docnum(stored) for number, stored in searcher.reader().iter_docs()}
        for name in TEXT_FIELDS:
            for stem, postings in posting_scores(searcher, name).items():
                scores = out.setdefault(stem, {})
                for number, score in postings:
                    scores[docnums[number]] = scores.get(docnums[number], 0.0) + score
    return {stem: sorted(scores.items()) for stem, scores in sorted(out.items())}


def posting_scores(searcher, name: str) -> dict[str, list[tuple[int, float]]]:
    """For every stem of the field: (Whoosh's document number, Whoosh's score) of each document holding it,
    as a one-term query on the field scores it (the searcher's weighting, BM25F here)."""
    out = {}
    reader = searcher.reader()
    for stem in reader.field_terms(name):
        scorer = searcher.weighting.scorer(searcher, name, stem)
        matcher = reader.postings(name, stem)
        out[stem] = []
        while matcher.is_active():
            out[stem].append((matcher.id(), scorer.score(matcher)))
            matcher.next()
    return out


def related(index: Index, top: int = 3) -> dict[int, list[int]]:
    """More-like-this by topic, for every entry: Whoosh picks each entry's key terms and ranks the others.

    This is what Whoosh's Searcher.more_like does (key terms, then an Or query
    boosted by their weights), over the topics field. Entries with the same topics
    have the same key terms and, for any query, the same score (the same terms in
    a field of the same length): so there is one search for each distinct topics
    text, and it scores one entry for each (the others share its score). Equal
    scores rank by docnum, as everywhere.
    """
    alike: dict[str, list[int]] = {}  # topics text -> the docnums that have it, ascending
    for doc in index.documents:
        alike.setdefault(doc.text.get("topics", ""), []).append(doc.docnum)
    found: dict[int, list[int]] = {}
    with index.searcher() as searcher:
        first: dict[str, int] = {}  # topics text -> Whoosh's number of one document that has it
        for number, stored in searcher.reader().iter_docs():
            first.setdefault(index.documents[index.docnum(stored)].text.get("topics", ""), number)
        text_of = {number: text for text, number in first.items()}
        for text, docnums in alike.items():
            key_terms = searcher.key_terms_from_text("topics", text, numterms=5) if text.strip() else []
            ranked: list[int] = []
            if key_terms:
                q = query.Or([query.Term("topics", term, boost=weight) for term, weight in key_terms])
                hits = searcher.search(q, limit=None, filter=set(text_of))
                hits = sorted(((hit.score, text_of[hit.docnum]) for hit in hits), key=lambda pair: -pair[0])
                for _score, same in groupby(hits, key=lambda pair: pair[0]):
                    ranked.extend(sorted(d for _, other in same for d in alike[other]))
                    if len(ranked) > top:
                        break
            for docnum in docnums:
                found[docnum] = [d for d in ranked if d != docnum][:top]
    return found


TITLE_SIMILARITY = 0.8


def similar_titles(titles: list[str], threshold: float = TITLE_SIMILARITY) -> list[tuple[int, int]]:
    """Pairs (i, j), i < j, of titles that Whoosh finds alike in both directions.

    Each title is a query over an index of the titles (an Or of its stems); the
    similarity of j to i is j's BM25F score for i's query divided by i's score for
    its own query, and a pair counts when both directions reach the threshold.
    The scores are Whoosh's for each stem (posting_scores), summed as the Or query
    sums them: one pass over the index, where a search for each title made the
    work grow with the square of the number of entries.
    """
    folder = tempfile.mkdtemp(prefix="signpost-whoosh-titles-")
    try:
        ix = InMemory(folder).create_index(
            fields.Schema(n=fields.NUMERIC(stored=True), title=fields.TEXT(analyzer=_analyzer(), phrase=False))
        )
        with ix.writer() as writer:
            for n, title in enumerate(titles):
                writer.add_document(n=n, title=title)
        with ix.searcher(weighting=BM25F()) as searcher:
            n_of = {number: stored["n"] for number, stored in searcher.reader().iter_docs()}
            postings = {stem: [(n_of[number], score) for number, score in row] for stem, row in posting_scores(searcher, "title").items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    analyzer = _analyzer()
    alike: set[tuple[int, int]] = set()  # (i, j): j is alike to i, in that direction
    for i, title in enumerate(titles):
        scores: dict[int, float] = {}
        for stem in sorted({t.text for t in analyzer(title)}):
            for j, score in postings.get(stem, ()):
                scores[j] = scores.get(j, 0.0) + score
        own = scores.get(i)
        if own:
            alike.update((i, j) for j, score in scores.items() if j != i and score / own >= threshold)
    return sorted((i, j) for i, j in alike if i < j and (j, i) in alike)


# -- Crisis phrases (data/crisis_phrases.yaml) ---------------------------------------------------
# The build turns each phrase into, for each of its words, the forms that count as it; search.js
# and `invoke search` then match a query against the same lists (meta.js's "crisis"), by the same
# rule (is_crisis here, isCrisis there).

FUZZY_MIN = 5  # words of this many letters or more may have one wrong, missing or extra letter
SUFFIXES = ("s", "es", "d", "ed", "ing", "al", "ly")
_APOSTROPHES = re.compile("['\u2019]")


def crisis_words(text: str, analysis: Analysis = ENGLISH) -> list[str]:
    """The words of a query or phrase, lower case, without apostrophes ("can't" -> "cant"); folded
    in a language that folds (Analysis.words)."""
    return analysis.words(_APOSTROPHES.sub("", text))


def forms_of(word: str, by_stem: dict[str, set[str]]) -> list[str]:
    """The forms with the word's Whoosh stem: the word, the corpus forms sharing its stem (``by_stem``),
    and the word with a common ending that keeps it."""
    stem = porter_stem(word)
    endings = {word + ending for ending in SUFFIXES if len(word) > 3 and porter_stem(word + ending) == stem}
    return sorted({word} | endings | by_stem.get(stem, set()))


def forms_by_stem(corpus_forms: dict[str, str], analysis: Analysis = ENGLISH) -> dict[str, set[str]]:
    """The corpus word forms grouped by their Porter stem, for forms_of: in English the index's own
    stems; in a language that folds, the (folded) forms' Porter stems, so that a phrase there still
    counts its plural and other forms ("suicidaires" for "suicidaire", "killing" for "kill")."""
    by_stem: dict[str, set[str]] = {}
    for form, stem in corpus_forms.items():
        by_stem.setdefault(porter_stem(form) if analysis.folds else stem, set()).add(form)
    return by_stem


def crisis_forms(
    phrases: dict[str, list[str]], corpus_forms: dict[str, str], analysis: Analysis = ENGLISH
) -> dict[str, list[list[list[str]]]]:
    """Each language's phrases as, for each word, the forms with the word's Whoosh stem: the
    word itself, the corpus forms sharing its stem, and the word with a common ending that keeps it.
    Every language's phrases count on every tree; in a language that folds, they are folded."""
    by_stem = forms_by_stem(corpus_forms, analysis)
    out = {}
    for language, items in sorted(phrases.items()):
        out[language] = []
        for phrase in items:
            words = []
            for word in crisis_words(phrase, analysis):
                words.append(forms_of(word, by_stem))
            if words and words not in out[language]:  # folded, "mettre fin à mes jours" is "... a mes jours"
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


def is_crisis(text: str, crisis: dict[str, list[list[list[str]]]], analysis: Analysis = ENGLISH) -> bool:
    """Whether the text holds one of the phrases (crisis_forms), its words in order, side by side."""
    words = crisis_words(text, analysis)
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


def everyday_forms(
    mappings: dict[str, dict[str, list[str]]],
    corpus_forms: dict[str, str],
    analysis: Analysis = ENGLISH,
    labels: dict[str, str] | None = None,
) -> dict[str, list]:
    """The mappings of the analysis's language (its section of data/everyday_words.yaml) as
    {language: [[forms of each word], [the target's stems]]}, in the file's order.

    The target's stems are those of its value's words ("young-people": young, peopl) that the corpus
    has; a mapping whose target has none, or whose words are all stop words, is left out. In another
    language's tree they are also those of the target's label there (``labels``: value -> label, as
    rules.target_labels gives them: "young-people" -> "Jeunes"), so that "ado" finds the entries whose
    French text says "jeunes" as well as the English ones that say "young people"."""
    by_stem = forms_by_stem(corpus_forms, analysis)
    corpus_stems = set(corpus_forms.values())
    language = analysis.language
    out = {language: []}
    for target, phrases in mappings.get(language, {}).items():
        text = target.replace("-", " ")
        if analysis.folds and labels:
            text += " " + labels.get(target, "")
        stems = sorted({analysis.stem(w) for w in analysis.words(text) if not analysis.is_stop(w)} & corpus_stems)
        for phrase in phrases:
            words = [w for w in analysis.words(phrase) if not analysis.is_stop(w)]
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
