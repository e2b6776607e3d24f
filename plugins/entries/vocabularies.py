"""The controlled vocabularies contributors extend by pull request (data/vocabularies.yaml)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .settings import DEFAULT_DATA

DEFAULT_PATH = DEFAULT_DATA / "vocabularies.yaml"  # in the folder the SIGNPOST_DATA setting names

NAMES = ("kinds", "channels", "platforms", "costs", "statuses", "confirmers", "audiences", "topics")


class VocabularyError(Exception):
    """The vocabularies file itself is broken."""


@dataclass(frozen=True)
class Vocabularies:
    kinds: dict[str, str]
    channels: dict[str, str]
    platforms: dict[str, str]
    costs: dict[str, str]
    statuses: dict[str, str]
    confirmers: dict[str, str]
    audiences: dict[str, str]
    topics: dict[str, str]

    def get(self, name: str) -> dict[str, str]:
        return getattr(self, name)

    def label(self, name: str, value: str) -> str:
        return self.get(name).get(value, value)

    def translated(self, gettext) -> Vocabularies:
        """The same vocabularies with each label in a page's language (``gettext``: its catalog's)."""
        return Vocabularies(**{name: {value: gettext(label) for value, label in self.get(name).items()} for name in NAMES})


@lru_cache(maxsize=8)
def load(path: str | Path = DEFAULT_PATH) -> Vocabularies:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path}: cannot read the vocabularies: {exc}") from None
    missing = [n for n in NAMES if not isinstance((data or {}).get(n), dict)]
    if missing:
        raise VocabularyError(f"{path}: each of {', '.join(missing)} must be a mapping of value: label")
    return Vocabularies(**{n: {str(k): str(v) for k, v in data[n].items()} for n in NAMES})


def closest(value: str, allowed) -> str | None:
    """The allowed value nearest to ``value``, for "did you mean" hints, or None when none is close.

    Close means one of: the same once spaces and underscores are hyphens ('crisis helpline');
    a letter or two away (difflib's similarity of 0.8 or more: 'suicde', 'youngpeople',
    'phnoe'); or a whole word of it ('helpline' is a word of 'crisis-helpline'). Sharing a few
    letters is not close: 'familys' and 'teens' suggest nothing.
    """
    plain = {_plain(candidate): candidate for candidate in allowed}
    lowered = _plain(value)
    if not lowered:
        return None
    if lowered in plain:
        return plain[lowered]
    match = difflib.get_close_matches(lowered, plain, n=1, cutoff=0.8)
    if match:
        return plain[match[0]]
    for candidate, original in plain.items():
        if lowered in candidate.split("-") or candidate in lowered.split("-"):
            return original
    return None


def _plain(value) -> str:
    """Lower case, with hyphens for spaces and underscores: 'Young people' and 'young_people' are 'young-people'."""
    return str(value).strip().lower().replace(" ", "-").replace("_", "-")
