"""/sitemap.xml: every page the build wrote, with the date of its entry where it has one.

Locations are SITEURL plus the page's path. The sitemaps protocol wants full
URLs, so publish with SITEURL set; when it is empty (local builds) the
locations are paths relative to the site's root, which is where sitemap.xml is.
"""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from .addresses import as_uri, site_address

SITEMAP_PATH = "sitemap.xml"
NOT_LISTED = frozenset({"404.html"})  # shown for missing pages; not a page to find


def sitemap_xml(pages, lastmod: dict[str, date], siteurl: str) -> str:
    """``pages``: paths relative to the output folder; ``lastmod``: {path: date} for those that have one."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for page in sorted(set(pages) - NOT_LISTED):
        loc = escape(as_uri(site_address(siteurl, page)))
        day = lastmod.get(page)
        lines.append(f"<url><loc>{loc}</loc>" + (f"<lastmod>{day.isoformat()}</lastmod>" if day else "") + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
