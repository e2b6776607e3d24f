"""The scripts speak the page's language (issue 19): in Chromium, French and Spanish pages show the
scripts' words from their catalogs (theme/js/messages.js), with their values and plural forms, and a
crisis phrase in French or Spanish gets the calm message in that language."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from browser import serve
from conftest import ROOT
from site_languages.catalogs import translations

pytestmark = pytest.mark.browser

CATALOGS = ROOT / "translations"
CRISIS = {"fr": "je veux mourir", "es": "quiero morir"}
CALM = (
    "If you are thinking about ending your life, or you feel you cannot go on, you do not have to face it alone. "
    "The people on these lines are there to listen, day and night."
)


@pytest.fixture(scope="module")
def site(fixture_site):
    with serve(fixture_site) as base:
        yield base


@pytest.mark.parametrize("tree", ["fr", "es"])
def test_a_crisis_phrase_gets_the_calm_message_in_the_pages_language(browser, site, tree):
    words = translations(CATALOGS, tree).gettext
    page = browser.new_page()
    page.goto(f"{site}/{tree}/search.html?q={quote(CRISIS[tree])}")
    page.wait_for_function("window.SignpostSearch && window.SignpostSearch.settled")
    message = page.locator("#search-crisis")
    assert message.is_visible()
    text = message.inner_text()
    assert message.locator("h2").inner_text() == words("You can talk to someone now") != "You can talk to someone now"
    assert words(CALM) in text and words(CALM) != CALM
    assert message.locator("a[href$='get-help-now.html']").inner_text() == words(
        "Get help now: emergency and 24/7 numbers for your country"
    )
    main = page.inner_text("main")
    for english in (
        "You can talk to someone now",
        "If you are thinking",
        "Get help now:",
        "No results",
        "Did you mean",
        "results for",
        "result for",
    ):
        assert english not in main, english
    assert page.locator("#search-results a[href*='crisis-helpline/']").count() >= 1  # the crisis lines, under the message
    page.close()


def test_values_and_plurals_in_the_pages_language(browser, site):
    """Open now's wording with its day and time, and the country filter's count, singular and plural."""
    page = browser.new_page()
    status = "([w, tz, iso]) => window.SignpostOpenNow.status(w, tz, new Date(iso)).text"
    expected = {
        "": ("Closed now, opens Mon 18:00", "Open now, until 02:00", "Open now, until 00:00 Wed", "1 country", "countries"),
        "fr/": (
            "Fermé maintenant, ouvre lun. à 18:00",
            "Ouvert maintenant, jusqu'à 02:00",
            "Ouvert maintenant, jusqu'à mer. 00:00",
            "1 pays",
            "pays",
        ),
        "es/": (
            "Cerrado ahora, abre el lun a las 18:00",
            "Abierto ahora, hasta las 02:00",
            "Abierto ahora, hasta el mié a las 00:00",
            "1 país",
            "países",
        ),
    }
    for tree, (closed, until, until_day, one, many) in expected.items():
        page.goto(f"{site}/{tree}crisis-helpline/example-evening-line.html")
        hours = page.locator("[data-week]").first.get_attribute("data-week")
        assert page.evaluate(status, [hours, "Europe/London", "2026-11-21T12:00:00Z"]) == closed  # a Saturday
        assert page.evaluate(status, [hours, "Europe/London", "2026-11-20T23:30:00Z"]) == until  # Friday night
        assert page.evaluate(status, ["0-2880", "Europe/London", "2026-11-23T12:00:00Z"]) == until_day  # Monday; closes on Wednesday
        page.goto(f"{site}/{tree}get-help-now.html")
        box = page.locator("[data-country-filter] input")
        box.fill("united kingdom" if not tree else {"fr/": "royaume-uni", "es/": "reino unido"}[tree])
        assert page.inner_text("#country-filter-count") == one
        box.fill("a")
        count = page.inner_text("#country-filter-count")
        assert count.split(" ", 1)[1] == many and int(count.split(" ", 1)[0]) > 1
    page.close()
