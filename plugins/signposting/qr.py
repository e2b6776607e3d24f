"""QR codes as inline SVG, made at build time with segno. Pure functions.

Inline <svg> markup needs no image request and no data: URI, so it passes the
site's Content-Security-Policy. The code is drawn with presentation attributes
(stroke), never a style attribute.
"""

from __future__ import annotations

from html import escape

import segno

MASK = 4


def svg(data: str, label: str, css_class: str = "qr") -> str:
    """An <svg role="img"> of the QR code for ``data``, named by ``label`` for screen readers.

    Error correction M (15%) or better, with the standard quiet zone of 4 modules;
    no width or height, so CSS sizes it (viewBox keeps it square). The mask is
    fixed: every mask gives a valid code, and scoring all eight for each entry
    was most of the plugin's build time.
    """
    code = segno.make(data, error="m", micro=False, mask=MASK)
    markup = code.svg_inline(scale=1, border=4, omitsize=True, svgclass=css_class, lineclass=None, dark="#000")
    attributes = f' role="img" aria-label="{escape(label, quote=True)}" focusable="false" shape-rendering="crispEdges"'
    return markup.replace("<svg", "<svg" + attributes, 1)
