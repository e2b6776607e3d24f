"""Problems found in entries, and how they are printed.

Every check returns ``Problem`` values instead of raising, so that one run can
report every problem in every file (MkDocs' strict mode, not a traceback).
Each Problem carries a code (codes.py), which chooses the CONTRIBUTING.md
section its line points to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import section_of
from .safe_text import github_message, github_property, terminal

ERROR = "error"
WARNING = "warning"
GUIDE = "CONTRIBUTING.md"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR
    # What is wrong, as a stable name from codes.py (e.g. 'unknown-timezone'); it,
    # not the message's wording, decides the help link. Every Problem names one.
    code: str = field(kw_only=True)

    def __post_init__(self):
        section_of(self.code)  # an unknown code is a mistake in Signpost, found by the first test that meets it

    @property
    def section(self) -> str:
        """The CONTRIBUTING.md section that explains this problem, chosen by its code."""
        return section_of(self.code)

    @property
    def full_message(self) -> str:
        return f"{self.message} (see {GUIDE}#{self.section})"

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
            "code": self.code,
            "help": f"{GUIDE}#{self.section}",
        }


@dataclass
class Report:
    """Problems gathered over a whole run, in a stable order."""

    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self.problems if p.severity == WARNING)


class EntryErrors(Exception):
    """Raised once, after every entry was read, when any entry has an error."""

    def __init__(self, report: Report):
        self.report = report
        count = len(report.errors)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in entries")
