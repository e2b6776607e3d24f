"""The Pelican generator that writes the data files: /data/entries.json, /data/hsds/services.json and the Atom feed."""

from __future__ import annotations

import json
from pathlib import Path

from pelican.generators import Generator
from pipeline import directory_of, every_tree_written
from site_languages.catalogs import load_languages
from site_writer.files import write_text

from . import entries_json, export_hsds, feeds
from .sitemap import SITEMAP_PATH, sitemap_xml

ENTRIES_PATH = "data/entries.json"
HSDS_PATH = "data/hsds/services.json"


_COMPACT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(", ", ": ")).encode  # Python's C encoder


def json_text(data) -> str:
    """Deterministic JSON: sorted keys, UTF-8 text, a final newline, and one record per line.

    Objects and arrays are laid out with a two-space indent, except that an object
    inside an array (a record: an entry, a service) is written on one line. So a
    change to one entry is a change to one line, and the file is written by
    Python's C encoder (an indent would need its slow pure-Python one).
    """
    return _layout(data, 0) + "\n"


def _layout(value, depth: int) -> str:
    if not value or not isinstance(value, (dict, list)):
        return _COMPACT(value)
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{inner}{_COMPACT(key)}: {_layout(value[key], depth + 1)}" for key in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    items = [inner + (_COMPACT(item) if isinstance(item, dict) else _layout(item, depth + 1)) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + pad + "]"


class OpenDataGenerator(Generator):
    output_rank = 90  # after every page (entries.output_rank), so the sitemap lists them all

    def generate_context(self):
        pass

    def generate_output(self, writer):
        directory = directory_of(self)
        output = Path(self.output_path)
        entries = directory.entries
        write_text(output / ENTRIES_PATH, json_text(entries_json.document(entries, directory.vocab)))
        write_text(output / HSDS_PATH, json_text(export_hsds.services(entries, directory.vocab)))
        dates = feeds.entry_dates(entries, directory.content_dir, directory.settings.feed_git_dates)
        feed = feeds.atom(
            entries,
            dates,
            vocab=directory.vocab,
            sitename=self.settings.get("SITENAME", "Signpost"),
            siteurl=self.settings.get("SITEURL", ""),
            today=directory.settings.today,
        )
        write_text(output / feeds.FEED_PATH, feed)
        every_tree_written(self)  # the sitemap lists every language's pages
        pages = [path.relative_to(output).as_posix() for path in output.rglob("*.html")]
        lastmod = {e.page_url: dates[e.slug] for e in entries if e.slug in dates and e.page_url}
        trees = [language.code for language in load_languages(directory.settings.data / "languages.yaml")[1:]]  # any of them built
        write_text(output / SITEMAP_PATH, sitemap_xml(pages, lastmod, self.settings.get("SITEURL", ""), trees))
