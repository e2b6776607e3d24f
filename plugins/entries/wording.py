"""Wording advice (data/wording.yaml): safe-messaging phrases and stigmatising labels, as warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .problems import WARNING, Problem
from .settings import DEFAULT_DATA

DEFAULT_PATH = DEFAULT_DATA / "wording.yaml"  # in the folder the SIGNPOST_DATA setting names


_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    advice: dict  # the rule as data/wording.yaml gives it
    # A variant matches only where each of its words is a word of the text; the rule
    # is tried only on texts holding one of these (each variant's longest word).
    key_words: frozenset | None  # None: try it on every text


@lru_cache(maxsize=4)
def rules(path: str | Path = DEFAULT_PATH) -> list[Rule]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    out = []
    for rule in data:
        variants = sorted((p.strip() for p in rule["phrase"].split("|") if p.strip()), key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in variants) + r")(?!\w)", re.I)
        words = [_WORD.findall(v.lower()) for v in variants]
        out.append(Rule(pattern, rule, frozenset(max(w, key=len) for w in words) if all(words) else None))
    return out


def check_text(text: str, path: str, field: str, first_line: int, advice: list[Rule] | None = None) -> list[Problem]:
    """Warnings for each advised-against phrase in ``text``, at its line."""
    problems = []
    # Most texts contain no phrase: one scan (in C) for the text's words, and a
    # rule's pattern is tried only where one of its key words occurs
    words = set(_WORD.findall(text.lower()))
    for rule in advice if advice is not None else rules():
        if rule.key_words is not None and words.isdisjoint(rule.key_words):
            continue
        pattern, rule = rule.pattern, rule.advice
        for match in pattern.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            found = " ".join(match.group(1).split())
            if rule.get("why") == "stigmatising":
                code, advice = "stigmatising-label", f"'{found}' is a stigmatising label; prefer '{rule['prefer']}'"
            else:
                code, advice = "safe-messaging", f"safe-messaging guidance advises against '{found}'; prefer '{rule['prefer']}'"
            problems.append(Problem(path, line, field, advice + " (the list is in data/wording.yaml)", WARNING, code=code))
    return problems
