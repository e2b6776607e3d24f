"""Signpost audit: where an entry is audited for rural reach and outdated links.

The pipeline (pipeline/directory.py) runs the audit on every entry, offline
(report.py): each entry gets a reach level and flags (reach.py), links to
defunct platforms, broken links between entries, stale and closed entries are
found (offline.py), and coverage is counted (coverage.py). This plugin writes
the Coverage and Needs review pages (pages.py) and, once the site is written,
checks the built pages' links to each other (site_links.py). The network check, `invoke links`,
is not part of this plugin nor of any build: it is the linkcheck package.
"""

from __future__ import annotations

import logging

from entries.links import line_in_body
from entries.problems import ERROR, WARNING, EntryErrors, Problem
from entries.settings import Settings
from pelican import signals
from pipeline import directory_of, every_tree_written
from site_languages import run_translations
from site_languages.catalogs import SOURCE

from . import site_links
from .pages import AuditPagesGenerator
from .reach import level_words

log = logging.getLogger("signpost.audit")


def get_generators(pelican):
    return AuditPagesGenerator


def add_filters(generator):
    """The audit's words in the tree's language, for the entry pages and Needs review: a flag's reason
    (``flag|reach_words``) and a reach level's heading (``level|reach_level``)."""
    language = Settings.from_pelican(generator.settings).language
    gettext = run_translations(generator.settings).gettext
    generator.env.filters["reach_words"] = lambda flag: flag.words(language, gettext)
    generator.env.filters["reach_level"] = lambda level: level_words(level, gettext)


def check_output_links(pelican):
    """After writing: every link between the site's own pages must resolve. The English tree is written
    at the root (tasks.build_site); its check waits for the other trees, and covers them all."""
    if Settings.from_pelican(pelican.settings).language != SOURCE:
        return
    every_tree_written(pelican)
    directory = directory_of(pelican)
    by_page = {e.page_url: e for e in directory.entries if e.page_url}
    problems = []
    for page, line, href in site_links.unresolved(pelican.output_path):
        entry = by_page.get(page)
        if entry is not None:
            source_line, _ = line_in_body(entry, href)
            problems.append(
                Problem(
                    entry.source,
                    source_line,
                    "body",
                    f"the link '{href}' does not lead to a page of the site; link to another entry as '{{filename}}/crisis-helpline/samaritans.md'",
                    ERROR,
                    code="site-link",
                )
            )
        else:
            problems.append(
                Problem(
                    f"(built page) {page}",
                    line,
                    "link",
                    f"'{href}' does not lead to a page of the site; a template or plugin writes a broken link",
                    ERROR,
                    code="site-link",
                )
            )
    for problem in problems:
        (log.warning if problem.severity == WARNING else log.error)(problem.format())
    if problems:
        directory.report.extend(problems)
        raise EntryErrors(directory.report)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(check_output_links)
