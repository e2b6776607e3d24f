"""Interface translations (issue 19): the catalogs hold every template text, shipped catalogs are
complete, no template text escapes the catalogs, and a build in another language uses its catalog."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from conftest import FIXTURE_CONTENT, ROOT, TEMPLATE_PAGES, build
from jinja2 import Environment
from site_languages.catalogs import SOURCE, LanguageError, catalog_problems, load_languages, translations

TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "messages.pot"
TEMPLATES = ROOT / "theme" / "templates"
# Attributes whose values people read (or hear, from a screen reader)
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "aria-roledescription"}


def extracted() -> set:
    """The msgids Babel finds in the templates now, with the project's babel.cfg."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {message for _file, _line, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map)}


def shipped() -> list[str]:
    """The languages data/languages.yaml lists, but English."""
    return [language.code for language in load_languages(ROOT / "data" / "languages.yaml")[1:]]


def catalog_ids(path: Path) -> set:
    with path.open("rb") as handle:
        return {message.id if isinstance(message.id, str) else tuple(message.id) for message in read_po(handle) if message.id}


def test_the_template_catalog_holds_every_template_text():
    assert extracted() == catalog_ids(POT), "translations/messages.pot is out of date: run `invoke translations extract`"


def test_every_catalog_has_every_message():
    for path in sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")):
        assert catalog_ids(path) == catalog_ids(POT), f"{path.relative_to(ROOT)} is out of date: run `invoke translations update`"


def test_shipped_languages_are_complete():
    """Every language data/languages.yaml lists has a catalog with every message translated, none fuzzy."""
    languages = load_languages(ROOT / "data" / "languages.yaml")
    assert languages[0].code == SOURCE
    for language in languages[1:]:
        path = TRANSLATIONS / language.code / "LC_MESSAGES" / "messages.po"
        assert path.is_file(), f"{language.code} is listed in data/languages.yaml but has no catalog"
        assert catalog_problems(path, language.code) == []


def test_catalog_problems_name_the_line_and_the_fix(tmp_path):
    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Search"\nmsgstr "Rechercher"\n\n'
        'msgid "Browse"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "About"\nmsgstr "À propos"\n\n'
        '#, python-format\nmsgid "Services in %(country)s"\nmsgstr "Services"\n',
        encoding="utf-8",
    )
    problems = catalog_problems(po, "fr")
    assert problems[0] == f"{po}:8: 'Browse' has no translation; write it in French in msgstr"
    assert problems[1].startswith(f"{po}:12: 'About' is marked fuzzy")
    assert problems[2] == f"{po}:16: 'Services in %(country)s': the translation must keep %(country)s, where the value goes"
    assert len(problems) == 3


class TextFinder(HTMLParser):
    """Words in a template's HTML (its Jinja tags replaced by a mark): text and attributes people read."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        self.found += [value for name, value in attrs if name in READ_ATTRIBUTES and value and has_words(value)]
        self.found += [value for name, value in attrs if name == "content" and ("name", "description") in attrs and has_words(value)]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data):
        if not self.skipping and has_words(data):
            self.found.append(data.strip())


# Text in a template that is not language: the sources of the Content-Security-Policy, which a
# child template adds to base.html's meta tag from inside a block
NOT_LANGUAGE = re.compile(r"(script|style|img|connect|default)-src|'self'")


def has_words(text: str) -> bool:
    return bool(re.search(r"[^\W\d_]{2,}", NOT_LANGUAGE.sub(" ", text)))


def untranslated(source: str) -> list[str]:
    """The texts of a template that are outside _() and {% trans %}: every tag, expression and
    trans block is replaced by a mark, and what is left is read as HTML."""
    env = Environment(extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True)
    parts, in_trans, previous = [], False, None
    for _line, kind, value in env.lex(source):
        if kind == "name" and previous == "block_begin":
            in_trans = value == "trans" or (in_trans and value != "endtrans")
        if kind == "data" and not in_trans:
            parts.append(value)
        elif kind in ("variable_begin", "block_begin") or (kind == "data" and in_trans):
            parts.append(" ")  # a space: a tag with Jinja inside it (<tr{% if x %} class="gap"{% endif %}>) still reads as a tag
        if kind not in ("whitespace",):
            previous = kind
    finder = TextFinder()
    finder.feed("".join(parts))
    return finder.found


def test_the_scan_finds_text_outside_the_catalogs():
    """The scan below is itself checked: it finds bare text and read attributes, and lets marked text pass."""
    source = (
        '<p>{{ _("Search") }}</p><p>Bare words</p><img alt="A picture" src="{{ x }}">'
        '{% trans n=1 %}Marked <a href="{{ n }}">link</a>{% endtrans %}<a href="/x.html" class="nav">{{ title }}</a>'
    )
    assert untranslated(source) == ["Bare words", "A picture"]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_have_no_text_outside_the_catalogs(template):
    """Each template's words reach people only through _() or {% trans %}, so every language gets them."""
    found = untranslated((TEMPLATES / template).read_text(encoding="utf-8"))
    assert found == [], f"theme/templates/{template}: text outside the catalogs; wrap it in _() or {{% trans %}}: {found}"


# -- a build in another language ------------------------------------------------------------------

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: the pseudo-locale's marks


def pseudo_catalog(folder: Path, code: str) -> None:
    """A catalog for ``code`` in which every message is its English text between ⟦ and ⟧."""
    with POT.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    for message in catalog:
        if message.id:
            message.string = (
                tuple(OPEN + text + CLOSE for text in message.id) if isinstance(message.id, (list, tuple)) else OPEN + message.id + CLOSE
            )
    target = folder / code / "LC_MESSAGES" / "messages.po"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_po(handle, catalog)


class PageText(HTMLParser):
    """The text a page shows or reads out (scripts and styles, such as the JSON-LD, left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.skipping = False

    def handle_data(self, data):
        if not self.skipping:
            self.text.append(data)

    def handle_starttag(self, tag, attrs):
        self.skipping = tag in ("script", "style")
        self.text += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self.skipping = False


# Two entries more than the fixture's, for the words Python makes: a key to press, two spans of hours and
# public holidays, a fee, a review long ago, and a group that meets in two towns only
PSEUDO_ENTRIES = {
    "crisis-helpline/example-press-line.md": """---
title: Example Press Line
kind: crisis-helpline
summary: A made-up line shared with other services.
url: https://example.org/press
countries: [GB]
channels: [phone]
phone: "020 7946 0456"
phone_option: "2"
hours: "Mo-Fr 09:00-12:00,13:00-17:00; PH off"
timezone: Europe/London
cost: low-cost
last_reviewed: 2024-01-15
sources: [https://example.org/press]
---
A line for the scan.
""",
    "peer-community/example-town-group.md": """---
title: Example Town Group
kind: peer-community
summary: A made-up group that meets in two towns.
url: https://example.org/towns
countries: [GB]
regions: [GB-WLS]
channels: [in-person]
locations: [Aberystwyth, Machynlleth]
cost: free
---
A group for the scan.
""",
}


@pytest.fixture(scope="module")
def pseudo_site(tmp_path_factory) -> Path:
    """The fixture site and PSEUDO_ENTRIES, built in English and French with a pseudo-locale catalog."""
    tmp = tmp_path_factory.mktemp("pseudo")
    content = tmp / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for name, text in PSEUDO_ENTRIES.items():
        (content / name).write_text(text, encoding="utf-8")
    pseudo_catalog(tmp / "catalogs", "fr")
    assert build(content, tmp / "site", SIGNPOST_TRANSLATIONS=str(tmp / "catalogs"), SIGNPOST_LANGUAGES="en,fr")
    return tmp / "site"


def test_a_build_in_another_language_takes_every_template_text_from_its_catalog(pseudo_site):
    """Built with a pseudo-locale catalog, no page shows one of the catalog's texts unmarked, and
    the marked texts are there."""
    out = pseudo_site / "fr"
    plain = {m for m in catalog_ids(POT) if isinstance(m, str) and "%(" not in m and "<" not in m and has_words(m)}
    for page in TEMPLATE_PAGES:
        parser = PageText()
        parser.feed((out / page).read_text(encoding="utf-8"))
        # a text node, or an attribute, that is exactly one of the catalog's texts, outside the marks
        # (a whole node: entry text such as "Call or text" may hold the word of a message such as "or")
        # (a marked message may hold markup, <strong>Exit this page</strong>: its nodes are inside the marks)
        # (a message made of messages, "⟦⟦call 988⟧ or ⟦chat online⟧⟧", is taken out from the innermost marks out)
        outside, before = "\x01".join(parser.text), None
        while outside != before:
            before, outside = outside, re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", "\x01", outside)
        unmarked = sorted({text.strip() for text in outside.split("\x01")} & plain)
        assert unmarked == [], f"{page}: {unmarked}"
    home = (out / "index.html").read_text(encoding="utf-8")
    assert f"{OPEN}Skip to main content{CLOSE}" in home
    assert f'<a class="help-now" href="./get-help-now.html">{OPEN}Get help now{CLOSE}</a>' in home
    entry = (out / "crisis-helpline" / "example-crisis-line.html").read_text(encoding="utf-8")
    assert f"<dt>{OPEN}Cost{CLOSE}</dt>" in entry
    # the scripts' words too: theme/js/messages.js gives each of them from the tree's catalog
    from site_languages.scripts import script_messages

    texts = [m for m in script_messages(THEME) if isinstance(m, str)]
    plurals = [list(m) for m in script_messages(THEME) if not isinstance(m, str)]
    shown = in_node(
        (out / "theme" / "js" / "messages.js").read_text(encoding="utf-8"),
        f"[{json.dumps(texts)}.map((t) => M.gettext(t)), {json.dumps(plurals)}.map((p) => M.ngettext(p[0], p[1], 2))]",
    )
    assert len(texts) > 25 and [t for t in shown[0] if not (t.startswith(OPEN) and t.endswith(CLOSE))] == []
    assert plurals and [t for t in shown[1] if not (t.startswith(OPEN) and t.endswith(CLOSE))] == []


def unmarked(text: str) -> str:
    """``text`` without the pseudo-locale's marked messages; a message may hold others ('⟦⟦Monday⟧ to …⟧')."""
    while True:
        shorter = re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", "\x01", text)
        if shorter == text:
            return text
        text = shorter


def python_words() -> list[str]:
    """The English words that Python code and data files give the pages (the catalog's messages not from
    a template: hours, reach, coverage, phone words...), each part between its values ('then press'), and
    Babel's English day names, which a French page must never show."""
    from babel.dates import get_day_names

    with POT.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id and not all(path.startswith("theme/") for path, _line in m.locations)]
    parts = set(get_day_names("wide", locale="en").values())
    for message in messages:
        for text in [message.id] if isinstance(message.id, str) else message.id:
            parts.update(part.strip(" ,.;:()") for part in re.split(r"%\(\w+\)s|\{\w+\}", text))
    return sorted(part for part in parts if len(part) >= 4 and has_words(part))


def test_a_build_in_another_language_takes_every_word_python_makes_from_its_catalog(pseudo_site):
    """The words made in Python (hours, reach, coverage gaps, 'then press', list words) and those of the
    data files (the emergency numbers' notes, the ways to reach help without speaking, the directories'
    'about') are messages too: on the pseudo-locale's French pages, none shows outside the marks, except
    where an entry's own text has the same words. (The signposting message is left out: its language is
    the practitioner's choice.)"""
    entry_text = "\n".join(path.read_text(encoding="utf-8") for path in FIXTURE_CONTENT.rglob("*.md")) + "".join(PSEUDO_ENTRIES.values())
    words = [w for w in python_words() if w.casefold() not in entry_text.casefold()]
    assert {"Monday", "then press", "every day", "public holidays", "Rural reach: partial", "no crisis line open 24/7"} <= set(words)
    assert {
        "also works from mobile phones",
        "a network of emotional support centres around the world",
    } <= set(words)
    # Australia: numbers with notes, a way without speaking, and (no line in the fixture) the directories
    pages = [*TEMPLATE_PAGES, "crisis-helpline/example-press-line.html", "peer-community/example-town-group.html", "get-help-now/au.html"]
    for page in pages:
        html = re.sub(r"<textarea.*?</textarea>", "", (pseudo_site / "fr" / page).read_text(encoding="utf-8"), flags=re.S)
        parser = PageText()
        parser.feed(html)
        outside = unmarked("\x01".join(parser.text))
        found = [w for w in words if re.search(rf"\b{re.escape(w)}\b", outside, re.I)]
        assert found == [], f"fr/{page}: English words made in Python, outside the catalogs: {found}"
    australia = (pseudo_site / "fr" / "get-help-now" / "au.html").read_text(encoding="utf-8")
    assert f"({OPEN}also works from mobile phones{CLOSE})" in australia
    assert f"{OPEN}If you use a TTY textphone, dial 106" in australia
    assert f"Befrienders Worldwide</a>: {OPEN}a network of emotional support centres around the world{CLOSE}" in australia
    press = (pseudo_site / "fr" / "crisis-helpline" / "example-press-line.html").read_text(encoding="utf-8")
    assert f"{OPEN}Rural reach: partial{CLOSE}" in press
    assert f"{OPEN}{OPEN}lundi to vendredi{CLOSE}, " in press  # Babel's day names, in the catalog's words


def test_a_language_without_a_catalog_stops_the_build_with_the_fix(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "languages.yaml").write_text(
        "languages:\n  - {code: en, exit: 'https://www.bbc.co.uk/weather'}\n  - {code: de, exit: 'https://www.wetter.de/'}\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    assert not build(FIXTURE_CONTENT, out, SIGNPOST_DATA=str(data))
    err = capsys.readouterr().err
    assert "there is no catalog for 'de'; make it with: invoke translations update --new de" in err
    assert "Traceback" not in err and not out.exists()


def test_the_source_language_needs_no_catalog_and_others_compile_in_memory(tmp_path):
    assert translations(tmp_path, "en").gettext("Search") == "Search"
    pseudo_catalog(tmp_path, "es")
    assert translations(tmp_path, "es").gettext("Skip to main content") == f"{OPEN}Skip to main content{CLOSE}"
    with pytest.raises(LanguageError, match="not a language code"):
        translations(tmp_path, "zz-notalanguage")
    shutil.rmtree(tmp_path / "es")


def test_the_translations_task_extracts_updates_and_lists_what_is_not_ready(tmp_path, monkeypatch, capsys):
    """invoke translations extract|update|compile, on a copy of the catalogs' folder."""
    from invoke import Context, Exit

    import tasks

    monkeypatch.setattr(tasks, "TRANSLATIONS", tmp_path)
    tasks.translations(Context(), "extract")
    assert catalog_ids(tmp_path / "messages.pot") == catalog_ids(POT)
    tasks.translations(Context(), "update", new="fr")
    assert catalog_ids(tmp_path / "fr" / "LC_MESSAGES" / "messages.po") == catalog_ids(POT)
    with pytest.raises(Exit) as stopped:
        tasks.translations(Context(), "compile")
    assert stopped.value.code == 1 and "not ready (listed above); nothing was compiled" in stopped.value.message
    err = capsys.readouterr().err
    assert re.search(r"fr/LC_MESSAGES/messages\.po:\d+: 'Skip to main content' has no translation; write it in French in msgstr", err)
    assert not (tmp_path / "fr" / "LC_MESSAGES" / "messages.mo").exists()
    with pytest.raises(Exit) as refused:
        tasks.translations(Context(), "update", new="fr")
    assert refused.value.code == 2 and "already exists" in refused.value.message
    with pytest.raises(Exit) as unknown:
        tasks.translations(Context(), "translate")
    assert unknown.value.code == 2 and "choose one of: extract, update, compile" in unknown.value.message


def test_language_names_come_from_babel_in_the_pages_language():
    from entries.places import language_name

    assert [language_name(code) for code in ("en", "fr", "cy", "mi", "el")] == ["English", "French", "Welsh", "Māori", "Greek"]
    assert [language_name(code, "fr") for code in ("en", "fr", "es")] == ["anglais", "français", "espagnol"]
    assert [language_name(code, "es") for code in ("en", "fr", "es")] == ["inglés", "francés", "español"]
    assert language_name("zz") == "zz"


def test_the_vocabularies_labels_are_messages_and_pages_show_them_in_their_language(fixture_site):
    """Every label of data/vocabularies.yaml is in the catalogs (babel.cfg's vocabularies method), and
    each tree's pages show it in the tree's language; the open data keeps the English."""
    import yaml

    data = yaml.safe_load((ROOT / "data" / "vocabularies.yaml").read_text(encoding="utf-8"))
    labels = {label for vocabulary in data.values() for label in vocabulary.values()}
    assert labels <= catalog_ids(POT)
    english = (fixture_site / "crisis-helpline" / "index.html").read_text(encoding="utf-8")
    assert "<h1>Crisis helplines</h1>" in english or ">Crisis helplines<" in english
    for code in shipped():
        french = translations(TRANSLATIONS, code).gettext("Crisis helplines")
        assert french != "Crisis helplines"
        page = (fixture_site / code / "crisis-helpline" / "index.html").read_text(encoding="utf-8")
        assert f">{french}<" in page and ">Crisis helplines<" not in page, code
    assert "Crisis helplines" in (fixture_site / "data" / "entries.json").read_text(encoding="utf-8")  # the open data's own words


def test_the_vocabularies_extractor_gives_each_label_its_line_and_value(tmp_path):
    import io

    from site_languages.extract import extract_vocabularies

    text = "# comment\nkinds:\n  crisis-helpline: Crisis helplines\ncosts:\n  free: Free\n"
    found = list(extract_vocabularies(io.BytesIO(text.encode()), [], [], {}))
    assert found == [
        (3, None, "Crisis helplines", ["data/vocabularies.yaml, kinds: crisis-helpline"]),
        (5, None, "Free", ["data/vocabularies.yaml, costs: free"]),
    ]


def test_a_catalog_cannot_bring_markup_of_its_own_into_the_pages(tmp_path, capsys):
    """Translations are inserted unescaped (they hold the English text's links): a translation with other
    tags, or a quote that could open a second href, is refused by the check and by the build."""
    head = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
    po = tmp_path / "messages.po"
    po.write_text(
        head
        + 'msgid "Main"\nmsgstr "Principal\\" href=\\"https://evil.example/"\n\n'
        + 'msgid "Read the <a href=\\"%(url)s\\">privacy page</a>."\nmsgstr "Lisez <a href=\\"%(url)s\\">la page</a> <img src=x>."\n\n'
        + 'msgid "Search"\nmsgstr "<strong>Rechercher</strong>"\n\n'
        + 'msgid "Browse"\nmsgstr "Parcourir « tout »"\n\n'
        + 'msgid "Home"\nmsgstr "<a href=\\"%(url)s\\">Accueil</a>"\n',
        encoding="utf-8",
    )
    problems = catalog_problems(po, "fr")
    assert [p.split(": ", 1)[0] for p in problems] == [f"{po}:5", f"{po}:8", f"{po}:11", f"{po}:17", f"{po}:17"]  # 17: a placeholder too
    assert "double quote outside the English text's tags" in problems[0]
    assert 'keep exactly <a href="%(url)s"> </a>' in problems[1]
    assert "keep exactly none" in problems[2]
    catalogs = tmp_path / "catalogs" / "fr" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "messages.po").write_text(po.read_text(encoding="utf-8"), encoding="utf-8")
    assert not build(FIXTURE_CONTENT, tmp_path / "site", SIGNPOST_TRANSLATIONS=str(tmp_path / "catalogs"), SIGNPOST_LANGUAGES="en,fr")
    err = capsys.readouterr().err
    assert f"{catalogs / 'messages.po'}:5: the translation has a <, > or double quote" in err and "Traceback" not in err


def test_invoke_check_reports_what_would_stop_the_build_in_a_language(tmp_path, monkeypatch, capsys):
    """invoke check and the build agree: a missing or unsafe catalog fails both."""
    from invoke import Context, Exit

    import tasks

    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\nSIGNPOST_TRANSLATIONS = {str(tmp_path / 'catalogs')!r}\n",
        encoding="utf-8",
    )
    problems = tasks.language_problems(settings)
    assert [p.split(": there is no catalog")[0].rsplit("/", 3)[-3] for p in problems] == shipped()
    assert tasks.language_problems() == []  # the project's own catalogs
    monkeypatch.setattr(tasks, "language_problems", lambda: ["translations/fr/LC_MESSAGES/messages.po:5: the translation has a <"])
    with pytest.raises(Exit) as stopped:
        tasks.check(Context(), content=str(FIXTURE_CONTENT))
    assert stopped.value.code == 1
    out = capsys.readouterr()
    assert "messages.po:5: the translation has a <" in out.out and "1 error" in out.err


# -- the scripts' words: theme/js/messages.js (plugins/site_languages/scripts.py) ------------------

THEME = ROOT / "theme"
PO_HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'


def in_node(script: str, expression: str):
    """The value of a JavaScript ``expression`` after messages.js has run, as a browser page runs it."""
    import subprocess

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: invoke browser installs it (apt-get install nodejs)")
    harness = f"var window = {{}};\n{script}\nvar M = window.SignpostMessages;\nprocess.stdout.write(JSON.stringify({expression}));"
    result = subprocess.run([node, "-e", harness], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_scripts_words_come_from_the_catalog_with_their_values_and_plurals(tmp_path):
    from site_languages.scripts import render_messages

    catalog = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        PO_HEAD
        + '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
        + 'msgid "Searching…"\nmsgstr "Recherche…"\n\n'
        + 'msgid "No results for “%(query)s”."\nmsgstr "Aucun résultat pour « %(query)s »."\n\n'
        + 'msgid "%(num)s result"\nmsgid_plural "%(num)s results"\nmsgstr[0] "%(num)s résultat"\nmsgstr[1] "%(num)s résultats"\n\n'
        + '#, fuzzy\nmsgid "Listing…"\nmsgstr "Liste…"\n\n'
        + 'msgid "Only in the templates"\nmsgstr "Seulement dans les gabarits"\n',
        encoding="utf-8",
    )
    wanted = ["Searching…", "No results for “%(query)s”.", ("%(num)s result", "%(num)s results"), "Listing…", "Not translated"]
    calls = (
        '[M.gettext("Searching…"), M.gettext("No results for “%(query)s”.", {query: "<b>x</b> %(num)s"}),'
        ' M.ngettext("%(num)s result", "%(num)s results", 0), M.ngettext("%(num)s result", "%(num)s results", 1),'
        ' M.ngettext("%(num)s result", "%(num)s results", 2), M.gettext("Listing…"), M.gettext("Not translated"), M.days]'
    )
    french = render_messages(THEME, tmp_path, "fr", wanted)
    assert "Seulement" not in french  # only what the scripts mark
    assert in_node(french, calls) == [
        "Recherche…",
        "Aucun résultat pour « <b>x</b> %(num)s ».",  # a value is inserted as it is, once (the scripts insert text, not HTML)
        "0 résultat",  # French: 0 takes the singular (the catalog's plural rule)
        "1 résultat",
        "2 résultats",
        "Listing…",  # a fuzzy translation is a guess: the English is shown
        "Not translated",
        ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
    ]
    english = render_messages(THEME, tmp_path, "en", wanted)
    assert in_node(english, calls) == [
        "Searching…",
        "No results for “<b>x</b> %(num)s”.",
        "0 results",
        "1 result",
        "2 results",
        "Listing…",
        "Not translated",
        ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    ]


def test_a_plural_rule_that_is_not_one_stops_the_build_with_the_fix(tmp_path):
    """The plural rule goes into messages.js as code: a catalog header cannot bring other code with it."""
    from site_languages.scripts import render_messages

    catalog = tmp_path / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.parent.mkdir(parents=True)
    header = '"Plural-Forms: nplurals=2; plural=fetch(1);\\n"\n\n'
    catalog.write_text(PO_HEAD + header + 'msgid "Searching…"\nmsgstr "Recherche…"\n', encoding="utf-8")
    refused = r"fr/LC_MESSAGES/messages\.po: the Plural-Forms header's rule 'fetch\(1\)' is not a plural rule"
    with pytest.raises(LanguageError, match=refused):
        render_messages(THEME, tmp_path, "fr", ["Searching…"])


def test_every_page_loads_the_scripts_words_first_and_each_tree_has_its_own(fixture_site):
    """messages.js comes before every other script, in every tree, and Get help now's offline copy keeps it."""
    for tree in ("", *(code + "/" for code in shipped())):
        for page in TEMPLATE_PAGES:
            scripts = re.findall(r'<script src="([^"]+)"', (fixture_site / tree / page).read_text(encoding="utf-8"))
            assert scripts and scripts[0].endswith("theme/js/messages.js"), f"{tree}{page}: {scripts}"
        assert '"theme/js/messages.js"' in (fixture_site / tree / "sw.js").read_text(encoding="utf-8")
    english = (fixture_site / "theme" / "js" / "messages.js").read_text(encoding="utf-8")
    assert "var TEXTS = {};" in english  # English: the scripts show their own words


SCRIPTS = THEME / "static" / "js"
MARKERS = {"_", "gettext", "ngettext"}  # babel.cfg's javascript extractor finds these (Babel's default keywords)
# Strings in the scripts that are code, not words people read: what the scan below would otherwise take for words
CODE_STRINGS = {
    "use strict",
    "(max-width: 40rem)",  # search.js: a media query
    "Shift",  # exit.js: the key's name
    "open-now ",  # search.js: a class name
    "empty ",  # search-engine.js: errors for the console, which search.js answers with its own message
    "cannot load ",
}
# Scripts whose words are being marked on another branch (helper H3, issue 19): remove when it lands
NOT_YET_MARKED = {"signpost-tools.js"}


def looks_like_words(text: str) -> bool:
    """A string people would read: two words, a capitalised word, or a word set apart by spaces (" or ")."""
    if text in CODE_STRINGS or not re.search(r"[^\W\d_]{2,}", text):
        return False
    return bool(re.search(r"\w\s+[^\W\d_]", text) or re.match(r"\s*[A-Z][a-z]", text) or text != text.strip())


def unmarked_script_texts(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string in a script that looks like words and is outside _(), gettext() and ngettext()."""
    from babel.messages.jslexer import tokenize, unquote_string

    found, depth, marked_at = [], 0, []  # marked_at: the depths at which a marker's call opened
    previous = None
    for token in tokenize(source, jsx=False, dotted=False):
        if token.type == "operator" and token.value == "(":
            depth += 1
            if previous is not None and previous.type == "name" and previous.value in MARKERS:
                marked_at.append(depth)
        elif token.type == "operator" and token.value == ")":
            if marked_at and marked_at[-1] == depth:
                marked_at.pop()
            depth -= 1
        elif token.type == "string" and not marked_at and looks_like_words(unquote_string(token.value)):
            found.append((token.lineno, unquote_string(token.value)))
        previous = token
    return found


def test_the_script_scan_finds_words_outside_the_markers():
    source = (
        'var a = _("Searching…"); b.textContent = "No results"; c = ngettext("%(num)s result", "%(num)s results", n, {q: "x y"});\n'
        'd = " or "; e = "Closed"; f = "click"; g = "[data-x]"; h = "use strict"; i = _("Did you mean %(query)s?").split("%(query)s");\n'
        'j = "1 country"; k = "open-now is-open";'
    )
    assert unmarked_script_texts(source) == [(1, "No results"), (2, " or "), (2, "Closed"), (3, "1 country"), (3, "open-now is-open")]


@pytest.mark.parametrize("script", sorted(p.name for p in SCRIPTS.glob("*.js") if p.name not in NOT_YET_MARKED))
def test_scripts_have_no_words_outside_the_catalogs(script):
    """Each script's words reach people only through _() or ngettext(), so every language gets them."""
    found = unmarked_script_texts((SCRIPTS / script).read_text(encoding="utf-8"))
    assert found == [], (
        f'theme/static/js/{script}: words outside the catalogs, at (line, text): {found}; write _("...") or ngettext(...) '
        "(CONTRIBUTING.md, Translating the site's interface), or add a string that is code to CODE_STRINGS"
    )
