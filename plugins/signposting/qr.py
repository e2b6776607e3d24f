"""QR codes as inline SVG, made at build time with segno. Pure functions.

Inline <svg> markup needs no image request and no data: URI, so it passes the
site's Content-Security-Policy. The code is drawn with presentation attributes
(stroke), never a style attribute.
"""

from __future__ import annotations

import re
from html import escape

import segno

MASK = 4
BORDER = 4  # the standard quiet zone, in modules
_DARK = re.compile(rb"[^\x00]+")  # a run of dark modules in a row of segno's matrix


def svg(data: str, label: str, css_class: str = "qr") -> str:
    """An <svg role="img"> of the QR code for ``data``, named by ``label`` for screen readers.

    Error correction M (15%) or better, with the standard quiet zone of 4 modules;
    no width or height, so CSS sizes it (viewBox keeps it square). The mask is
    fixed: every mask gives a valid code, and scoring all eight for each entry
    was most of the plugin's build time. segno makes the code; each row's runs of
    dark modules are drawn as one-module-high lines, as segno's own SVG writer
    draws them, in a single pass (the sheet holds a code for every service).
    """
    code = segno.make(data, error="m", micro=False, mask=MASK)
    size = len(code.matrix) + 2 * BORDER
    return (
        f'<svg role="img" aria-label="{escape(label, quote=True)}" focusable="false" shape-rendering="crispEdges" '
        f'viewBox="0 0 {size} {size}" class="{escape(css_class, quote=True)}"><path stroke="#000" d="{_lines(code.matrix)}"/></svg>'
    )


def _lines(matrix) -> str:
    """The path of the dark runs, each move relative to the end of the last line (segno's form)."""
    parts = []
    x, y = -BORDER, -BORDER - 0.5  # so the first move lands on the matrix plus the quiet zone
    first = True
    for row_number, row in enumerate(matrix):
        for run in _DARK.finditer(bytes(row)):
            start, length = run.start(), run.end() - run.start()
            if first:
                parts.append(f"M{start + BORDER} {row_number + BORDER}.5h{length}")
                first = False
            else:
                parts.append(f"m{start - x} {row_number - y}h{length}")
            x, y = start + length, row_number
    return "".join(parts)
