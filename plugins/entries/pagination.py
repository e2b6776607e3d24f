"""Long lists split into pages of a fixed size, so that no page grows with the directory. Pure functions.

A list's first page keeps its name; the others follow one rule (``page_name``):

    crisis-helpline/index.html       crisis-helpline/page-2.html, crisis-helpline/page-3.html, ...
    crisis-helpline/phone-text.html  crisis-helpline/phone-text-2.html, ...
    needs-review.html                needs-review-2.html, ...
    browse/topics/anxiety.html       browse/topics/anxiety-2.html, ...

Pages in a kind's folder sit next to the entries' pages, so those names are
reserved for entries (entries.files.reserved).

The directory pages (plugins/directory_pages) and the audit's Needs review page
(plugins/audit) both split their lists here; the page template shows the links
between pages with theme/templates/_pages.html.
"""

from __future__ import annotations

from dataclasses import dataclass

# Entries on one page (SIGNPOST_PAGE_SIZE). A card is about 600 bytes of HTML, 50 compressed (measured at
# 10,000 synthetic entries), so 100 cards make a page of about 60 kB, 6 kB compressed: a card could be ten
# times longer and the page would still be well under the 100 kB compressed that issue 18 allows, at any size.
PAGE_SIZE = 100
# Numbered links shown on either side of the current page; the first and last are always shown.
NEAR = 2


def page_name(first: str, number: int) -> str:
    """The file name of page ``number`` (from 1) of the list whose first page is ``first``."""
    if number == 1:
        return first
    if first == "index.html" or first.endswith("/index.html"):
        return f"{first.removesuffix('index.html')}page-{number}.html"
    return f"{first.removesuffix('.html')}-{number}.html"


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, its number, and the names of the other pages."""

    first: str  # the name of page 1
    number: int  # from 1
    count: int  # pages in all (at least 1)
    items: list  # this page's items
    total: int  # items in all pages

    @property
    def name(self) -> str:
        return page_name(self.first, self.number)

    @property
    def previous(self) -> str | None:
        return page_name(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return page_name(self.first, self.number + 1) if self.number < self.count else None

    def numbered(self) -> list[tuple[int | None, str | None]]:
        """(number, name) of the pages to link by number: the first, the last and those near this one;
        (None, None) where pages are skipped, so that the links stay few however many pages there are."""
        shown = sorted({1, self.count, *range(max(1, self.number - NEAR), min(self.count, self.number + NEAR) + 1)})
        links: list[tuple[int | None, str | None]] = []
        for number in shown:
            if links and number > links[-1][0] + 1:
                links.append((None, None))
            links.append((number, page_name(self.first, number)))
        return links

    def sections(self) -> list[tuple[object, list]]:
        """For a list of (section, item) pairs, this page's items in runs of the same section, in order:
        [(section, items), ...], so that a page holding the end of one section and the start of the
        next shows each heading once, and a page that starts in the middle of a section shows its heading too."""
        runs: list[tuple[object, list]] = []
        for section, item in self.items:
            if runs and runs[-1][0] == section:
                runs[-1][1].append(item)
            else:
                runs.append((section, [item]))
        return runs


def paginate(items, first: str, size: int = PAGE_SIZE) -> list[Page]:
    """``items`` in pages of ``size``, in order; an empty list still has its first page."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    items = list(items)
    count = max(1, -(-len(items) // size))
    return [Page(first, n + 1, count, items[n * size : (n + 1) * size], len(items)) for n in range(count)]
