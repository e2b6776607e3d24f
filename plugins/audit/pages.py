"""The audit's pages: Coverage (gaps first) and Needs review (a to-do list for contributors).

Needs review goes on over needs-review-2.html... when it is long (entries.pagination). Coverage has a row
for each country and region, not each entry, so it stays one page."""

from __future__ import annotations

from entries.pagination import paginate
from pelican.generators import Generator
from pipeline import directory_of

from .coverage import KINDS


class AuditPagesGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        directory = directory_of(self)
        audit = directory.audit
        pages = [("coverage.html", "coverage", {"areas": audit.areas, "coverage_kinds": KINDS})]
        for page in paginate(audit.needs_review, "needs-review.html", directory.settings.page_size):
            pages.append((page.name, "needs_review", {"review_entries": page.items, "page": page}))
        for name, template, extra in pages:
            writer.write_file(
                name,
                self.get_template(template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=name,
                page_name=name,
                **extra,
            )
