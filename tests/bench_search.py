"""`invoke bench search`: our static search index against Pagefind, on the same built site, in one run.

For 1,000 and 10,000 synthetic entries it measures, in headless Chromium:
- bytes transferred for the first query (everything fetched to show the first
  10 results, gzip-compressed as a static host such as GitHub Pages serves it);
- bytes of the whole index on disk;
- p95 time per query, warm (after the first query's files are loaded);
- the time index building adds to the build (Whoosh indexing and export,
  timed inside the build), and Pagefind's own indexing time;
- the time to first results on a poor signal: a fresh visit to the search page with
  the first query in its address, on Chromium's emulated 2 s round trip and 50 kB/s
  (as tests/test_search_speed.py), from the page's HTML arriving to the first results shown.
Needs: `pip install -r requirements-bench.txt` (pagefind[bin]) and Debian's chromium.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from benchmarks import ROOT, machine, write_section
from browser import chromium
from synthetic import write_corpus
from test_search_speed import BYTES_PER_S, ROUND_TRIP_S, first_results_on_a_slow_signal

QUERIES = [
    "recovery",
    "rural farm",
    "volunt",
    "support group",
    "bereav",
    "crisis night",
    "walking",
    "hope family",
    "aberystwyth",
    "stories",
    "calm breathing",
    "money work",
    "voices",
    "carers",
    "trained confidential",
]
TARGETS = {"first_query": 0.5, "p95_ms": 5.0, "build_share": 0.15}
SLOW_RUNS = 3  # fresh visits on the emulated slow connection, each side; the median is reported
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt")

PAGEFIND_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body><p id="status">loading</p><script type="module">
const pagefind = await import("{root}pagefind/pagefind.js");
window.pf = pagefind;
await pagefind.init();
window.firstQuery = async (q) => {
  const search = await pagefind.search(q);
  const data = await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return data.map(d => d.url);
};
window.timeQuery = async (q) => {
  const t = performance.now();
  const search = await pagefind.search(q);
  await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  return performance.now() - t;
};
document.getElementById("status").textContent = "ready";
const q = new URLSearchParams(location.search).get("q");
if (q) {
  await window.firstQuery(q);
  window.firstResultsAt = performance.now();
  window.loadedBeforeResults = performance.getEntriesByType("resource").map((e) => e.name);
}
</script></body></html>
"""


class _CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files, gzip-compressing text as a static host would, and counts the bytes it sends."""

    counter: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404)
            return
        body = Path(path).read_bytes()
        encoding = None
        if path.endswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6, mtime=0)
            encoding = "gzip"
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            return  # the browser had stopped waiting for it (it moved on to the next query): not counted, as before
        key = self.path.split("?", 1)[0]
        self.counter[key] = self.counter.get(key, 0) + len(body)


@contextmanager
def counting_server(folder: Path):
    counter: dict = {}
    handler = functools.partial(type("Handler", (_CountingHandler,), {"counter": counter}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", counter
    finally:
        server.shutdown()
        server.server_close()


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)]


def measure_ours(browser, base: str, counter: dict) -> dict:
    page = browser.new_page()
    page.goto(f"{base}/search.html")
    page.wait_for_function("() => window.SignpostSearch && window.SignpostSearch.ready === true")
    counter.clear()  # the page itself is not the index; count from here
    page.fill("#q", QUERIES[0])
    page.wait_for_function("() => document.querySelectorAll('#search-results h2 a').length > 0")
    first = sum(v for k, v in counter.items() if "/search/" in k or "/theme/js/search" in k)
    # the search scripts are loaded with the page; count them too, since they are what the first query needs
    first += sum(_size_of(base, f"/theme/js/{name}") for name in ("search-engine.js", "search-filters.js", "search.js"))
    times = []
    for _ in range(3):
        for q in QUERIES:
            page.evaluate("(q) => window.SignpostSearch.rank(q, {})", q)  # warm: load the query's shards
    for _ in range(5):
        for q in QUERIES:
            times.append(
                page.evaluate(
                    "async (q) => { const t = performance.now(); await window.SignpostSearch.rank(q, {}); return performance.now() - t; }",
                    q,
                )
            )
    page.close()
    return {"first_query": first, "p95_ms": p95(times)}


def _size_of(base: str, path: str) -> int:
    import urllib.request

    request = urllib.request.Request(base + path, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        return len(response.read())


def measure_pagefind(browser, base: str, counter: dict) -> dict:
    page = browser.new_page()
    counter.clear()
    page.goto(f"{base}/pagefind-bench.html")
    page.wait_for_function("() => document.getElementById('status').textContent === 'ready'")
    urls = page.evaluate("(q) => window.firstQuery(q)", QUERIES[0])
    assert urls, "Pagefind found nothing for the first query"
    first = sum(v for k, v in counter.items() if "/pagefind/" in k)
    times = []
    for _ in range(3):
        for q in QUERIES:
            page.evaluate("(q) => window.timeQuery(q)", q)
    for _ in range(5):
        for q in QUERIES:
            times.append(page.evaluate("(q) => window.timeQuery(q)", q))
    page.close()
    return {"first_query": first, "p95_ms": p95(times)}


def pagefind_page(lang: str, root: str) -> str:
    return PAGEFIND_PAGE.replace("{lang}", lang).replace("{root}", root)


def other_languages() -> list[str]:
    """The codes of data/languages.yaml but the first (English, at the root)."""
    import yaml

    return [item["code"] for item in yaml.safe_load((ROOT / "data" / "languages.yaml").read_text(encoding="utf-8"))["languages"][1:]]


def slow_first_results(browser, url: str, observe: bool) -> float:
    """Median seconds from the HTML's arrival to the first results, fresh visits on a 2 s round trip."""
    return statistics.median(first_results_on_a_slow_signal(browser, url, observe=observe)["seconds"] for _ in range(SLOW_RUNS))


def build_site(content: Path, output: Path, timings: Path, index: bool = True) -> float:
    timings.unlink(missing_ok=True)
    env = dict(os.environ, SIGNPOST_TIMINGS=str(timings), SIGNPOST_SEARCH_INDEX="on" if index else "off")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--content", str(content), "--output", str(output)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    total = time.perf_counter() - start
    search = sum(json.loads(line)["seconds"] for line in timings.read_text().splitlines()) if timings.exists() else 0.0
    return total, search


def with_and_without(content: Path, output: Path, timings: Path, runs: int) -> tuple[float, float, float]:
    """Median wall-clock build time with the search index and without it (alternating, fresh processes),
    and the median time the main process spent on search."""
    with_index, without, main = [], [], []
    for _ in range(runs):
        total, search = build_site(content, output, timings)
        with_index.append(total)
        main.append(search)
        without.append(build_site(content, output.with_name(output.name + "-noindex"), timings, index=False)[0])
    return statistics.median(with_index), statistics.median(without), statistics.median(main)


def bench_search(sizes: list[int]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="signpost-bench-search-") as tmp, chromium() as browser:
        tmp = Path(tmp)
        for count in sizes:
            content = write_corpus(tmp / f"content-{count}", count)
            output = tmp / f"site-{count}"
            total, without, search = with_and_without(content, output, tmp / "timings.jsonl", runs=5 if count <= 2000 else 3)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", "pagefind"],
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            pagefind_seconds = time.perf_counter() - start
            (output / "pagefind-bench.html").write_text(pagefind_page("en", "./"), encoding="utf-8")
            with counting_server(output) as (base, counter):
                ours = measure_ours(browser, base, counter)
                theirs = measure_pagefind(browser, base, counter)
                # each other language's tree, on the same pages: Pagefind indexes each <html lang> apart, and its
                # page loads the index of its own language, as our fr/search.html loads fr/search/
                languages = {}
                for code in other_languages():
                    (output / code / "pagefind-bench.html").write_text(pagefind_page(code, "../"), encoding="utf-8")
                    languages[code] = (
                        measure_ours(browser, f"{base}/{code}", counter)["first_query"],
                        measure_pagefind(browser, f"{base}/{code}", counter)["first_query"],
                    )
                query = QUERIES[0].replace(" ", "+")
                ours_slow = slow_first_results(browser, f"{base}/search.html?q={query}", observe=True)
                theirs_slow = slow_first_results(browser, f"{base}/pagefind-bench.html?q={query}", observe=False)
            row = {
                "entries": count,
                "ours_first": ours["first_query"],
                "pf_first": theirs["first_query"],
                "ours_index": folder_bytes(output / "search"),
                "pf_index": folder_bytes(output / "pagefind"),
                "ours_p95": ours["p95_ms"],
                "pf_p95": theirs["p95_ms"],
                "build": total,
                "search_seconds": search,
                "share": search / (total - search),
                "without": without,
                "adds": (total - without) / without,
                "pf_seconds": pagefind_seconds,
                "ours_slow": ours_slow,
                "pf_slow": theirs_slow,
                "languages": languages,
            }
            rows.append(row)
            print(
                f"{count:>6} entries: first query {row['ours_first']:,} B vs Pagefind {row['pf_first']:,} B "
                f"({row['ours_first'] / row['pf_first']:.0%}); index {row['ours_index']:,} B vs {row['pf_index']:,} B; "
                f"p95 {row['ours_p95']:.2f} ms vs {row['pf_p95']:.2f} ms; indexing adds {row['adds']:.0%} to the build "
                f"({total:.1f} s with it, {without:.1f} s without; the main process spends {row['share']:.0%} on it); "
                f"first results at a 2 s round trip {ours_slow:.1f} s vs Pagefind {theirs_slow:.1f} s; "
                + "; ".join(f"{code}: first query {a:,} B vs Pagefind {b:,} B ({a / b:.0%})" for code, (a, b) in languages.items())
            )
    write_section("search", render(rows))
    return rows


def render(rows: list[dict]) -> str:
    def verdict(ok: bool) -> str:
        return "met" if ok else "missed"

    lines = [
        "## Search: `invoke bench search`",
        "",
        f"Measured {date.today().isoformat()} on {machine()}, in Debian's headless Chromium.",
        "",
        "The same built site (synthetic entries, tests/synthetic.py) is indexed by Signpost at build time (Whoosh, then the",
        "static shards of plugins/search_index/export.py) and by Pagefind 1.5.2 (`python -m pagefind --site`). Bytes are",
        "counted at a local static server that gzips text as GitHub Pages does; the first query is",
        f'"{QUERIES[0]}", and it counts every file fetched to show its first 10 results (Signpost: the search scripts, meta,',
        "term shards, display chunks; Pagefind: pagefind.js, its WebAssembly, entry, meta, index chunks and",
        f"the fragments of the 10 results). p95 is over {len(QUERIES)} queries x 5 rounds, warm. What indexing adds is measured",
        "directly: the full `invoke build` with the search index against the same build with `SIGNPOST_SEARCH_INDEX=off`",
        "(the search page is still written, without an index or related entries), alternating, fresh processes, median of",
        "5 runs (3 at 10,000: with two, one slow run once made it 21% where the next run found 4%). Whoosh indexes in the build's",
        "own process once every entry is read (search_index.rules.index_entries); the last column is the time the build",
        "spends on search (the Whoosh index, related entries and stem scores, then the static index's files).",
        "",
        f"On a poor signal: a fresh visit to `search.html?q={QUERIES[0]}` (Signpost) and to a page that runs the same query",
        f"with Pagefind as soon as it loads, on Chromium's emulated connection ({ROUND_TRIP_S:.0f} s round trip, {BYTES_PER_S // 1000} kB/s, cache",
        "off), from the page's HTML arriving to the first results shown (Pagefind: the 10 results' data loaded); median of",
        f"{SLOW_RUNS} visits each. The local server speaks HTTP/1.1, where Chromium opens at most 6 connections to a host: the",
        "search page asks for 9 files in its first round trip, so 3 of them wait for a connection, a round trip more than",
        'over HTTP/2 (docs/search.md, "Fast on a poor signal").',
        "",
        "| entries | first query: Signpost | Pagefind | ratio (target ≤ 50%) | whole index: Signpost | Pagefind | p95: Signpost | Pagefind | target ≤ 5 ms (10,000) | indexing adds (target ≤ 15%) | build with / without the index | Pagefind indexing | main process on search | first results at a 2 s round trip: Signpost | Pagefind | ratio |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = r["ours_first"] / r["pf_first"]
        p95_ok = r["ours_p95"] <= TARGETS["p95_ms"] if r["entries"] >= 10000 else r["ours_p95"] <= TARGETS["p95_ms"]
        lines.append(
            f"| {r['entries']:,} | {r['ours_first'] / 1024:.1f} KiB | {r['pf_first'] / 1024:.1f} KiB | {ratio:.0%} ({verdict(ratio <= TARGETS['first_query'])}) "
            f"| {r['ours_index'] / 1048576:.1f} MiB | {r['pf_index'] / 1048576:.1f} MiB | {r['ours_p95']:.2f} ms | {r['pf_p95']:.2f} ms "
            f"| {verdict(p95_ok)} | {r['adds']:.0%} ({verdict(r['adds'] <= TARGETS['build_share'])}) | {r['build']:.1f} s / {r['without']:.1f} s "
            f"| {r['pf_seconds']:.1f} s | {r['search_seconds']:.1f} s ({r['share']:.0%} of the rest) "
            f"| {r['ours_slow']:.1f} s | {r['pf_slow']:.1f} s | {r['ours_slow'] / r['pf_slow']:.0%} |"
        )
    lines += [
        "",
        "Each language's tree, on the same pages (issue 19): the first query's bytes on `fr/search.html` and `es/search.html`,",
        "which load their own tree's index, against Pagefind's on a page of that language in the same folder (Pagefind",
        "indexes each `<html lang>` apart and loads the index of the page's language). The query is the same; the",
        "synthetic entries have no translations, so each tree shows their English text with its own interface.",
        "",
        "| entries | language | first query: Signpost | Pagefind | ratio (target ≤ 50%) |",
        "|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        for code, (ours, theirs) in r["languages"].items():
            lines.append(
                f"| {r['entries']:,} | {code} | {ours / 1024:.1f} KiB | {theirs / 1024:.1f} KiB | {ours / theirs:.0%} ({verdict(ours / theirs <= TARGETS['first_query'])}) |"
            )
    return "\n".join(lines) + "\n"
