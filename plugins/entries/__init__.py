"""Signpost entries: where an entry is read (reader.py, frontmatter.py) and checked (validate.py, crosscheck.py, sanitise.py).

Every problem is logged as ``PATH:LINE: field: message``; when any is an error
the build stops before anything is written, with every problem in one run.
"""

from __future__ import annotations

import logging
import os

from pelican import signals

from . import crosscheck, state
from .check import entry_files
from .problems import WARNING, EntryErrors
from .reader import READ_HOOKS, EntryReader

log = logging.getLogger("signpost.entries")

# Checks other plugins add (the audit plugin): each is called as
# check(entries, build_state) after every entry is read, returns Problems,
# and runs before the build decides whether to stop.
CHECKS: list = []


def add_check(check) -> None:
    if check not in CHECKS:
        CHECKS.append(check)


def on_read(hook) -> None:
    if hook not in READ_HOOKS:
        READ_HOOKS.append(hook)


def add_reader(readers):
    for extension in EntryReader.file_extensions:
        readers.reader_classes[extension] = EntryReader


def start_run(pelican):
    state.start(pelican.settings)


def read_entry_files_only(article_generator) -> None:
    """Pelican reads exactly the entry files that `invoke check` reads (files.py): no link, no hidden
    or oversized file, no reserved name. What it leaves out is reported, and stops the build if an error."""
    build = state.current()
    paths, refused = entry_files(article_generator.path, build.root)
    build.report.extend(refused)
    chosen = {os.path.relpath(path, article_generator.path) for path in paths}
    article_generator.get_files = lambda *args, **kwargs: set(chosen)


def check_across_entries(generators):
    build = state.current()
    build.report.extend(crosscheck.duplicates(build.entries))
    for extra in CHECKS:
        build.report.extend(extra(build.entries, build))
    for problem in sorted(build.report.problems):
        (log.warning if problem.severity == WARNING else log.error)(problem.format())
    if build.report.errors:
        build.stop()
        raise EntryErrors(build.report)


def fix_output_locations(article_generator) -> None:
    """Each entry page's address and file, worked out once.

    Pelican works them out from the URL settings each time they are asked for,
    five times for each entry in a build. Its own override (as a 'url' or
    'save_as' field would set) keeps the value it has just worked out.
    """
    for article in article_generator.articles:
        if not hasattr(article, "override_url") and not hasattr(article, "override_save_as"):
            article.override_url, article.override_save_as = article.url, article.save_as


# The order in which the generators write their pages. Work done in a second
# process (the search index, QR codes) is waited for as late as possible: the
# pages that need none of it come first. A plugin's generator sets
# ``output_rank`` (default 0); the entry pages wait for the related entries.
ENTRY_PAGES_RANK = 10
STATIC_RANK = 100


def output_rank(generator) -> int:
    from pelican.generators import ArticlesGenerator, StaticGenerator

    if isinstance(generator, ArticlesGenerator):
        return ENTRY_PAGES_RANK
    if isinstance(generator, StaticGenerator):
        return STATIC_RANK  # Pelican's own rule: static files last
    return getattr(generator, "output_rank", 0)


def order_output(generators) -> None:
    """Pelican passes the list of generators whose pages it then writes, in order: sort it (stably) by rank."""
    generators.sort(key=output_rank)


def register():
    signals.initialized.connect(start_run)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(read_entry_files_only)
    signals.article_generator_finalized.connect(fix_output_locations)
    signals.all_generators_finalized.connect(check_across_entries)
    signals.all_generators_finalized.connect(order_output)
