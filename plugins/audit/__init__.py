"""Signpost audit: where an entry is audited for rural reach and outdated links.

At build time, offline: every entry gets a reach level and flags (reach.py),
links to defunct platforms, broken links between entries, stale and closed
entries are found (offline.py), coverage is counted (coverage.py), and the
built pages' links to each other are checked (site_links.py). The Coverage and
Needs review pages are written by pages.py. The network check, `invoke links`,
is not part of this plugin nor of any build: it is the linkcheck package.
"""

from __future__ import annotations

import logging

import entries
from entries import state
from entries.problems import ERROR, WARNING, EntryErrors, Problem
from pelican import signals

from . import site_links
from .pages import AuditPagesGenerator
from .report import audit_entries
from .urls import line_in_body

log = logging.getLogger("signpost.audit")


def run_audit(found_entries, build):
    result = audit_entries(found_entries, build.content_dir, build.today)
    build.data["audit"] = result
    return result.problems


def get_generators(pelican):
    return AuditPagesGenerator


def check_output_links(pelican):
    """After writing: every link between the site's own pages must resolve."""
    build = state.current()
    by_page = {e.page_url: e for e in build.entries if e.page_url}
    problems = []
    for page, line, href in site_links.unresolved(pelican.output_path):
        entry = by_page.get(page)
        if entry is not None:
            source_line, _ = line_in_body(entry, href)
            problems.append(Problem(entry.source, source_line, "body", f"the link '{href}' does not lead to a page of the site; link to another entry as '{{filename}}/crisis-helpline/samaritans.md'", ERROR))
        else:
            problems.append(Problem(f"(built page) {page}", line, "link", f"'{href}' does not lead to a page of the site; a template or plugin writes a broken link", ERROR))
    for problem in problems:
        (log.warning if problem.severity == WARNING else log.error)(problem.format())
    if problems:
        build.report.extend(problems)
        raise EntryErrors(build.report)


def register():
    entries.add_check(run_audit)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(check_output_links)
