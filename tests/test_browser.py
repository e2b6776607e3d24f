"""Every page template in a real Chromium: axe-core (WCAG 2.2 AA) in light and dark mode, no JavaScript needed,
CSP holds, quick exit, and the Call button on a phone's first screen."""

from __future__ import annotations

from itertools import pairwise

import pytest
from browser import axe_violations, serve
from conftest import STARTER_CONTENT, TEMPLATE_PAGES

pytestmark = pytest.mark.browser

# Both colour schemes: the stylesheet has its own colours for dark mode (prefers-color-scheme).
SCHEMES = ["light", "dark"]
# More of the Get help now pages for one country, besides get-help-now/gb.html in TEMPLATE_PAGES (its crisis lines):
# in the fixture site fr has no crisis line (the page says so and links other directories) and us has no
# crisis line but a way to reach 911 without speaking. Add a country here when the template gains a variant.
HELP_COUNTRY_PAGES = ["get-help-now/fr.html", "get-help-now/us.html"]
# The signposting sheet's templates: sheet.html with services chosen (their cards come from sheet/<slug>.js),
# and a one-service sheet (sheet_one.html). Not golden pages, so not in TEMPLATE_PAGES.
SHEET_PAGES = ["sheet.html?e=example-crisis-line,example-peer-forum", "sheet/example-crisis-line.html"]
# Pages of the other languages' trees (fr/, es/): the same templates, with longer words and the language menu
LANGUAGE_PAGES = [
    "fr/get-help-now.html",
    "fr/get-help-now/gb.html",
    "es/crisis-helpline/example-crisis-line.html",
    "es/index.html",
    # the signposting sheets in another language, with their links to the same sheet in the others
    "fr/sheet/example-crisis-line.html",
    "es/sheet.html?e=example-crisis-line,example-peer-forum",
]
# A phone of 390 by 844 CSS pixels: an entry page's first Call or Text button must be on this first screen.
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def site(fixture_site):
    with serve(fixture_site) as base:
        yield base


def axe_in(browser, base, path, width, scheme):
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{base}/{path}")
    violations = axe_violations(page)
    context.close()
    return violations


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", TEMPLATE_PAGES + SHEET_PAGES)
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_reports_no_violations(browser, site, path, width, scheme):
    violations = axe_in(browser, site, path, width, scheme)
    assert violations == [], f"{path} at {width}px, {scheme} mode: {violations}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", HELP_COUNTRY_PAGES)
def test_axe_on_get_help_now_country_pages(browser, site, fixture_site, path, scheme):
    assert (fixture_site / path).is_file(), f"{path} was not built: choose another country for HELP_COUNTRY_PAGES"
    violations = axe_in(browser, site, path, 360, scheme)
    assert violations == [], f"{path} in {scheme} mode: {violations}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", LANGUAGE_PAGES)
def test_axe_in_other_languages(browser, site, path, scheme):
    violations = axe_in(browser, site, path, 360, scheme)
    assert violations == [], f"{path} in {scheme} mode: {violations}"


def test_dark_mode_follows_the_device(browser, site):
    colours = {}
    for scheme in SCHEMES:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{site}/crisis-helpline/example-crisis-line.html")
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color,"
            " getComputedStyle(document.querySelector('main a.contact')).color]"
        )
        context.close()
    assert colours["light"] == ["rgb(255, 255, 255)", "rgb(27, 27, 27)", "rgb(11, 79, 156)"]
    background, text, link = colours["dark"]
    assert background == "rgb(18, 18, 18)" and text == "rgb(243, 242, 241)" and link == "rgb(141, 193, 255)"


@pytest.fixture(scope="module")
def starter(starter_site):
    with serve(starter_site) as base:
        yield base


def first_contact_box(browser, base, path, javascript=True):
    """Where the first tel: or sms: link of an entry page's main content is, on a phone, before any scrolling."""
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{base}/{path}")
    box = page.locator("main a[href^='tel:'], main a[href^='sms:']").first.bounding_box()
    scrolled = page.evaluate("window.scrollY")
    context.close()
    return box, scrolled


def on_first_screen(box) -> bool:
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"] and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize("javascript", [True, False])
@pytest.mark.parametrize("path", ["crisis-helpline/example-crisis-line.html", "crisis-helpline/example-evening-line.html"])
def test_call_button_is_on_a_phones_first_screen(browser, site, path, javascript):
    box, scrolled = first_contact_box(browser, site, path, javascript)
    assert scrolled == 0 and on_first_screen(box), f"{path}: the first Call or Text button is at {box} on a 390x844 screen"


def test_call_button_is_on_the_first_screen_of_every_starter_crisis_line(browser, starter):
    """In every language: French and Spanish words are longer, and a translation adds its note (after the buttons)."""
    from entries.files import translation_language

    entries = [p.stem for p in sorted((STARTER_CONTENT / "crisis-helpline").glob("*.md")) if not translation_language(p)]
    pages = [f"{tree}crisis-helpline/{slug}.html" for tree in ("", "fr/", "es/") for slug in entries]
    assert "crisis-helpline/samaritans.html" in pages and "es/crisis-helpline/suicide-and-crisis-lifeline.html" in pages
    context = browser.new_context(viewport=PHONE)  # one context for them all: the pages share nothing a visit leaves
    page = context.new_page()
    below = {}
    for path in pages:
        page.goto(f"{starter}/{path}")
        box = page.locator("main a[href^='tel:'], main a[href^='sms:']").first.bounding_box()
        if box is not None and not on_first_screen(box):
            below[path] = box
    context.close()
    assert below == {}, f"the first Call or Text button is below the first 390x844 screen on {below}"


def test_review_notice_comes_after_the_contact_buttons(browser, site):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{site}/crisis-helpline/example-evening-line.html")
    call = page.locator("main a[href^='tel:']").first.bounding_box()
    review = page.locator("main .review-awaiting").bounding_box()
    headings = page.eval_on_selector_all("main h1, main h2, main h3", "hs => hs.map(h => Number(h.tagName[1]))")
    context.close()
    assert call["y"] + call["height"] <= review["y"]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in pairwise(headings)), headings


@pytest.mark.parametrize("path", TEMPLATE_PAGES + LANGUAGE_PAGES)
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


@pytest.mark.parametrize("name", TEMPLATE_PAGES)
def test_quick_exit_replaces_the_page(browser, site, name):
    """On every page template, Get help now included: Exit leaves, and Back does not return to Signpost's page."""
    context = browser.new_context()
    page = context.new_page()
    leaving = []
    # Stop the navigation at the edge: the test must not reach another host.
    context.route("https://**/*", lambda route: (leaving.append(route.request.url), route.fulfill(status=200, body="weather")))
    before = "about.html" if name == "index.html" else "index.html"
    page.goto(f"{site}/{before}")
    page.goto(f"{site}/{name}")
    page.wait_for_load_state("load")  # the deferred exit script is in place
    page.click("a.exit-link")
    page.wait_for_url("https://www.bbc.co.uk/weather")
    assert leaving == ["https://www.bbc.co.uk/weather"]
    page.go_back()  # the signpost page was replaced in history, so Back skips it
    assert page.url.endswith(f"/{before}")
    context.close()


@pytest.mark.parametrize(
    ("name", "target"), [("fr/get-help-now/gb.html", "https://www.meteomedia.com/ca"), ("es/index.html", "https://www.eltiempo.es/")]
)
def test_quick_exit_in_other_languages_leads_to_their_everyday_page(browser, site, name, target):
    context = browser.new_context()
    page = context.new_page()
    leaving = []
    context.route("https://**/*", lambda route: (leaving.append(route.request.url), route.fulfill(status=200, body="weather")))
    page.goto(f"{site}/{name}")
    page.wait_for_load_state("load")
    page.click("a.exit-link")
    page.wait_for_url(target)
    assert leaving == [target]
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


def test_the_language_menu_works_without_javascript(browser, site):
    """The language menu is plain links: each leads to the same page in that language; nothing is stored."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/fr/get-help-now/gb.html")
    page.click('nav.languages a[hreflang="es"]')
    page.wait_for_url(f"{site}/es/get-help-now/gb.html")
    assert page.locator("html").get_attribute("lang") == "es"
    page.click('nav.languages a[hreflang="en"]')
    page.wait_for_url(f"{site}/get-help-now/gb.html")
    assert page.locator("html").get_attribute("lang") == "en"
    assert context.cookies() == []
    context.close()
