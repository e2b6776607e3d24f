"""Interface text in the page's language: every template environment gets the gettext
functions of the build's language (SIGNPOST_LANGUAGE), from its catalog in translations/.

Pelican sets up no gettext, and each generator has a template environment of its own,
so the translations are installed on each as it is made (Jinja2's i18n extension is
turned on in pelicanconf.py's JINJA_ENVIRONMENT).
"""

from __future__ import annotations

from entries.settings import Settings
from pelican import signals

from .catalogs import language, translations


def install_translations(generator) -> None:
    settings = Settings.from_pelican(generator.settings)
    generator.env.install_gettext_translations(translations(settings.translations, settings.language), newstyle=True)
    generator.env.globals["LANGUAGE"] = language(settings.language)


def register():
    signals.generator_init.connect(install_translations)
