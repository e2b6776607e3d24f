"""The Pelican generator that writes Signpost's own pages: home, kinds, browse, Get help now, about."""

from __future__ import annotations

import base64
import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jinja2
from entries import emergency
from entries.emergency import load_data_file
from entries.pagination import paginate
from entries.places import language_name
from entries.settings import Settings
from pelican.generators import Generator
from pipeline import directory_of
from site_languages import page_vocabulary, run_translations
from site_writer.files import write_text

from . import facets

BROWSE_FACETS = (
    # (attribute, vocabulary); browse.html gives each its heading, in the page's language
    ("topics", "topics"),
    ("audiences", "audiences"),
    ("channels", "channels"),
)


def without_broadband_name(name: str) -> str:
    """browse/country/gb.html -> browse/country/gb-phone-text.html; kind/index.html -> kind/phone-text.html"""
    if name.endswith("/index.html"):
        return name[: -len("index.html")] + "phone-text.html"
    return name[: -len(".html")] + "-phone-text.html"


def offline_pages(help_countries) -> list[str]:
    """The only pages the service worker keeps: Get help now, the pages of the countries
    Signpost lists crisis lines for, and the crisis lines.

    Of the list of crisis lines, only its first page (crisis-helpline/index.html): the lines
    someone needs offline are those of their country's Get help now page, which are all kept,
    and keeping every later page would make the offline copy grow with the directory again.
    """
    pages = {"get-help-now.html", "crisis-helpline/index.html"}
    for country in help_countries:
        if country.lines:
            pages.add(country.page_url)
        pages.update(entry.page_url for entry in country.shown + country.shown_world)
    return sorted(pages)


def help_countries(directory, entries, language: str = "en", gettext=lambda text: text) -> list:
    """Every country's Get help now page: emergency numbers, ways without speaking, crisis lines."""
    data = directory.settings.data
    return facets.get_help(entries, directory.emergency_numbers, load_data_file(data / "without_speaking.yaml"), language, gettext)


def critical_css(theme: Path) -> tuple[str, str]:
    """The CSS Get help now inlines for its first screen (theme/templates/critical.css), and the CSP
    source that allows exactly that text: 'sha256-' and the base64 of its SHA-256 (CSP Level 3, hash-source)."""
    css = (theme / "templates" / "critical.css").read_text(encoding="utf-8").strip()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"sha256-{digest}"


class _LoadedFiles(HTMLParser):
    """The stylesheets and scripts a page loads, as written in its HTML."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])


def offline_files(output: Path, pages: list[str]) -> list[str]:
    """The pages, with every stylesheet and script of this site that they load, so the copy works whole.

    A page that is not in ``output`` is left out (the audit plugin reports a link to it).
    """
    files = set()
    for page in pages:
        if not (output / page).is_file():
            continue
        files.add(page)
        parser = _LoadedFiles()
        parser.feed((output / page).read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(urljoin("/" + page, url))
            if parts.scheme or parts.netloc:
                continue  # another site's file is never loaded (the privacy tests), and never kept
            path = parts.path.lstrip("/")
            if (output / path).is_file():
                files.add(path)
    return sorted(files)


def offline_version(output: Path, files: list[str]) -> str:
    """A hash of every kept file's name and bytes: it changes whenever any of them changes."""
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (output / name).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def write_service_worker(pelican) -> None:
    """Once every page and theme file is written (Pelican's finalized signal): write /sw.js
    from theme/templates/sw.js, with the files it keeps and a version made from their bytes."""
    directory = directory_of(pelican)
    pages = offline_pages(help_countries(directory, facets.listed(directory.entries)))
    output = Path(pelican.output_path)
    files = offline_files(output, pages)
    source = Path(pelican.settings["THEME"]) / "templates" / "sw.js"
    worker = jinja2.Template(source.read_text(encoding="utf-8"), keep_trailing_newline=True)
    write_text(output / "sw.js", worker.render(version=offline_version(output, files), pages=json.dumps(files, indent=1)))


class DirectoryGenerator(Generator):
    """Reads the entries Pelican has made into articles, and writes the directory pages."""

    def generate_context(self):
        directory = directory_of(self)
        self.entries = facets.listed(directory.entries)
        self.page_size = directory.settings.page_size
        self.vocab = page_vocabulary(self.settings, directory.vocab)  # its labels in this tree's language
        settings = Settings.from_pelican(self.settings)
        self.language = settings.language  # this tree's: country names and the lines' words in it
        self.gettext = run_translations(self.settings).gettext
        self.language_name = lambda code: language_name(code, self.language)
        self.help = help_countries(directory, self.entries, self.language, self.gettext)
        directories = load_data_file(directory.settings.data / "directories.yaml") or []
        self.directories = [facets.in_words_of(item, "about", self.gettext) for item in directories]
        kinds = [(kind, label, [e for e in self.entries if e.kind == kind]) for kind, label in self.vocab.kinds.items()]
        self.context.update(
            VOCAB=self.vocab,
            KINDS=kinds,
            ENTRY_COUNT=len(self.entries),
        )
        self.context["CRITICAL_CSS"], self.context["CRITICAL_CSS_HASH"] = critical_css(Path(self.settings["THEME"]))

    def write(self, writer, name, template, **kwargs):
        writer.write_file(
            name,
            self.get_template(template.removesuffix(".html")),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=name,
            page_name=name,
            **kwargs,
        )

    def write_pages(self, writer, name, template, items, **kwargs):
        """Write a list over as many pages as it needs (entries.pagination): ``name``, then name-2.html...
        Each page gets ``page`` (its number, the total and the links to the others) and ``entries``, its items."""
        for page in paginate(items, name, self.page_size):
            self.write(writer, page.name, template, page=page, entries=page.items, **kwargs)

    def write_with_filter(self, writer, name, template, entries, **kwargs):
        """Write a list page and its twin that shows only services working without broadband, each over its pages."""
        twin = without_broadband_name(name)
        self.write_pages(writer, name, template, entries, filtered=False, other_url=twin, **kwargs)
        self.write_pages(writer, twin, template, [e for e in entries if e.without_broadband], filtered=True, other_url=name, **kwargs)

    def write_country(self, writer, group) -> None:
        """browse/country/<cc>.html over its pages: the services across the country (cards), then each
        region's (links to the region pages), then those available anywhere (links); and its twin."""
        name = f"browse/country/{group.code.lower()}.html"
        twin = without_broadband_name(name)
        for which, shown, other in ((name, group, twin), (twin, facets.only_without_broadband(group), name)):
            items = [("national", e) for e in shown.national]
            items += [(region, e) for region, entries in shown.regional.items() for e in entries]
            items += [("worldwide", e) for e in shown.worldwide]
            self.write_pages(writer, which, "browse_country.html", items, group=shown, filtered=which == twin, other_url=other)

    def write_region(self, writer, group, region: str) -> None:
        """browse/region/<code>.html: the services for the region, then those that cover its whole
        country (national), over its pages; and its twin that keeps only those working without broadband."""
        name = f"browse/region/{region.lower()}.html"
        twin = without_broadband_name(name)
        common = {"group": group, "region": region, "region_label": facets.region_name(region)}
        for which, keep, other in ((name, lambda e: True, twin), (twin, lambda e: e.without_broadband, name)):
            items = [("regional", e) for e in group.regional[region] if keep(e)]
            items += [("national", e) for e in group.national if keep(e)]
            self.write_pages(writer, which, "browse_region.html", items, filtered=which == twin, other_url=other, **common)

    def line_scope(self, entry, country: str) -> list[str]:
        """A line's scope in words on a country's page: 'Wales only', 'under 19', 'veterans…'."""
        return emergency.scope_labels(
            entry, country, lambda a: self.vocab.label("audiences", a), facets.region_name, self.language_name, self.gettext
        )

    def write_get_help(self, writer):
        """get-help-now.html, the index of countries, and get-help-now/<cc>.html for each."""
        self.write(writer, "get-help-now.html", "get_help_index.html", help_countries=self.help)
        for country in self.help:
            self.write(
                writer,
                country.page_url,
                "get_help_country.html",
                country=country,
                directories=self.directories,
                line_scope=self.line_scope,
                line_abroad=lambda entry: emergency.from_abroad(entry, self.gettext),
            )

    def generate_output(self, writer):
        entries = self.entries
        countries = facets.by_country(entries, self.language)
        browse = [
            (
                attribute,
                [(value, self.vocab.label(vocab_name, value), items) for value, items in facets.group_by(entries, attribute).items()],
            )
            for attribute, vocab_name in BROWSE_FACETS
        ]
        self.write(writer, "index.html", "home.html", countries=countries)
        for kind, label, items in self.context["KINDS"]:
            self.write_with_filter(writer, f"{kind}/index.html", "kind.html", items, kind=kind, kind_label=label)
        self.write(writer, "browse/index.html", "browse.html", countries=countries, facets=browse)
        for group in countries:
            self.write_country(writer, group)
            for region in group.regional:
                self.write_region(writer, group, region)
        for attribute, values in browse:
            for value, label, items in values:
                self.write_with_filter(
                    writer,
                    f"browse/{attribute}/{value}.html",
                    "browse_list.html",
                    items,
                    heading=label,
                )
        self.write_get_help(writer)
        self.write(writer, "about.html", "about.html")
        self.write(writer, "privacy.html", "privacy.html")
        self.write(writer, "404.html", "404.html")
