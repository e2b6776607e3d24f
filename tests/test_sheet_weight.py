"""The signposting sheet's weight does not grow with the directory (issue 18).

sheet.html with three services chosen loads its page, stylesheets and scripts, and one card
file (sheet/<slug>.js) for each service: the same bytes on a site of 100 entries and on one of
1,000. Counted in Chromium, every response the page receives, each as gzip compresses it.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from conftest import build

CHOSEN = ["synthetic-00000", "synthetic-00001", "synthetic-00002"]
LIMIT = 30 * 1024  # bytes, compressed: the bound at 10,000 entries


def sheet_load(browser, site: Path) -> dict[str, int]:
    """{path: compressed bytes} of everything sheet.html?e=<CHOSEN> loads, until its cards are shown."""
    from urllib.parse import urlsplit

    from browser import serve

    loaded: dict[str, int] = {}
    with serve(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("response", lambda response: loaded.__setitem__(urlsplit(response.url).path, len(gzip.compress(response.body()))))
        page.goto(f"{base}/sheet.html?e={','.join(CHOSEN)}")
        page.get_by_role("button", name="Print this sheet").wait_for()
        assert page.locator(".sheet-entry svg[role=img]").count() == len(CHOSEN)
        page.wait_for_load_state("networkidle")
        context.close()
    return loaded


@pytest.fixture(scope="module")
def synthetic_sites(tmp_path_factory) -> dict[int, Path]:
    from synthetic import write_corpus

    sites = {}
    for count in (100, 1000):
        folder = tmp_path_factory.mktemp(f"synthetic-{count}")
        content = write_corpus(folder / "content", count)
        assert build(content, folder / "output", SIGNPOST_LANGUAGES="en"), (
            f"the synthetic site of {count} entries must build"
        )  # English alone: quicker
        sites[count] = folder / "output"
    return sites


@pytest.mark.browser
def test_the_sheet_loads_the_same_bytes_at_100_and_1000_entries(browser, synthetic_sites):
    small, large = (sheet_load(browser, synthetic_sites[count]) for count in (100, 1000))
    assert small == large, "the sheet loads more on a larger site"
    assert {f"/sheet/{slug}.js" for slug in CHOSEN} <= set(small)
    assert not any(path.startswith("/search/") for path in small)  # the picker's index loads only when it is opened
    total = sum(small.values())
    print(f"sheet.html with {len(CHOSEN)} services: {total} bytes compressed", small)
    assert total < LIMIT, f"the sheet with {len(CHOSEN)} services loads {total} bytes compressed: {small}"
