"""Entries in more than one language (issue 19, part 2): ``NAME.fr.md`` beside ``NAME.md`` holds the
entry's title, summary and description in French. The French pages show it; a page in a language with
no translation shows the entry's own text, marked with its language; a translation can never change a
contact detail, nor translate nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, build, read_content

ENTRY = "crisis-helpline/example-crisis-line"
FRENCH = """---
translation_of: example-crisis-line
title: Ligne de crise fictive
summary: Une ligne de crise inventée pour les tests, joignable au 0808 157 0123.
awaiting_review: true
---
Appelez ou écrivez à toute heure : une personne bénévole formée vous écoute. [Le site](https://example.org/crisis) ou [le 0808 157 0123](tel:08081570123).
"""


def content_with(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    return content


def problems(tmp_path: Path, text: str, name: str = f"{ENTRY}.fr.md") -> list:
    directory = read_content(content_with(tmp_path, {name: text}), root=tmp_path)
    return [p for p in directory.report.problems if p.path.endswith(Path(name).name)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("translated")
    content = content_with(tmp, {f"{ENTRY}.fr.md": FRENCH})
    out = tmp / "output"
    assert build(content, out)
    return out


def page(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_the_french_page_shows_the_translation(site):
    html = page(site, f"fr/{ENTRY}.html")
    assert "<h1>Ligne de crise fictive</h1>" in html
    assert '<p class="lead">Une ligne de crise inventée pour les tests' in html
    assert re.search(r'<div class="prose">\s*<p>Appelez ou écrivez à toute heure', html)
    assert "Traduction en attente de relecture" in html  # awaiting_review: true
    # the contact details are the entry's own, in every language
    assert 'href="tel:+448081570123"' in html
    assert "<title>Ligne de crise fictive · " in html


def test_the_slug_stays_the_entrys_and_no_page_is_made_for_the_file(site):
    assert not list(site.rglob("example-crisis-line.fr.html"))
    assert (site / "fr" / f"{ENTRY}.html").is_file()


def test_a_page_without_a_translation_marks_the_original_text_with_its_language(site):
    spanish = page(site, f"es/{ENTRY}.html")
    assert '<h1 lang="en">Example Crisis Line</h1>' in spanish
    assert '<p class="lead" lang="en">A made-up crisis line' in spanish
    assert '<div class="prose" lang="en">' in spanish
    assert "Traduction en attente" not in spanish and "pendiente de revisión" not in spanish
    listing = page(site, "es/crisis-helpline/index.html")
    assert re.search(r'<a href="[^"]*example-crisis-line.html" lang="en">Example Crisis Line</a>', listing)
    # where the translation is the page's language, nothing is marked
    french_list = page(site, "fr/crisis-helpline/index.html")
    assert re.search(r'<a href="[^"]*example-crisis-line.html">Ligne de crise fictive</a>', french_list)


def test_english_pages_keep_the_entrys_own_text_unmarked(site):
    english = page(site, f"{ENTRY}.html")
    assert "<h1>Example Crisis Line</h1>" in english
    assert "<title>Example Crisis Line · " in english
    assert '<p class="lead">A made-up crisis line' in english
    assert re.search(r'<div class="prose">\s*<p>Call or text at any hour', english)
    # the French name is only in the French message for a client (signposting), marked as French
    for found in re.finditer("Ligne de crise fictive", english):
        assert english.rfind('lang="fr"', 0, found.start()) > english.rfind("</textarea>", 0, found.start()), (
            "French text outside the French handover"
        )


def test_a_reviewed_translation_carries_no_note(tmp_path):
    content = content_with(tmp_path, {f"{ENTRY}.fr.md": FRENCH.replace("awaiting_review: true", "awaiting_review: false")})
    directory = read_content(content, root=tmp_path)
    assert directory.ok, [p.format() for p in directory.report.problems]
    entry = next(e for e in directory.entries if e.slug == "example-crisis-line")
    assert entry.in_language("fr").awaiting_review is False
    assert entry.in_language("fr").title == "Ligne de crise fictive"
    assert entry.in_language("es") is entry and entry.text_language == "en"


def test_a_translation_of_nothing_is_an_error(tmp_path):
    found = problems(tmp_path, FRENCH.replace("example-crisis-line", "no-such-line"), "crisis-helpline/no-such-line.fr.md")
    assert [(p.line, p.field, p.code, p.severity) for p in found] == [(2, "translation_of", "translation-of-nothing", "error")]
    assert "no entry no-such-line.md beside this file" in found[0].message


def test_a_translation_must_name_the_entry_its_file_is_named_after(tmp_path):
    found = problems(tmp_path, FRENCH.replace("translation_of: example-crisis-line", "translation_of: example-evening-line"))
    assert [(p.line, p.field, p.code) for p in found] == [(2, "translation_of", "translation-of-nothing")]


def test_a_translation_into_the_entrys_own_language_is_an_error(tmp_path):
    found = problems(tmp_path, FRENCH, f"{ENTRY}.en.md")
    assert [p.code for p in found] == ["translation-of-nothing"]


@pytest.mark.parametrize(
    "line, field",
    [
        ('phone: "0808 157 0999"', "phone"),
        ("url: https://evil.example.net/", "url"),
        ("hours: 9am to 5pm", "hours"),
        ("kind: peer-community", "kind"),
    ],
)
def test_a_translation_that_changes_a_contact_field_is_an_error(tmp_path, line, field):
    found = problems(tmp_path, FRENCH.replace("awaiting_review: true", f"awaiting_review: true\n{line}"))
    assert [(p.line, p.field, p.code, p.severity) for p in found] == [(6, field, "translation-field", "error")]
    assert "comes from the entry example-crisis-line.md" in found[0].message


@pytest.mark.parametrize(
    "body, shown",
    [
        ("Appelez le [0808 157 0999](tel:08081570999).", "tel:08081570999"),
        ("Voir [ce site](https://example.net/aide).", "https://example.net/aide"),
        ("Appelez le 0808 157 0999 à toute heure.", "0808 157 0999"),
        ("Appelez le 112 en cas de danger.", "112"),
    ],
)
def test_a_link_or_number_the_entry_lacks_is_an_error(tmp_path, body, shown):
    text = FRENCH.rsplit("---\n", 1)[0] + "---\n" + body + "\n"
    found = problems(tmp_path, text)
    assert {(p.line, p.field, p.code) for p in found} == {(7, "body", "translation-contact")}
    assert any(shown in p.message for p in found)


def test_the_entrys_numbers_written_another_way_are_the_same(tmp_path):
    text = FRENCH.rsplit("---\n", 1)[0] + "---\nAppelez le 08081570123, 24 h sur 24, ou [le site](https://example.org/crisis/).\n"
    assert problems(tmp_path, text) == []


def test_a_translation_into_a_language_the_site_does_not_publish_is_left_out(tmp_path):
    directory = read_content(content_with(tmp_path, {f"{ENTRY}.de.md": FRENCH}), root=tmp_path)
    found = [p for p in directory.report.problems if p.path.endswith(".de.md")]
    assert [(p.code, p.severity) for p in found] == [("translation-file", "warning")]
    entry = next(e for e in directory.entries if e.slug == "example-crisis-line")
    assert entry.translations == {}


def test_every_problem_in_a_translation_is_reported_in_one_run(tmp_path):
    text = "---\ntitle: Rien\nphone: '0808 157 0999'\nsummary: x\n---\nVoir [ici](https://evil.example.net/).\n"
    found = problems(tmp_path, text, "crisis-helpline/nothing.fr.md")
    assert sorted((p.line, p.code) for p in found) == [(1, "translation-of-nothing"), (3, "translation-field")]


def test_a_hostile_translation_is_sanitised(tmp_path):
    text = FRENCH.rsplit("---\n", 1)[0] + "---\n<script>alert(1)</script><img src=x onerror=alert(2)> Bonjour\n"
    content = content_with(tmp_path, {f"{ENTRY}.fr.md": text})
    out = tmp_path / "out"
    assert build(content, out, SIGNPOST_LANGUAGES="en,fr")
    html = page(out, f"fr/{ENTRY}.html")
    assert "<script>alert" not in html and "onerror" not in html and "Bonjour" in html


def test_the_check_and_the_build_agree_on_a_bad_translation(tmp_path):
    content = content_with(tmp_path, {f"{ENTRY}.fr.md": FRENCH.replace("awaiting_review: true", 'awaiting_review: true\nphone: "999"')})
    assert not read_content(content, root=tmp_path).ok
    out = tmp_path / "out"
    assert not build(content, out)
    assert not out.exists()


def test_the_open_data_gives_each_translation_and_still_validates(site):
    import json

    from conftest import ROOT
    from jsonschema import Draft202012Validator

    document = json.loads((site / "data" / "entries.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "docs" / "entries.schema.json").read_text(encoding="utf-8"))
    assert [e.message for e in Draft202012Validator(schema).iter_errors(document)] == []
    by_slug = {e["slug"]: e for e in document["entries"]}
    assert by_slug["example-crisis-line"]["translations"] == {
        "fr": {
            "title": "Ligne de crise fictive",
            "summary": "Une ligne de crise inventée pour les tests, joignable au 0808 157 0123.",
            "page": f"fr/{ENTRY}.html",
            "awaiting_review": True,
        }
    }
    assert by_slug["example-crisis-line"]["title"] == "Example Crisis Line"  # the entry's own text stays its own
    assert by_slug["example-peer-forum"]["translations"] == {}
    assert (site / by_slug["example-crisis-line"]["translations"]["fr"]["page"]).is_file()
