"""Text from entries, made safe for where it is printed: a terminal, a GitHub annotation, one line.

Entry files come from strangers. A value may hold an escape sequence that
clears a contributor's screen, or a newline that starts a second GitHub
workflow command. Every place that prints an entry's words passes them through
one of these.
"""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls and DEL (Unicode category Cc); the line and paragraph
# separators, which some programs (a phone's contacts app) break a line at;
# and the bidirectional embedding, override and isolate controls, which can
# make text read in another order than it is stored.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal(text: str) -> str:
    """The text for a terminal: each control character shown as an escape (``\\x1b``), never sent raw."""
    return _CONTROLS.sub(_shown, str(text))


def one_line(text: str) -> str:
    """The text on one line: every run of white space or control characters becomes one space."""
    text = _CONTROLS.sub(" ", str(text))
    return " ".join(text.split())


def without_controls(text: str, keep: str = "") -> str:
    """The text with every control character removed, but those in ``keep`` (e.g. "\\n")."""
    return _CONTROLS.sub(lambda match: match.group() if match.group() in keep else "", str(text))


def github_message(text: str) -> str:
    """A GitHub workflow command's message: '%', CR and LF escaped, as GitHub's runner expects."""
    # CR and LF are percent-escaped first; any other control is then shown as an escape
    return terminal(str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A GitHub workflow command's property (file=, title=): '%', CR, LF, ':' and ',' escaped."""
    return github_message(text).replace(":", "%3A").replace(",", "%2C")


def controls_in(text: str) -> list[str]:
    """The control characters in ``text``, named for a message ('U+001B', 'U+202E RIGHT-TO-LEFT OVERRIDE'), once each."""
    seen: list[str] = []
    for char in _CONTROLS.findall(str(text)):
        label = f"U+{ord(char):04X} {unicodedata.name(char, '')}".strip()
        if label not in seen:
            seen.append(label)
    return seen
