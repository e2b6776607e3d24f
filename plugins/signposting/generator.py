"""The Pelican generator that makes the signposting tools: messages, short links, the sheet and contact cards.

Each language's tree writes its own short links (leading to the entry's page in that language), contact
cards (their notes in that language) and sheets (in that language). Each entry page offers the handover
in every language of the site, whatever the page's: the message in each language is in the page, and
the short link, sheet and contact card of another language are plain links into that language's tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from entries.settings import Settings
from pelican.generators import Generator
from pipeline import SOURCE_DIRECTORY, directory_of
from site_languages import page_vocabulary, run_translations
from site_languages.catalogs import SOURCE, site_languages, translations
from site_writer.files import write_bytes

from . import message as message_mod
from . import sheet, shortlinks, vcard
from .words import Words

SHEET_PAGE = "sheet.html"


def tree_folder(code: str) -> str:
    """A language's tree from the site's root: '' for English, 'fr/' for French."""
    return "" if code == SOURCE else f"{code}/"


class HasMessage:
    """What a page shows beside a message to paste: its length, and enough rows for it on a phone."""

    message: str | None

    @property
    def message_length(self) -> int:
        return len(self.message or "")

    @property
    def message_rows(self) -> int:
        return rows_for(self.message)


@dataclass
class Handover(HasMessage):
    """The message, short link, sheet and contact card of one entry in one language."""

    code: str  # the language of the message and of what the links lead to
    short_path: str  # s/<code>.html from that language's tree
    short_link: str  # what a person is given: the absolute address when SITEURL is set, else a path
    message: str | None = None  # None when the service cannot be contacted; without the link when SITEURL is not set
    sheet_path: str | None = None  # sheet/<slug>.html from that language's tree
    vcard_path: str | None = None  # vcard/<slug>.vcf from that language's tree


def rows_for(message: str | None) -> int:
    """Enough rows for a message on a narrow phone (about 34 characters a row)."""
    lines = (message or "").split("\n")
    return min(12, max(3, sum(-(-len(line) // 34) or 1 for line in lines)))


@dataclass
class Tools(HasMessage):
    """What the entry page, the sheet and the short link page show for one entry."""

    slug: str
    title: str
    page_url: str
    code: str
    short_path: str  # s/<code>.html, relative to the tree's root
    short_link: str  # what a person is given: SITEURL + the tree + short_path when SITEURL is set, else short_path
    message: str | None = None  # None when the service cannot be contacted; without the link when SITEURL is not set
    vcard_path: str | None = None
    on_sheet: bool = False
    qr_target: str | None = None  # what the QR code opens
    handovers: list[Handover] = field(default_factory=list)  # in the page's language first, then the site's others

    @property
    def sheet_url(self) -> str:
        """The printable sheet of this service alone (sheet/<slug>.html)."""
        return f"{sheet.FOLDER}/{self.slug}.html"


def qr_target(entry, short_link: str, siteurl: str) -> str | None:
    """The address a QR code opens: the short link when the site's address is known, else the service's website."""
    if siteurl:
        return short_link
    return entry.url or None


def tools_for(entries_with_urls, siteurl: str, words: dict[str, Words], here: str = SOURCE) -> dict[str, Tools]:
    """{slug: Tools} for (entry, page_url) pairs, on the pages of language ``here``.

    ``entries_with_urls``: the entries as written (their own text: Entry.in_language gives each
    language's); ``words``: {code: Words} for every language of the site, the handover's languages.
    """
    pairs = list(entries_with_urls)
    codes = shortlinks.assign(entry.slug for entry, _ in pairs)
    order = [here, *(code for code in words if code != here)]
    found = {}
    for entry, page_url in pairs:
        code = codes[entry.slug]
        path = shortlinks.path_for(code)
        handovers = []
        for language in order:
            # the address people are given; without the site's address, the path from this tree (s/k3x7q.html),
            # or from the site's root for another language (es/s/k3x7q.html)
            if siteurl:
                link = shortlinks.absolute(tree_folder(language) + path, siteurl)
            else:
                link = path if language == here else tree_folder(language) + path
            handover = Handover(language, path, link)
            # Without the site's address there is no link a person could follow: the message leaves it out
            handover.message = message_mod.message(entry.in_language(language), link if siteurl else None, words[language])
            if message_mod.contactable(entry):
                handover.sheet_path = f"{sheet.FOLDER}/{entry.slug}.html"
            if vcard.has_card(entry):
                handover.vcard_path = vcard.path_for(entry.slug)
            handovers.append(handover)
        mine = handovers[0]
        shown = entry.in_language(here)
        tools = Tools(entry.slug, shown.title, page_url, code, path, mine.short_link, mine.message, mine.vcard_path)
        tools.handovers = handovers
        if message_mod.contactable(entry):
            tools.on_sheet = True
            tools.qr_target = qr_target(entry, mine.short_link, siteurl)
        found[entry.slug] = tools
    return found


def handover_words(pelican_settings: dict, vocab) -> dict[str, Words]:
    """{code: Words} for each of the site's languages (data/languages.yaml, or SIGNPOST_LANGUAGES), in its
    order: the catalog of each, compiled once per run (this tree's is the run's own), and its cost labels."""
    settings = Settings.from_pelican(pelican_settings)
    found = {}
    for language in site_languages(settings.data / "languages.yaml", settings.languages):
        if language.code == settings.language:
            catalog = run_translations(pelican_settings)
        else:
            catalog = translations(settings.translations, language.code)
        found[language.code] = Words(language.code, catalog.gettext, vocab.translated(catalog.gettext).costs)
    return found


class SignpostingGenerator(Generator):
    """Adds SIGNPOSTING ({slug: Tools}) to the context for the entry pages, and writes the short link
    pages (s/), the contact cards (vcard/), each service's printable card (sheet/) and the sheet
    (sheet.html), all in this tree's language."""

    def generate_context(self):
        directory = directory_of(self)
        self.language = Settings.from_pelican(self.settings).language
        self.words = handover_words(self.settings, directory.vocab)
        here = self.words[self.language]
        self.context.setdefault("VOCAB", page_vocabulary(self.settings, directory.vocab))
        self.siteurl = (self.settings.get("SITEURL") or "").rstrip("/")
        self.entries = [a.entry for a in self.context.get("articles", []) if getattr(a, "entry", None) is not None]
        # The entries as written: the contact card keeps the organisation's own name, and each
        # language's message takes that language's translation (Entry.in_language)
        source = self.settings.get(SOURCE_DIRECTORY) or directory
        written = {entry.slug: entry for entry in source.entries}
        self.written = {entry.slug: written.get(entry.slug, entry) for entry in self.entries}
        urls = {a.entry.slug: a.url for a in self.context.get("articles", []) if getattr(a, "entry", None) is not None}
        self.tools = tools_for(((self.written[e.slug], urls[e.slug]) for e in self.entries), self.siteurl, self.words, here.code)
        self.context["SIGNPOSTING"] = self.tools

    def write_short_links(self) -> None:
        """One page per short link (s/<code>.html), which sends the browser on to the entry's page in this tree."""
        for entry in self.entries:
            tools = self.tools[entry.slug]
            self.write_page(tools.short_path, "short_link", entry=tools)

    def where(self, entry) -> str:
        """Where the entry serves, as the where() macro of theme/templates/_entries.html says it."""
        filters = self.env.filters
        _ = self.words[self.language].gettext
        words = _("Worldwide") if entry.worldwide else filters["human_list"]([filters["country_name"](c) for c in entry.countries])
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
        words = self.words[self.language]
        countries = set()
        for entry in self.entries:
            tools = self.tools[entry.slug]
            if tools.vcard_path:
                link = tools.short_link if self.siteurl else None
                card = vcard.card(self.written[entry.slug], link, words)
                write_bytes(output / tools.vcard_path, card.encode("utf-8"))
            if tools.on_sheet:
                countries.update(entry.countries)
                card = sheet.card(entry, tools.qr_target, self.where(entry), words)
                write_bytes(output / card.script_path, card.script().encode("utf-8"))
                self.write_page(card.page, "sheet_one", card=card, entry=entry)
        self.write_page(SHEET_PAGE, "sheet", sheet_countries=sorted(countries, key=self.env.filters["country_name"]))
