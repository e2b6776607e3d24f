"""Wording advice (data/wording.yaml): safe-messaging phrases and stigmatising labels, as warnings."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .problems import WARNING, Problem

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "wording.yaml"
WHY = {"safe-messaging": "safe-messaging guidance advises against", "stigmatising": "is a stigmatising label;"}


@lru_cache(maxsize=4)
def rules(path: str | Path = DEFAULT_PATH) -> list[tuple[re.Pattern, dict]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    out = []
    for rule in data:
        variants = sorted((p.strip() for p in rule["phrase"].split("|") if p.strip()), key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in variants) + r")(?!\w)", re.I)
        out.append((pattern, rule))
    return out


@lru_cache(maxsize=4)
def any_rule(path: str | Path = DEFAULT_PATH) -> re.Pattern:
    """One pattern matching wherever any rule would: most texts have no match, and are passed over in one scan."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, _ in rules(path)) or r"(?!)", re.I)


def check_text(text: str, path: str, field: str, first_line: int) -> list[Problem]:
    """Warnings for each advised-against phrase in ``text``, at its line."""
    problems = []
    if not any_rule().search(text):
        return problems
    for pattern, rule in rules():
        for match in pattern.finditer(text):
            line = first_line + text.count("\n", 0, match.start())
            found = " ".join(match.group(1).split())
            if rule.get("why") == "stigmatising":
                advice = f"'{found}' is a stigmatising label; prefer '{rule['prefer']}'"
            else:
                advice = f"safe-messaging guidance advises against '{found}'; prefer '{rule['prefer']}'"
            problems.append(Problem(path, line, field, advice + " (the list is in data/wording.yaml)", WARNING))
    return problems
