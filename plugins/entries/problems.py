"""Problems found in entries, and how they are printed.

Every check returns ``Problem`` values instead of raising, so that one run can
report every problem in every file (MkDocs' strict mode, not a traceback).
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def format(self) -> str:
        """The one-line form ``PATH:LINE: field: message`` that editors and CI read."""
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}: {self.field}: {prefix}{self.message}"

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "field": self.field,
            "line": self.line,
            "message": self.message,
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
