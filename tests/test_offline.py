"""The offline copy of Get help now and the crisis lines (sw.js), the Privacy page's control that
removes it, and the signposting sheet's script given an address it does not know."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from browser import QuietServer
from conftest import FIXTURE_CONTENT, build

LINE = "crisis-helpline/example-crisis-line.html"
OLD_NUMBER = "0808 157 0123"
NEW_NUMBER = "0808 157 0999"  # also one of Ofcom's drama numbers


# -- a server for these tests ---------------------------------------------------------------


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site with nothing kept in the browser's own HTTP cache, so what a test
    sees came from the site or from the service worker; answers with ``server.broken[path]``
    (an HTTP status) for the paths a test breaks."""

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        status = self.server.broken.get(urlsplit(self.path).path)
        if status:
            self.send_error(status)
            return None
        return super().send_head()

    def log_message(self, *args):
        pass


class Site:
    def __init__(self, folder):
        self.server = QuietServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
        self.server.broken = {}
        self.broken = self.server.broken
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.running = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"{self.base}/{path}"

    def stop(self):
        """Nothing answers at this address any more: only the service worker's copy can."""
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False


@contextmanager
def serve(folder):
    site = Site(folder)
    try:
        yield site
    finally:
        site.stop()


# -- what the browser keeps -----------------------------------------------------------------

# Once the service worker is active and its one cache holds ``path``: the cache's name.
KEPT_CACHE = """async ([path, other]) => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration || !registration.active || registration.active.state !== "activated") { return null; }
  const keys = await caches.keys();
  if (keys.length !== 1 || keys[0] === other) { return null; }
  const cache = await caches.open(keys[0]);
  return (await cache.match(new URL(path, location.origin + "/").href)) ? keys[0] : null;
}"""

# Every response the browser keeps for this site: {url: [status, text or ""]}
KEPT = """async () => {
  const kept = {};
  for (const key of await caches.keys()) {
    const cache = await caches.open(key);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      kept[request.url] = [response.status, request.url.endsWith(".html") ? await response.text() : ""];
    }
  }
  return kept;
}"""


def kept_cache(page, path: str, other: str | None = None) -> str:
    """Wait until the worker is active and keeps ``path`` in a cache not named ``other``."""
    for _ in range(150):
        name = page.evaluate(KEPT_CACHE, [path, other])
        if name:
            return name
        page.wait_for_timeout(100)
    raise AssertionError(f"after 15 s the service worker keeps no {path} in a cache other than {other}; kept: {sorted(kept(page))}")


def kept(page) -> dict:
    return page.evaluate(KEPT)


@pytest.fixture
def site_copy(fixture_site, tmp_path):
    """A copy of the built fixture site that a test may break."""
    copy = tmp_path / "site"
    shutil.copytree(fixture_site, copy)
    return copy


# -- without a browser ----------------------------------------------------------------------


def test_the_kept_files_are_the_pages_and_what_they_load(fixture_site):
    from directory_pages.generator import offline_files

    sw = (fixture_site / "sw.js").read_text()
    files = re.search(r"var PAGES = (\[.*?\]);", sw, re.S).group(1)
    assert files == (
        '[\n "crisis-helpline/example-crisis-line.html",\n "crisis-helpline/example-evening-line.html",\n'
        ' "crisis-helpline/index.html",\n "get-help-now.html",\n "get-help-now/gb.html",\n "theme/css/sheet.css",\n "theme/css/signpost.css",\n "theme/js/country-filter.js",\n "theme/js/exit.js",\n "theme/js/messages.js",\n "theme/js/offline.js",\n'
        ' "theme/js/open-now.js",\n "theme/js/signpost-tools.js"\n]'
    )
    assert "{{" not in sw
    assert offline_files(fixture_site, ["get-help-now.html", "missing.html"]) == [
        "get-help-now.html",
        "theme/css/signpost.css",
        "theme/js/country-filter.js",
        "theme/js/exit.js",
        "theme/js/messages.js",
        "theme/js/offline.js",
    ]


def test_the_cache_version_follows_every_kept_file(tmp_path):
    from directory_pages.generator import offline_version

    (tmp_path / "theme").mkdir()
    (tmp_path / "page.html").write_text("<p>0808 157 0123</p>")
    (tmp_path / "theme" / "exit.js").write_text("leave();")
    files = ["page.html", "theme/exit.js"]
    first = offline_version(tmp_path, files)
    (tmp_path / "theme" / "exit.js").write_text("leave(now);")
    assert offline_version(tmp_path, files) != first
    (tmp_path / "theme" / "exit.js").write_text("leave();")
    assert offline_version(tmp_path, files) == first
    (tmp_path / "page.html").write_text("<p>0808 157 0999</p>")
    assert offline_version(tmp_path, files) != first


def test_a_corrected_number_changes_the_service_worker(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    assert build(content, output)
    before = (output / "sw.js").read_text()
    entry = content / "crisis-helpline" / "example-crisis-line.md"
    entry.write_text(entry.read_text().replace(OLD_NUMBER, NEW_NUMBER))
    assert build(content, output)
    after = (output / "sw.js").read_text()
    version = re.compile(r'var CACHE = PREFIX \+ "([0-9a-f]{16})";')
    assert version.search(before).group(1) != version.search(after).group(1)


# -- in Chromium ----------------------------------------------------------------------------


@pytest.mark.browser
def test_offline_copy_shows_the_corrected_number(browser, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    output = tmp_path / "output"
    assert build(content, output)
    with serve(output) as site:
        context = browser.new_context()
        page = context.new_page()
        page.goto(site.url(LINE))
        first = kept_cache(page, LINE)
        assert OLD_NUMBER in kept(page)[site.url(LINE)][1]

        entry = content / "crisis-helpline" / "example-crisis-line.md"
        entry.write_text(entry.read_text().replace(OLD_NUMBER, NEW_NUMBER))
        assert build(content, output)
        page.goto(site.url("index.html"))  # one visit online, to another page
        kept_cache(page, LINE, other=first)  # the new version is active; the old cache is gone

        site.stop()
        context.set_offline(True)
        offline = context.new_page()
        offline.goto(site.url(LINE))
        text = offline.inner_text("main")
        assert NEW_NUMBER in text and OLD_NUMBER not in text
        context.close()


@pytest.mark.browser
def test_offline_copy_keeps_the_exit_script_and_works_whole(browser, site_copy):
    with serve(site_copy) as site:
        context = browser.new_context()
        page = context.new_page()
        page.goto(site.url(LINE))
        kept_cache(page, LINE)
        urls = kept(page)
        for path in ("theme/js/exit.js", "theme/css/signpost.css", "get-help-now.html", "crisis-helpline/index.html"):
            assert site.url(path) in urls
        assert {status for status, _text in urls.values()} == {200}

        site.stop()
        context.set_offline(True)
        offline = context.new_page()
        failed = []
        offline.on("requestfailed", lambda request: failed.append(request.url))
        offline.goto(site.url(LINE))
        offline.wait_for_load_state("load")
        assert [url for url in failed if url.startswith(site.base)] == []
        assert offline.evaluate("getComputedStyle(document.querySelector('.exit-link')).backgroundColor") == "rgb(165, 14, 30)"
        context.route("https://**/*", lambda route: route.fulfill(status=200, body="weather"))
        offline.click("a.exit-link")  # exit.js blanks the page before it leaves
        offline.wait_for_url("https://www.bbc.co.uk/weather")
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("status", [404, 500])
def test_an_error_answer_is_never_kept(browser, site_copy, status):
    with serve(site_copy) as site:
        context = browser.new_context()
        page = context.new_page()
        page.goto(site.url(LINE))
        kept_cache(page, LINE)

        site.broken["/" + LINE] = status
        response = page.goto(site.url(LINE))  # online: the worker passes the error on, and keeps nothing of it
        assert response.status == status
        page.goto(site.url("index.html"))
        urls = kept(page)
        assert urls[site.url(LINE)][0] == 200 and "Example Crisis Line" in urls[site.url(LINE)][1]
        assert {status for status, _text in urls.values()} == {200}

        site.stop()
        context.set_offline(True)
        offline = context.new_page()
        offline.goto(site.url(LINE))
        assert offline.inner_text("h1") == "Example Crisis Line"
        context.close()


# Registers sw.js as offline.js does; the state the new worker ends in.
INSTALLED = """async () => {
  const registration = await navigator.serviceWorker.register("sw.js");
  const worker = registration.installing || registration.waiting || registration.active;
  if (worker.state === "activated" || worker.state === "redundant") { return worker.state; }
  return new Promise((resolve) => worker.addEventListener("statechange", () => {
    if (worker.state === "activated" || worker.state === "redundant") { resolve(worker.state); }
  }));
}"""


@pytest.mark.browser
def test_nothing_is_kept_when_a_kept_file_answers_with_an_error(browser, site_copy):
    with serve(site_copy) as site:
        site.broken["/theme/js/exit.js"] = 500
        context = browser.new_context()
        page = context.new_page()
        page.goto(site.url("privacy.html"))  # a page that does not register the worker itself
        assert page.evaluate(INSTALLED) == "redundant"
        assert kept(page) == {}
        context.close()


# -- the Privacy page's control -------------------------------------------------------------


@pytest.mark.browser
def test_privacy_page_removes_the_offline_copy(browser, site_copy):
    with serve(site_copy) as site:
        context = browser.new_context()
        page = context.new_page()
        page.goto(site.url(LINE))
        kept_cache(page, LINE)
        page.goto(site.url("privacy.html"))
        page.get_by_role("button", name="Remove the offline copy").click()
        status = page.locator("[data-offline-remove] [role=status]")
        status.filter(has_text="the offline copy is removed").wait_for()
        assert page.evaluate("caches.keys()") == []
        assert page.evaluate("navigator.serviceWorker.getRegistrations().then((r) => r.length)") == 0
        assert context.cookies() == []
        context.close()


@pytest.mark.browser
def test_privacy_page_without_javascript_says_how_to_remove_it(browser, fixture_site):
    with serve(fixture_site) as site:
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(site.url("privacy.html"))
        assert not page.get_by_role("button", name="Remove the offline copy").is_visible()
        text = page.inner_text("#main")
        assert "clear this site's data" in text and "nothing about you" in text
        context.close()


# -- the signposting sheet ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    "address",
    [
        "sheet.html?e=constructor&e=__proto__",
        "sheet.html?e=toString,hasOwnProperty",
        "sheet.html#sheet-%",
        "sheet.html#sheet-%E0%A4%A",
        "sheet.html#sheet-constructor",
    ],
)
def test_sheet_ignores_what_it_does_not_know(browser, fixture_site, address):
    with serve(fixture_site) as site:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site.url(address))
        page.wait_for_load_state("load")
        assert errors == []
        assert page.inner_text("[data-sheet-status]") == "No service on the sheet yet: choose services below."
        assert page.locator(".sheet-entry.is-chosen").count() == 0
        assert page.locator(".sheet-empty").is_visible()
        page.close()


@pytest.mark.browser
def test_sheet_keeps_the_entries_it_knows_among_those_it_does_not(browser, fixture_site):
    with serve(fixture_site) as site:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(site.url("sheet.html?e=constructor,example-crisis-line&e=__proto__"))
        page.wait_for_load_state("load")
        assert errors == []
        assert page.locator(".sheet-entry.is-chosen").count() == 1
        assert page.inner_text(".sheet-entry.is-chosen h3") == "Example Crisis Line"
        assert page.url.endswith("sheet.html?e=example-crisis-line")
        page.close()
