"""The site in several languages (issue 19): a tree for each language of data/languages.yaml
(English at the root, the others in fr/, es/...), each page linking to itself in the others."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TEMPLATE_PAGES, build
from site_languages import tree_path
from site_languages.catalogs import SOURCE, LanguageError, language, load_languages

LANGUAGES = load_languages(ROOT / "data" / "languages.yaml")
OTHERS = [lang.code for lang in LANGUAGES if lang.code != SOURCE]


def pages_of(tree: Path, skip: set[str] = frozenset()) -> set[str]:
    """The HTML pages of one language's tree, as paths from its root (other trees left out)."""
    return {p.relative_to(tree).as_posix() for p in tree.rglob("*.html") if p.relative_to(tree).parts[0] not in skip}


def test_the_site_ships_english_french_and_spanish():
    assert [lang.code for lang in LANGUAGES] == ["en", "fr", "es"]
    assert [lang.label for lang in LANGUAGES] == ["English", "Français", "Español"]


def test_each_language_has_a_tree_with_the_same_pages(fixture_site):
    english = pages_of(fixture_site, skip=set(OTHERS))
    assert "crisis-helpline/example-crisis-line.html" in english
    for code in OTHERS:
        assert pages_of(fixture_site / code) == english, code


def test_every_page_says_its_language_and_direction(fixture_site):
    for code in [SOURCE, *OTHERS]:
        tree = fixture_site if code == SOURCE else fixture_site / code
        for page in TEMPLATE_PAGES:
            head = (tree / page).read_text(encoding="utf-8")[:200]
            assert f'<html lang="{code}" dir="ltr">' in head, f"{code}: {page}"


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def switcher(html: str) -> dict[str, str]:
    menu = re.search(r'<nav class="languages"[^>]*>(.*?)</nav>', html, re.S).group(1)
    return {code: href for href, code in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)" lang="[^"]+">', menu)}


@pytest.mark.parametrize("page", ["index.html", "get-help-now.html", "get-help-now/gb.html", "crisis-helpline/example-crisis-line.html"])
def test_each_page_links_to_itself_in_every_language(fixture_site, page):
    """hreflang alternates in the head, and a menu of plain links (no JavaScript): each leads to the
    same page in the other language's tree, and the page's own language is shown, not linked."""
    for here in [SOURCE, *OTHERS]:
        tree = fixture_site if here == SOURCE else fixture_site / here
        html = (tree / page).read_text(encoding="utf-8")
        links = alternates(html)
        assert sorted(links) == sorted([SOURCE, *OTHERS, "x-default"]), here
        menu = switcher(html)
        assert sorted(menu) == sorted(code for code in [SOURCE, *OTHERS] if code != here)
        assert f'<span aria-current="true" lang="{here}">{language(here).label}</span>' in html
        for code, href in [*links.items(), *menu.items()]:
            target = (tree / page).parent / href
            expected = fixture_site / (page if code in (SOURCE, "x-default") else f"{code}/{page}")
            assert target.resolve() == expected.resolve(), f"{here}: {page}: {code} -> {href}"


def test_the_interface_is_in_the_pages_language(fixture_site):
    """Each tree's pages take their interface text from that language's catalog."""
    expected = {SOURCE: "Skip to main content", "fr": "Aller au contenu principal", "es": "Ir al contenido principal"}
    for code in [SOURCE, *OTHERS]:
        tree = fixture_site if code == SOURCE else fixture_site / code
        html = (tree / "index.html").read_text(encoding="utf-8")
        skip = re.search(r'<a class="skip-link" href="#main">([^<]+)</a>', html).group(1)
        if expected.get(code):
            assert skip == expected[code]
        if code != SOURCE:
            assert skip != "Skip to main content", code


def test_open_data_is_written_once_at_the_root(fixture_site):
    """The data files, the feed and the sitemap are the directory's, in no language: one copy, at the
    root; the sitemap lists every language's pages, and every tree's pages link to the one feed."""
    for code in OTHERS:
        assert not (fixture_site / code / "data").exists() and not (fixture_site / code / "feeds").exists()
        assert not (fixture_site / code / "sitemap.xml").exists()
        assert f"<loc>{code}/get-help-now.html</loc>" in (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
        html = (fixture_site / code / "index.html").read_text(encoding="utf-8")
        assert 'href="./../feeds/entries.atom.xml"' in html


def test_tree_paths():
    assert tree_path("en", "en") == "" and tree_path("en", "fr") == "/fr"
    assert tree_path("fr", "en") == "/.." and tree_path("fr", "es") == "/../es" and tree_path("fr", "fr") == "/../fr"


def test_a_right_to_left_language_needs_nothing_more(tmp_path):
    """The direction comes from Babel's locale data: Arabic pages get dir="rtl" without any setting."""
    import shutil

    from test_translations import pseudo_catalog

    assert language("ar").direction == "rtl" and language("fr").direction == "ltr"
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "languages.yaml").write_text(
        "languages:\n  - {code: en, exit: 'https://www.bbc.co.uk/weather'}\n  - {code: ar, exit: 'https://example.org/weather'}\n",
        encoding="utf-8",
    )
    pseudo_catalog(tmp_path / "catalogs", "ar")
    out = tmp_path / "site"
    assert build(FIXTURE_CONTENT, out, SIGNPOST_DATA=str(data), SIGNPOST_TRANSLATIONS=str(tmp_path / "catalogs"))
    assert '<html lang="ar" dir="rtl">' in (out / "ar" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en" dir="ltr">' in (out / "index.html").read_text(encoding="utf-8")


def test_the_languages_file_is_checked(tmp_path):
    path = tmp_path / "languages.yaml"
    en = "  - {code: en, exit: 'https://www.bbc.co.uk/weather'}\n"
    for text, message in [
        ("languages:\n  - {code: fr, exit: 'https://www.meteomedia.com/ca'}\n" + en, "the first language must be en"),
        ("languages:\n" + en + "  - {code: xx-notreal, exit: 'https://example.org/'}\n", "'xx-notreal' is not a language code Babel knows"),
        ("languages: [en, fr]\n", "language 1 must give its code and its exit page"),
        ("languages:\n" + en + "  - {code: fr}\n", "language 2 must give its code and its exit page"),
        (
            "languages:\n" + en + "  - {code: fr, exit: 'http://meteo.example/'}\n",
            "exit 'http://meteo.example/' must be an https:// address",
        ),
        ("languages:\n" + en + '  - {code: fr, exit: "https://a.example/x\\"onclick="}\n', "must be an https:// address"),
        ("languages:\n" + en + '  - {code: fr, exit: "https://a.example/\\nBCC: x"}\n', "must be an https:// address"),
        ("languages: en\n", "'languages:' must be a list"),
        ("languages: [en\n", "cannot be read as YAML"),
    ]:
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LanguageError, match=re.escape(message)):
            load_languages(path)


def test_exit_this_page_leads_to_an_everyday_page_in_the_pages_language(fixture_site):
    """Each language's exit page is its own (data/languages.yaml): a weather forecast in that language."""
    expected = {"en": "https://www.bbc.co.uk/weather", "fr": "https://www.meteomedia.com/ca", "es": "https://www.eltiempo.es/"}
    assert {lang.code: lang.exit for lang in LANGUAGES} == expected
    for code, target in expected.items():
        tree = fixture_site if code == SOURCE else fixture_site / code
        for page in ("index.html", "get-help-now.html", "crisis-helpline/example-crisis-line.html"):
            html = (tree / page).read_text(encoding="utf-8")
            assert f'<a class="exit-link" href="{target}" rel="noopener noreferrer" referrerpolicy="no-referrer" data-quick-exit>' in html


def test_a_build_can_make_fewer_languages_for_a_quicker_preview(tmp_path, capsys):
    """SIGNPOST_LANGUAGES=en,es builds those trees alone, and their pages link to no other."""
    out = tmp_path / "site"
    assert build(FIXTURE_CONTENT, out, SIGNPOST_LANGUAGES="en,es")
    assert (out / "es" / "index.html").is_file() and not (out / "fr").exists()
    html = (out / "es" / "index.html").read_text(encoding="utf-8")
    assert sorted(alternates(html)) == ["en", "es", "x-default"] and sorted(switcher(html)) == ["en"]
    assert build(FIXTURE_CONTENT, tmp_path / "english", SIGNPOST_LANGUAGES="en")
    assert not (tmp_path / "english" / "es").exists() and 'nav class="languages"' not in (tmp_path / "english" / "index.html").read_text()
    for chosen, message in [
        ("en,de", "SIGNPOST_LANGUAGES: 'de' is not in"),
        ("fr", "SIGNPOST_LANGUAGES: add en, whose pages are at the site's root"),
    ]:
        assert not build(FIXTURE_CONTENT, tmp_path / "refused", SIGNPOST_LANGUAGES=chosen)
        assert message in capsys.readouterr().err


def test_country_names_follow_the_pages_language(fixture_site):
    """Babel's locale data names the countries on each tree's pages; English keeps pycountry's names."""
    from entries.places import country_name

    assert [country_name("GB", code) for code in ("en", "fr", "es")] == ["United Kingdom", "Royaume-Uni", "Reino Unido"]
    assert country_name("worldwide", "fr") == "Monde" and country_name("worldwide") == "Worldwide"
    for code, name in (("en", "United Kingdom"), ("fr", "Royaume-Uni"), ("es", "Reino Unido")):
        tree = fixture_site if code == SOURCE else fixture_site / code
        assert f'get-help-now/gb.html">{name}</a>' in (tree / "get-help-now.html").read_text(encoding="utf-8"), code
        assert f">{name}<" in (tree / "browse" / "index.html").read_text(encoding="utf-8"), code


def test_dates_follow_the_pages_language(fixture_site):
    from datetime import date

    from site_languages import long_date

    day = date(2026, 10, 1)
    assert [long_date(day, code) for code in ("en", "fr", "es")] == ["1 October 2026", "1 octobre 2026", "1 de octubre de 2026"]
    for code, text in (("en", "1 October 2026"), ("fr", "1 octobre 2026"), ("es", "1 de octubre de 2026")):
        tree = fixture_site if code == SOURCE else fixture_site / code
        page = (tree / "crisis-helpline" / "example-crisis-line.html").read_text(encoding="utf-8")
        assert f'<time datetime="2026-10-01">{text}</time>' in page, code


def test_get_help_nows_words_about_each_line_are_in_the_pages_language(fixture_site):
    """A line's reach from abroad and its languages, built in Python, come from the catalogs too."""
    pages = {
        code: (fixture_site / ("" if code == SOURCE else code) / "get-help-now" / "gb.html").read_text(encoding="utf-8")
        for code in ("en", "fr", "es")
    }
    assert "May not work from abroad: +44 808 157 0123" in pages["en"] and "in English and Welsh" in pages["en"]
    assert "Peut ne pas fonctionner depuis l&#39;étranger" in pages["fr"] and "en anglais et gallois" in pages["fr"]
    assert "Puede que no funcione desde el extranjero" in pages["es"] and "en inglés y galés" in pages["es"]
    for code in ("fr", "es"):
        assert "May not work from abroad" not in pages[code] and "English and Welsh" not in pages[code]


def test_a_bad_language_code_cannot_bring_a_line_of_its_own_into_a_message():
    with pytest.raises(LanguageError) as refused:
        language("fr\nBuild succeeded")
    assert "\n" not in str(refused.value) and "'fr\\nBuild succeeded' is not a language code" in str(refused.value)
