"""The directory's search, as rules: how entries are indexed (with Whoosh, through whoosh_index.py), which
entries each filter lets through, how a query's results are ranked (rank), the crisis lines a crisis query
puts first, and the data files the search reads (crisis phrases, everyday words, place names).

Pure functions, shared by the build (the pipeline indexes the entries; generator.py writes the static index
and the search page), `invoke search`, and the tests that hold the browser's search to the same rules.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from entries.places import region_ancestors, region_name

from .documents import document, flags_of, key_contact, searchable

RELATED = 3
# Related entries: Whoosh ranks this many by topic, then prefer_same_place keeps RELATED of them.
RELATED_POOL = 20


def record_time(stage: str, seconds: float) -> None:
    """For `invoke bench search`: append how long the build spent on a stage of search to the file named by SIGNPOST_TIMINGS."""
    target = os.environ.get("SIGNPOST_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"stage": stage, "seconds": seconds}) + "\n")


def build_index(entries, vocab, language: str = "en"):
    """(Index, the entries in docnum order) for the entries that can be found, in the words of
    ``language``'s tree (whoosh_index.Analysis): ``entries`` as that tree shows them
    (Directory.in_language), ``vocab`` with its labels in that language."""
    # docnums break ties, so the build and `invoke search` must number entries alike
    from . import whoosh_index

    found = sorted(searchable(entries), key=lambda e: e.relative_path)
    names = other_place_names()
    documents = [document(i, e, vocab, names, language) for i, e in enumerate(found)]
    return whoosh_index.build(documents, whoosh_index.Analysis(language)), found


@dataclass
class SearchIndex:
    """The search index of one build, made by the pipeline (pipeline/directory.py) once every
    entry is read; the SearchGenerator writes it."""

    found: list  # the searchable entries in docnum order (by path, as `invoke search` numbers them)
    data: dict  # what the static index needs from Whoosh (whoosh_index.index_data)


def index_entries(entries, vocab) -> SearchIndex:
    """Index the entries with Whoosh, give each its related entries (up to three, as ``entry.related``),
    and keep what the static index needs; the Whoosh index itself is then closed."""
    from . import whoosh_index

    started = time.perf_counter()
    index, found = build_index(entries, vocab)
    try:
        for docnum, others in whoosh_index.related(index, top=RELATED_POOL).items():
            entry = found[docnum]
            entry.related = prefer_same_place(entry, [found[d] for d in others], RELATED)
        data = whoosh_index.index_data(index)
    finally:
        index.close()
    record_time("index", time.perf_counter() - started)
    return SearchIndex(found, data)


def index_language(entries, vocab, language: str) -> SearchIndex:
    """The search index of one language's tree: its entries as it shows them (Directory.in_language),
    its vocabulary labels, its analysis (whoosh_index.Analysis). Related entries are not worked out
    again: index_entries gave every entry its related entries once."""
    from . import whoosh_index

    started = time.perf_counter()
    index, found = build_index(entries, vocab, language)
    try:
        data = whoosh_index.index_data(index)
    finally:
        index.close()
    record_time(f"index {language}", time.perf_counter() - started)
    return SearchIndex(found, data)


def prefer_same_place(entry, ranked: list, keep: int = RELATED) -> list:
    """Related entries: those that reach where ``entry`` does (a country in common, or worldwide;
    for a worldwide entry, any) first, in Whoosh's order, then the others; ``keep`` of them."""
    countries = set(entry.countries)

    def near(other) -> bool:
        return entry.worldwide or other.worldwide or bool(countries & set(other.countries))

    return ([e for e in ranked if near(e)] + [e for e in ranked if not near(e)])[:keep]


def listing_order(found: list) -> list[int]:
    """Docnums in the order a search with filters and no words lists them: the crisis lines first,
    then every other entry, each by title as a reader sorts (case ignored; the slug breaks ties)."""
    return sorted(range(len(found)), key=lambda d: (found[d].kind != "crisis-helpline", found[d].title.casefold(), found[d].slug))


def region_country(code: str) -> str:
    """GB-SCT -> GB"""
    return code.split("-", 1)[0]


def in_region(entry, region: str) -> bool:
    """Whether an entry serves ``region`` (ISO 3166-2): it names the region or one that holds it
    (GB-ENG holds GB-CMA), or it covers the region's whole country (names the country and no region
    of it), or it is worldwide, as the country filter counts worldwide entries."""
    if entry.worldwide or set(region_ancestors(region)) & set(entry.regions):
        return True
    country = region_country(region)
    return country in entry.countries and not any(region_country(r) == country for r in entry.regions)


def search_regions(found: list) -> list[str]:
    """The regions entries name (and the regions that hold them), for the region filter."""
    return sorted({code for e in found for r in e.regions for code in region_ancestors(r)})


def search_facets(found: list) -> dict[str, dict[str, list[int]]]:
    """For each filter, each value's entries (docnums): written to search/f.js for search-filters.js,
    and read by `invoke search` (allowed_docnums), so both filter alike. "region" already holds the
    national and worldwide entries; "country" does not (the browser adds "worldwide")."""
    facets: dict[str, dict[str, list[int]]] = {
        name: {} for name in ("kind", "country", "region", "channel", "audience", "language", "flag")
    }
    regions = search_regions(found)
    for docnum, entry in enumerate(found):
        facets["kind"].setdefault(entry.kind, []).append(docnum)
        for code in entry.countries:
            facets["country"].setdefault(code, []).append(docnum)
        for code in regions:
            if in_region(entry, code):
                facets["region"].setdefault(code, []).append(docnum)
        for value in entry.channels:
            facets["channel"].setdefault(value, []).append(docnum)
        for value in entry.audiences:
            facets["audience"].setdefault(value, []).append(docnum)
        for value in entry.languages:
            facets["language"].setdefault(value, []).append(docnum)
        for value in flags_of(entry):
            facets["flag"].setdefault(value, []).append(docnum)
        if entry.cost == "free":  # not free-or-call-charges: "free" means it costs nothing at all
            facets["flag"].setdefault("free", []).append(docnum)
    return facets


# The filters as the search page's address names them, and what each looks up in search_facets.
FILTERS = ("kind", "country", "region", "channel", "audience", "language", "open", "phone_text", "free")
FLAG_FILTERS = {"open": "open-24-7", "phone_text": "without-broadband", "free": "free"}


def allowed_docnums(facets: dict, filters: dict) -> set[int] | None:
    """The entries every filter that is set lets through (None when none is set): the same rule as
    allowedDocs in search-filters.js. The country filter also lets worldwide entries through."""
    chosen = None
    for name in FILTERS:
        value = filters.get(name)
        if not value:
            continue
        if name in FLAG_FILTERS:
            docs = set(facets["flag"].get(FLAG_FILTERS[name], []))
        else:
            docs = set(facets[name].get(value, []))
            if name == "country":
                docs |= set(facets["country"].get("worldwide", []))
        chosen = docs if chosen is None else chosen & docs
    return chosen


def place_words(found: list, language: str = "en") -> dict[str, list[list[str]]]:
    """The places a query can name (written into meta.js as "places"): each country an entry serves, by
    its name and its other names (data/place_names.yaml), and each region an entry names (and the regions
    holding it), by its name; each name as its lower-case words. {"AU": [["australia"]], "GB": [["united",
    "kingdom"], ["uk"], ...], "GB-NIR": [["northern", "ireland"]]}. In another language's tree, a
    country is also named as that language names it (documents.country_names), and every name is
    folded as the tree's words are ("etats", "unis")."""
    from .documents import country_names
    from .whoosh_index import Analysis

    words_of = Analysis(language).words
    other_names = other_place_names()
    places: dict[str, list[str]] = {}
    for code in sorted({c for e in found for c in e.countries if c != "worldwide"}):
        places[code] = [*country_names(code, language), *other_names.get(code, [])]
    for code in search_regions(found):
        places[code] = [region_name(code)]
    return {code: [words_of(name) for name in names if words_of(name)] for code, names in places.items()}


def named_places(query: str, places: dict[str, list[list[str]]], language: str = "en") -> list[str]:
    """The places a query names, left to right, each once: at each word, the longest name that starts
    there ("northern ireland" is Northern Ireland, not Ireland). The same rule as namedPlaces in
    search-engine.js."""
    from .whoosh_index import Analysis

    words, named, i = Analysis(language).words(query), [], 0
    while i < len(words):
        best, length = None, 0
        for code in sorted(places):
            for name in places[code]:
                if len(name) > length and words[i : i + len(name)] == name:
                    best, length = code, len(name)
        if best and best not in named:
            named.append(best)
        i += length or 1
    return named


def place_first(ranked: list[int], facets: dict, named: list[str]) -> list[int]:
    """The results serving a place the query names come first (those its filter would let through: the
    country's and worldwide services, or the region's, national and worldwide ones), then the others,
    each in rank order: "crisis hotline uk" lists the UK's lines before a US line whose text mentions the UK."""
    if not named:
        return ranked
    near: set[int] = set()
    for code in named:
        near |= allowed_docnums(facets, {"region" if "-" in code else "country": code}) or set()
    return [d for d in ranked if d in near] + [d for d in ranked if d not in near]


def place_country(filters: dict, named: list[str]) -> str | None:
    """The country whose crisis lines a crisis query puts first: the country filter's, else that of the
    first place the query names."""
    if filters.get("country"):
        return filters["country"]
    return region_country(named[0]) if named else None


@dataclass
class Ranked:
    """A query's results as the search page ranks them (search.js): docnums, and what the page says."""

    docs: list[int]
    crisis: bool  # the query holds a crisis phrase: the calm message, crisis lines first
    partial: bool  # no entry has every word: those with some of them, the most words first
    places: list[str]  # the places the query names (named_places), whose services come first


def rank(index, found: list, entries: list, query: str, filters: dict, crisis_words: dict, everyday: dict, places: dict) -> Ranked:
    """Every step of a search, as search.js takes them: the filters let entries through (never changing
    the order); the entries with every word, else those with some (whoosh_index.search_some); filters
    and no words list every entry they let through (listing); a place the query names, with no place
    filter, puts its services first (place_first); a crisis query puts its crisis lines first, the
    named place's when no country is chosen (crisis_first). ``crisis_words``, ``everyday``: the forms of
    whoosh_index.crisis_forms and everyday_forms; ``places``: place_words(found), as meta.js holds them."""
    from .whoosh_index import is_crisis, search, search_some

    facets = search_facets(found)
    allowed = allowed_docnums(facets, filters)

    def let_through(pairs):
        return [doc for doc, _score in pairs if allowed is None or doc in allowed]

    docs = let_through(search(index, query, limit=None, everyday=everyday, some=False))
    partial = not docs
    if partial:
        docs = let_through(search_some(index, query, everyday))
    if allowed is not None and not query.strip():
        docs, partial = listing(found, filters), False
    named = [] if filters.get("country") or filters.get("region") else named_places(query, places, index.analysis.language)
    docs = place_first(docs, facets, named)
    crisis = is_crisis(query, crisis_words, index.analysis)
    if crisis:
        docs = crisis_first(docs, crisis_docnums(entries, found, place_country(filters, named)), None)
    return Ranked(docs, crisis, partial and bool(docs), named)


def listing(found: list, filters: dict) -> list[int]:
    """A search with filters and no words: every entry the filters let through, in listing_order."""
    allowed = allowed_docnums(search_facets(found), filters)
    return [d for d in listing_order(found) if allowed is None or d in allowed]


CRISIS_PHRASES = Path(__file__).resolve().parents[2] / "data" / "crisis_phrases.yaml"


def load_crisis_phrases(path: Path = CRISIS_PHRASES) -> dict[str, list[str]]:
    """data/crisis_phrases.yaml: language -> phrases. A file in the wrong shape stops with where and how to fix it."""
    import yaml

    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise SystemExit(f"{path}: not valid YAML ({error}); fix the line it names") from None
    if not isinstance(data, dict) or not all(isinstance(v, list) and all(isinstance(p, str) for p in v) for v in data.values()):
        raise SystemExit(f"{path}: each language (such as en:) must hold a list of phrases, one '- phrase' a line")
    return {str(language): phrases for language, phrases in data.items()}


def load_language_lists(path: Path, shape: str, refusal) -> dict[str, dict[str, list[str]]]:
    """A data file of lists keyed by language, then by a key (everyday words, place names):
    ``{language: {key: [text, ...]}}``. ``shape`` says how the file should look; ``refusal(key, texts)``
    says why a key or its texts are not allowed, or None. A file that is not so stops with the line and how to fix it."""
    import yaml

    try:
        text = Path(path).read_text(encoding="utf-8")
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise SystemExit(f"{path}: not valid YAML ({error}); fix the line it names") from None
    if not isinstance(data, dict) or not all(isinstance(keyed, dict) for keyed in data.values()):
        raise SystemExit(f"{path}: {shape}")
    lines = text.splitlines()
    for keyed in data.values():
        for key, items in keyed.items():
            line = next((n for n, row in enumerate(lines, 1) if row.strip().startswith(f"{key}:")), "?")
            if not isinstance(items, list) or not all(isinstance(item, str) and item.strip() for item in items):
                raise SystemExit(f"{path}, line {line}: {key}: {shape}")
            refused = refusal(key, items)
            if refused:
                raise SystemExit(f"{path}, line {line}: {refused}")
    return {str(language): {str(key): [item.strip() for item in items] for key, items in keyed.items()} for language, keyed in data.items()}


EVERYDAY_WORDS = Path(__file__).resolve().parents[2] / "data" / "everyday_words.yaml"


def load_everyday_words(vocab, path: Path = EVERYDAY_WORDS) -> dict[str, dict[str, list[str]]]:
    """data/everyday_words.yaml: language -> topic, audience or kind value -> words and phrases, in lower case.
    A value not in data/vocabularies.yaml stops with where and how to fix it."""
    known = set(vocab.topics) | set(vocab.audiences) | set(vocab.kinds)

    def refusal(target, _words) -> str | None:
        if target in known:
            return None
        return f"{target!r} is not a topic, audience or kind in data/vocabularies.yaml; use a value listed there (such as young-people, anxiety or crisis-helpline)"

    shape = "each language (such as en:) must hold topic, audience or kind values, each with a list of words: 'anxiety: [anxious, panic]'"
    words = load_language_lists(path, shape, refusal)
    return {language: {target: [w.lower() for w in items] for target, items in targets.items()} for language, targets in words.items()}


def target_labels(vocab) -> dict[str, str]:
    """Each topic, audience and kind (what an everyday word can stand for) -> its label in ``vocab``:
    a tree's vocabularies, as its pages show them (whoosh_index.everyday_forms)."""
    return {**vocab.kinds, **vocab.audiences, **vocab.topics}


PLACE_NAMES = Path(__file__).resolve().parents[2] / "data" / "place_names.yaml"


def load_place_names(path: Path = PLACE_NAMES) -> dict[str, dict[str, list[str]]]:
    """data/place_names.yaml: language -> country code -> other names people type for it, one word each:
    every word goes into the entries' places text and matches alone ("Great Britain" would make "great"
    find every UK service)."""
    import pycountry

    from .whoosh_index import words_of

    def refusal(code, names: list[str]) -> str | None:
        if not isinstance(code, str) or pycountry.countries.get(alpha_2=code) is None:
            return f"{code!r} is not a country code; use the two-letter ISO 3166-1 code that entries write in countries: (such as GB, US or NZ)"
        for name in names:
            if len(words_of(name)) != 1:
                return f"{code}: {name!r} is more than one word, and each word would match alone (a search for 'great' would find every service there); list one-word names, such as 'Britain'"
        return None

    shape = "each language (such as en:) must hold country codes, each with a list of names: 'GB: [UK, Britain]'"
    return load_language_lists(path, shape, refusal)


def other_place_names(path: Path = PLACE_NAMES) -> dict[str, list[str]]:
    """Country code -> the other names of every language in data/place_names.yaml, for each entry's
    places text and the place names a query can use."""
    out: dict[str, list[str]] = {}
    for codes in load_place_names(path).values():
        for code, listed in codes.items():
            out.setdefault(code, []).extend(listed)
    return out


def lines_open_now(entries, code: str) -> list:
    """The crisis lines open 24/7 for ``code`` ("worldwide": those serving every country),
    in Get help now's order (entries.emergency.help_lines)."""
    from entries.emergency import help_lines as get_help_lines

    return [entry for entry in get_help_lines(entries, code) if entry.is_24_7]


def crisis_entries(entries, country: str | None) -> list:
    """The lines a crisis search puts first: the country's 24/7 lines then those serving every
    country, as Get help now shows them; with no country, those serving every country, then
    every other 24/7 line, the lines for everyone before those for a group or a region
    (emergency.rank_anywhere: 13YARN, for First Nations people, does not come first), then by name."""
    from entries.emergency import rank_anywhere

    chosen = lines_open_now(entries, country) if country else []
    chosen += lines_open_now(entries, "worldwide")
    if not country:
        chosen += sorted(
            (e for e in entries if e.kind == "crisis-helpline" and e.is_24_7 and e.status == "active" and not e.worldwide),
            key=lambda e: (rank_anywhere(e), e.title.casefold(), e.slug),
        )
    seen: set[int] = set()
    return [entry for entry in chosen if not (id(entry) in seen or seen.add(id(entry)))]


def crisis_docnums(entries, found: list, country: str | None) -> list[int]:
    """crisis_entries as docnums of the index (entries not in it are left out)."""
    numbers = {id(entry): docnum for docnum, entry in enumerate(found)}
    return [numbers[id(e)] for e in crisis_entries(entries, country) if id(e) in numbers]


def crisis_first(ranked: list[int], lines: list[int], limit: int | None) -> list[int]:
    """The crisis lines, then the other results in rank order."""
    first = set(lines)
    out = lines + [docnum for docnum in ranked if docnum not in first]
    return out[:limit] if limit else out


def help_lines(entries, emergency: dict, numbers: dict | None = None) -> dict:
    """For each country (and "worldwide"): its emergency numbers and 24/7 lines, as Get help now orders them:
    [title, url, contact, link, docnum or None]."""
    numbers = numbers or {}
    out = {}
    countries = set(emergency) | {c for e in entries for c in e.countries if c != "worldwide"}
    for code in [*sorted(countries), "worldwide"]:
        lines = []
        for entry in crisis_entries(entries, code) if code != "worldwide" else lines_open_now(entries, "worldwide"):
            contact = key_contact(entry)
            if contact:
                lines.append([entry.title, entry.page_url, contact[0], contact[1], numbers.get(id(entry))])
        out[code] = {"emergency": [n["number"] for n in emergency.get(code, [])], "lines": lines}
    return out
