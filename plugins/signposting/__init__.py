"""Signposting: hand a service over to someone.

For every entry: a short link (s/<code>.html) that redirects to its page. For
every service that can be contacted: a plain-text message to paste into a text
or direct message, and a printable card with a QR code: sheet/<slug>.html, a
sheet of that service alone, and sheet/<slug>.js, which the signposting sheet
(sheet.html) loads for the services its address names. For every open crisis helpline with a phone or text number: a
contact card (vcard/<slug>.vcf). The entry page shows them in
theme/templates/_entry_tools.html.

Pure functions: message.py, shortlinks.py, vcard.py, qr.py, sheet.py. The Pelican side: generator.py.
"""

from __future__ import annotations

from pelican import signals

from .generator import SignpostingGenerator


def get_generators(pelican):
    return SignpostingGenerator


def register():
    signals.get_generators.connect(get_generators)
