"""The one pipeline: a content folder and the settings in, a ``Directory`` out.

``read_directory`` is what `invoke check`, `invoke search` and the build all
call, so they read, check and report every entry alike. In order:

1. **Files** (entries/files.py): which files in the content folder are entries;
   the others are reported (links, oversized files, reserved names).
2. **Each entry** (entries/check.py): its front matter and body are read and
   checked (frontmatter.py, validate.py, sanitise.py, wording.py) into an
   ``Entry``, with every problem at its file, line and field. Then each
   translation (``NAME.fr.md``, entries/translations.py) is read, checked and
   given to its entry, ``NAME.md`` beside it.
3. **Across entries** (entries/crosscheck.py): the same slug, address, number
   or a very similar title as another entry.
4. **Audit** (audit/report.py): each entry's rural reach, links to closed
   platforms or entries, coverage by country, the Needs review list.
5. **Page addresses**: each entry's page, from Pelican's ARTICLE_URL.
6. **Search** (search_index): each entry's search document and its three
   related entries (Whoosh), when the index is wanted.

Nothing is written here. The outputs (directory_pages, search_index,
open_data, signposting, audit's pages) each take the Directory and write
their files; see docs/architecture.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from entries import crosscheck
from entries.check import display_path, entry_files, read_entry
from entries.files import slug_for, translation_language
from entries.model import Entry
from entries.problems import Report
from entries.settings import Settings
from entries.vocabularies import Vocabularies
from entries.vocabularies import load as load_vocabularies

ARTICLE_URL = "{category}/{slug}.html"  # Pelican's default form, as pelicanconf.py sets it


@dataclass
class Directory:
    """Every entry, every problem, and what the outputs need, worked out once."""

    settings: Settings
    vocab: Vocabularies
    content_dir: Path
    entries: list[Entry] = field(default_factory=list)  # every entry that could be read, in file order
    report: Report = field(default_factory=Report)
    files: int = 0  # entry files read, translations included
    translation_files: int = 0  # of which translations (NAME.fr.md)
    changed: set[str] | None = None  # shown paths reported on (`invoke check --changed`), or None for all
    audit: object = None  # audit.report.Audit: reach, coverage, Needs review
    search: object = None  # search_index.rules.SearchIndex, when the index is wanted
    language: str = "en"  # the language of the entries' text here (see in_language)
    emergency_numbers: dict = field(default_factory=dict)  # data/emergency_numbers.yaml, read once for every page that shows them

    def in_language(self, code: str) -> Directory:
        """The Directory as a tree in language ``code`` shows it: each entry with its translation's
        text where it has one (Entry.in_language), the related entries too. Everything else is shared."""
        if code == self.language:
            return self
        texts = {id(e): e.in_language(code) for e in self.entries}
        entries = []
        for entry in self.entries:
            shown = texts[id(entry)]
            related = [texts.get(id(r), r) for r in entry.related]
            if any(a is not b for a, b in zip(related, entry.related, strict=True)):
                shown = replace(shown, related=related)
            entries.append(shown)
        return replace(self, entries=entries, language=code)

    @property
    def ok(self) -> bool:
        return not self.report.errors

    def entry_at(self, path: str | os.PathLike) -> Entry | None:
        """The entry read from this file (as Pelican names it), or None."""
        return self._by_path().get(os.path.realpath(path))

    def _by_path(self) -> dict[str, Entry]:
        if not hasattr(self, "_paths"):
            self._paths = {os.path.realpath(self.content_dir / e.relative_path): e for e in self.entries}
        return self._paths


def read_directory(
    content_dir: str | os.PathLike,
    settings: Settings,
    *,
    article_url: str = ARTICLE_URL,
    changed: set[Path] | None = None,
    search: bool = False,
) -> Directory:
    """Read, check and audit every entry under ``content_dir``.

    ``changed``: report only these files' problems (every entry is still read,
    compared and counted). ``search``: also index the entries and find their
    related entries (the build; `invoke check` does not need it).
    """
    from audit.report import audit_entries
    from entries.emergency import load_emergency_numbers
    from search_index.whoosh_index import similar_titles

    content_dir = Path(content_dir)
    directory = Directory(settings, load_vocabularies(settings.vocabularies), content_dir)
    directory.emergency_numbers = load_emergency_numbers(settings.emergency_numbers)
    shown = lambda path: display_path(path, settings.root)  # noqa: E731
    shown_changed = {shown(p) for p in changed} if changed is not None else None
    directory.changed = shown_changed

    def report(problems) -> None:
        directory.report.extend(p for p in problems if shown_changed is None or p.path in shown_changed)

    # 1. files
    paths, refused = entry_files(content_dir, settings.root)
    report(refused)
    # 2. each entry, then each translation (given to its entry)
    translations = [path for path in paths if translation_language(path)]
    for path in paths:
        if translation_language(path):
            continue
        directory.files += 1
        entry, problems = read_entry(
            path.read_bytes(), shown(path), slug_for(path), directory.vocab, settings.today, settings.allow_private, settings.data
        )
        report(problems)
        if entry is None:
            continue
        entry.relative_path = path.relative_to(content_dir).as_posix()
        entry.page_url = article_url.format(category=entry.kind, slug=entry.slug)  # 5. its page
        directory.entries.append(entry)
    read_translations(translations, directory, shown, report)
    # 3. across entries
    directory.report.extend(crosscheck.duplicates(directory.entries, changed=shown_changed, titles=similar_titles))
    # 4. audit
    directory.audit = audit_entries(directory.entries, content_dir, settings.today, settings.data)
    report(directory.audit.problems)
    # 6. search
    if search and directory.ok:
        from search_index.rules import index_entries

        directory.search = index_entries(directory.entries, directory.vocab)
    return directory


def read_translations(paths, directory: Directory, shown, report) -> None:
    """Read and check each translation file (entries/translations.py), and give it to its entry, NAME.md
    in the same folder. A translation whose entry could not be read is checked, and given to nothing: the
    entry's own errors already stop the build."""
    from entries.translations import attach, read_translation
    from site_languages.catalogs import LanguageError, load_languages

    try:
        codes = tuple(language.code for language in load_languages(directory.settings.data / "languages.yaml"))
    except LanguageError:
        codes = ()  # invoke check and the build report the languages file itself (site_languages.catalogs.build_problems)
    by_path = {directory.content_dir / entry.relative_path: entry for entry in directory.entries}
    for path in paths:
        directory.files += 1
        directory.translation_files += 1
        slug = slug_for(path)
        original = path.with_name(slug + ".md")
        translation, problems = read_translation(
            path.read_bytes(), shown(path), slug, translation_language(path), codes, directory.settings.allow_private, original.is_file()
        )
        if translation is not None and original in by_path:
            problems.extend(attach(translation, by_path[original]))
        report(problems)
