"""Budgets over the built starter site, and the offline copy of Get help now."""

from __future__ import annotations

import re

import pytest
from browser import serve
from budgets import BUDGETS, figures, first_paint_weight, page_weight, render_blocking


def test_page_weight_budgets(starter_site):
    result = figures(starter_site)
    assert result["entry_max"] <= BUDGETS["entry"], result
    assert result["home"] <= BUDGETS["home"], result
    assert result["get-help-now"] <= BUDGETS["get-help-now"], result
    assert result["get-help-now-country_max"] <= BUDGETS["get-help-now"], result
    assert result["get-help-now-blocking"] == {}, "Get help now's first paint waits for nothing but its HTML"


def test_get_help_now_counts_only_what_the_first_paint_waits_for(starter_site):
    for name in ("get-help-now.html", "get-help-now/gb.html", "get-help-now/us.html", "get-help-now/fr.html"):
        page = starter_site / name
        html = page.read_text(encoding="utf-8")
        assert render_blocking(html) == [] and "<style>" in html
        assert first_paint_weight(page) <= BUDGETS["get-help-now"]
        assert first_paint_weight(page) < page_weight(starter_site, page)  # the stylesheet and scripts are not counted
    scripts = re.findall(r"<script[^>]*>", (starter_site / "get-help-now/gb.html").read_text())
    assert scripts == [
        '<script src="../theme/js/messages.js" defer>',
        '<script src="../theme/js/exit.js" defer>',
        '<script src="../theme/js/offline.js" defer>',
    ]


def test_render_blocking_finds_what_holds_back_the_first_paint():
    html = '<head><link rel="stylesheet" href="a.css"><script src="b.js"></script><script src="c.js" defer></script></head><body><link rel="stylesheet" href="d.css"></body>'
    assert render_blocking(html) == ['<link rel="stylesheet" href="a.css">', '<script src="b.js">']


def test_privacy_page_is_linked_from_every_page(starter_site):
    privacy = (starter_site / "privacy.html").read_text()
    for words in ("stores nothing about you", "How to leave quickly", "How to clear your history", "never a search"):
        assert words in privacy
    for page in ("index.html", "crisis-helpline/samaritans.html", "search.html", "get-help-now.html"):
        assert "privacy.html" in (starter_site / page).read_text()


def test_service_worker_lists_only_general_pages(starter_site):
    sw = (starter_site / "sw.js").read_text()
    assert '"get-help-now.html"' in sw and '"crisis-helpline/samaritans.html"' in sw
    assert "search" not in sw.split("var PAGES", 1)[1].split("];", 1)[0]
    assert '"peer-community/' not in sw


@pytest.mark.browser
def test_offline_copy_of_get_help_now_and_never_a_query(starter_site, browser):
    with serve(starter_site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{base}/index.html")
        page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
        page.goto(f"{base}/search.html?q=samaritans")
        page.wait_for_selector("#search-results h2 a")
        kept = page.evaluate(
            "async () => { const keys = await caches.keys(); const c = await caches.open(keys[0]); return (await c.keys()).map(r => r.url); }"
        )
        assert f"{base}/get-help-now.html" in kept and f"{base}/crisis-helpline/samaritans.html" in kept
        assert not [url for url in kept if "?" in url or "search" in url or "/peer-community/" in url]
        context.set_offline(True)
        offline = context.new_page()
        offline.goto(f"{base}/get-help-now.html")
        assert "Get help now" in offline.inner_text("h1")
        from playwright.sync_api import Error as PlaywrightError

        with pytest.raises(PlaywrightError, match="ERR_INTERNET_DISCONNECTED"):
            offline.goto(f"{base}/search.html?q=x")  # a query is never kept
        context.close()
