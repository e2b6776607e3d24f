"""Signpost's own settings, declared once with their types and defaults, and checked when a run starts.

Pelican reads pelicanconf.py (and publishconf.py) into one dictionary. The
SIGNPOST_* values in it are read here, and only here: ``Settings.from_pelican``
turns them into typed fields, or raises ``SettingError`` naming the setting and
saying what it must be. Every other module takes a ``Settings`` (or one of its
fields), never the dictionary.

Data files (vocabularies, emergency numbers, wording, reach flags, defunct
platforms, coverage areas, bot-walled hosts) are all found in one folder, the
``SIGNPOST_DATA`` setting.

A publish build (publishconf.py sets ``SIGNPOST_PUBLISH``) must know the site's
public address (``SITEURL``, from ``SIGNPOST_SITEURL``) and the repository's
(``SIGNPOST_REPOSITORY``), where the "Report a problem" links lead; without
them it stops before anything is written, with a message naming the setting.
The templates read SIGNPOST_REPOSITORY and SIGNPOST_REPORT_EMAIL from Pelican's
context as they are written; they are checked here first, when the run starts.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .pagination import PAGE_SIZE

PROJECT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = PROJECT / "data"
DEFAULT_TRANSLATIONS = PROJECT / "translations"


class SettingError(Exception):
    """A SIGNPOST_* setting has a value Signpost cannot use; the message names it."""


@dataclass(frozen=True)
class Settings:
    # name in pelicanconf.py: (field, what it is)
    data: Path = DEFAULT_DATA  # SIGNPOST_DATA: the folder of data files
    today: date = field(default_factory=date.today)  # SIGNPOST_TODAY: the date to check against (tests fix it)
    root: str = ""  # SIGNPOST_ROOT: paths in messages are shown relative to this folder (default: where you run)
    search_index: bool = True  # SIGNPOST_SEARCH_INDEX: build the search index (off: a quicker preview)
    feed_git_dates: bool = True  # SIGNPOST_FEED_GIT_DATES: date unreviewed entries by their file's last git commit
    allow_private: bool = False  # (invoke links --allow-private) accept loopback and private web addresses
    publish: bool = False  # SIGNPOST_PUBLISH: a build of the public site (publishconf.py): SITEURL and the repository are required
    repository: str = ""  # SIGNPOST_REPOSITORY: https://github.com/OWNER/NAME, where "Report a problem" opens an issue form
    report_email: str = ""  # SIGNPOST_REPORT_EMAIL: an address for reports from people without a GitHub account (optional)
    live_reload: str = ""  # SIGNPOST_LIVE_RELOAD: set by invoke serve alone: the CSP hash ('sha256-...') of the live-reload script
    page_size: int = PAGE_SIZE  # SIGNPOST_PAGE_SIZE: entries on one page of a long list (entries.pagination; tests make it small)
    language: str = "en"  # SIGNPOST_LANGUAGE: the language of the pages' interface text (plugins/site_languages)
    translations: Path = DEFAULT_TRANSLATIONS  # SIGNPOST_TRANSLATIONS: the folder of message catalogs (translations/)
    languages: str = ""  # SIGNPOST_LANGUAGES: the languages to build, e.g. "en" for a quicker preview (default: all of data/languages.yaml)

    @property
    def vocabularies(self) -> Path:
        return self.data / "vocabularies.yaml"

    @property
    def emergency_numbers(self) -> Path:
        return self.data / "emergency_numbers.yaml"

    @classmethod
    def from_pelican(cls, values: dict) -> Settings:
        """The settings from Pelican's dictionary, each checked; SettingError names the first bad one."""
        given = {}
        for name, (attribute, kind) in SETTINGS.items():
            if values.get(name) is None:
                continue
            value = values[name]
            given[attribute] = _converted(name, value, kind)
        checks = (
            ("SIGNPOST_REPOSITORY", repository_problem),
            ("SIGNPOST_REPORT_EMAIL", email_problem),
            ("SIGNPOST_LIVE_RELOAD", live_reload_problem),
        )
        for name, check in checks:
            problem = check(given.get(SETTINGS[name][0], ""))
            if problem:
                raise SettingError(f"{name}: {problem}")
        if given.get("page_size") == 0:
            raise SettingError("SIGNPOST_PAGE_SIZE must be 1 or more: it is how many entries one page of a long list shows")
        if given.get("publish"):
            missing = publish_problems(values.get("SITEURL") or "", given.get("repository", ""))
            if missing:
                raise SettingError("; ".join(missing))
        settings = cls(**given)
        if not settings.root:
            settings = cls(**{**given, "root": os.getcwd()})
        if not settings.data.is_dir():
            raise SettingError(
                f"SIGNPOST_DATA: '{settings.data}' is not a folder; point it at the folder of data files (default: data/ in the project)"
            )
        return settings


# Each SIGNPOST_* setting: the field it fills and the type it must have
SETTINGS = {
    "SIGNPOST_DATA": ("data", Path),
    "SIGNPOST_TODAY": ("today", date),
    "SIGNPOST_ROOT": ("root", str),
    "SIGNPOST_SEARCH_INDEX": ("search_index", bool),
    "SIGNPOST_FEED_GIT_DATES": ("feed_git_dates", bool),
    "SIGNPOST_PUBLISH": ("publish", bool),
    "SIGNPOST_REPOSITORY": ("repository", str),
    "SIGNPOST_REPORT_EMAIL": ("report_email", str),
    "SIGNPOST_LIVE_RELOAD": ("live_reload", str),
    "SIGNPOST_PAGE_SIZE": ("page_size", int),
    "SIGNPOST_LANGUAGE": ("language", str),
    "SIGNPOST_TRANSLATIONS": ("translations", Path),
    "SIGNPOST_LANGUAGES": ("languages", str),
}
assert {attribute for attribute, _kind in SETTINGS.values()} <= {f.name for f in fields(Settings)}


def _converted(name: str, value, kind):
    if kind is date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise SettingError(f"{name} must be a date written YYYY-MM-DD, not {value!r}") from None
    if kind is Path:
        if isinstance(value, (str, os.PathLike)) and str(value):
            return Path(value)
        raise SettingError(f"{name} must be a folder's path, not {value!r}")
    if kind is bool:
        if isinstance(value, bool):
            return value
        raise SettingError(f"{name} must be True or False, not {value!r}")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
        raise SettingError(f"{name} must be a whole number of 0 or more, not {value!r}")
    if isinstance(value, str):
        return value
    raise SettingError(f"{name} must be text, not {value!r}")


REPOSITORY_EXAMPLE = "https://github.com/OWNER/NAME"


def repository_problem(address: str) -> str | None:
    """What is wrong with a repository's address (None when it is empty or right): https://HOST/OWNER/NAME."""
    if not address:
        return None
    parts = urlsplit(address)
    path = parts.path.split("/")
    host = re.fullmatch(r"[A-Za-z0-9.-]+(:[0-9]+)?", parts.netloc)
    if parts.scheme != "https" or not host or parts.query or parts.fragment:
        return f"{address!r} is not an https address; write the repository's address, e.g. {REPOSITORY_EXAMPLE}"
    if len(path) != 3 or not all(re.fullmatch(r"[A-Za-z0-9_.-]+", part) for part in path[1:]):
        return (
            f"{address!r} is not a repository's address; write https://HOST/OWNER/NAME with no slash at the end, e.g. {REPOSITORY_EXAMPLE}"
        )
    return None


def email_problem(address: str) -> str | None:
    """What is wrong with the address for reports (None when it is empty or right)."""
    if not address or re.fullmatch(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+", address):
        return None
    return f"{address!r} is not an email address; write one such as reports@example.org, or leave it empty"


def live_reload_problem(value: str) -> str | None:
    """What is wrong with the live-reload script's hash (None when it is empty or a sha256 source)."""
    if not value or re.fullmatch(r"sha256-[A-Za-z0-9+/]{43}=", value):
        return None
    return f"{value!r} is not a CSP hash; invoke serve sets it (sha256-...), and every other build leaves it empty"


def publish_problems(siteurl: str, repository: str) -> list[str]:
    """What a publish build lacks: the site's public address and the repository's, each named."""
    missing = []
    if not siteurl:
        missing.append(
            "SIGNPOST_SITEURL is not set: a publish build (publishconf.py) needs the site's public address for its "
            "canonical links and the links in practitioners' messages; run it as "
            "SIGNPOST_SITEURL=https://your.site invoke build --settings publishconf.py (the publish workflow sets it from GitHub Pages)"
        )
    if not repository:
        missing.append(
            "SIGNPOST_REPOSITORY is not set: a publish build (publishconf.py) needs the repository's address for the "
            f"'Report a problem' links; set it to {REPOSITORY_EXAMPLE} (the publish workflow sets it to the repository it runs in)"
        )
    return missing
