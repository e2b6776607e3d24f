"""`invoke bench links`: our link checker against LinkChecker 10.6 on the same 2,000 URLs.

50 local web servers (tests/linkserver.py, in a process of their own), each
answering every request after 100 ms, serve 40 pages each. Both checkers run
as the command a person would type, in fresh processes, in the same run,
alternating:

- ours: `invoke links` over 2,000 generated entries, one URL each, with an
  empty cache (so every URL goes over the network) and its default politeness;
- LinkChecker: `linkchecker --check-extern --no-status -r 1 PAGE`, where PAGE
  is one HTML page listing the same 2,000 URLs, with its defaults.

The servers count the pages each checker really requested (all 2,000 must be
seen) and the most requests in flight at once per server, which for us must
never pass the per-host limit. Figures go to docs/performance.md.
Install LinkChecker first: `.venv/bin/pip install -r requirements-bench.txt`.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from benchmarks import ROOT, machine, write_section
from linkserver import bench_urls

sys.path.insert(0, str(ROOT / "plugins"))

from linkcheck.check import CheckConfig  # noqa: E402

SERVERS = 50
PER_SERVER = 40
DELAY = 0.1
RUNS = 3
TARGET = 2.0  # ours must take at most half LinkChecker's time

ENTRY = """\
---
title: Benchmark forum {n}
kind: peer-community
summary: A made-up forum for the link checker benchmark.
url: {url}
countries: [worldwide]
channels: [forum]
cost: free
---
Post and reply at any hour.
"""


@contextmanager
def servers():
    """(control URL, ports) of the benchmark servers, running in a child process."""
    command = [
        sys.executable,
        str(ROOT / "tests" / "linkserver.py"),
        "bench",
        "--servers",
        str(SERVERS),
        "--per-server",
        str(PER_SERVER),
        "--delay",
        str(DELAY),
    ]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        info = json.loads(process.stdout.readline())
        yield f"http://127.0.0.1:{info['control']}", info["ports"]
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def control(base: str, path: str):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        body = response.read()
    return json.loads(body) if path == "/stats" else body


def write_entries(folder: Path, urls: list[str]) -> Path:
    kind = folder / "peer-community"
    kind.mkdir(parents=True)
    for n, url in enumerate(urls):
        (kind / f"forum-{n:04d}.md").write_text(ENTRY.format(n=n, url=url), encoding="utf-8")
    return folder


def linkchecker() -> str:
    found = shutil.which("linkchecker", path=str(Path(sys.executable).parent)) or shutil.which("linkchecker")
    if not found:
        raise SystemExit("LinkChecker is not installed: .venv/bin/pip install -r requirements-bench.txt")
    return found


def timed(command: list[str], ok_codes=(0,)) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok_codes:
        raise SystemExit(f"benchmark command failed ({done.returncode}): {' '.join(command)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed, done.stdout + done.stderr


def measure(base: str, command: list[str], ok_codes=(0,)) -> dict:
    control(base, "/reset")
    elapsed, output = timed(command, ok_codes)
    stats = control(base, "/stats")
    return {
        "seconds": elapsed,
        "pages": sum(s["pages"] for s in stats),
        "requests": sum(s["requests"] for s in stats),
        "max_in_flight": max(s["max_in_flight"] for s in stats),
        "output": output,
    }


def bench_links() -> dict:
    checker = linkchecker()
    total = SERVERS * PER_SERVER
    defaults = CheckConfig()
    with tempfile.TemporaryDirectory(prefix="signpost-bench-links-") as tmp, servers() as (base, ports):
        tmp = Path(tmp)
        urls = bench_urls(ports, PER_SERVER)
        content = write_entries(tmp / "content", urls)
        ours_runs, theirs_runs = [], []
        for n in range(RUNS):
            report = tmp / f"links-{n}.json"
            ours = measure(
                base,
                [
                    sys.executable,
                    "-m",
                    "invoke",
                    "links",
                    "--content",
                    str(content),
                    "--json",
                    str(report),
                    "--cache",
                    str(tmp / f"cache-{n}.json"),
                    "--allow-private",  # the servers are on 127.0.0.1
                ],
            )
            statuses = {row["status"] for row in json.loads(report.read_text())["links"]}
            if ours["pages"] != total or statuses != {"ok"}:
                raise SystemExit(f"our checker saw {ours['pages']} of {total} pages, statuses {statuses}")
            theirs = measure(base, [checker, "--check-extern", "--no-status", "-r", "1", f"{base}/index.html"])
            if theirs["pages"] != total:
                raise SystemExit(f"LinkChecker requested {theirs['pages']} of {total} pages:\n{theirs['output'][-2000:]}")
            ours_runs.append(ours)
            theirs_runs.append(theirs)
            print(
                f"run {n + 1}: ours {ours['seconds']:.2f} s ({ours['requests']} requests, at most {ours['max_in_flight']} in flight per host), "
                f"LinkChecker {theirs['seconds']:.2f} s ({theirs['requests']} requests, at most {theirs['max_in_flight']} per host)"
            )
    row = {
        "urls": total,
        "servers": SERVERS,
        "runs": RUNS,
        "ours": statistics.median(r["seconds"] for r in ours_runs),
        "theirs": statistics.median(r["seconds"] for r in theirs_runs),
        "ours_requests": ours_runs[0]["requests"],
        "theirs_requests": theirs_runs[0]["requests"],
        "ours_max_in_flight": max(r["max_in_flight"] for r in ours_runs),
        "theirs_max_in_flight": max(r["max_in_flight"] for r in theirs_runs),
        "per_host": defaults.per_host,
        "pause": defaults.pause,
        "max_kib": defaults.max_bytes // 1024,
    }
    row["ratio"] = row["theirs"] / row["ours"]
    row["met"] = row["ratio"] >= TARGET and row["ours_max_in_flight"] <= defaults.per_host
    print(
        f"ours {row['ours']:.2f} s, LinkChecker {row['theirs']:.2f} s: {row['ratio']:.2f}x faster (target {TARGET}x or more): {'met' if row['met'] else 'missed'}"
    )
    write_section("links", render(row))
    return row


def render(row: dict) -> str:
    verdict = "met" if row["met"] else "missed"
    return "\n".join(
        [
            "## Link checking: `invoke bench links`",
            "",
            f"Measured {date.today().isoformat()} on {machine()}.",
            "",
            f"{row['urls']:,} URLs spread over {row['servers']} local web servers (distinct ports on 127.0.0.1, in a process of their own),",
            f"each answering every request after {DELAY * 1000:.0f} ms with a small HTML page. Ours is `invoke links` over {row['urls']:,} generated",
            "entries with an empty cache (reading and validating the entries is included); LinkChecker 10.6.0 is",
            "`linkchecker --check-extern --no-status -r 1` on one page listing the same URLs, with its defaults (10 threads, a wait",
            "of 0.1 to 0.6 s between requests to one host, robots.txt read once per host). Both as fresh processes, alternating,",
            "in the same run; median of the runs.",
            f"The servers counted every page each checker requested (all {row['urls']:,} each time) and the most requests in flight at once.",
            "",
            "| URLs | runs | Signpost | LinkChecker | speed-up | target | requests (Signpost / LinkChecker) | max in flight per host (Signpost / LinkChecker) |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
            f"| {row['urls']:,} | {row['runs']} | {row['ours']:.2f} s | {row['theirs']:.2f} s | {row['ratio']:.2f}x | ≥ {TARGET:g}x ({verdict}) "
            f"| {row['ours_requests']:,} / {row['theirs_requests']:,} | {row['ours_max_in_flight']} (limit {row['per_host']}) / {row['theirs_max_in_flight']} |",
            "",
            f"Ours sends HEAD, then a GET capped at {row['max_kib']} KiB for HTML pages (to find soft 404s), so two requests per page; it keeps",
            f"at most {row['per_host']} requests in flight per host and starts them {row['pause']:g} s apart, over reused connections.",
            "",
        ]
    )


if __name__ == "__main__":
    bench_links()
