"""Write a new entry file from field values (`invoke new`). Pure functions, no prompts."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from .check import read_entry
from .fields import CODE, DATE, FIELDS, FLAG
from .files import MAX_NAME, NAME, reserved
from .problems import ERROR, Problem
from .vocabularies import Vocabularies, closest

# The order fields are written in, as in CONTRIBUTING.md (fields.py)
ORDER = tuple(field.name for field in FIELDS)
LISTS = {field.name for field in FIELDS if field.is_list}
# Fields holding a code or a date, written without quotes when they look like one
CODES = {field.name for field in FIELDS if field.type in (CODE, DATE)}
FLAGS = {field.name for field in FIELDS if field.type == FLAG}
PLACEHOLDER = "<!-- Describe the service here, in your own words: who it is for, and what happens when someone gets in touch. -->"


def slugify(title: str) -> str:
    """A slug made from a title that follows the file-name rules (files.py): plain, short enough, not reserved."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[: MAX_NAME - len(".md")].strip("-") or "entry"
    return f"{slug}-service" if reserved(slug) else slug


def plain_slug(slug: str) -> bool:
    """A slug that makes an allowed entry file name (files.py): never a path, never a reserved name."""
    name = f"{slug}.md"
    return bool(NAME.fullmatch(name)) and len(name) <= MAX_NAME and "." not in slug and not reserved(slug)


def _scalar(value: str, name: str) -> str:
    if name in FLAGS:  # true or false, written plainly so that YAML reads it as such
        return "true" if value.lower() in ("true", "yes", "y") else "false" if value.lower() in ("false", "no", "n") else json.dumps(value)
    if name in CODES and re.fullmatch(r"[A-Za-z0-9_./+-]+", value):
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML string


def _item(value: str) -> str:
    return value if re.fullmatch(r"[A-Za-z0-9_-]+", value) else json.dumps(value, ensure_ascii=False)


def render(fields: dict, description: str | None = None) -> str:
    lines = ["---"]
    for name in ORDER:
        value = fields.get(name)
        if value in (None, "", []):
            continue
        if name in LISTS:
            items = value if isinstance(value, list) else [v.strip() for v in str(value).split(",") if v.strip()]
            lines.append(f"{name}: [{', '.join(_item(v) for v in items)}]")
        else:
            lines.append(f"{name}: {_scalar(str(value).strip(), name)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + (description.strip() if description and description.strip() else PLACEHOLDER) + "\n"


def target_path(content_dir: Path, fields: dict, vocab: Vocabularies, slug: str | None = None) -> Path:
    """The file `invoke new` writes: <content>/<kind>/<slug>.md, named as it will really be written.

    A kind that is not known yet (it has its own problem) gives the folder of the kind its
    message suggests ('crisis helpline': crisis-helpline/), or else the content folder itself.
    """
    kind = str(fields.get("kind") or "").strip()
    folder = kind if kind in vocab.kinds else closest(kind, vocab.kinds)
    base = Path(content_dir) / folder if folder else Path(content_dir)
    return base / f"{slug or slugify(str(fields.get('title') or ''))}.md"


def slug_problem(slug: str) -> Problem | None:
    """The problem with a --slug that is not a plain name, or None."""
    if plain_slug(slug):
        return None
    return Problem(
        "--slug",
        1,
        "slug",
        f"'{slug}' is not a plain name; use lower-case letters, digits and hyphens only (not 'index', 'phone-text', 'page-N' or 'phone-text-N', the names of the site's own pages), e.g. '--slug {slugify(slug)}'",
        code="slug-not-plain",
    )


def check(
    content_dir: Path, fields: dict, vocab: Vocabularies, today: date, description: str | None = None, slug: str | None = None
) -> tuple[Path, str, list[Problem]]:
    """The new entry's file, its text, and every problem it would have: the checks `invoke check` makes, and no
    file already there or with the same name. Nothing is written."""
    path = target_path(content_dir, fields, vocab, slug)
    text = render(fields, description)
    shown = path.as_posix()
    _entry, problems = read_entry(text.encode("utf-8"), shown, path.stem, vocab, today)
    if path.exists():
        problems.append(
            Problem(
                shown,
                1,
                "file",
                f"{shown} already exists and was not changed; edit it, or choose another title or --slug",
                code="file-exists",
            )
        )
    clash = [p for p in Path(content_dir).rglob(f"{path.stem}.md") if p != path]
    if clash:
        problems.append(
            Problem(
                shown,
                1,
                "slug",
                f"{clash[0].as_posix()} already uses the slug '{path.stem}'; choose another title or --slug",
                code="duplicate-slug",
            )
        )
    return path, text, problems


def answer_problems(
    content_dir: Path,
    fields: dict,
    name: str,
    vocab: Vocabularies,
    today: date,
    slug: str | None = None,
    description: str | None = None,
) -> list[Problem]:
    """The problems with one answer, as soon as it is given: the entry made of the answers so far is
    checked, and only the problems of field ``name`` are kept ('body' for the description; for the
    title, also a file already there or with the same name). Questions not asked yet are not held against it."""
    _path, _text, problems = check(content_dir, fields, vocab, today, description, slug)
    names_the_file = name == "slug" or (name == "title" and slug is None)  # the file's name comes from them
    fields_of = {name, "file", "slug"} if names_the_file else {name}
    return [problem for problem in problems if problem.field in fields_of]


def create(content_dir: Path, fields: dict, vocab: Vocabularies, today: date, description: str | None = None, slug: str | None = None):
    """Check the new entry and write it. Returns (path, problems); nothing is written when there is an error."""
    if slug is not None and slug_problem(slug):
        return None, [slug_problem(slug)]
    path, text, problems = check(content_dir, fields, vocab, today, description, slug)
    if any(p.severity == ERROR for p in problems):
        return None, problems
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path, problems
