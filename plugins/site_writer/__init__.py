"""Signpost site writer: where the built site's files are written (files.py), and into which folder (folders.py)."""

from __future__ import annotations

from pelican import signals

from .files import InPlaceWriter


def get_writer(pelican):
    return InPlaceWriter


def register():
    signals.get_writer.connect(get_writer)
