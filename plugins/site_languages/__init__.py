"""Interface text in the page's language: every template environment gets the gettext
functions of the build's language (SIGNPOST_LANGUAGE), from its catalog in translations/.

Pelican sets up no gettext, and each generator has a template environment of its own,
so the translations are installed on each as it is made (Jinja2's i18n extension is
turned on in pelicanconf.py's JINJA_ENVIRONMENT). The scripts' words come from the same
catalogs, through theme/js/messages.js (scripts.py).
"""

from __future__ import annotations

from babel.dates import format_date
from entries.settings import Settings
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from .catalogs import SOURCE, LanguageError, language, site_languages, translations
from .scripts import write_messages

RUN_TRANSLATIONS = "SIGNPOST_RUN_TRANSLATIONS"  # this tree's compiled catalog, kept in Pelican's settings for one run


def run_translations(pelican_settings: dict):
    """This tree's catalog, compiled once per run and kept in the run's settings, as the pipeline keeps
    the Directory: every generator of the run shares it, and the next run (or `invoke serve`'s next
    build) reads the catalog afresh."""
    if pelican_settings.get(RUN_TRANSLATIONS) is None:
        settings = Settings.from_pelican(pelican_settings)
        pelican_settings[RUN_TRANSLATIONS] = translations(settings.translations, settings.language)
    return pelican_settings[RUN_TRANSLATIONS]


def install_translations(generator) -> None:
    """The build's language, its catalog, and what the pages need to link to the other languages."""
    settings = Settings.from_pelican(generator.settings)
    languages = site_languages(settings.data / "languages.yaml", settings.languages)
    here = next((lang for lang in languages if lang.code == language(settings.language).code), None)
    if here is None:
        raise LanguageError(f"SIGNPOST_LANGUAGE '{settings.language}' is not in data/languages.yaml; add it there, with its exit page")
    generator.env.install_gettext_translations(run_translations(generator.settings), newstyle=True)
    generator.env.globals.update(
        LANGUAGE=here,
        LANGUAGES=languages,
        SOURCE_LANGUAGE=SOURCE,
        QUICK_EXIT_URL=here.exit,  # where "Exit this page" goes: an everyday page in the page's language
        tree_url=tree_url,
        text_lang=lambda entry: text_lang(entry, here.code),
    )
    generator.env.filters["long_date"] = lambda day: long_date(day, here.code)


def text_lang(entry, code: str) -> Markup:
    """' lang="en"' for an entry whose text (title, summary, description) is not in the page's language ``code``
    (it has no translation into it, Entry.in_language), so that screen readers read it as its own language; else ''."""
    if entry.text_language == code:
        return Markup("")
    return Markup(' lang="{}"').format(entry.text_language)


def long_date(day, code: str) -> str:
    """A date as the page's language writes it, from Babel's locale data: '1 October 2026',
    '1 octobre 2026', '1 de octubre de 2026'. (English keeps the day-first form the site has always used.)"""
    return format_date(day, "d MMMM y" if code == SOURCE else "long", locale=code)


def page_vocabulary(pelican_settings: dict, vocab):
    """The vocabularies with their labels in this tree's language, for what its pages show (the data
    files and the search index keep the English of data/vocabularies.yaml)."""
    return vocab.translated(run_translations(pelican_settings).gettext)


def tree_path(here: str, code: str) -> str:
    """From the root of the tree of language ``here`` to the root of ``code``'s: English is at the
    site's root, every other language in a folder of its code. ('fr', 'es') -> '/../es'."""
    return ("" if here == SOURCE else "/..") + ("" if code == SOURCE else "/" + code)


@pass_context
def tree_url(context, code: str, path: str | None = None) -> str:
    """This page (or ``path``, from a tree's root) in the language ``code``: the pages of every tree
    have the same names, so each page links to itself in the other languages."""
    page = context["output_file"] if path is None else path
    return f"{context['SITEURL']}{tree_path(context['LANGUAGE'].code, code)}/{page}"


def register():
    signals.generator_init.connect(install_translations)
    signals.all_generators_finalized.connect(write_messages)  # theme/js/messages.js: the scripts' words (scripts.py)
