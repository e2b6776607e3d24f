"""QR codes, made at build time with segno. Pure functions.

Inline <svg> markup needs no image request and no data: URI, so it passes the
site's Content-Security-Policy. The code is drawn with presentation attributes
(stroke), never a style attribute.
"""

from __future__ import annotations

import re
from html import escape

import segno

# The mask is fixed: every mask gives a valid code, and letting segno score all
# eight for each code takes four times as long (docs/performance.md).
MASK = 4
BORDER = 4  # the standard quiet zone, in modules


def drawing(data: str) -> tuple[int, str]:
    """(width in modules, quiet zone included; the path segno draws) of the QR code for ``data``.

    Error correction M (15%) or better, with the standard quiet zone of 4 modules.
    """
    markup = segno.make(data, error="m", micro=False, mask=MASK).svg_inline(
        scale=1, border=BORDER, omitsize=True, svgclass=None, lineclass=None, dark="#000"
    )
    size = re.search(r'viewBox="0 0 (\d+) ', markup).group(1)
    path = re.search(r' d="([^"]+)"', markup).group(1)
    return int(size), path


def svg_of(size: int, path: str, label: str, css_class: str = "qr") -> str:
    """An <svg role="img"> of a QR code's drawing, named by ``label`` for screen readers.

    No width or height, so CSS sizes it (viewBox keeps it square).
    """
    return (
        f'<svg role="img" aria-label="{escape(label, quote=True)}" focusable="false" shape-rendering="crispEdges" '
        f'viewBox="0 0 {size} {size}" class="{escape(css_class, quote=True)}"><path stroke="#000" d="{path}"/></svg>'
    )


def svg(data: str, label: str, css_class: str = "qr") -> str:
    """An <svg role="img"> of the QR code for ``data``, named by ``label``."""
    return svg_of(*drawing(data), label, css_class)
