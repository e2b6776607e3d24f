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
    """The allowed value nearest to ``value``, for "did you mean" hints."""
    allowed = list(allowed)
    lowered = str(value).strip().lower().replace(" ", "-").replace("_", "-")
    if lowered in allowed:
        return lowered
    match = difflib.get_close_matches(lowered, allowed, n=1, cutoff=0.5)
    if match:
        return match[0]
    # a prefix or containment match catches "helpline" -> "crisis-helpline"
    for candidate in allowed:
        if lowered and (lowered in candidate or candidate in lowered):
            return candidate
    return None
