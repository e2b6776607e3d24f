"""Long lists over several pages (entries.pagination, issue 18 part 2): kind pages and their phone/text twins,
browse pages, country and region pages, and Needs review; reserved names; the manifest, sitemap and offline list."""

from __future__ import annotations

import posixpath
import re
import shutil

import pytest
from conftest import FIXTURE_CONTENT, build, read_content
from synthetic import write_corpus

SIZE = 7  # SIGNPOST_PAGE_SIZE for the built site: 70 synthetic entries and the fixture's make lists of several pages
MAIN = re.compile(r"<main\b.*?</main>", re.S)
HREF = re.compile(r'href="([^"]+)"')
NEXT = re.compile(r'<a href="([^"]+)" rel="next">')
NAV = re.compile(r'<nav aria-label="Pages" class="pages">.*?</nav>', re.S)


# -- the pure functions ------------------------------------------------------------------


def test_page_names_follow_one_rule():
    from entries.pagination import page_name

    assert [page_name("crisis-helpline/index.html", n) for n in (1, 2, 3)] == [
        "crisis-helpline/index.html",
        "crisis-helpline/page-2.html",
        "crisis-helpline/page-3.html",
    ]
    assert page_name("crisis-helpline/phone-text.html", 2) == "crisis-helpline/phone-text-2.html"
    assert page_name("needs-review.html", 12) == "needs-review-12.html"
    assert page_name("browse/region/gb-wls-phone-text.html", 2) == "browse/region/gb-wls-phone-text-2.html"


def test_paginate_keeps_the_order_and_every_item_once():
    from entries.pagination import paginate

    pages = paginate(range(23), "x.html", 10)
    assert [p.items for p in pages] == [list(range(10)), list(range(10, 20)), [20, 21, 22]]
    assert [(p.number, p.count, p.total, p.name) for p in pages] == [(1, 3, 23, "x.html"), (2, 3, 23, "x-2.html"), (3, 3, 23, "x-3.html")]
    assert (pages[0].previous, pages[0].next, pages[2].previous, pages[2].next) == (None, "x-2.html", "x-2.html", None)
    empty = paginate([], "x.html", 10)
    assert len(empty) == 1 and empty[0].items == [] and empty[0].count == 1
    with pytest.raises(ValueError):
        paginate([1], "x.html", 0)


def test_numbered_links_stay_few_however_many_pages():
    from entries.pagination import paginate

    pages = paginate(range(1000), "x.html", 10)  # 100 pages
    assert [n for n, _ in pages[49].numbered()] == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert [n for n, _ in pages[0].numbered()] == [1, 2, 3, None, 100]
    assert [n for n, _ in pages[99].numbered()] == [1, None, 98, 99, 100]
    assert [n for n, _ in paginate(range(30), "x.html", 10)[1].numbered()] == [1, 2, 3]
    assert pages[49].numbered()[3] == (49, "x-49.html")


def test_sections_repeat_a_heading_on_the_page_where_a_section_goes_on():
    from entries.pagination import paginate

    items = [("a", 1), ("a", 2), ("a", 3), ("b", 4), ("b", 5), ("c", 6)]
    pages = paginate(items, "x.html", 4)
    assert pages[0].sections() == [("a", [1, 2, 3]), ("b", [4])]
    assert pages[1].sections() == [("b", [5]), ("c", [6])]


# -- names an entry may not have -----------------------------------------------------------


@pytest.mark.parametrize("slug", ["index", "phone-text", "page-2", "page-10", "phone-text-3"])
def test_a_page_name_is_refused_as_an_entry_name(slug, tmp_path):
    folder = tmp_path / "content" / "peer-community"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE_CONTENT / "peer-community" / "example-peer-forum.md", folder / f"{slug}.md")
    problems = [p for p in read_content(tmp_path / "content", tmp_path).report.problems if p.code == "reserved-name"]
    assert len(problems) == 1 and problems[0].line == 1 and problems[0].field == "file"
    assert f"'{slug}.md' is used by a page the site makes" in problems[0].message
    assert "page-N.md" in problems[0].message and f"'{slug}-service.md'" in problems[0].message


@pytest.mark.parametrize("slug", ["page", "page-two", "pages-2", "homepage-2", "phone-text-line"])
def test_names_like_a_page_but_not_one_are_allowed(slug):
    from entries.files import reserved
    from entries.scaffold import plain_slug, slugify

    assert not reserved(slug) and plain_slug(slug)
    assert slugify("Page 2") == "page-2-service" and not plain_slug("page-2")


def test_the_page_size_setting_is_checked():
    from entries.settings import SettingError, Settings

    assert Settings.from_pelican({"SIGNPOST_PAGE_SIZE": 25}).page_size == 25
    assert Settings.from_pelican({}).page_size == 100
    for wrong in (0, -1, "10", True):
        with pytest.raises(SettingError, match="SIGNPOST_PAGE_SIZE"):
            Settings.from_pelican({"SIGNPOST_PAGE_SIZE": wrong})


# -- a built site with lists of several pages ----------------------------------------------


@pytest.fixture(scope="module")
def paged(tmp_path_factory):
    """(content, site, directory): the fixture's entries and 70 synthetic ones, built with pages of SIZE."""
    root = tmp_path_factory.mktemp("paged")
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    write_corpus(content, 70)
    site = root / "site"
    assert build(content, site, SIGNPOST_PAGE_SIZE=SIZE, SIGNPOST_SEARCH_INDEX=False), "the site must build (its link check included)"
    return content, site, read_content(content, root)


def entry_links(site, name, urls) -> list[str]:
    """The entry pages a page's main content links to, in order (the page nav and the rest left out)."""
    main = NAV.sub("", MAIN.search((site / name).read_text(encoding="utf-8")).group(0))
    found = [posixpath.normpath(posixpath.join(posixpath.dirname(name), href)) for href in HREF.findall(main)]
    return [url for url in found if url in urls]


def walk(site, first) -> list[str]:
    """The names of a list's pages, following each page's Next link from the first."""
    names = [first]
    while match := NEXT.search((site / names[-1]).read_text(encoding="utf-8")):
        names.append(posixpath.normpath(posixpath.join(posixpath.dirname(names[-1]), match.group(1))))
        assert len(names) < 100, "the Next links go round in a circle"
    return names


def check_list(site, first, expected, urls, noun="entries"):
    """The list whose first page is ``first`` shows ``expected`` (entry pages), each once, in order,
    over pages of SIZE, each saying the whole count and its number, with working page links."""
    from entries.pagination import page_name

    names = walk(site, first)
    count = max(1, -(-len(expected) // SIZE))
    assert names == [page_name(first, n) for n in range(1, count + 1)]
    shown = [url for name in names for url in entry_links(site, name, urls)]
    assert shown == expected
    for number, name in enumerate(names, 1):
        html = (site / name).read_text(encoding="utf-8")
        if count == 1:
            assert 'aria-label="Pages"' not in html and ", page 1 of 1" not in html
            continue
        assert f"{len(expected)} {noun}" in html and f", page {number} of {count}." in html
        assert f", page {number} of {count} · " in html.split("</title>")[0]
        nav = NAV.search(html).group(0)
        current = re.findall(r'<a href="([^"]+)" aria-current="page">', nav)
        assert [posixpath.normpath(posixpath.join(posixpath.dirname(name), c)) for c in current] == [name]
        for href in HREF.findall(nav):
            assert (site / posixpath.normpath(posixpath.join(posixpath.dirname(name), href))).is_file()
        assert ('rel="prev"' in nav) == (number > 1) and ('rel="next"' in nav) == (number < count)
    assert not (site / page_name(first, count + 1)).exists()
    return names


def test_every_entry_is_on_exactly_one_page_of_its_kind_and_its_twin(paged):
    from entries.emergency import listed

    _content, site, directory = paged
    entries = listed(directory.entries)
    urls = {e.page_url for e in entries}
    several = 0
    for kind in directory.vocab.kinds:
        mine = [e for e in entries if e.kind == kind]
        names = check_list(site, f"{kind}/index.html", [e.page_url for e in mine], urls)
        twin = check_list(site, f"{kind}/phone-text.html", [e.page_url for e in mine if e.without_broadband], urls)
        several += len(names) > 1 and len(twin) > 1
    assert several >= 3, "the test must see kinds whose lists, and their twins, go over several pages"


def test_browse_lists_go_over_pages(paged):
    from directory_pages import facets

    _content, site, directory = paged
    entries = facets.listed(directory.entries)
    urls = {e.page_url for e in entries}
    for attribute in ("topics", "audiences", "channels"):
        for value, items in facets.group_by(entries, attribute).items():
            check_list(site, f"browse/{attribute}/{value}.html", [e.page_url for e in items], urls)
    assert (site / "browse/channels/phone-3.html").is_file()


def test_country_and_region_pages_list_every_service_once(paged):
    from directory_pages import facets

    _content, site, directory = paged
    entries = facets.listed(directory.entries)
    urls = {e.page_url for e in entries}
    gb = next(g for g in facets.by_country(entries) if g.code == "GB")
    regional = [e.page_url for items in gb.regional.values() for e in items]
    names = check_list(
        site, "browse/country/gb.html", [e.page_url for e in gb.national] + regional + [e.page_url for e in gb.worldwide], urls
    )
    text = "".join((site / n).read_text(encoding="utf-8") for n in names)
    assert text.count("<h2>Available anywhere</h2>") == 1 and "Example Peer Forum" in text
    wales = [e.page_url for e in gb.regional["GB-WLS"]] + [e.page_url for e in gb.national]
    names = check_list(site, "browse/region/gb-wls.html", wales, urls)
    assert "<h2>In Wales</h2>" in (site / names[0]).read_text(encoding="utf-8")
    assert "<h2>Across the whole country</h2>" in (site / names[-1]).read_text(encoding="utf-8")
    only = facets.only_without_broadband(gb)
    twin = [e.page_url for e in only.national] + [e.page_url for items in only.regional.values() for e in items]
    check_list(site, "browse/country/gb-phone-text.html", twin + [e.page_url for e in only.worldwide], urls)


def test_needs_review_goes_over_pages_crisis_lines_first(paged):
    _content, site, directory = paged
    review = directory.audit.needs_review
    assert review[0].kind == "crisis-helpline" and len(review) > 3 * SIZE
    check_list(site, "needs-review.html", [e.page_url for e in review], {e.page_url for e in directory.entries}, noun="entries to review")


def test_later_pages_are_in_the_manifest_the_sitemap_and_not_kept_offline(paged):
    from test_hostile import unexpected_files

    content, site, directory = paged
    slugs = {e.slug for e in directory.entries}
    later = {p.relative_to(site).as_posix() for p in site.rglob("*.html") if re.search(r"-[0-9]+$", p.stem) and p.stem not in slugs}
    assert len(later) > 50
    assert later & set(unexpected_files(site, slugs)) == set()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for name in ("crisis-helpline/page-2.html", "crisis-helpline/phone-text-2.html", "needs-review-2.html", "browse/country/gb-2.html"):
        assert (site / name).is_file() and f"<loc>{name}</loc>" in sitemap
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert '"crisis-helpline/index.html"' in worker
    assert "page-2.html" not in worker and "phone-text" not in worker


@pytest.mark.browser
@pytest.mark.parametrize("path", ["crisis-helpline/page-2.html", "needs-review-2.html", "browse/country/gb-2.html"])
@pytest.mark.parametrize("width", [1280, 360])
def test_axe_on_a_later_page(browser, paged, path, width):
    from browser import axe_violations, serve

    _content, site, _directory = paged
    with serve(site) as base:
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, bypass_csp=True)
            page = context.new_page()
            page.goto(f"{base}/{path}")
            violations = axe_violations(page)
            assert violations == [], f"{path} at {width}px, {scheme}: {violations}"
            nav = page.get_by_role("navigation", name="Pages")
            assert nav.get_by_role("link", name="Next page").count() == 1
            context.close()


def test_the_build_benchmark_names_the_largest_page_and_the_largest_besides_the_sheet(tmp_path):
    import random

    from benchmarks import largest_pages, page_size_text

    rng = random.Random(1)

    def words(n: int) -> str:  # words that hardly compress
        return " ".join(f"w{rng.randrange(10**6)}" for _ in range(n))

    (tmp_path / "b").mkdir()
    (tmp_path / "sheet.html").write_text(words(30000))
    (tmp_path / "b" / "list-2.html").write_text(words(2000))
    (tmp_path / "b" / "long-but-repetitive.html").write_text("<li>same</li>" * 20000)
    largest = largest_pages(tmp_path)
    assert largest["any"][0] == "sheet.html" and largest["other"][0] == "b/list-2.html"
    text = page_size_text({"largest": largest["any"], "largest_other": largest["other"]})
    assert text.startswith("sheet.html, ") and "(target 100 kB: missed); apart from the sheet" in text
    assert text.endswith("b/list-2.html, " + f"{largest['other'][1] / 1024:.1f} kB compressed (target 100 kB: met)")
