"""Open now: the browser's answer agrees with opening-hours-py in the service's zone, across midnight and DST."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import opening_hours
import pytest
from browser import serve
from entries import hours

pytestmark = pytest.mark.browser

CASES = [
    # hours, zone
    ("Mo-Fr 09:00-17:00", "Europe/London"),
    ("Mo-Th 18:00-23:00; Fr 18:00-02:00", "Europe/London"),
    ("Su 22:00-02:00; We 12:00-13:00", "America/New_York"),
    ("Mo-Su 17:00-24:00", "Australia/Sydney"),
]
MOMENTS = [  # UTC: ordinary days, just before and after midnight, and both DST changes of 2026
    "2026-01-05T08:59",
    "2026-01-05T09:00",
    "2026-01-09T23:30",
    "2026-01-10T01:59",
    "2026-01-10T02:00",
    "2026-03-29T00:30",
    "2026-03-29T01:30",
    "2026-10-25T00:30",
    "2026-10-25T01:30",  # Europe/London
    "2026-03-08T06:30",
    "2026-03-08T07:30",
    "2026-11-01T05:30",
    "2026-11-01T06:30",  # America/New_York
    "2026-04-04T15:30",
    "2026-04-04T16:30",
    "2026-10-03T15:30",
    "2026-10-03T16:30",  # Australia/Sydney
    "2026-11-22T03:30",
    "2026-11-23T06:59",
]


def weekly_minutes(text: str) -> list[tuple[int, int]]:
    return list(hours.parse(text).minutes)


def test_weekly_minutes():
    assert weekly_minutes("24/7") == [(0, 10080)]
    assert weekly_minutes("Fr 18:00-02:00") == [(6840, 7320)]
    assert weekly_minutes("Su 22:00-02:00") == [(0, 120), (9960, 10200)]
    assert hours.parse("Su 22:00-02:00").for_browser == "0-120,9960-10200"
    assert hours.parse("24/7").for_browser == ""  # open-now says nothing for a service that never closes


@pytest.fixture(scope="module")
def page(fixture_site, browser):
    with serve(fixture_site) as base:
        page = browser.new_page()
        page.goto(f"{base}/crisis-helpline/example-evening-line.html")
        yield page
        page.close()


@pytest.mark.parametrize("hours, zone", CASES)
def test_browser_agrees_with_opening_hours(page, hours, zone):
    week = weekly_minutes(hours)
    expected_rule = opening_hours.OpeningHours(hours, timezone=ZoneInfo(zone))
    for moment in MOMENTS:
        when = datetime.fromisoformat(moment).replace(tzinfo=UTC)
        result = page.evaluate("([w, tz, iso]) => window.SignpostOpenNow.status(w, tz, new Date(iso))", [week, zone, when.isoformat()])
        assert result["open"] == expected_rule.is_open(when.astimezone(ZoneInfo(zone))), (hours, zone, moment, result)


def test_closed_text_names_the_next_opening(page):
    result = page.evaluate(
        "([w, tz, iso]) => window.SignpostOpenNow.status(w, tz, new Date(iso))",
        [weekly_minutes("Mo-Fr 09:00-17:00"), "Europe/London", "2026-11-21T12:00:00Z"],
    )  # a Saturday
    assert result == {"open": False, "text": "Closed now, opens Mon 09:00"}
    result = page.evaluate(
        "([w, tz, iso]) => window.SignpostOpenNow.status(w, tz, new Date(iso))",
        [weekly_minutes("Mo-Th 18:00-23:00; Fr 18:00-02:00"), "Europe/London", "2026-11-20T23:30:00Z"],
    )  # Friday night
    assert result == {"open": True, "text": "Open now, until 02:00"}


def test_entry_page_shows_it_and_keeps_text_without_javascript(page, fixture_site):
    label = page.locator(".open-now")
    assert label.is_visible() and label.inner_text().startswith(("Open now", "Closed now"))
    html = (fixture_site / "crisis-helpline/example-evening-line.html").read_text()
    assert "Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00" in html  # the text, for everyone
