"""Every page template in a real Chromium: axe-core (WCAG 2.2 AA), no JavaScript needed, CSP holds, quick exit."""

from __future__ import annotations

import pytest
from browser import axe_violations, serve
from conftest import TEMPLATE_PAGES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(fixture_site):
    with serve(fixture_site) as base:
        yield base


@pytest.mark.parametrize("path", TEMPLATE_PAGES)
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_reports_no_violations(browser, site, path, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/{path}")
    violations = axe_violations(page)
    context.close()
    assert violations == [], f"{path} at {width}px: {violations}"


@pytest.mark.parametrize("path", TEMPLATE_PAGES)
def test_pages_work_without_javascript_and_load_nothing_else(browser, site, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto(f"{site}/{path}")
    assert response.ok
    assert page.locator("main h1").first.inner_text().strip()
    assert page.locator("a.exit-link").is_visible()
    assert page.locator("a.help-now").is_visible()
    assert [url for url in requested if not url.startswith(site)] == []
    assert context.cookies() == []
    context.close()


def test_csp_does_not_block_our_own_files(browser, site):
    context = browser.new_context()
    page = context.new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{site}/crisis-helpline/example-crisis-line.html")
    page.wait_for_load_state("load")
    stylesheet_applied = page.evaluate("getComputedStyle(document.querySelector('.exit-link')).backgroundColor")
    assert stylesheet_applied == "rgb(165, 14, 30)"
    assert not [m for m in messages if "Content Security Policy" in m]
    assert context.cookies() == []
    context.close()


def test_quick_exit_replaces_the_page(browser, site):
    context = browser.new_context()
    page = context.new_page()
    leaving = []
    # Stop the navigation at the edge: the test must not reach another host.
    context.route("https://**/*", lambda route: (leaving.append(route.request.url), route.fulfill(status=200, body="weather")))
    page.goto(f"{site}/index.html")
    page.goto(f"{site}/about.html")
    page.click("a.exit-link")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert leaving == ["https://www.bbc.co.uk/weather"]
    page.go_back()  # the signpost page was replaced in history, so Back skips it
    assert page.url.endswith("/index.html")
    context.close()


def test_quick_exit_with_three_shift_presses(browser, site):
    context = browser.new_context()
    context.route("https://**/*", lambda route: route.fulfill(status=200, body="weather"))
    page = context.new_page()
    page.goto(f"{site}/about.html")
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    context.close()


def test_quick_exit_is_a_plain_link_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    context.route("https://**/*", lambda route: route.fulfill(status=200, body="weather"))
    page = context.new_page()
    page.goto(f"{site}/get-help-now.html")
    page.click("a.exit-link")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    context.close()


def test_print_stylesheet_hides_navigation(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/crisis-helpline/example-crisis-line.html")
    page.emulate_media(media="print")
    assert not page.locator(".exit-bar").is_visible()
    assert not page.locator("nav[aria-label=Main]").is_visible()
    assert page.locator("main h1").is_visible()
    context.close()
