"""Signpost directory pages: where entries become pages (home, kinds, browse, Get help now).

Entry pages themselves are Pelican articles rendered with theme/templates/article.html.
"""

from __future__ import annotations

from entries.settings import Settings
from pelican import signals
from site_languages import run_translations

from .facets import country_name, region_name
from .filters import filters_for
from .generator import DirectoryGenerator, write_service_worker


def get_generators(pelican):
    return DirectoryGenerator


def add_filters(generator):
    from .filters import card_renderers

    card, cards = card_renderers()
    gettext = run_translations(generator.settings).gettext
    generator.env.filters.update(filters_for(Settings.from_pelican(generator.settings).language, gettext))
    generator.env.globals["cached_card"] = card
    generator.env.globals["cached_cards"] = cards


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
    signals.finalized.connect(write_service_worker)  # once every kept file is written


__all__ = ["country_name", "region_name", "register"]
