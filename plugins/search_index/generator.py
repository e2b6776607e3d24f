"""The search page and the static index, written during a Pelican run from the Directory's search index
(made by the pipeline with rules.index_entries); the rules themselves are in rules.py."""

from __future__ import annotations

import time
from pathlib import Path

from entries.places import country_name, language_name, region_name
from pelican.generators import Generator
from pipeline import directory_of
from site_languages import page_vocabulary, run_translations

from . import export
from .documents import display, searchable
from .rules import (
    crisis_docnums,
    help_lines,
    index_language,
    listing_order,
    load_crisis_phrases,
    load_everyday_words,
    place_words,
    record_time,
    region_country,
    search_facets,
    search_regions,
    target_labels,
)


def write_listing(folder: Path, found: list) -> None:
    """search/order.js: listing_order, which the search page reads when filters are set and no words."""
    export.write(Path(folder), "order.js", "order", 0, listing_order(found))


def export_parts(directory, shown_vocab=None, search=None, gettext=None) -> tuple[list, dict, dict]:
    """What the static index holds besides Whoosh's own data: each result's display row (its labels
    from ``shown_vocab``, the page's language; default the vocabularies' English), the entries for
    each filter value, and the Get help now lines for "no results". ``search``: the tree's index
    (tree_index); default the Directory's."""
    found = (search or directory.search).found
    facets = search_facets(found)
    numbers = {id(entry): docnum for docnum, entry in enumerate(found)}
    meta = {
        "help": help_lines(directory.entries, directory.emergency_numbers, numbers),
        "crisisAll": crisis_docnums(directory.entries, found, None),
        "crisisPhrases": load_crisis_phrases(),  # export.write_index turns them into word forms
        "everydayWords": load_everyday_words(directory.vocab),  # and these too (the tree's language's)
        "everydayLabels": target_labels(shown_vocab or directory.vocab),  # their targets' labels, in the page's words
        "places": place_words(found, directory.language),
    }
    shown = [display(e, shown_vocab or directory.vocab, directory.language, gettext or (lambda text: text)) for e in found]
    return shown, facets, meta


class SearchGenerator(Generator):
    def generate_output(self, writer):
        directory = directory_of(self)
        if directory.search is None:
            # No index (`invoke bench search` measures the build without it): the page
            # still explains how to browse, and every link to it still works.
            self.write_page(writer, sorted(searchable(directory.entries), key=lambda e: e.relative_path))
            return
        folder = Path(self.output_path) / "search"
        shown_vocab = page_vocabulary(self.settings, directory.vocab)
        search = tree_index(directory, shown_vocab)
        started = time.perf_counter()
        parts = export_parts(directory, shown_vocab, search, run_translations(self.settings).gettext)  # in the tree's words
        export.write_index(folder, search.data, *parts, language=directory.language)
        record_time("export", time.perf_counter() - started)
        write_listing(folder, search.found)
        self.write_page(writer, search.found, directory.language)

    def write_page(self, writer, found, language: str = "en") -> None:
        # by name, as people look for their country (the sheet's picker is in the same order)
        countries = sorted(
            {c for e in found for c in e.countries if c != "worldwide"}, key=lambda code: by_name(country_name(code, language))
        )
        writer.write_file(
            "search.html",
            self.get_template("search"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="search.html",
            page_name="search.html",
            search_countries=countries,
            search_channels=sorted({c for e in found for c in e.channels}),
            search_audiences=sorted({a for e in found for a in e.audiences}),
            search_regions=region_options(found, language),
            search_languages=language_options(found, language),
        )


def by_name(name: str) -> str:
    """A name's sort key, as a reader sorts: case and accents ignored ("États-Unis" among the E's)."""
    from .whoosh_index import fold

    return fold(name).casefold()


def tree_index(directory, shown_vocab):
    """The search index of the Directory's tree: in English, the one the pipeline made (with the related
    entries); in another language, one made from the entries as that tree shows them, its labels and
    its words (rules.index_language), so French pages search French text."""
    if directory.language == "en":
        return directory.search
    return index_language(directory.entries, shown_vocab, directory.language)


def language_options(found: list, language: str = "en") -> list[tuple[str, str]]:
    """The language filter's choices: [(name, code), ...], each language named in the page's language
    (Babel: 'anglais', 'français' on a French page), by name."""
    codes = {c for e in found for c in e.languages}
    return sorted(((language_name(c, language), c) for c in codes), key=lambda p: by_name(p[0]))


def region_options(found: list, language: str = "en") -> list[tuple[str, list[tuple[str, str]]]]:
    """The region filter's choices: [(country name, [(region code, region name), ...]), ...], by name;
    each country named in the page's language."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in search_regions(found):
        groups.setdefault(country_name(region_country(code), language), []).append((code, region_name(code)))
    return [(name, sorted(regions, key=lambda r: r[1].casefold())) for name, regions in sorted(groups.items(), key=lambda g: by_name(g[0]))]
