"""Problems found in entries, and how they are printed.

Every check returns ``Problem`` values instead of raising, so that one run can
report every problem in every file (MkDocs' strict mode, not a traceback).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .safe_text import github_message, github_property, terminal

ERROR = "error"
WARNING = "warning"
GUIDE = "CONTRIBUTING.md"

# Which section of CONTRIBUTING.md explains a problem: (field or "*", words in
# the message, section). The first row that matches wins.
SECTIONS = [
    ("file", "is a symbolic link", "symbolic-link"),
    ("file", "the file name", "file-name"),
    ("file", "may be at most", "file-too-large"),
    ("file", "is used by a page the site makes", "reserved-name"),
    ("file", "is not an entry", "not-an-entry"),
    ("file", "translations are not published yet", "translation-file"),
    ("file", "is not a regular file", "symbolic-link"),
    ("*", "control character", "control-character"),
    ("*", "must be on one line", "one-line"),
    ("*", "is given twice", "duplicate-field"),
    ("front matter", "is not allowed; write each value out in full", "yaml-anchor"),
    ("body", "is not allowed: an entry may link only to another entry", "link-form"),
    ("body", "is a path, which does not lead", "link-form"),
    ("*", "before the host name", "web-address"),
    ("*", "not to a domain", "web-address"),
    ("*", "non-ASCII letters", "web-address"),
    ("*", "is not a valid web address", "web-address"),
    ("*", "premium-rate number", "premium-rate"),
    ("*", "shared-cost number", "shared-cost"),
    ("file", "not UTF-8", "file-not-utf8"),
    ("file", "empty", "file-empty"),
    ("front matter", "must start with", "front-matter-missing"),
    ("front matter", "not closed", "front-matter-not-closed"),
    ("front matter", "does not parse", "yaml-does-not-parse"),
    ("front matter", "", "front-matter-not-fields"),
    ("*", "is not a field Signpost knows", "unknown-field"),
    ("*", "channels lists", "contact-field-missing"),
    ("*", "is required", "required-field"),
    ("*", "must be a single value", "single-value"),
    ("*", "must be a list", "list-value"),
    ("*", "each item must be", "list-value"),
    ("*", "is not a known", "unknown-value"),
    ("*", "is only used for recovery-account", "recovery-only-field"),
    ("*", "points to", "defunct-link"),
    ("*", "does not point to an entry", "internal-link"),
    ("*", "which has closed", "link-to-closed"),
    ("*", "does not lead to a page", "site-link"),
    ("*", "is already listed by", "duplicate-url"),
    ("*", "same number as", "duplicate-number"),
    ("*", "very like the title of", "duplicate-title"),
    ("*", "safe-messaging", "wording"),
    ("*", "stigmatising", "wording"),
    ("body", "uses http", "http-link"),
    ("body", "was removed", "body-html-removed"),
    ("summary", "", "summary-too-long"),
    ("url", "", "url"),
    ("chat_url", "", "url"),
    ("slug", "", "duplicate-slug"),
    ("countries", "", "countries"),
    ("regions", "", "regions"),
    ("languages", "", "languages"),
    ("phone", "", "phone-number"),
    ("text", "", "phone-number"),
    ("email", "", "email"),
    ("hours", "", "hours"),
    ("timezone", "", "timezone"),
    ("last_reviewed", "more than 12 months ago", "stale-entry"),
    ("last_reviewed", "", "last-reviewed"),
]


def section_for(field: str, message: str) -> str | None:
    for wanted, words, section in SECTIONS:
        if (wanted == "*" or wanted == field) and words in message:
            return section
    return None


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    @property
    def section(self) -> str | None:
        """The CONTRIBUTING.md section that explains this problem."""
        return section_for(self.field, self.message)

    @property
    def full_message(self) -> str:
        section = self.section
        return f"{self.message} (see {GUIDE}#{section})" if section else self.message

    def format(self) -> str:
        """The one-line form ``PATH:LINE: field: message`` that editors and CI read.

        Entry text quoted in a message may hold control characters: each is shown
        as an escape (``\\x1b``), so nothing from an entry reaches the terminal raw.
        """
        prefix = "warning: " if self.severity == WARNING else ""
        return terminal(f"{self.path}:{self.line}: {self.field}: {prefix}{self.full_message}")

    def github(self) -> str:
        """A GitHub Actions annotation at the file and line, escaped as GitHub's workflow commands require."""
        kind = "warning" if self.severity == WARNING else "error"
        return f"::{kind} file={github_property(self.path)},line={self.line},title={github_property(self.field)}::{github_message(self.full_message)}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "field": self.field,
            "line": self.line,
            "message": self.message,
            "help": f"{GUIDE}#{self.section}" if self.section else None,
        }


@dataclass
class Report:
    """Problems gathered over a whole run, in a stable order."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == WARNING)

    def lines(self) -> list[str]:
        return [p.format() for p in sorted(self.problems)]


class EntryErrors(Exception):
    """Raised once, after every entry was read, when any entry has an error."""

    def __init__(self, report: Report):
        self.report = report
        count = len(report.errors)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in entries")
