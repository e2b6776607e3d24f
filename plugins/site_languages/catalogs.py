"""The site's languages (data/languages.yaml) and their message catalogs (translations/).

Every piece of interface text in the templates is written in English inside ``_()`` or a
``{% trans %}`` block (Jinja2's i18n extension). ``invoke translations extract`` collects
those texts into translations/messages.pot with Babel; each language has its catalog,
translations/CODE/LC_MESSAGES/messages.po, which translators fill in. A build in a
language reads that catalog and Babel compiles it in memory: no compiled file can go
stale. English is the source language: its texts are the catalogs' msgids.
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

SOURCE = "en"  # the language the templates are written in
DOMAIN = "messages"


class LanguageError(Exception):
    """A language or catalog the build cannot use; the message says which file and what to do."""


@dataclass(frozen=True)
class Language:
    code: str  # as Babel writes it: "fr", "pt_BR"
    name: str  # in its own language, as Babel's locale data writes it: "français"
    english_name: str  # "French", for messages to contributors
    direction: str  # "ltr" or "rtl", from Babel's Locale.text_direction
    exit: str = ""  # where "Exit this page" goes on this language's pages (data/languages.yaml)

    @property
    def label(self) -> str:
        """The name as a language menu shows it, with a capital: "Français"."""
        return self.name[:1].upper() + self.name[1:]

    @property
    def tag(self) -> str:
        """The code as HTML's lang attribute writes it: "pt-BR"."""
        return self.code.replace("_", "-")


def language(code: str) -> Language:
    """A language by its code, with its own name and writing direction from Babel's locale data."""
    try:
        locale = Locale.parse(str(code).replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise LanguageError(f"{str(code)!r} is not a language code Babel knows; write an ISO 639-1 code such as fr or es") from None
    return Language(str(locale), locale.get_display_name(locale) or str(locale), locale.get_display_name("en"), locale.text_direction)


def load_languages(path: Path) -> list[Language]:
    """The languages listed in data/languages.yaml, in the file's order; the source language first."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LanguageError(f"{path}: cannot be read as YAML ({exc}); it lists the site's languages under 'languages:'") from None
    items = data.get("languages") if isinstance(data, dict) else None
    example = "- {code: fr, exit: 'https://www.meteomedia.com/ca'}"
    if not isinstance(items, list) or not items:
        raise LanguageError(f"{path}: 'languages:' must be a list with a line for each language, e.g. {example}")
    found = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or set(item) != {"code", "exit"} or not all(isinstance(v, str) for v in item.values()):
            raise LanguageError(f"{path}: language {number} must give its code and its exit page, e.g. {example}")
        if not EXIT_PAGE.fullmatch(item["exit"]):
            raise LanguageError(
                f"{path}: language {number} ({item['code']!r}): exit {item['exit']!r} must be an https:// address of an "
                "everyday page, such as a weather forecast"
            )
        found.append(replace(language(item["code"]), exit=item["exit"]))
    if found[0].code != SOURCE:
        raise LanguageError(f"{path}: the first language must be {SOURCE}, the language the templates are written in")
    return found


def site_languages(path: Path, chosen: str = "") -> list[Language]:
    """The languages a build makes: those of data/languages.yaml, or the ones ``chosen`` names
    ("en,fr", the SIGNPOST_LANGUAGES setting, for a quicker preview); English is always one of them."""
    languages = load_languages(path)
    codes = [code for code in re.split(r"[\s,]+", chosen) if code]
    if not codes:
        return languages
    known = {lang.code: lang for lang in languages}
    for code in codes:
        if code not in known:
            raise LanguageError(f"SIGNPOST_LANGUAGES: '{code}' is not in {path}; choose from {', '.join(known)}")
    if SOURCE not in codes:
        raise LanguageError(f"SIGNPOST_LANGUAGES: add {SOURCE}, whose pages are at the site's root, e.g. '{SOURCE},{codes[0]}'")
    return [lang for lang in languages if lang.code in codes]


# An https address with a host and nothing that could carry a second line, a quote or a login
EXIT_PAGE = re.compile(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[A-Za-z0-9._~/%-]*)?")


def catalog_path(folder: Path, code: str) -> Path:
    return folder / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(folder: Path, code: str) -> gettext.NullTranslations:
    """The translations of one language, compiled in memory from its .po catalog. The source
    language needs none: its texts are the msgids themselves."""
    if language(code).code == SOURCE:
        return gettext.NullTranslations()
    compiled = io.BytesIO()
    write_mo(compiled, read_catalog(folder, code), use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def read_catalog(folder: Path, code: str) -> Catalog:
    """The .po catalog of one language (not the source language's: it has none), as Babel reads it;
    refused when it cannot be read or brings markup of its own."""
    path = catalog_path(folder, language(code).code)
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language(code).code, abort_invalid=True)
    except FileNotFoundError:
        raise LanguageError(f"{path}: there is no catalog for '{code}'; make it with: invoke translations update --new {code}") from None
    except (OSError, PoFileError) as exc:
        raise LanguageError(f"{path}: the catalog cannot be read ({exc}); fix the line it names") from None
    unsafe = [f"{path}:{message.lineno}: {problem}" for message in catalog if message.id for problem in markup_problems(message)]
    if unsafe:  # a catalog is contributors' text too: it may not bring markup of its own into every page
        raise LanguageError("; ".join(unsafe))
    return catalog


def build_problems(languages_file: Path, folder: Path, chosen: str = "") -> list[str]:
    """What would stop a build in its languages: data/languages.yaml, and each language's catalog
    (missing, unreadable, or bringing markup of its own). `invoke check` reports the same."""
    try:
        languages = site_languages(languages_file, chosen)
    except LanguageError as exc:
        return [str(exc)]
    problems = []
    for lang in languages:
        try:
            translations(folder, lang.code)
        except LanguageError as exc:
            problems.append(str(exc))
    return problems


def catalog_problems(path: Path, code: str, shown: str | None = None) -> list[str]:
    """Each message of a catalog that is not ready to ship, as PATH:LINE: what is wrong and how to fix it
    (``shown``: the path as messages write it, default ``path``)."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    problems = []
    name = language(code).english_name
    for message in catalog:
        if not message.id:
            continue  # the header
        where = f"{shown or path}:{message.lineno}"
        text = message.id if isinstance(message.id, str) else message.id[0]
        if message.fuzzy:
            problems.append(f"{where}: '{text}' is marked fuzzy (a guess from an older text); check the {name} and remove the fuzzy flag")
        elif not (all(message.string) if isinstance(message.string, (list, tuple)) else message.string):
            problems.append(f"{where}: '{text}' has no translation; write it in {name} in msgstr")
        else:
            problems += [f"{where}: '{text}': {problem}" for problem in placeholder_problems(message)]
            problems += [f"{where}: {problem}" for problem in markup_problems(message)]
            problems += [f"{where}: '{text}': {problem}" for problem in message.check(catalog)]
    return problems


TAG = re.compile(r"<[^<>]*>")


def markup_problems(message) -> list[str]:
    """A translation must carry exactly the English text's tags (<a href="%(url)s">, <strong>...), and no
    other <, > or double quote: pages insert translations unescaped, so a quote could open a new attribute
    (a second href) and a tag a new element. Each tag may move, as the sentence needs."""
    english = [message.id] if isinstance(message.id, str) else list(message.id)
    translated = [message.string] if isinstance(message.string, str) else list(message.string)
    english_tags = [sorted(TAG.findall(text)) for text in english]
    english_bare = any(c in TAG.sub("", text) for text in english for c in '<>"')
    problems = []
    for text in translated:
        if not text:
            continue
        if sorted(TAG.findall(text)) not in english_tags:
            problems.append(
                f"the translation's HTML tags differ from the English text's; keep exactly {' '.join(TAG.findall(english[0])) or 'none'}"
            )
        elif not english_bare and any(c in TAG.sub("", text) for c in '<>"'):
            problems.append("the translation has a <, > or double quote outside the English text's tags; use « », “ ” or &lt;")
    return problems


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
DATA_PLACEHOLDER = re.compile(r"\{\w*\}")  # the data files' form: {places} in data/reach_flags.yaml


def placeholder_problems(message) -> list[str]:
    """A translation must keep each of the English text's named values (%(country)s, or {places} in a
    data file's text), and add none: one left out would drop a country's name or a number from the page."""
    english = [message.id] if isinstance(message.id, str) else list(message.id)
    translated = [message.string] if isinstance(message.string, str) else list(message.string)
    wanted = {f"%({name})s" for text in english for name in PLACEHOLDER.findall(text)}
    wanted |= {name for text in english for name in DATA_PLACEHOLDER.findall(text)}
    problems = []
    for text in translated:
        found = {f"%({name})s" for name in PLACEHOLDER.findall(text)} | set(DATA_PLACEHOLDER.findall(text))
        problems += [f"the translation must keep {name}, where the value goes" for name in sorted(wanted - found - {"%(num)s"})]
        problems += [f"the translation has {name}, which the English text does not give; remove it" for name in sorted(found - wanted)]
    return problems
