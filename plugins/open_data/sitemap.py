"""/sitemap.xml: every page the build wrote for people to find, with the date of its entry where it has one.

Locations are SITEURL plus the page's path. The sitemaps protocol wants full
URLs, so publish with SITEURL set; when it is empty (local builds) the
locations are paths relative to the site's root, which is where sitemap.xml is.
"""

from __future__ import annotations

from datetime import date
from fnmatch import fnmatchcase
from xml.sax.saxutils import escape

from .addresses import as_uri, site_address

SITEMAP_PATH = "sitemap.xml"
# Pages not to list (each is also marked noindex, or is shown for a missing page):
NOT_LISTED = (
    "404.html",  # shown for missing pages
    "sheet.html",  # the printable sheet repeats the entry pages
    "sheet/*",  # each service's printable sheet, which repeats its entry page
    "s/*",  # short links, which only lead on to the entry page
)


def listed(page: str) -> bool:
    return not any(fnmatchcase(page, pattern) for pattern in NOT_LISTED)


def in_tree(page: str, trees) -> str:
    """The page's path inside its language's tree: 'fr/crisis-helpline/x.html' -> 'crisis-helpline/x.html'."""
    tree, _, inside = page.partition("/")
    return inside if tree in trees and inside else page


def sitemap_xml(pages, lastmod: dict[str, date], siteurl: str, trees=()) -> str:
    """``pages``: paths relative to the output folder; ``lastmod``: {path: date} for those that have one;
    ``trees``: the folders of the other languages' trees (fr, es), whose pages are listed as the root's are."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(p for p in set(pages) if listed(in_tree(p, trees))):
        loc = escape(as_uri(site_address(siteurl, page)))
        day = lastmod.get(in_tree(page, trees))
        lines.append(f"<url><loc>{loc}</loc>" + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "") + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
