"""The commands a person types: `invoke build`, `serve`, `check`, `test`, `clean`, `bench`.

The work is done by plain functions (build_site, check_content) so tests can call
them without a shell; the @task wrappers only parse flags and set the exit code.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

CONTENT = "content"
OUTPUT = "output"
SETTINGS = str(ROOT / "pelicanconf.py")
CHROMIUM = "/usr/bin/chromium"


class _Counter(logging.Handler):
    """Counts errors logged by Pelican itself (a broken template, a bad setting)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.count = 0

    def emit(self, record):
        if not record.name.startswith("signpost"):
            self.count += 1


class _Plain(logging.Formatter):
    """Log lines as text for a terminal: a control character from a file or folder name
    (Pelican's own messages name them) is shown as an escape, never sent raw."""

    def format(self, record):
        from entries.safe_text import terminal

        return "\n".join(terminal(line) for line in super().format(record).split("\n"))


def _configure_logging(quiet: bool = False) -> _Counter:
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(_Plain("%(message)s"))
    signpost = logging.getLogger("signpost")
    signpost.handlers[:] = [plain]
    signpost.propagate = False
    signpost.setLevel(logging.WARNING)
    other = logging.StreamHandler(sys.stderr)
    other.setFormatter(_Plain("%(levelname)s: %(name)s: %(message)s"))
    root.addHandler(other)
    root.setLevel(logging.ERROR if quiet else logging.WARNING)
    counter = _Counter()
    root.addHandler(counter)
    return counter


@contextmanager
def compiled_modules_kept():
    """Python keeps each module it compiles (__pycache__), so the next run need not compile it again.

    invoke turns that off for the whole run, so that tasks.py leaves no
    __pycache__ beside it; then every build compiled the plugins anew. During
    a build it is on, unless Python itself was told not to (-B or
    PYTHONDONTWRITEBYTECODE).
    """
    before = sys.dont_write_bytecode
    sys.dont_write_bytecode = bool(sys.flags.dont_write_bytecode)
    try:
        yield
    finally:
        sys.dont_write_bytecode = before


def build_site(content=CONTENT, output=OUTPUT, settings=SETTINGS, overrides=None, quiet=False) -> bool:
    """Build into a fresh working folder beside ``output``; replace ``output`` only when the build succeeds.

    ``output`` must be absent, empty, or a site an earlier build made (it holds
    the .signpost-site marker); anything else is refused before anything is written.
    Returns True on success. Every problem is printed as PATH:LINE: field: message.
    """
    with compiled_modules_kept():
        return _build_site(content, output, settings, overrides, quiet)


def output_refusal(content, output) -> str | None:
    """Why the site may not be built into ``output`` (a message saying what to do), or None."""
    from site_writer.output_folder import refusal

    try:
        return refusal(Path(output), Path(content), ROOT)
    except OSError as exc:
        return f"{Path(output).resolve()}: the output folder cannot be looked at ({exc.strerror}); choose another --output"


def _build_site(content, output, settings, overrides, quiet) -> bool:
    from entries.problems import EntryErrors
    from entries.settings import SettingError
    from pelican import Pelican
    from pelican.settings import read_settings
    from pipeline import OTHER_TREES, SOURCE_DIRECTORY
    from site_writer import output_folder

    content = Path(content).resolve()
    output = Path(output).resolve()
    if not content.is_dir():
        print(f"{content}: the content folder does not exist; pass --content DIR with your entries", file=sys.stderr)
        return False
    refused = output_refusal(content, output)
    if refused:
        print(f"Nothing was built: {refused}", file=sys.stderr)
        return False
    try:
        working = output_folder.start(output)  # beside the output, with the marker in it
    except OSError as exc:
        print(
            f"Nothing was built: {output}: the build cannot make its working folder beside it ({exc.strerror}); choose an --output in a folder you can write to",
            file=sys.stderr,
        )
        return False
    counter = _configure_logging(quiet)
    trees = None
    override = {"PATH": str(content), "OUTPUT_PATH": str(working)}
    override.update(overrides or {})
    try:
        # One tree for each language of data/languages.yaml: the others each in its folder (fr/, es/),
        # English at the root. The entries are read once, when the first run's Pelican starts; its
        # Directory is passed on to the others. The other trees are then built at the same time as
        # the root's (start_trees), whose sitemap and check of the links between pages wait for them
        # (pipeline.every_tree_written), as they cover every tree.
        *others, root = [
            read_settings(str(settings), override={**override, **tree_settings(language, working, override)})
            for language in language_order(read_settings(str(settings), override=override))
        ]
        first = Pelican((others or [root])[0])  # reads, checks and indexes every entry
        if others:
            for later in [*others[1:], root]:
                later[SOURCE_DIRECTORY] = first.settings[SOURCE_DIRECTORY]
            runs = {others[0]["SIGNPOST_LANGUAGE"]: first.run}
            runs.update((later["SIGNPOST_LANGUAGE"], partial(_run_tree, later)) for later in others[1:])
            trees = start_trees(runs, counter)
            root[OTHER_TREES] = trees.wait
        (Pelican(root) if others else first).run()
        if counter.count:
            print(
                f"Build failed: Pelican reported {count(counter.count, 'error')} above. {_shown(output)} was left as it was.",
                file=sys.stderr,
            )
            return False
        output_folder.put_in_place(working, output)
        return True
    except TreesFailed as exc:
        print(f"Build failed: {exc}. {_shown(output)} was left as it was.", file=sys.stderr)
    except SettingError as exc:
        print(f"Build failed: a setting is wrong: {exc}. {_shown(output)} was left as it was.", file=sys.stderr)
    except EntryErrors as exc:
        errors, warnings = len(exc.report.errors), len(exc.report.warnings)
        print(
            f"Build failed: {count(errors, 'error')} and {count(warnings, 'warning')} in entries, listed above. {_shown(output)} was left as it was.",
            file=sys.stderr,
        )
    except output_folder.OutputError as exc:
        print(f"Build failed: {exc}", file=sys.stderr)
    except Exception as exc:  # a file that cannot be written, a template or settings error: say what, never a traceback
        print(f"Build failed: {_reason(exc, output)}. {_shown(output)} was left as it was.", file=sys.stderr)
    finally:
        if trees is not None:
            trees.stop()  # the root's build failed before it waited for them
        shutil.rmtree(working, ignore_errors=True)  # no half-built site is left anywhere (once in place, it is gone from here)
    return False


def language_problems(settings_file=SETTINGS) -> list[str]:
    """What would stop the build in its languages (data/languages.yaml, the catalogs), for invoke check."""
    from entries.settings import Settings
    from pelican.settings import read_settings
    from site_languages.catalogs import build_problems

    settings = Settings.from_pelican(read_settings(str(settings_file)))
    return build_problems(settings.data / "languages.yaml", settings.translations, settings.languages)


def _run_tree(pelican_settings: dict) -> None:
    from pelican import Pelican

    Pelican(pelican_settings).run()


class TreesFailed(Exception):
    """A language's tree could not be built; its process has said why."""


class Trees:
    """The other languages' trees, each being built in a process of its own (start_trees)."""

    def __init__(self, children: dict):
        self.children = children  # language code -> its process

    def wait(self) -> None:
        """Return once every tree is written; raise TreesFailed, naming those that could not be."""
        for child in self.children.values():
            child.join()
        failed = [code for code, child in self.children.items() if child.exitcode != 0]
        if failed:
            raise TreesFailed(f"the {', '.join(failed)} {'tree' if len(failed) == 1 else 'trees'} could not be built, as said above")

    def stop(self) -> None:
        for child in self.children.values():
            if child.is_alive():
                child.terminate()
            child.join()


def start_trees(runs: dict, counter: _Counter) -> Trees:
    """Start building the languages' trees ({language code: its Pelican run}), each in a process of its
    own, made by forking this one, so that each has the Directory already read; the root's tree is
    built here meanwhile. On two cores this more than halves what each language adds to the build
    (docs/performance.md).

    Each failed process says why on stderr (Pelican's errors, or the exception's message, never a
    traceback) and ends with a code other than 0. A process that has other threads (a web server's)
    builds the trees here, one after another, instead: a fork copies only the thread that makes it,
    and a lock another thread held would never be released in the copy. So does a system that cannot
    fork (Windows)."""
    import multiprocessing
    import threading

    if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        for run in runs.values():
            run()  # an exception goes to build_site, which says what went wrong
        return Trees({})

    def run_in_child(run) -> None:
        from entries.safe_text import terminal

        try:
            run()
        except KeyboardInterrupt:  # Ctrl+C reaches every process of the build: the parent says so
            sys.exit(130)
        except Exception as exc:  # a template or an output error: say what, never a traceback
            print(f"Build failed: {terminal(_reason(exc))}", file=sys.stderr)
            sys.exit(2)
        sys.exit(1 if counter.count else 0)  # 1: Pelican logged errors, shown already

    sys.stdout.flush()
    sys.stderr.flush()  # or each child would write again what waits in this process's buffers
    fork = multiprocessing.get_context("fork")
    children = {code: fork.Process(target=run_in_child, args=(run,), name=f"signpost-{code}") for code, run in runs.items()}
    for child in children.values():
        child.start()
    return Trees(children)


def _reason(exc: Exception, where=None) -> str:
    """What went wrong, as build_site and each language's process say it: a file the system refused
    (``where`` when the error names none) and why, else the exception's kind and message."""
    if isinstance(exc, OSError):
        place = exc.filename or where
        return f"{place}: {exc.strerror or exc}" if place else str(exc.strerror or exc)
    return f"{type(exc).__name__}: {exc}"


def language_order(pelican_settings: dict) -> list:
    """The site's languages (data/languages.yaml, or SIGNPOST_LANGUAGES) in the order they are built: English, at the root, last."""
    from entries.settings import Settings
    from site_languages.catalogs import site_languages

    settings = Settings.from_pelican(pelican_settings)
    languages = site_languages(settings.data / "languages.yaml", settings.languages)
    return [*languages[1:], languages[0]]


def tree_settings(language, working: Path, override: dict) -> dict:
    """What a language's run changes: its language, and (but for English, at the root) its folder."""
    from site_languages.catalogs import SOURCE

    if language.code == SOURCE:
        return {"SIGNPOST_LANGUAGE": SOURCE}
    return {"SIGNPOST_LANGUAGE": language.code, "OUTPUT_PATH": str(working / language.code)}


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def count(number: int, one: str, many: str | None = None) -> str:
    """A number and the word for it: '1 entry', '2 entries', '0 errors'."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def check_content(content=CONTENT, today: date | None = None, changed=None):
    """Read, check and audit every entry, as the build does (pipeline.read_directory), without building or using the network.

    ``changed``: a set of entry files whose problems are reported (all entries
    are still compared for duplicates and counted for coverage). Returns the Directory.
    """
    from entries.settings import Settings
    from pelican.settings import read_settings
    from pipeline.directory import read_directory

    pelican_settings = read_settings(SETTINGS)
    settings = Settings.from_pelican({**pelican_settings, "SIGNPOST_TODAY": today or pelican_settings.get("SIGNPOST_TODAY")})
    return read_directory(content, settings, article_url=pelican_settings["ARTICLE_URL"], changed=changed)


@task(
    help={
        "content": "folder of entries (default: content/)",
        "output": "where the site goes (default: output/)",
        "settings": "Pelican settings file (default: pelicanconf.py)",
    }
)
def build(c, content=CONTENT, output=OUTPUT, settings=SETTINGS):
    """Check every entry and build the site; the output folder changes only if the build succeeds."""
    if not build_site(content, output, settings):
        raise Exit(code=1)
    print(f"Built the site in {_shown(Path(output).resolve())}/")


@task(
    help={
        "content": "folder of entries (default: content/)",
        "json": "also write entries, reach, problems and coverage as JSON to this file",
        "changed": "report only the entries changed since --base (the whole corpus is still used for duplicates and coverage)",
        "base": "git revision to compare with (default: the merge-base with main)",
    }
)
def check(c, content=CONTENT, json=None, changed=False, base=None):
    """Check entries, duplicates, wording, rural reach and offline links, with no network and no build. Exits non-zero on errors."""
    import json as json_module

    from audit.report import as_json

    if not Path(content).is_dir():
        raise Exit(f"{content}: the content folder does not exist; pass --content DIR with your entries", code=2)
    changed_files = None
    if changed:
        from entries.changes import ChangesError, changed_entry_files

        try:
            changed_files = changed_entry_files(content, base)
        except ChangesError as exc:
            raise Exit(f"Cannot tell which entries changed: {exc}", code=2) from None
        print(
            f"Checking {count(len(changed_files), 'changed entry', 'changed entries')} against the whole directory.",
            file=sys.stderr,
        )
    result = check_content(content, changed=changed_files)
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in sorted(result.report.problems):
        print(problem.github() if github else problem.format())
    if json:
        entries = result.entries if result.changed is None else [e for e in result.entries if e.source in result.changed]
        document = as_json(entries, result.report.problems, result.audit)
        Path(json).write_text(json_module.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    languages = language_problems()  # what would stop the build in one of its languages
    for problem in languages:
        print(problem)
    errors += len(languages)
    scope = (
        f"{count(len(result.changed), 'changed entry', 'changed entries')} (of {result.files})"
        if result.changed is not None
        else count(result.files - result.translation_files, "entry", "entries")
        + (f" and {count(result.translation_files, 'translation')}" if result.translation_files else "")
    )
    print(f"Checked {scope}: {count(errors, 'error')}, {count(warnings, 'warning')}.", file=sys.stderr)
    if errors:
        raise Exit(code=1)


@task(
    help={
        "content": "folder of entries (default: content/)",
        "json": "also write the results as JSON to this file",
        "changed": "only the entries changed since --base",
        "base": "git revision to compare with (default: the merge-base with main)",
        "scheduled": "count a link as broken only after two failing runs in a row (state kept in the cache)",
        "cache": "cache file (default: .cache/links.json)",
        "max_age": "reuse a cached good result younger than this many hours (default 168)",
        "allow_private": "accept loopback and private addresses, in entries and in redirects (for tests against local servers)",
    }
)
def links(
    c, content=CONTENT, json=None, changed=False, base=None, scheduled=False, cache=".cache/links.json", max_age=168, allow_private=False
):
    """Check every external link of every entry over the network. Exits non-zero only when a link is broken or leads to a private address."""
    from linkcheck.command import run

    code = run(
        content=content,
        json_file=json,
        changed=changed,
        base=base,
        scheduled=scheduled,
        cache_file=cache,
        max_age_hours=float(max_age),
        allow_private=allow_private,
    )
    if code:
        raise Exit(code=code)


def search_directory(content=CONTENT, today: date | None = None, lang: str = "en"):
    """(Directory, vocabularies) as ``lang``'s tree shows them: the entries in that language
    (Directory.in_language), the labels from its catalog. A language the site does not ship stops
    with the ones it does."""
    from site_languages.catalogs import LanguageError, load_languages, translations

    directory = check_content(content, today)
    if lang == "en":
        return directory, directory.vocab
    try:
        codes = [language.code for language in load_languages(directory.settings.data / "languages.yaml")]
        if lang not in codes:
            raise LanguageError(
                f"--lang: '{lang}' is not a language of the site ({directory.settings.data / 'languages.yaml'}); choose from {', '.join(codes)}"
            )
        gettext = translations(directory.settings.translations, lang).gettext
    except LanguageError as error:
        raise Exit(str(error), code=2) from None
    return directory.in_language(lang), directory.vocab.translated(gettext)


def search_content(
    query: str,
    content=CONTENT,
    limit: int | None = 10,
    today: date | None = None,
    country: str | None = None,
    lang: str = "en",
    **filters,
) -> dict:
    """Whoosh's results for the query over the entries, as the site links them, and whether the query
    holds a crisis phrase (data/crisis_phrases.yaml): {"results": [{"title", "url"}], "crisis": bool, "partial": bool}.
    When no entry has every word, the results are those with some of them, the most words first ("partial").
    A crisis query puts the crisis lines first, as the search page does (``country``: its country filter).
    ``country`` and ``filters`` (search_index.rules.FILTERS: kind, region, free...) narrow the results
    as the search page's filters do; with filters and no words, every entry they let through is listed,
    crisis lines first, then by title (rules.listing). ``lang``: search as that language's tree does
    (its entries' text, labels and words: search_index.whoosh_index.Analysis)."""
    from search_index.rules import build_index, load_crisis_phrases, load_everyday_words, place_words, rank, target_labels
    from search_index.whoosh_index import crisis_forms, everyday_forms

    filters = {**filters, "country": country}
    directory, vocab = search_directory(content, today, lang)
    index, found = build_index(directory.entries, vocab, lang)
    try:
        crisis_words = crisis_forms(load_crisis_phrases(), index.forms, index.analysis)
        everyday = everyday_forms(
            load_everyday_words(directory.vocab), index.forms, index.analysis, target_labels(vocab)
        )  # data/everyday_words.yaml
        ranked = rank(index, found, directory.entries, query, filters, crisis_words, everyday, place_words(found, lang))
    finally:
        index.close()  # and its temporary folder
    docs = ranked.docs[:limit] if limit else ranked.docs
    results = [{"title": found[doc].title, "url": found[doc].page_url} for doc in docs]
    return {"results": results, "crisis": ranked.crisis, "partial": ranked.partial, "places": ranked.places}


def _vocab():
    from entries import vocabularies

    return vocabularies.load(vocabularies.DEFAULT_PATH)


@task(
    positional=["query"],
    help={
        "query": 'what to look for; "" with a filter lists every entry it lets through, crisis lines first, then by title',
        "content": "folder of entries (default: content/)",
        "json": 'print {"results": [{"title", "url"}, ...] in rank order, "crisis": true or false, "partial": true when no entry has every word, "places": the places the query names, whose services come first}',
        "kind": "only this kind (crisis-helpline, peer-community...)",
        "country": "only services in this country (ISO 3166-1, such as GB), worldwide ones included",
        "region": "only services in this region (ISO 3166-2, such as GB-SCT), national and worldwide ones included",
        "channel": "only services reached this way (phone, text...)",
        "audience": "only services for these people (young-people...)",
        "language": "only services in this language: its code (ISO 639-1, such as cy) or its name in the --lang language (Welsh, gallois, galés)",
        "lang": "search as this language's pages do (en, fr, es; default en): their text, their words, their results",
        "open": "only services open 24/7",
        "phone_text": "only services that work without broadband (phone or text)",
        "free": "only services that are free to contact (cost: free)",
        "limit": "how many results (default 10; 0 for all)",
    },
)
def search(
    c,
    query,
    content=CONTENT,
    json=False,
    kind="",
    country="",
    region="",
    channel="",
    audience="",
    language="",
    open=False,
    phone_text=False,
    free=False,
    limit=10,
    lang="en",
):
    """Search the entries with Whoosh, as the site's search page in that language ranks them, narrowed by its filters."""
    import json as json_module

    if language:
        language = language_code(language, content, lang)
    filters = {"kind": kind, "region": region, "channel": channel, "audience": audience, "language": language}
    filters.update(open=open, phone_text=phone_text, free=free)
    found = search_content(query, content, limit=int(limit) or None, country=country or None, lang=lang, **filters)
    if json:
        print(json_module.dumps(found, indent=2, ensure_ascii=False))
        return
    hits = found["results"]
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{count(len(hits), 'result')} for {query!r}" if query.strip() else f"{count(len(hits), 'entry', 'entries')}")
    table.add_column("#", justify="right")
    table.add_column("Entry")
    table.add_column("Page")
    for rank, hit in enumerate(hits, 1):
        table.add_row(str(rank), hit["title"], hit["url"])
    console = Console()
    if found["crisis"]:
        console.print("If you are thinking about ending your life, you can talk to someone now. The crisis lines come first.")
    if found["places"]:
        from entries.places import country_name, region_name

        places = [region_name(code) if "-" in code else country_name(code, lang) for code in found["places"]]
        console.print(f"Services in {' and '.join(places)} come first.", markup=False)
    console.print(table)


def language_code(value: str, content=CONTENT, lang: str = "en") -> str:
    """--language's code: a code, or a language's name in the --lang language or in English ("gallois",
    "Welsh" -> "cy"). Otherwise stop, listing the entries' languages by their names in --lang, as the
    search page's filter lists them (search_index.generator.language_options)."""
    from entries.places import language_name
    from search_index.generator import language_options

    directory, _vocab = search_directory(content, None, lang)
    options = language_options(directory.entries, lang)
    for name, code in options:
        if value.casefold() in (code.casefold(), name.casefold(), language_name(code).casefold()):
            return code
    choices = ", ".join(f"{code} ({name})" for name, code in options)
    raise Exit(f"--language: no entry is in {value!r}; choose one of: {choices}", code=2)


# `invoke new`: its flags, questions and rules come from the entry format's
# registry (plugins/entries/fields.py). It asks for the kind first, since the
# kind decides which other fields apply, then the rest in the order an entry
# file writes them. Imported as a build imports the plugins: kept compiled.
with compiled_modules_kept():
    from entries.fields import FIELDS as ENTRY_FIELDS  # found through the sys.path above

NEW_FIELDS = tuple(sorted(ENTRY_FIELDS, key=lambda field: field.name != "kind"))
CHOICES = {field.name: field.vocabulary for field in NEW_FIELDS if field.vocabulary}


def _answers(values: dict) -> tuple:
    """(kind, channels, hours) from the answers so far, as the registry's rules take them."""
    channels = [c.strip() for c in (values.get("channels") or "").split(",")]
    return values.get("kind") or None, channels, values.get("hours")


def _missing(values: dict) -> list[str]:
    """The required fields without an answer."""
    return [field.name for field in NEW_FIELDS if field.is_required(*_answers(values)) and not values.get(field.name)]


def _say(problem) -> None:
    """A problem with an answer, while the questions are asked: the field and what to do (no file is written yet)."""
    from entries.problems import WARNING
    from entries.safe_text import terminal

    print(terminal(f"  {problem.field}: {'warning: ' if problem.severity == WARNING else ''}{problem.full_message}"))


class _Questions:
    """`invoke new`'s questions: each answer is checked as soon as it is typed (scaffold.answer_problems),
    and asked again, with the reason, until it is right. An answer is never thrown away."""

    def __init__(self, content: Path, values: dict, description, slug, vocab):
        self.content, self.values, self.description, self.slug, self.vocab = content, values, description, slug, vocab
        self.today = date.today()

    def ask_all(self) -> None:
        print("Adding an entry. Press Enter to leave an optional field out; Ctrl-D or Ctrl-C stops without writing anything.")
        for field in NEW_FIELDS:
            if not self.values.get(field.name) and field.is_used(*_answers(self.values)):
                self.ask(field)
            if field.name == "title":
                print(f"The entry will be written to {self.path()}.")
        if self.description is None:
            self.ask_description()

    def ask_again_while_wrong(self) -> None:
        """While the entry as a whole has an error (sources once last_reviewed is set, a file of that name),
        ask again for the fields it names, with the reasons."""
        from entries.problems import ERROR
        from entries.scaffold import check

        while True:
            _path, _text, problems = check(self.content, self.values, self.vocab, self.today, self.description, self.slug)
            errors = [problem for problem in problems if problem.severity == ERROR]
            questions = {self.question_for(problem) for problem in errors} - {None}
            if not questions:
                return  # nothing left that a question can mend: `new` prints what is left, and writes nothing
            print("Some answers need another look:")
            for question in (question for question in (*NEW_FIELDS, "slug", "description") if question in questions):
                for problem in errors:
                    if self.question_for(problem) == question:
                        _say(problem)
                if question == "description":
                    self.ask_description()
                elif question == "slug":
                    self.ask_slug()
                else:
                    self.ask(question)

    def question_for(self, problem):
        """The question whose answer mends the problem: its field's, the title's (or --slug's) for the file's name, or the description's."""
        if problem.field == "body":
            return "description"
        if problem.field in ("file", "slug"):
            return NEW_BY_NAME["title"] if self.slug is None else "slug"
        return NEW_BY_NAME.get(problem.field)

    def path(self) -> str:
        from entries.scaffold import target_path

        return _shown(target_path(self.content, self.values, self.vocab, self.slug).resolve())

    def ask(self, field) -> None:
        from entries.scaffold import answer_problems

        allowed = self.vocab.get(CHOICES[field.name]) if field.name in CHOICES else None
        if allowed:
            print(f"  allowed: {', '.join(allowed)}")
        while True:
            needed = field.is_required(*_answers(self.values))
            answer = input(f"{field.prompt}{' (required)' if needed else ''}: ").strip()
            self.values[field.name] = answer or None
            if self.answered(answer_problems(self.content, self.values, field.name, self.vocab, self.today, self.slug)):
                return

    def ask_description(self) -> None:
        from entries.scaffold import answer_problems

        while True:
            self.description = input("Description (one paragraph, optional): ").strip() or None
            found = answer_problems(self.content, self.values, "body", self.vocab, self.today, self.slug, self.description)
            if self.answered(found):
                return

    def ask_slug(self) -> None:
        from entries.scaffold import answer_problems, slug_problem

        while True:
            self.slug = input("File name, without .md: ").strip()
            plain = slug_problem(self.slug)
            found = [plain] if plain else answer_problems(self.content, self.values, "slug", self.vocab, self.today, self.slug)
            if self.answered(found):
                return

    @staticmethod
    def answered(problems) -> bool:
        """Say the problems with an answer; True when none of them is an error."""
        from entries.problems import ERROR

        for problem in problems:
            _say(problem)
        if any(problem.severity == ERROR for problem in problems):
            print("  Please answer again (Ctrl-D stops).")
            return False
        return True


NEW_BY_NAME = {field.name: field for field in NEW_FIELDS}


def new(c, description=None, slug=None, content=CONTENT, interactive=False, **fields):
    """Scaffold a new entry: asks for each field, checking each answer as it is given, or takes every field as a flag. Never overwrites a file."""
    from entries.scaffold import create, slug_problem

    values = {field.name: fields.get(field.name) for field in NEW_FIELDS}
    vocab = _vocab()
    missing = _missing(values)
    interactive = interactive or (bool(missing) and sys.stdin.isatty())
    # what no answer can mend is said before any question is asked
    if Path(content).exists() and not Path(content).is_dir():
        raise Exit(f"{content}: this is a file, not the content folder; pass --content DIR with your entries", code=2)
    if slug is not None and slug_problem(slug):
        raise Exit(f"{slug_problem(slug).format()}\nNothing was written.", code=1)
    if interactive:
        questions = _Questions(Path(content), values, description, slug, vocab)
        try:
            questions.ask_all()
            questions.ask_again_while_wrong()
        except (EOFError, KeyboardInterrupt):  # Ctrl-D, Ctrl-C
            raise Exit("\nStopped: nothing was written.", code=130) from None
        description, slug = questions.description, questions.slug
        missing = _missing(values)
    if missing:
        raise Exit(
            "Missing: "
            + ", ".join(f"--{m.replace('_', '-')}" for m in missing)
            + ". Give them as flags, or run `invoke new` in a terminal to be asked.",
            code=2,
        )
    path, problems = create(Path(content), values, vocab, date.today(), description, slug)
    for problem in problems:
        print(problem.format(), file=sys.stderr)
    if path is None:
        raise Exit("Nothing was written: fix the problems above and run the command again.", code=1)
    print(f"Wrote {_shown(path.resolve())}. Check it with `invoke check`, then open a pull request.")


# invoke makes a task's flags from its signature: one for each field (--kind,
# --title, ... --last-reviewed), then the command's own.
new.__signature__ = inspect.Signature(
    [
        *(p for p in inspect.signature(new).parameters.values() if p.kind != inspect.Parameter.VAR_KEYWORD),
        *(inspect.Parameter(field.name, inspect.Parameter.KEYWORD_ONLY, default=None) for field in NEW_FIELDS),
    ]
)
new = task(
    auto_shortflags=False,
    help={
        **{field.name: field.prompt for field in NEW_FIELDS},
        "description": "the description below the front matter (Markdown)",
        "slug": "file name without .md (default: from the title)",
        "content": "folder of entries (default: content/)",
        "interactive": "ask for each field, showing the allowed values (default: when run in a terminal and fields are missing)",
    },
)(new)


# The script the live-reload server (livereload 2.7.1, pinned) writes into every page it serves, as it
# writes it when no separate live-reload port is given. It is inline, so the pages' Content-Security-Policy
# refuses it; invoke serve's builds allow exactly this script by its hash. If an upgrade changes the script,
# tests/test_live_reload.py fails: copy the new one from livereload/server.py (Server.application).
LIVE_RELOAD_SCRIPT = (
    "(function(){"
    'var s=document.createElement("script");'
    "var port=(window.location.port || (window.location.protocol == 'https:' ? 443: 80));"
    's.src="//"+window.location.hostname+":"+port'
    '+ "/livereload.js?port=" + port;'
    "document.head.appendChild(s);"
    "})();"
)


def live_reload_hash() -> str:
    """The live-reload script's CSP source, 'sha256-' and its base64 digest."""
    digest = hashlib.sha256(LIVE_RELOAD_SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@task(
    help={
        "content": "folder of entries (default: content/)",
        "output": "where the site goes (default: output/)",
        "port": "port on 127.0.0.1 (default 8000)",
    }
)
def serve(c, content=CONTENT, output=OUTPUT, port=8000):
    """Build, serve on http://127.0.0.1:8000/ and rebuild with live reload when entries, theme or plugins change."""
    from livereload import Server

    refused = output_refusal(content, output)
    if refused:
        raise Exit(f"Nothing was built: {refused}", code=2)
    reload_only_here = {"SIGNPOST_LIVE_RELOAD": live_reload_hash()}  # the CSP lets this one script run, here alone
    build_site(content, output, overrides=reload_only_here)
    server = Server()

    def rebuild():
        build_site(content, output, overrides=reload_only_here)

    for watched in (content, "theme", "plugins", "data", "pelicanconf.py"):
        server.watch(str(Path(watched)), rebuild)
    print(f"Serving on http://127.0.0.1:{port}/index.html  (Ctrl+C to stop)")
    server.serve(host="127.0.0.1", port=int(port), root=str(Path(output).resolve()), open_url_delay=None)


TRANSLATIONS = ROOT / "translations"
TRANSLATION_ACTIONS = ("extract", "update", "compile")


def babel(*args: str) -> int:
    """Run one pybabel command (Babel's own command line, in this process) from the project's folder,
    so that the catalogs name files relative to it; its exit code."""
    from contextlib import chdir

    from babel.messages.frontend import CommandLineInterface

    try:
        with chdir(ROOT):
            return CommandLineInterface().run(["pybabel", "--quiet", *args]) or 0
    except SystemExit as exc:  # Babel's option parser exits on a wrong option
        return exc.code if isinstance(exc.code, int) else 1


@task(
    positional=["action"],
    help={
        "action": "extract, update or compile",
        "new": "with update: start the catalog of a new language, e.g. --new fr",
    },
)
def translations(c, action=None, new=None):
    """Interface translations with Babel. `extract`: collect the templates' texts into translations/messages.pot.
    `update`: bring every catalog (translations/CODE/LC_MESSAGES/messages.po) up to the .pot (`--new CODE` starts one).
    `compile`: check every catalog and write its .mo; the build itself compiles the catalogs in memory."""
    from site_languages.catalogs import LanguageError, catalog_path, catalog_problems, language

    pot = TRANSLATIONS / "messages.pot"
    if action not in TRANSLATION_ACTIONS:
        raise Exit(f"Unknown action '{action}'; choose one of: {', '.join(TRANSLATION_ACTIONS)} (e.g. invoke translations extract)", code=2)
    if action == "extract":
        code = babel(
            "extract", "-F", str(ROOT / "babel.cfg"), "-o", str(pot), "--add-location=file", "--sort-by-file",
            "--project=Signpost", "--copyright-holder=Signpost contributors", "-c", "TRANSLATORS:", ".",
        )  # fmt: skip
        if code:
            raise Exit("Babel could not extract the texts (above); fix the template it names, then run it again", code=1)
        print(f"Wrote {_shown(pot)}; now run: invoke translations update")
        return
    if not pot.is_file():
        raise Exit(f"{_shown(pot)} is missing; run `invoke translations extract` first", code=1)
    if action == "update":
        if new:
            try:
                code_of = language(new).code
            except LanguageError as exc:
                raise Exit(str(exc), code=2) from None
            if catalog_path(TRANSLATIONS, code_of).exists():
                raise Exit(
                    f"{_shown(catalog_path(TRANSLATIONS, code_of))} already exists; run `invoke translations update` without --new",
                    code=2,
                )
            done = babel("init", "-i", str(pot), "-d", str(TRANSLATIONS), "-l", code_of)
        else:
            done = babel("update", "-i", str(pot), "-d", str(TRANSLATIONS), "--ignore-obsolete")
        if done:
            raise Exit("Babel could not update the catalogs (above)", code=1)
        print("Catalogs updated: translate each empty msgstr, check each '#, fuzzy' one, then run: invoke translations compile")
        return
    problems = []
    for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        problems += catalog_problems(path, path.parent.parent.name, shown=_shown(path))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        raise Exit(f"{count(len(problems), 'message')} not ready (listed above); nothing was compiled", code=1)
    if babel("compile", "-d", str(TRANSLATIONS), "--statistics"):
        raise Exit("Babel could not compile the catalogs (above)", code=1)


# What the tests need from Debian: the browser, pdftoppm to look at printed pages, and Node.js to run
# the workflows' scripts (tests/test_github.py), so that no test is skipped on a fresh machine
SYSTEM_PACKAGES = {"chromium": CHROMIUM, "poppler-utils": "/usr/bin/pdftoppm", "nodejs": "/usr/bin/node"}


@task
def browser(c):
    """Install Debian's chromium (and poppler-utils, for the print test, and nodejs) if they are not there yet."""
    missing = [package for package, path in SYSTEM_PACKAGES.items() if not Path(path).exists()]
    if not missing:
        print(f"Chromium is installed at {CHROMIUM}, and pdftoppm and Node.js are installed.")
        return
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (sudo + ["apt-get", "update", "-qq"], sudo + ["apt-get", "install", "-y", "-qq", *missing]):
        if subprocess.run(command, env=env, check=False).returncode != 0:
            raise Exit(f"Could not install {', '.join(missing)} with: {' '.join(command)}", code=1)


@task(
    help={
        "k": "only tests matching this expression",
        "browser": "include the browser tests (default: yes)",
        "content": "the entries the whole-site tests build (default: content/)",
    }
)
def test(c, k="", browser=True, content=CONTENT):
    """Check the code with ruff (lint and format), then run the whole test suite, browser and accessibility tests included."""
    lint = {  # what ruff is asked (configured in pyproject.toml), and how to fix what it finds
        ("check", "--no-cache", "."): "fix it by hand, or with `.venv/bin/ruff check --fix .`",
        ("format", "--check", "--no-cache", "."): "reformat with `.venv/bin/ruff format .`",
    }
    for words, fix in lint.items():
        if subprocess.run([sys.executable, "-m", "ruff", *words], cwd=ROOT, check=False).returncode:
            raise Exit(f"ruff {words[0]} found something to change (listed above): {fix}", code=1)
    args = [sys.executable, "-m", "pytest", "-q"]
    env = dict(os.environ, SIGNPOST_CONTENT=str(Path(content).resolve()))
    if k:
        args += ["-k", k]
    if not browser:
        args += ["-m", "not browser"]
    code = subprocess.run(args, cwd=ROOT, env=env, check=False).returncode
    if code:
        raise Exit(code=code)


def clean_project(root: Path = ROOT) -> list[Path]:
    """Remove the built site output/ (only if the build made it: it holds the .signpost-site
    marker), the folders builds that ended left beside it, and the caches; return what was removed."""
    from site_writer import output_folder

    output = root / OUTPUT
    sites = ([output] if output_folder.is_site(output) else []) + output_folder.leftovers(output)
    caches = [root / ".cache" / "links.json", root / ".pytest_cache", root / "__pycache__"]
    caches += [*root.glob("plugins/**/__pycache__"), *root.glob("tests/**/__pycache__")]
    removed = []
    for path in sites + caches:
        if path.is_symlink() or not path.exists():
            continue  # a link could lead anywhere: never followed
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path)
    return removed


@task
def clean(c):
    """Remove the built site (only a folder the build made) and the caches."""
    for path in clean_project(ROOT):
        print(f"Removed {path.relative_to(ROOT)}")
    output = ROOT / OUTPUT
    if output.exists():
        print(
            f"Left {OUTPUT}/ as it was: it is not a folder Signpost's build made (one holding a .signpost-site file); remove it yourself if you no longer need it."
        )


def _bench_budgets(benchmarks):
    import budgets

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        if not build_site(CONTENT, site, quiet=True):
            raise Exit("The starter site did not build.", code=1)
        result = budgets.figures(site)
    benchmarks.write_section("budgets", budgets.render(result))
    print(budgets.render(result))


@task(
    positional=["what"],
    help={"what": "which benchmark: build, links, search or budgets", "sizes": "comma-separated entry counts (default 1000,10000)"},
)
def bench(c, what=None, sizes="1000,10000"):
    """Benchmarks; results go to docs/performance.md. `invoke bench build`."""
    sys.path.insert(0, str(ROOT / "tests"))
    import benchmarks

    runs = {
        "build": benchmarks.bench_build,
        "links": lambda _sizes: __import__("bench_links").bench_links(),
        "search": lambda sizes: __import__("bench_search").bench_search(sizes),
        "budgets": lambda _sizes: _bench_budgets(benchmarks),
    }
    if what is None or what not in runs:
        raise Exit(f"Unknown benchmark '{what}'; choose one of: {', '.join(runs)}", code=2)
    runs[what]([int(n) for n in sizes.split(",")])
