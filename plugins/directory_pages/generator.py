"""The Pelican generator that writes Signpost's own pages: home, kinds, browse, Get help now, about."""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jinja2
from entries.emergency import load_emergency_numbers
from pelican.generators import Generator
from pipeline import directory_of
from site_writer.files import write_text

from . import facets

BROWSE_FACETS = (
    # (attribute, vocabulary, heading)
    ("topics", "topics", "Topic"),
    ("audiences", "audiences", "Who it is for"),
    ("channels", "channels", "How to get in touch"),
)


def without_broadband_name(name: str) -> str:
    """browse/country/gb.html -> browse/country/gb-phone-text.html; kind/index.html -> kind/phone-text.html"""
    if name.endswith("/index.html"):
        return name[: -len("index.html")] + "phone-text.html"
    return name[: -len(".html")] + "-phone-text.html"


def offline_pages(help_countries) -> list[str]:
    """The only pages the service worker keeps: Get help now and the crisis lines."""
    pages = {"get-help-now.html", "crisis-helpline/index.html"}
    for country in help_countries:
        pages.update(entry.page_url for entry in country.lines)
    return sorted(pages)


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
    help_countries = facets.get_help(facets.listed(directory.entries), load_emergency_numbers(directory.settings.emergency_numbers))
    pages = offline_pages(help_countries)
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
        self.vocab = directory.vocab
        self.help = facets.get_help(self.entries, load_emergency_numbers(directory.settings.emergency_numbers))
        kinds = [(kind, label, [e for e in self.entries if e.kind == kind]) for kind, label in self.vocab.kinds.items()]
        self.context.update(
            VOCAB=self.vocab,
            KINDS=kinds,
            ENTRY_COUNT=len(self.entries),
            QUICK_EXIT_URL=directory.settings.quick_exit_url,
        )

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

    def write_with_filter(self, writer, name, template, entries, **kwargs):
        """Write a list page and its twin that shows only services working without broadband."""
        twin = without_broadband_name(name)
        self.write(writer, name, template, entries=entries, filtered=False, other_url=twin, **kwargs)
        self.write(writer, twin, template, entries=[e for e in entries if e.without_broadband], filtered=True, other_url=name, **kwargs)

    def generate_output(self, writer):
        entries = self.entries
        countries = facets.by_country(entries)
        browse = [
            (
                attribute,
                heading,
                [(value, self.vocab.label(vocab_name, value), items) for value, items in facets.group_by(entries, attribute).items()],
            )
            for attribute, vocab_name, heading in BROWSE_FACETS
        ]
        self.write(writer, "index.html", "home.html", countries=countries)
        for kind, label, items in self.context["KINDS"]:
            self.write_with_filter(writer, f"{kind}/index.html", "kind.html", items, kind=kind, kind_label=label)
        self.write(writer, "browse/index.html", "browse.html", countries=countries, facets=browse)
        for group in countries:
            name = f"browse/country/{group.code.lower()}.html"
            twin = without_broadband_name(name)
            self.write(writer, name, "browse_country.html", group=group, filtered=False, other_url=twin)
            self.write(writer, twin, "browse_country.html", group=facets.only_without_broadband(group), filtered=True, other_url=name)
            for region, items in group.regional.items():
                self.write_with_filter(
                    writer,
                    f"browse/region/{region.lower()}.html",
                    "browse_list.html",
                    items,
                    heading=f"{facets.region_name(region)} ({group.name})",
                    intro=f"Services that reach only part of {group.name}. Services for the whole country are on the {group.name} page.",
                    parent=(f"browse/country/{group.code.lower()}.html", group.name),
                )
        for attribute, _heading, values in browse:
            for value, label, items in values:
                self.write_with_filter(
                    writer,
                    f"browse/{attribute}/{value}.html",
                    "browse_list.html",
                    items,
                    heading=label,
                    intro=None,
                    parent=("browse/index.html", "Browse"),
                )
        self.write(writer, "get-help-now.html", "get_help.html", help_countries=self.help)
        self.write(writer, "about.html", "about.html")
        self.write(writer, "privacy.html", "privacy.html")
        self.write(writer, "404.html", "404.html")
