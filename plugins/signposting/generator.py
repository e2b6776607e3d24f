"""The Pelican generator that makes the signposting tools: messages, short links, the sheet and contact cards."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator
from pipeline import directory_of
from site_writer.files import write_bytes

from . import message as message_mod
from . import qr, shortlinks, vcard

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
    qr: Markup | None = None

    @property
    def sheet_id(self) -> str:
        return f"sheet-{self.slug}"

    @property
    def sheet_url(self) -> str:
        """The sheet with just this entry; the fragment shows it without JavaScript."""
        return f"{SHEET_PAGE}?e={self.slug}#{self.sheet_id}"

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


def qr_wanted(entries, tools: dict[str, Tools]) -> list[tuple[str, str, str]]:
    """(slug, what the code opens, its accessible name) for every entry on the sheet with a QR code."""
    return [
        (entry.slug, tools[entry.slug].qr_target, f"QR code for {entry.title}: scan it to open {tools[entry.slug].qr_target}")
        for entry in entries
        if tools[entry.slug].qr_target
    ]


def make_qr_codes(wanted: list[tuple[str, str, str]]) -> dict[str, str]:
    """{slug: SVG markup}."""
    return {slug: qr.svg(target, label) for slug, target, label in wanted}


class SignpostingGenerator(Generator):
    """Adds SIGNPOSTING ({slug: Tools}) to the context for the entry pages, and writes
    the short link pages (s/), the contact cards (vcard/) and the sheet (sheet.html)."""

    def generate_context(self):
        directory = directory_of(self)
        vocab = directory.vocab
        self.vocab = vocab
        self.siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        self.entries = [a.entry for a in self.context.get("articles", []) if getattr(a, "entry", None) is not None]
        urls = {a.entry.slug: a.url for a in self.context.get("articles", []) if getattr(a, "entry", None) is not None}
        self.tools = tools_for(((e, urls[e.slug]) for e in self.entries), self.siteurl, vocab.costs)
        self.context["SIGNPOSTING"] = self.tools
        self.context.setdefault("VOCAB", vocab)

    def write_short_links(self, writer, relative: bool) -> None:
        """One page per short link (s/<code>.html), which sends the browser on to the entry's page."""
        redirect = self.get_template("short_link")
        for entry in self.entries:
            tools = self.tools[entry.slug]
            writer.write_file(
                tools.short_path,
                redirect,
                self.context,
                relative_urls=relative,
                url=tools.short_path,
                page_name=tools.short_path,
                entry=tools,
            )

    def add_qr_codes(self, codes: dict[str, str]) -> None:
        for slug, markup in codes.items():
            self.tools[slug].qr = Markup(markup)

    def generate_output(self, writer):
        relative = self.settings["RELATIVE_URLS"]
        self.write_short_links(writer, relative)
        output = Path(self.output_path)
        for entry in self.entries:
            tools = self.tools[entry.slug]
            if tools.vcard_path:
                link = tools.short_link if self.siteurl else None
                write_bytes(output / tools.vcard_path, vcard.card(entry, self.vocab.costs, link).encode("utf-8"))
        self.add_qr_codes(make_qr_codes(qr_wanted(self.entries, self.tools)))
        on_sheet = sorted((e for e in self.entries if self.tools[e.slug].on_sheet), key=lambda e: (e.title.casefold(), e.slug))
        groups = [(kind, label, [e for e in on_sheet if e.kind == kind]) for kind, label in self.vocab.kinds.items()]
        writer.write_file(
            SHEET_PAGE,
            self.get_template("sheet"),
            self.context,
            relative_urls=relative,
            url=SHEET_PAGE,
            page_name=SHEET_PAGE,
            sheet_entries=on_sheet,
            sheet_groups=[g for g in groups if g[2]],
        )
