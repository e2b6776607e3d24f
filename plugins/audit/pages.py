"""The audit's pages: Coverage (gaps first) and Needs review (a to-do list for contributors)."""

from __future__ import annotations

from pelican.generators import Generator
from pipeline import directory_of

from .coverage import KINDS


class AuditPagesGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        audit = directory_of(self).audit
        for name, template, extra in (
            ("coverage.html", "coverage", {"areas": audit.areas, "coverage_kinds": KINDS}),
            ("needs-review.html", "needs_review", {"review_entries": audit.needs_review}),
        ):
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=name,
                page_name=name,
                **extra,
            )
