"""Signpost's pipeline: the Pelican plugin that reads every entry once, into a Directory.

When Pelican starts (its ``initialized`` signal), ``read_directory``
(directory.py) reads, checks and audits every entry of the content folder. Its
problems are logged, one per line, as ``PATH:LINE: field: message``; if any is
an error the build stops there, before anything is written. Otherwise the
Directory is kept in Pelican's settings under ``SIGNPOST_DIRECTORY``, where
every generator and signal handler finds it with ``directory_of``, and:

- Pelican reads exactly the Directory's entry files, through EntryReader
  (reader.py), which hands it each entry already read: nothing is read twice;
- each entry page's address is the one the Directory worked out;
- the generators write their pages in the order of their ``output_rank``
  (below): the sitemap, which lists every page written, comes after them.

This plugin must be in PLUGINS; the order of PLUGINS does not matter, as every
other plugin uses the Directory only from the generators' signals on, after
this plugin has made it.
"""

from __future__ import annotations

import logging
import os

from entries.problems import WARNING, EntryErrors
from entries.settings import Settings
from pelican import signals

from .directory import Directory, read_directory
from .reader import EntryReader

DIRECTORY = "SIGNPOST_DIRECTORY"  # where the Directory is kept in Pelican's settings for one run, in its language
SOURCE_DIRECTORY = "SIGNPOST_SOURCE_DIRECTORY"  # the entries as read, passed from one language's run to the next
OTHER_TREES = "SIGNPOST_OTHER_TREES"  # the root's run: returns once the other languages' trees are written

log = logging.getLogger("signpost.entries")


def directory_of(owner) -> Directory:
    """The run's Directory, from Pelican, a generator or a reader (anything with Pelican's settings)."""
    return owner.settings[DIRECTORY]


def every_tree_written(owner) -> None:
    """Wait until the other languages' trees are written: tasks.build_site builds them at the same time
    as the root's, whose sitemap and check of the links between pages cover every tree. Raises if one
    could not be built."""
    wait = owner.settings.get(OTHER_TREES)
    if wait is not None:
        wait()


def read_entries(pelican) -> None:
    """Read every entry (pipeline/directory.py); stop the build on any error. A build in several
    languages reads them once: tasks.build_site gives each later run the first run's Directory
    (SOURCE_DIRECTORY). Each run's DIRECTORY shows the entries in its language (Directory.in_language)."""
    settings = Settings.from_pelican(pelican.settings)
    source = pelican.settings.get(SOURCE_DIRECTORY)
    if source is not None:
        pelican.settings[DIRECTORY] = source.in_language(settings.language)
        return
    directory = read_directory(
        pelican.settings["PATH"], settings, article_url=pelican.settings["ARTICLE_URL"], search=settings.search_index
    )
    for problem in sorted(directory.report.problems):
        (log.warning if problem.severity == WARNING else log.error)(problem.format())
    if not directory.ok:
        raise EntryErrors(directory.report)
    pelican.settings[SOURCE_DIRECTORY] = directory
    pelican.settings[DIRECTORY] = directory.in_language(settings.language)


def add_reader(readers) -> None:
    for extension in EntryReader.file_extensions:
        readers.reader_classes[extension] = EntryReader


def read_entry_files_only(article_generator) -> None:
    """Pelican reads exactly the Directory's entry files: no link, no hidden or oversized file, no reserved name."""
    directory = directory_of(article_generator)
    chosen = {os.path.relpath(directory.content_dir / entry.relative_path, article_generator.path) for entry in directory.entries}
    article_generator.get_files = lambda *args, **kwargs: set(chosen)


def use_page_addresses(article_generator) -> None:
    """Each entry page's address and file are the ones the Directory worked out (Pelican's own override,
    as a 'url' or 'save_as' field would set; Pelican would otherwise work them out five times for each entry)."""
    for article in article_generator.articles:
        article.override_url, article.override_save_as = article.entry.page_url, article.save_as


# The order in which the generators write their pages, where it matters: a plugin's
# generator that must come after others sets ``output_rank`` (default 0), as the
# open data's does, so the sitemap lists every page. Static files stay last, as
# Pelican has them.
STATIC_RANK = 100


def output_rank(generator) -> int:
    from pelican.generators import StaticGenerator

    if isinstance(generator, StaticGenerator):
        return STATIC_RANK
    return getattr(generator, "output_rank", 0)


def order_output(generators) -> None:
    """Pelican passes the list of generators whose pages it then writes, in order: sort it (stably) by rank."""
    generators.sort(key=output_rank)


def register():
    signals.initialized.connect(read_entries)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(read_entry_files_only)
    signals.article_generator_finalized.connect(use_page_addresses)
    signals.all_generators_finalized.connect(order_output)
