"""Split an entry file into YAML front matter and Markdown body, keeping line numbers.

The YAML is read with a loader that keeps every scalar a string unless it is
plainly a number, ``true``/``false`` or empty. That avoids YAML 1.1 surprises
(``NO`` for Norway becoming ``False``) and lets the checks report a bad date
at its line instead of the parser failing on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .problems import Problem
from .safe_text import controls_in, terminal

try:  # libyaml is much faster when the wheel has it
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python fallback
    _BaseLoader = yaml.SafeLoader


class EntryLoader(_BaseLoader):
    """SafeLoader with only null, true/false, int and float resolved."""


EntryLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    # at most 18 digits: a longer run (a number typed wrong, or thousands of digits) stays text, for the checks to report
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9_]{0,17})$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?$", "-+0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    EntryLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

FENCE = "---"


@dataclass
class FrontMatter:
    """What was read from one file."""

    data: dict | None = None
    body: str = ""
    body_line: int = 1  # line number of the first body line
    key_lines: dict[str, int] = field(default_factory=dict)
    end_line: int = 1  # line of the closing fence
    problems: list[Problem] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        """The line of ``key`` in the file, or of the opening fence when it is absent."""
        return self.key_lines.get(key, 1)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode UTF-8, reporting the line of the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                path,
                line,
                "file",
                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8 "
                "(in most editors: File > Save with encoding > UTF-8)",
                code="file-not-utf8",
            )
        ]
    if not text.strip():
        return None, [
            Problem(
                path,
                1,
                "file",
                "the file is empty; start it with front matter between two '---' lines, "
                "e.g. '---\\ntitle: Samaritans\\nkind: crisis-helpline\\n...\\n---'",
                code="file-empty",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def read(raw: bytes, path: str) -> tuple[FrontMatter | None, list[Problem]]:
    """A file's bytes as front matter and body (decode, then split): (the FrontMatter, or None when its
    fields cannot be read; every problem found). An entry and a translation are read alike."""
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    front = split(text, path)
    return (front if front.data is not None else None), problems + front.problems


def split(text: str, path: str) -> FrontMatter:
    """Read the front matter of an entry whose text is already decoded."""
    lines = text.split("\n")
    result = FrontMatter()
    if not lines or lines[0].strip() != FENCE:
        result.problems.append(
            Problem(
                path,
                1,
                "front matter",
                "the file must start with a line '---', then the fields (e.g. 'title: Samaritans'), "
                "then another '---' line, then the description",
                code="front-matter-missing",
            )
        )
        return result
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in (FENCE, "..."))
    except StopIteration:
        result.problems.append(
            Problem(
                path,
                1,
                "front matter",
                "the front matter is not closed; add a line '---' after the last field",
                code="front-matter-not-closed",
            )
        )
        return result
    result.end_line = end + 1
    result.body = "\n".join(lines[end + 1 :])
    result.body_line = end + 2
    yaml_text = "\n".join(lines[1:end])
    offset = 2  # YAML line 0 is file line 2
    result.problems.extend(_raw_controls(lines[1:end], path, offset))
    if result.problems:
        return result  # the YAML parser would stop at the first, with no field or line
    try:
        result.problems.extend(_refused_yaml(yaml_text, path, offset))
        if result.problems:
            return result  # an alias can make a small file into a huge one: never construct it
        loader = EntryLoader(yaml_text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + offset if mark else 1
        what = " ".join(filter(None, [exc.context, exc.problem]))
        result.problems.append(
            Problem(
                path,
                line,
                "front matter",
                f"the YAML does not parse ({what}); check this line's indentation, "
                "and put quotes around values that contain ': ' or start with @, * or &",
                code="yaml-does-not-parse",
            )
        )
        return result
    except (ValueError, OverflowError, RecursionError) as exc:  # a value YAML reads but Python cannot hold
        result.problems.append(
            Problem(
                path,
                1,
                "front matter",
                f"the YAML cannot be read ({terminal(str(exc))[:120]}); check the values for very long numbers or deep nesting",
                code="yaml-does-not-parse",
            )
        )
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
        result.problems.append(Problem(path, 1, "front matter", f"the YAML does not parse: {exc}", code="yaml-does-not-parse"))
        return result
    if not isinstance(data, dict):
        found = "nothing" if data is None else f"a {type(data).__name__}"
        result.problems.append(
            Problem(
                path,
                offset if data is not None else 1,
                "front matter",
                f"the front matter must be a list of 'field: value' lines, but it holds {found}; "
                "write one field per line, e.g. 'title: Samaritans'",
                code="front-matter-not-fields",
            )
        )
        return result
    for key_node, _value in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + offset
        if key in result.key_lines:
            result.problems.append(
                Problem(
                    path,
                    line,
                    terminal(key),
                    f"'{terminal(key)}' is given twice (also on line {result.key_lines[key]}); keep one of the two lines",
                    code="duplicate-field",
                )
            )
            continue
        result.key_lines[key] = line
    result.data = {str(k): v for k, v in data.items()}
    for key, value in result.data.items():
        result.problems.extend(_characters(key, value, path, result.line_of(key)))
    return result


def _raw_controls(lines: list[str], path: str, offset: int) -> list[Problem]:
    """Control characters typed into the front matter itself, at their line and field."""
    problems = []
    for number, line in enumerate(lines, offset):
        found = controls_in(line)
        if found:
            key = line.split(":", 1)[0].strip() if ":" in line else "front matter"
            problems.append(
                Problem(
                    path,
                    number,
                    terminal(key),
                    f"holds the invisible control character(s) {', '.join(found)}, which are not allowed; retype this line (copying from another program can bring them in)",
                    code="control-character",
                )
            )
    return problems


def _refused_yaml(yaml_text: str, path: str, offset: int) -> list[Problem]:
    """YAML anchors (&name), aliases (*name) and tags (!!int, !!binary, !!merge...) are refused: a few
    aliases can repeat a value millions of times, and a tag makes a value into something other than text."""
    if "&" not in yaml_text and "*" not in yaml_text and "!" not in yaml_text:
        return []  # none can be there: no need to look at every event
    problems = []
    for event in yaml.parse(yaml_text, Loader=_BaseLoader):
        line = event.start_mark.line + offset
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            what = f"the alias '*{event.anchor}'" if isinstance(event, yaml.AliasEvent) else f"the anchor '&{event.anchor}'"
            problems.append(
                Problem(
                    path,
                    line,
                    "front matter",
                    f"{terminal(what)} is not allowed; write each value out in full, and put quotes around a value that starts with & or *",
                    code="yaml-anchor",
                )
            )
        if _explicit_tag(event):
            problems.append(
                Problem(
                    path,
                    line,
                    "front matter",
                    f"the tag '{terminal(event.tag.replace('tag:yaml.org,2002:', '!!'))}' is not allowed; write the value plainly, and put quotes around a value that starts with !",
                    code="yaml-tag",
                )
            )
    return problems


def _explicit_tag(event) -> bool:
    """Whether the event's tag was written in the file (not worked out from a plain value)."""
    tag = getattr(event, "tag", None)
    if tag is None:
        return False
    implicit = getattr(event, "implicit", True)
    return not any(implicit) if isinstance(implicit, tuple) else not implicit


def _characters(key: str, value, path: str, line: int) -> list[Problem]:
    """Control characters (which can hide text or rewrite a terminal) in a field's name or value, and line breaks in a value."""
    shown = terminal(key)
    problems = []
    if controls_in(key):
        problems.append(
            Problem(
                path,
                line,
                shown,
                f"the field name holds the control character(s) {', '.join(controls_in(key))}; retype the field name",
                code="control-character",
            )
        )
    texts = [value] if isinstance(value, str) else [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
    for text in texts:
        text = text.strip()
        found = controls_in(text.replace("\n", ""))
        if found:
            problems.append(
                Problem(
                    path,
                    line,
                    shown,
                    f"holds the invisible control character(s) {', '.join(found)}, which are not allowed; retype the value (copying from another program can bring them in)",
                    code="control-character",
                )
            )
        if "\n" in text:
            problems.append(
                Problem(
                    path, line, shown, "must be on one line; join its lines into one (a value may not hold a line break)", code="one-line"
                )
            )
    return problems
