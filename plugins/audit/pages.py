"""The audit's pages: Coverage (gaps first) and Needs review (a to-do list for contributors).

Needs review goes on over needs-review-2.html... when it is long (entries.pagination). Coverage has a row
for each country and region, not each entry, so it stays one page."""

from __future__ import annotations

import unicodedata

from entries.pagination import paginate
from entries.settings import Settings
from pelican.generators import Generator
from pipeline import directory_of
from site_languages import run_translations

from .coverage import KINDS, gap_words


def alphabetical(name: str) -> str:
    """'États-Unis' sorts with the E's."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


class AuditPagesGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        directory = directory_of(self)
        audit = directory.audit
        language = Settings.from_pelican(self.settings).language
        gettext = run_translations(self.settings).gettext
        # Each area with its name and gaps in the tree's language (audit.areas is in English order:
        # gaps first, then by country and name; another language orders by its own names)
        areas = [(area, area.name_in(language), gap_words(area, gettext)) for area in audit.areas]
        if language != "en":
            country = {area.country: name for area, name, _gaps in areas if not area.is_region}
            areas.sort(key=lambda row: (not row[2], alphabetical(country.get(row[0].country, "")), row[0].is_region, alphabetical(row[1])))
        pages = [("coverage.html", "coverage", {"areas": areas, "coverage_kinds": KINDS})]
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
