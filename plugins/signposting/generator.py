"""The Pelican generator that makes the signposting tools: messages, short links, the sheet and contact cards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pelican.generators import Generator
from pipeline import directory_of
from site_languages import page_vocabulary
from site_writer.files import write_bytes

from . import message as message_mod
from . import sheet, shortlinks, vcard

SHEET_PAGE = "sheet.html"


@dataclass
class Tools:
    """What the entry page, the sheet and the short link page show for one entry."""

    slug: str
    title: str
    page_url: str
    code: str
    short_path: str  # s/<code>.html, relative to the site's root
    short_link: str  # what a person is given: SITEURL + short_path when SITEURL is set, else short_path
    message: str | None = None  # None when the service cannot be contacted; without the link when SITEURL is not set
    vcard_path: str | None = None
    on_sheet: bool = False
    qr_target: str | None = None  # what the QR code opens

    @property
    def sheet_url(self) -> str:
        """The printable sheet of this service alone (sheet/<slug>.html)."""
        return f"{sheet.FOLDER}/{self.slug}.html"

    @property
    def message_length(self) -> int:
        return len(self.message or "")

    @property
    def message_rows(self) -> int:
        """Enough rows for the message on a narrow phone (about 34 characters a row)."""
        lines = (self.message or "").split("\n")
        return min(12, max(3, sum(-(-len(line) // 34) or 1 for line in lines)))


def qr_target(entry, short_link: str, siteurl: str) -> str | None:
    """The address a QR code opens: the short link when the site's address is known, else the service's website."""
    if siteurl:
        return short_link
    return entry.url or None


def tools_for(entries_with_urls, siteurl: str, costs: dict[str, str]) -> dict[str, Tools]:
    """{slug: Tools} for (entry, page_url) pairs."""
    pairs = list(entries_with_urls)
    codes = shortlinks.assign(entry.slug for entry, _ in pairs)
    found = {}
    for entry, page_url in pairs:
        code = codes[entry.slug]
        path = shortlinks.path_for(code)
        link = shortlinks.absolute(path, siteurl)
        tools = Tools(entry.slug, entry.title, page_url, code, path, link)
        # Without the site's address there is no link a person could follow: the message leaves it out
        tools.message = message_mod.message(entry, link if siteurl else None, costs)
        if vcard.has_card(entry):
            tools.vcard_path = vcard.path_for(entry.slug)
        if message_mod.contactable(entry):
            tools.on_sheet = True
            tools.qr_target = qr_target(entry, link, siteurl)
        found[entry.slug] = tools
    return found


class SignpostingGenerator(Generator):
    """Adds SIGNPOSTING ({slug: Tools}) to the context for the entry pages, and writes
    the short link pages (s/), the contact cards (vcard/), each service's printable card (sheet/) and the sheet (sheet.html)."""

    def generate_context(self):
        directory = directory_of(self)
        vocab = page_vocabulary(self.settings, directory.vocab)  # its labels in this tree's language
        self.vocab = vocab
        self.siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        self.entries = [a.entry for a in self.context.get("articles", []) if getattr(a, "entry", None) is not None]
        urls = {a.entry.slug: a.url for a in self.context.get("articles", []) if getattr(a, "entry", None) is not None}
        self.tools = tools_for(((e, urls[e.slug]) for e in self.entries), self.siteurl, vocab.costs)
        self.context["SIGNPOSTING"] = self.tools
        self.context.setdefault("VOCAB", vocab)

    def write_short_links(self) -> None:
        """One page per short link (s/<code>.html), which sends the browser on to the entry's page."""
        for entry in self.entries:
            tools = self.tools[entry.slug]
            self.write_page(tools.short_path, "short_link", entry=tools)

    def where(self, entry) -> str:
        """Where the entry serves, as the where() macro of theme/templates/_entries.html says it."""
        filters = self.env.filters
        words = "Worldwide" if entry.worldwide else filters["human_list"]([filters["country_name"](c) for c in entry.countries])
        if entry.regions:
            words += f" ({filters['human_list']([filters['region_name'](r) for r in entry.regions])})"
        return words

    def write_page(self, path: str, template: str, **values) -> None:
        self.writer.write_file(
            path,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=path,
            page_name=path,
            **values,
        )

    def generate_output(self, writer):
        self.writer = writer
        self.write_short_links()
        output = Path(self.output_path)
        countries = set()
        for entry in self.entries:
            tools = self.tools[entry.slug]
            if tools.vcard_path:
                link = tools.short_link if self.siteurl else None
                write_bytes(output / tools.vcard_path, vcard.card(entry, self.vocab.costs, link).encode("utf-8"))
            if tools.on_sheet:
                countries.update(entry.countries)
                card = sheet.card(entry, tools.qr_target, self.vocab.costs, self.where(entry))
                write_bytes(output / card.script_path, card.script().encode("utf-8"))
                self.write_page(card.page, "sheet_one", card=card, entry=entry)
        self.write_page(SHEET_PAGE, "sheet", sheet_countries=sorted(countries, key=self.env.filters["country_name"]))
