"""What the entries plugin knows during one Pelican run; reset at the start of each run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .model import Entry
from .problems import Report
from .vocabularies import DEFAULT_PATH, Vocabularies, load


@dataclass
class BuildState:
    vocab: Vocabularies
    today: date
    root: str
    content_dir: str = ""
    data: dict = field(default_factory=dict)  # what other plugins keep for this run
    settings: dict = field(default_factory=dict)  # the run's Pelican settings
    cleanups: list = field(default_factory=list)  # what to undo if the build stops (e.g. end a worker process)
    entries: list[Entry] = field(default_factory=list)
    report: Report = field(default_factory=Report)

    def stop(self) -> None:
        """The build stops: run every cleanup the plugins registered."""
        while self.cleanups:
            self.cleanups.pop()()


_current: BuildState | None = None


def start(settings: dict) -> BuildState:
    """Begin a run with the settings ``SIGNPOST_VOCABULARIES``, ``SIGNPOST_TODAY`` and ``SIGNPOST_ROOT``."""
    global _current
    if _current is not None:
        _current.stop()  # whatever a run that failed part-way left behind
    today = settings.get("SIGNPOST_TODAY") or date.today()
    if isinstance(today, str):
        today = date.fromisoformat(today)
    _current = BuildState(
        vocab=load(Path(settings.get("SIGNPOST_VOCABULARIES") or DEFAULT_PATH)),
        today=today,
        root=str(settings.get("SIGNPOST_ROOT") or os.getcwd()),
        content_dir=str(settings.get("PATH") or ""),
        settings=settings,
    )
    return _current


def current() -> BuildState:
    if _current is None:  # a reader used outside a run, e.g. by another tool
        return start({})
    return _current


def last() -> BuildState | None:
    """The state of the most recent run (for the build task's summary)."""
    return _current
