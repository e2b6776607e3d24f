"""Signposting: hand a service over to someone.

For every entry: a short link (s/<code>.html) that redirects to its page. For
every service that can be contacted: a plain-text message to paste into a text
or direct message, and a place on the printable signposting sheet (sheet.html)
with a QR code. For every open crisis helpline with a phone or text number: a
contact card (vcard/<slug>.vcf). The entry page shows them in
theme/templates/_entry_tools.html.

Pure functions: message.py, shortlinks.py, vcard.py, qr.py. The Pelican side: generator.py.
"""

from __future__ import annotations

from pelican import signals

from .generator import SignpostingGenerator


def get_generators(pelican):
    return SignpostingGenerator


def register():
    signals.get_generators.connect(get_generators)
