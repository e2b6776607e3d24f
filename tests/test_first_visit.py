"""Get help now on a poor signal, at the first visit: the numbers show before the full stylesheet arrives
(the first screen's CSS is inlined, allowed by its sha256 in the CSP), the page loads the quick-exit
script, and one visit leaves an offline copy of the country's page and its crisis lines."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from test_offline import kept, kept_cache, serve

COUNTRY = "get-help-now/gb.html"
LINE = "crisis-helpline/example-crisis-line.html"
HELP_PAGES = ["get-help-now.html", COUNTRY, "get-help-now/fr.html", "get-help-now/us.html"]
ROUND_TRIP_MS = 2000  # slow 3G
EXIT_TARGET = "https://www.bbc.co.uk/weather"


def inline_style(html: str) -> str:
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1, "a Get help now page has one inline <style>, its first screen's CSS"
    return styles[0]


def csp(html: str) -> str:
    return re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)


# -- without a browser ----------------------------------------------------------------------


@pytest.mark.parametrize("path", HELP_PAGES)
def test_inline_css_is_allowed_by_its_hash_never_unsafe_inline(fixture_site, path):
    html = (fixture_site / path).read_text(encoding="utf-8")
    style = inline_style(html)
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    policy = csp(html)
    assert f"style-src 'self' 'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy and "default-src 'self'" in policy
    head, body = html.split("</head>", 1)
    assert 'rel="stylesheet"' not in head, "the full stylesheet must not hold back the first paint"
    assert re.search(r'<link rel="stylesheet" href="[./]*theme/css/signpost\.css">\s*</body>', body)
    assert re.search(r'<script src="[./]*theme/js/exit\.js" defer></script>', head)
    assert re.search(r'<script src="[./]*theme/js/offline\.js" defer></script>', head)


def test_other_pages_keep_their_stylesheet_and_csp(fixture_site):
    html = (fixture_site / "crisis-helpline/example-crisis-line.html").read_text(encoding="utf-8")
    assert "<style" not in html and "style-src" not in csp(html)
    assert 'rel="stylesheet"' in html.split("</head>", 1)[0]


def test_inline_css_uses_the_stylesheets_colours(fixture_site):
    """critical.css repeats signpost.css's colours for light and dark: a change to one must reach the other."""
    style = inline_style((fixture_site / COUNTRY).read_text(encoding="utf-8"))
    sheet = (fixture_site / "theme/css/signpost.css").read_text(encoding="utf-8")
    light_sheet, dark_sheet = sheet.split("@media (prefers-color-scheme: dark)", 1)
    light_style, dark_style = style.split("@media (prefers-color-scheme:dark)", 1)
    variable = re.compile(r"(--[a-z-]+):\s*(#[0-9a-f]+)")
    for inline, full in ((light_style, light_sheet), (dark_style, dark_sheet)):
        full_values = dict(variable.findall(full))
        inline_values = dict(variable.findall(inline))
        assert inline_values and {name: full_values.get(name) for name in inline_values} == inline_values


# -- in Chromium, on slow 3G ----------------------------------------------------------------


def slow_3g(context, page):
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": ROUND_TRIP_MS, "downloadThroughput": 50_000, "uploadThroughput": 50_000},
    )


FIRST_PAINT = "() => performance.getEntriesByName('first-contentful-paint').length > 0"


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_numbers_show_before_the_stylesheet_arrives(browser, fixture_site, scheme):
    with serve(fixture_site) as site:
        context = browser.new_context(color_scheme=scheme, service_workers="block")
        page = context.new_page()
        slow_3g(context, page)
        held = []

        def hold(route):  # the stylesheet's answer waits until released (Playwright needs a function of ours here)
            held.append(route)

        page.route("**/theme/css/signpost.css", hold)
        messages = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto(site.url(COUNTRY), wait_until="commit")
        page.wait_for_function(FIRST_PAINT, timeout=15_000)
        emergency = page.locator(".emergency a.tel").first
        assert emergency.inner_text() == "999" and emergency.is_visible()
        painted_at = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        styled = page.evaluate(
            "() => [getComputedStyle(document.querySelector('.exit-link')).backgroundColor,"
            " getComputedStyle(document.body).backgroundColor]"
        )
        page.wait_for_timeout(200)
        assert held and len(held) == 1, "the stylesheet was asked for"
        assert page.evaluate("document.styleSheets.length") == 1  # only the inline <style> so far
        held[0].continue_()
        page.wait_for_load_state("load")
        expected = {"light": ["rgb(165, 14, 30)", "rgb(255, 255, 255)"], "dark": ["rgb(255, 155, 155)", "rgb(18, 18, 18)"]}
        assert styled == expected[scheme], "the inline CSS styles the Exit button and the page in both colour schemes"
        assert painted_at < 2 * ROUND_TRIP_MS, f"first paint after {painted_at:.0f} ms: one round trip for the page"
        assert not [m for m in messages if "Content Security Policy" in m]
        context.close()


@pytest.mark.browser
def test_one_visit_to_get_help_now_leaves_an_offline_copy(browser, fixture_site):
    with serve(fixture_site) as site:
        context = browser.new_context()
        page = context.new_page()
        slow_3g(context, page)
        page.goto(site.url(COUNTRY))
        kept_cache(page, LINE)
        urls = kept(page)
        for path in (COUNTRY, "get-help-now.html", LINE, "theme/css/signpost.css", "theme/js/exit.js"):
            assert site.url(path) in urls

        site.stop()
        context.set_offline(True)
        page.reload()
        assert page.locator(".emergency a.tel").first.inner_text() == "999"
        assert "Call 0808 157 0123" in page.inner_text("main")
        page.click("a.help-name >> text=Example Crisis Line")
        page.wait_for_url(site.url(LINE))
        assert page.inner_text("h1") == "Example Crisis Line"
        assert "0808 157 0123" in page.inner_text("main")
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("tree", ["fr", "es"])
def test_the_offline_copy_works_in_every_language(browser, fixture_site, tree):
    """A first visit to Get help now in French or Spanish keeps that tree's pages offline (its own sw.js)."""
    with serve(fixture_site) as site:
        context = browser.new_context()
        page = context.new_page()
        page.goto(site.url(f"{tree}/{COUNTRY}"))
        kept_cache(page, f"{tree}/{LINE}")
        urls = kept(page)
        for path in (COUNTRY, "get-help-now.html", LINE, "theme/css/signpost.css", "theme/js/exit.js", "theme/js/messages.js"):
            assert site.url(f"{tree}/{path}") in urls
        site.stop()
        context.set_offline(True)
        page.reload()
        assert page.locator("html").get_attribute("lang") == tree
        assert page.locator(".emergency a.tel").first.inner_text() == "999"
        assert "0808 157 0123" in page.inner_text("main")
        # the scripts speak the tree's language offline too (its theme/js/messages.js is kept)
        page.goto(site.url(f"{tree}/get-help-now.html"))
        page.fill("[data-country-filter] input", "a")
        count = page.inner_text("#country-filter-count")
        assert count.split(" ", 1)[1] == {"fr": "pays", "es": "países"}[tree] and int(count.split(" ", 1)[0]) > 1
        context.close()


# -- Exit this page on Get help now ---------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("path", ["get-help-now.html", COUNTRY])
def test_exit_replaces_get_help_now_in_history(browser, fixture_site, path):
    with serve(fixture_site) as site:
        context = browser.new_context()
        context.route("https://**/*", lambda route: route.fulfill(status=200, body="weather"))
        page = context.new_page()
        page.goto(site.url("index.html"))
        page.goto(site.url(path))
        page.wait_for_load_state("load")
        page.click("a.exit-link")
        page.wait_for_url(EXIT_TARGET)
        page.go_back()  # Get help now was replaced in history, so Back skips it
        assert page.url == site.url("index.html")
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("path", ["get-help-now.html", COUNTRY])
def test_three_shift_presses_leave_get_help_now(browser, fixture_site, path):
    with serve(fixture_site) as site:
        context = browser.new_context()
        context.route("https://**/*", lambda route: route.fulfill(status=200, body="weather"))
        page = context.new_page()
        page.goto(site.url("index.html"))
        page.goto(site.url(path))
        page.wait_for_load_state("load")
        for _ in range(3):
            page.keyboard.press("Shift")
        page.wait_for_url(EXIT_TARGET)
        page.go_back()
        assert page.url == site.url("index.html")
        context.close()
