"""Build the Whoosh index during a Pelican run, and write the static index and the search page."""

from __future__ import annotations

import json
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from pelican.generators import Generator

from . import export, whoosh_index
from .documents import display, document, flags_of, key_contact, searchable

RELATED = 3
# From this many entries on, Whoosh indexes in a second process while Pelican
# writes the pages, so the two cores share the work.
BACKGROUND_MIN = 500


def record_time(stage: str, started: float) -> None:
    """For `invoke bench search`: append how long a stage took to the file named by SIGNPOST_TIMINGS."""
    target = os.environ.get("SIGNPOST_TIMINGS")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(json.dumps({"stage": stage, "seconds": time.perf_counter() - started}) + "\n")


def build_index(entries, vocab):
    """(Index, the entries in docnum order) for the entries that can be found."""
    # docnums break ties, so the build and `invoke search` must number entries alike
    found = sorted(searchable(entries), key=lambda e: e.relative_path)
    return whoosh_index.build([document(i, e, vocab) for i, e in enumerate(found)]), found


def index_entries(generators):
    """After every entry is read: pick each entry's related entries, and start indexing for the browser."""
    from entries import state

    build = state.current()
    if build.report.errors:
        return  # the build stops; nothing to index
    settings = generators[0].settings if generators else {}
    if settings.get("SIGNPOST_SEARCH_INDEX", True) is False:
        return
    started = time.perf_counter()
    found = sorted(searchable(build.entries), key=lambda e: e.relative_path)
    documents = [document(i, e, build.vocab) for i, e in enumerate(found)]
    topics = whoosh_index.topics_index(documents)
    try:
        for docnum, others in whoosh_index.related(topics, top=RELATED).items():
            found[docnum].related = [found[d] for d in others]
    finally:
        topics.close()
    background = len(documents) >= settings.get("SIGNPOST_SEARCH_BACKGROUND_MIN", BACKGROUND_MIN)
    if background:
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        pending = pool.submit(whoosh_index.export_data, documents, 1)
        pool.shutdown(wait=False)
    else:
        pending = None
    build.data["search"] = {"found": found, "documents": documents, "pending": pending}
    record_time("index", started)


def help_lines(entries, emergency: dict) -> dict:
    from directory_pages.facets import crisis_lines

    out = {}
    countries = set(emergency) | {c for e in entries for c in e.countries if c != "worldwide"}
    for code in sorted(countries):
        lines = []
        for entry in crisis_lines(entries, code) + crisis_lines(entries, "worldwide"):
            contact = key_contact(entry)
            if contact:
                lines.append([entry.title, entry.page_url, contact[0], contact[1]])
        out[code] = {"emergency": [n["number"] for n in emergency.get(code, [])], "lines": lines}
    return out


class SearchGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        from directory_pages.generator import load_emergency_numbers
        from entries import state

        build = state.current()
        if "search" not in build.data:
            return
        search = build.data["search"]
        found = search["found"]
        started = time.perf_counter()
        data = search["pending"].result() if search["pending"] is not None else whoosh_index.export_data(search["documents"])
        record_time("wait", started)
        started = time.perf_counter()
        vocab = build.vocab
        facets: dict[str, dict[str, list[int]]] = {"kind": {}, "country": {}, "channel": {}, "audience": {}, "flag": {}}
        for docnum, entry in enumerate(found):
            facets["kind"].setdefault(entry.kind, []).append(docnum)
            for code in entry.countries:
                facets["country"].setdefault(code, []).append(docnum)
            for value in entry.channels:
                facets["channel"].setdefault(value, []).append(docnum)
            for value in entry.audiences:
                facets["audience"].setdefault(value, []).append(docnum)
            for value in flags_of(entry):
                facets["flag"].setdefault(value, []).append(docnum)
        meta = {
            "stop": whoosh_index.stop_words(),
            "prefixMin": whoosh_index.PREFIX_MIN,
            "minWord": whoosh_index.MIN_WORD,
            "help": help_lines(build.entries, load_emergency_numbers(self.settings.get("SIGNPOST_EMERGENCY_NUMBERS"))),
        }
        export.export(
            Path(self.output_path) / "search",
            forms=data["forms"], frequencies=data["frequencies"], scores=data["scores"],
            display=[display(e, vocab) for e in found], facets=facets, meta=meta,
        )
        record_time("export", started)
        countries = sorted({c for e in found for c in e.countries if c != "worldwide"})
        writer.write_file(
            "search.html", self.get_template("search"), self.context, relative_urls=self.settings["RELATIVE_URLS"],
            url="search.html", page_name="search.html", search_countries=countries,
            search_channels=sorted({c for e in found for c in e.channels}), search_audiences=sorted({a for e in found for a in e.audiences}),
        )
