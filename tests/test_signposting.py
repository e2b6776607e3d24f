"""Signposting (plugins/signposting): the message to paste, short links, the printable sheet and contact cards.

Unit tests of the pure functions, checks over a build of the starter content and
of the fixture site with the plugin on, and browser tests (marked ``browser``):
axe, copying, the sheet with and without JavaScript, and the sheet printed to PDF
and rendered with pdftoppm (Debian's poppler-utils).
"""

from __future__ import annotations

import functools
import html
import math
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from conftest import STARTER_CONTENT, build

SITEURL = "https://signpost.example.org"


# --- helpers -----------------------------------------------------------------


def make_entry(**fields):
    from entries import hours
    from entries.model import Entry

    values = dict(
        source="content/crisis-helpline/x.md",
        slug="example",
        title="Example Line",
        kind="crisis-helpline",
        summary="A line.",
        countries=["GB"],
    )
    values.update(fields)
    entry = Entry(**values)
    entry.opening_hours = hours.parse(entry.hours) if entry.hours else None
    return entry


def costs():
    from entries import vocabularies

    return vocabularies.load(vocabularies.DEFAULT_PATH).costs


def english():
    """The handover's words in English: the catalogs' source texts, and the cost labels."""
    from signposting.words import Words

    return Words(costs=costs())


@functools.cache
def words_in(code: str):
    """The handover's words in ``code``, from its catalog in translations/, as a build takes them."""
    from entries import vocabularies
    from signposting.words import Words
    from site_languages.catalogs import translations

    catalog = translations(Path(__file__).resolve().parents[1] / "translations", code)
    return Words(code, catalog.gettext, vocabularies.load(vocabularies.DEFAULT_PATH).translated(catalog.gettext).costs)


@functools.cache
def starter_entries():
    from conftest import read_content

    result = read_content(STARTER_CONTENT)
    assert result.entries, f"no entries in {STARTER_CONTENT}"
    return result.entries


def textarea_message(page_html: str) -> str | None:
    match = re.search(r'<textarea id="signpost-message"[^>]*>(.*?)</textarea>', page_html, re.S)
    return html.unescape(match.group(1)) if match else None


def refresh_target(page_html: str) -> str:
    match = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page_html)
    assert match, "no meta refresh"
    return html.unescape(match.group(1))


# --- the message ----------------------------------------------------------------


def test_message_wording():
    from signposting.message import message

    entry = make_entry(
        title="Samaritans",
        phone="116 123",
        email="jo@samaritans.org",
        url="https://www.samaritans.org/",
        hours="24/7",
        cost="free",
        channels=["phone", "email"],
    )
    assert message(entry, "https://signpost.example.org/s/abcde.html", english()) == (
        "Samaritans\n"
        "Call 116 123 or email jo@samaritans.org\n"
        "Open 24 hours a day, every day. Cost: free.\n"
        "Details: https://signpost.example.org/s/abcde.html"
    )


def test_message_says_each_way_in_and_the_time_zone():
    from signposting.message import message

    evening = make_entry(
        phone="020 7946 0123",
        text="0808 157 0456",
        text_keyword="HELLO",
        chat_url="https://example.org/chat",
        hours="Mo-Th 18:00-23:00; Fr 18:00-02:00",
        timezone="Europe/London",
        cost="mixed",
    )
    assert message(evening, "s/abcde.html", english()) == (
        "Example Line\n"
        "Call 020 7946 0123, text HELLO to 0808 157 0456 or chat online\n"
        "Open Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00 (United Kingdom Time). Cost: some parts free, some paid.\n"
        "Details: s/abcde.html"
    )
    same_number = make_entry(phone="988", text="988", hours="24/7", countries=["US"])
    assert message(same_number, "s/x.html", english()).splitlines()[1] == "Call or text 988"
    forum = make_entry(kind="peer-community", url="https://example.org/forum", cost="free")
    assert message(forum, "s/x.html", english()).splitlines()[1] == "Visit https://example.org/forum"


def test_a_number_other_services_share_is_said_with_the_key_to_press():
    """The Veterans Crisis Line: 988, then 1. The comma before 'or' keeps 'press 1' apart from the next way in."""
    from signposting.message import message

    veterans = make_entry(phone="988", phone_option="1", text="838255", hours="24/7", cost="free", countries=["US"])
    assert message(veterans, "s/x.html", english()).splitlines()[1] == "Call 988, then press 1, or text 838255"
    alone = make_entry(phone="988", phone_option="1", countries=["US"])
    assert message(alone, "s/x.html", english()).splitlines()[1] == "Call 988, then press 1"
    same = make_entry(phone="988", phone_option="1", text="988", countries=["US"])  # never "call or text 988, then press 1"
    assert message(same, "s/x.html", english()).splitlines()[1] == "Call 988, then press 1, or text 988"


def test_long_message_shortens_wording_before_leaving_parts_out_and_never_cuts_a_number():
    from signposting.message import LIMIT, message

    base = dict(
        phone="0808 157 0123",
        text="0808 157 0456",
        text_keyword="HELLO",
        chat_url="https://example.org/chat",
        email="someone@example.org",
        hours="Mo-Fr 09:00-17:00",
        timezone="Europe/London",
        cost="mixed",
    )
    link = "https://signpost.example.org/s/abcde.html"
    # A title that leaves room for the brief wording only
    brief = message(make_entry(title="T" * 60, **base), link, english())
    assert len(brief) <= LIMIT
    assert "Open Mon-Fri 09:00-17:00 (London time). Part free, part paid." in brief
    assert "email someone@example.org" in brief and "chat online" in brief
    # Longer: parts go, email first, then chat, but never the numbers or the link
    shorter = message(make_entry(title="T" * 90, **base), link, english())
    assert len(shorter) <= LIMIT and "someone@example.org" not in shorter and "chat online" in shorter
    shortest = message(make_entry(title="T" * 170, **base), link, english())
    assert len(shortest) <= LIMIT
    for kept in ("0808 157 0123", "HELLO to 0808 157 0456", link):
        assert kept in shortest
    # Too long whatever is left out: the name is shortened, and everything that must stay is still whole
    too_long = message(make_entry(title="T" * 300, **base), link, english())
    assert len(too_long) <= LIMIT and too_long.startswith("T" * 100) and too_long.splitlines()[0].endswith("T...")
    assert "0808 157 0123" in too_long and "HELLO to 0808 157 0456" in too_long and too_long.endswith(link)
    title = "A very long name " * 30
    words = message(make_entry(title=title, **base), link, english())
    name = words.splitlines()[0]
    assert len(words) <= LIMIT and name.endswith("...") and title.startswith(name[:-3] + " ")  # cut at a word


def test_short_hours():
    from signposting.message import short_hours

    assert short_hours("24/7", "24 hours a day, every day") == "24/7"
    assert short_hours("Mo-Su 17:00-24:00", "Every day, 17:00 to midnight") == "Daily 17:00-midnight"
    assert (
        short_hours("Mo-Th 18:00-23:00; Fr 18:00-02:00", "Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00")
        == "Mon-Thu 18:00-23:00; Fri 18:00-02:00"
    )
    assert short_hours("Mo,We 10:00-12:00", "Monday, Wednesday, 10:00 to noon") == "Mon, Wed 10:00-noon"
    assert short_hours(None, None) is None


def test_only_services_that_can_be_contacted_get_a_message():
    from signposting.message import message

    assert message(make_entry(kind="practitioner-tip", url="https://example.org/"), "s/x.html", english()) is None
    assert message(make_entry(phone="116 123", status="closed"), "s/x.html", english()) is None
    assert message(make_entry(phone="116 123", status="temporarily-closed"), "s/x.html", english()) is None
    assert message(make_entry(), "s/x.html", english()) is None


def test_message_is_plain_text_for_sms():
    from signposting.message import message

    entry = make_entry(title="Men\u2019s line \u2013 evenings", phone="0800 58 58 58")
    text = message(entry, "s/x.html", english())
    assert text.startswith("Men's line - evenings\n")
    assert text.isascii()


@pytest.mark.parametrize("siteurl", ["", SITEURL + "/a-longer-folder-for-the-directory"])
def test_every_starter_message_fits_in_280_characters(siteurl):
    from signposting import message, shortlinks

    entries = starter_entries()
    codes = shortlinks.assign(e.slug for e in entries)
    checked = 0
    for entry in entries:
        link = shortlinks.absolute(shortlinks.path_for(codes[entry.slug]), siteurl)
        text = message.message(entry, link, english())
        if text is None:
            assert not message.contactable(entry)
            continue
        checked += 1
        assert len(text) <= 280, f"{entry.source}: {len(text)} characters:\n{text}"
        for number in (entry.phone, entry.text):
            assert number is None or number in text, f"{entry.source}: {number} is missing or cut"
        assert text.endswith(link) and text.startswith(entry.title.split()[0].replace("\u2019", "'"))
    assert checked >= 10


# --- the handover in the client's language (issue 19) -----------------------------------

LANGUAGES = ["en", "fr", "es"]


def spanish_entry(**fields):
    """An entry with a Spanish translation of its title and summary, as a NAME.es.md gives it."""
    from entries.model import Translation

    entry = make_entry(**fields)
    entry.translations = {"es": Translation("es", "content/crisis-helpline/x.es.md", "Línea de Ejemplo", "Una línea.")}
    return entry


def test_a_spanish_message_speaks_spanish_in_280_characters_at_most():
    """The translated name, the numbers with Spanish words, Babel's day names, the cost label, the Spanish short link."""
    from signposting.message import LIMIT, message

    entry = spanish_entry(
        phone="988",
        phone_option="1",
        text="838255",
        hours="Mo-Fr 10:00-18:00",
        timezone="America/Los_Angeles",
        cost="free",
        countries=["US"],
    )
    link = f"{SITEURL}/es/s/abcde.html"
    text = message(entry.in_language("es"), link, words_in("es"))
    assert len(text) <= LIMIT
    assert text.splitlines() == [
        "Línea de Ejemplo",
        "Llame al 988, luego marque el 1, o envíe un mensaje de texto al 838255",
        "Abierto de lunes a viernes, de 10:00 a 18:00 (hora del Pacífico). Precio: gratuito.",
        f"Detalles: {link}",
    ]
    french = message(entry.in_language("fr"), f"{SITEURL}/fr/s/abcde.html", words_in("fr"))
    assert french.splitlines()[:3] == [
        "Example Line",  # no French translation: the name as written
        "Appelez le 988, puis tapez 1, ou envoyez un texto au 838255",
        "Ouvert du lundi au vendredi, de 10:00 à 18:00 (heure du Pacifique nord-américain). Coût : gratuit.",
    ]
    always = message(make_entry(phone="116 123", hours="24/7", cost="free"), None, words_in("es"))
    assert always.splitlines()[2] == "Abierto las 24 horas, todos los días. Precio: gratuito."


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("siteurl", ["", SITEURL + "/a-longer-folder-for-the-directory"])
def test_every_starter_message_fits_in_280_characters_in_every_language(code, siteurl):
    """The real entries, in each language (their translations where they have one), with each language's short link."""
    from signposting import message, shortlinks
    from signposting.generator import tree_folder

    entries = starter_entries()
    codes = shortlinks.assign(e.slug for e in entries)
    checked = 0
    for entry in entries:
        link = shortlinks.absolute(tree_folder(code) + shortlinks.path_for(codes[entry.slug]), siteurl)
        text = message.message(entry.in_language(code), link if siteurl else None, words_in(code))
        if text is None:
            continue
        checked += 1
        assert len(text) <= 280, f"{entry.source} in {code}: {len(text)} characters:\n{text}"
        for number in (entry.phone, entry.text):
            assert number is None or number in text, f"{entry.source} in {code}: {number} is missing or cut"
        assert not siteurl or text.endswith(link)
    assert checked >= 10


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_limit_holds_by_construction_in_every_language(code):
    """The longest wording of the longest real entry, with a name far longer than any real one: the name is
    shortened at a word, and the numbers and the link stay whole."""
    from entries.model import Translation
    from signposting.message import LIMIT, message

    longest = max(starter_entries(), key=lambda e: len(e.title) + len(e.phone or "") + len(e.text or "") + len(e.email or ""))
    name = "Un nom de service vraiment très long " * 12
    entry = make_entry(
        title=name,
        phone="0808 157 0123",
        phone_option="9",
        text="0808 157 0456",
        text_keyword="K" * 20,
        chat_url="https://example.org/chat",
        email="someone-with-a-long-address@example.org",
        hours="Mo 09:00-10:00; Tu 11:00-12:00; We 13:00-14:00; Th 15:00-16:00; Fr 17:00-18:00; Sa 19:00-20:00",
        timezone="America/Argentina/ComodRivadavia",
        cost="free-or-call-charges",
    )
    entry.translations = {code: Translation(code, "x", name, "y")}
    link = f"{SITEURL}/a-longer-folder-for-the-directory/{code}/s/abcdefgh.html"
    for each in (entry, longest):
        text = message(each.in_language(code), link, words_in(code))
        assert text is not None and len(text) <= LIMIT, f"{code}: {len(text)} characters:\n{text}"
        assert text.endswith(link) and (each.phone or "") in text and (each.text or "") in text
    assert message(entry.in_language(code), link, words_in(code)).splitlines()[0].endswith("...")


def poisoned_catalog(text: str) -> str:
    """A catalog whose every translation tries to start a line, a vCard property and a message line of its own."""
    return text.replace(" ", "\r\nTEL:0900 000 000\n")


@pytest.mark.parametrize("code", LANGUAGES + ["poisoned"])
def test_nothing_brings_a_new_line_into_a_message_or_a_contact_card_in_any_language(code):
    """A contributor's value, or a translator's, never adds a line to the message or a property to the vCard."""
    import vobject
    from signposting.message import message
    from signposting.vcard import card
    from signposting.words import Words

    words = Words("es", poisoned_catalog, costs()) if code == "poisoned" else words_in(code)
    entry = spanish_entry(
        title="Line\nTEL:0906 000 000\r\nEND:VCARD",
        phone="0808 157 0123",
        text="85258",
        text_keyword="SHOUT",
        email="help@example.org",
        hours="Mo-Fr 09:00-17:00",
        timezone="Europe/London",
        cost="free",
        last_reviewed=date(2026, 9, 30),
    )
    entry.translations["es"].title = "Línea\u2028TEL:0906\nEND:VCARD"
    language = "es" if code == "poisoned" else code
    text = message(entry.in_language(language), f"{SITEURL}/s/abcde.html", words)
    lines = text.split("\n")
    # the name, the ways in, (hours and cost, unless the poisoned words leave no room), the link
    assert len(lines) in (3, 4) and lines[-1].startswith(("Details", "Détails", "Detalles")), text
    assert not any(line.startswith(("TEL", "END")) for line in lines), text
    assert "\r" not in text and "\u2028" not in text
    vcf = card(entry, f"{SITEURL}/s/abcde.html", words)
    assert "\n" not in vcf.replace("\r\n", "") and "\u2028" not in vcf
    unfolded = vcf.replace("\r\n ", "")
    assert [line.split(":")[0] for line in unfolded.split("\r\n") if line].count("TEL;TYPE=voice") == 1
    assert not any(line.startswith(("TEL:", "END:VCARD\r")) for line in unfolded.split("\r\n")[:-2])
    parsed = vobject.readOne(vcf)
    assert {tel.value for tel in parsed.tel_list} == {"0808 157 0123", "85258"}


def test_a_contact_card_keeps_the_organisations_name_and_notes_in_its_language():
    import vobject
    from signposting.vcard import card

    entry = spanish_entry(
        phone="988", phone_option="1", text="838255", hours="24/7", cost="free", countries=["US"], last_reviewed=date(2026, 9, 30)
    )
    for code, first, source in (
        ("en", "Call 988, then press 1", "From Signpost, a directory checked by volunteers (last checked 2026-09-30)"),
        (
            "fr",
            "Appelez le 988, puis tapez 1",
            "Source : Signpost, un répertoire vérifié par des bénévoles (dernière vérification le 2026-09-30)",
        ),
        ("es", "Llame al 988, luego marque el 1", "Fuente: Signpost, un directorio revisado por voluntarios (última revisión: 2026-09-30)"),
    ):
        link = f"{SITEURL}/{'' if code == 'en' else code + '/'}s/abcde.html"
        parsed = vobject.readOne(card(entry, link, words_in(code)))
        assert parsed.fn.value == "Example Line" and parsed.org.value == ["Example Line"]  # never the translated name
        assert {tel.value for tel in parsed.tel_list} == {"988", "838255"}
        note = parsed.note.value.replace("\u00a0", " ")
        assert note.splitlines()[0] == first and source in note and note.endswith(link)


def test_a_sheet_card_in_another_language():
    from types import SimpleNamespace

    from signposting import sheet

    entry = spanish_entry(
        phone="116 123", phone_number=SimpleNamespace(href="116123"), hours="Sa,Su 10:00-14:00", timezone="Europe/London", cost="free"
    )
    card = sheet.card(entry.in_language("es"), f"{SITEURL}/es/s/abcde.html", "Reino Unido", words_in("es"))
    assert card.title == "Línea de Ejemplo" and card.summary == "Una línea."
    assert [label for label, _, _ in card.facts] == ["Teléfono", "Horario", "Precio", "Dónde"]
    assert card.facts[1][1] == "Sábado, domingo, de 10:00 a 14:00 (hora de Reino Unido)"  # the entry page's words (entries.hours)
    assert card.qr_label == f"Código QR de Línea de Ejemplo: escanéelo para abrir {SITEURL}/es/s/abcde.html"


def test_every_entry_page_offers_the_handover_in_every_language():
    """tools_for: the page's language first, then the others; each message in its language, with its tree's short link."""
    from signposting.generator import tools_for

    entry = spanish_entry(phone="116 123", hours="24/7", cost="free")
    words = {code: words_in(code) for code in LANGUAGES}
    tools = tools_for([(entry, "crisis-helpline/example.html")], SITEURL, words, here="fr")["example"]
    assert [h.code for h in tools.handovers] == ["fr", "en", "es"]
    french, english, spanish = tools.handovers
    assert tools.message == french.message and tools.short_link == f"{SITEURL}/fr/{tools.short_path}"
    assert english.message.endswith(f"Details: {SITEURL}/{tools.short_path}")
    assert spanish.message.startswith("Línea de Ejemplo\nLlame al 116 123") and spanish.message.endswith(f"{SITEURL}/es/{tools.short_path}")
    assert spanish.sheet_path == "sheet/example.html" and spanish.vcard_path == "vcard/example.vcf"
    local = tools_for([(entry, "crisis-helpline/example.html")], "", words, here="fr")["example"]
    assert [h.short_link for h in local.handovers] == [local.short_path, local.short_path, "es/" + local.short_path]
    assert "Details" not in local.message


# --- short links -----------------------------------------------------------------


def test_short_codes_are_stable_and_unique(monkeypatch):
    from signposting import shortlinks

    # Pinned: a change here would break every short link already handed out
    assert shortlinks.code_for("samaritans") == shortlinks.code_for("samaritans") == "1708r"
    assert shortlinks.path_for("1708r") == "s/1708r.html"
    assert set(shortlinks.code_for("x" * 100, 20)) <= set(shortlinks.ALPHABET)
    assert not set("ilou") & set(shortlinks.ALPHABET)
    real = shortlinks.code_for
    monkeypatch.setattr(shortlinks, "code_for", lambda slug, length=5: "aaaaa" if length == 5 else real(slug, length))
    codes = shortlinks.assign(["b-slug", "a-slug", "c-slug"])
    assert codes["a-slug"] == "aaaaa"  # the first in order keeps the code
    assert len(set(codes.values())) == 3 and len(codes["b-slug"]) == 6


def test_short_link_is_absolute_only_when_the_site_address_is_known():
    from signposting.shortlinks import absolute

    assert absolute("s/abcde.html", "") == "s/abcde.html"
    assert absolute("s/abcde.html", "https://signpost.example.org/") == "https://signpost.example.org/s/abcde.html"


# --- contact cards -------------------------------------------------------------------


def test_vcard_escaping_and_folding():
    from signposting.vcard import escape, fold

    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "NOTE:" + "é,ü;" * 40
    folded = fold(line)
    physical = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in physical)
    assert all(p.startswith(" ") for p in physical[1:])
    assert "".join([physical[0]] + [p[1:] for p in physical[1:]]) == line  # unfolds to the same line
    for piece in physical:
        assert not re.search(r"(?<!\\)(\\\\)*\\$", piece), "an escape sequence is split across lines"
    assert fold("FN:short") == "FN:short"


def test_vcard_reads_back():
    import vobject
    from signposting.vcard import card

    entry = make_entry(
        title="Line; with, commas",
        phone="0808 157 0123",
        text="85258",
        text_keyword="SHOUT",
        email="help@example.org",
        url="https://example.org/",
        hours="Mo-Fr 09:00-17:00",
        timezone="Europe/London",
        cost="free",
        last_reviewed=date(2026, 9, 30),
    )
    text = card(entry, "https://signpost.example.org/s/abcde.html", english())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    parsed = vobject.readOne(text)
    assert parsed.version.value == "3.0"
    assert parsed.fn.value == "Line; with, commas"
    assert parsed.org.value == ["Line; with, commas"]
    phones = {tel.params["TYPE"][0].lower(): tel.value for tel in parsed.tel_list}
    assert phones == {"voice": "0808 157 0123", "text": "85258"}
    assert parsed.url.value == "https://example.org/"
    assert parsed.email.value == "help@example.org"
    note = parsed.note.value
    assert "Hours: Monday to Friday, 09:00 to 17:00 (United Kingdom Time)" in note
    assert "Text SHOUT to 85258" in note and "https://signpost.example.org/s/abcde.html" in note


def test_vcard_keeps_the_number_and_says_the_key_to_press_in_its_note():
    """TEL holds only the number (RFC 2426 3.3.1); the note, which contacts apps show, says the key to press."""
    import vobject
    from signposting.vcard import card

    entry = make_entry(phone="988", phone_option="1", text="838255", hours="24/7", cost="free", countries=["US"])
    parsed = vobject.readOne(card(entry, english()))
    assert {tel.params["TYPE"][0].lower(): tel.value for tel in parsed.tel_list} == {"voice": "988", "text": "838255"}
    assert parsed.note.value.splitlines()[0] == "Call 988, then press 1"
    plain = vobject.readOne(card(make_entry(phone="116 123", hours="24/7"), english()))
    assert "press" not in plain.note.value


# --- QR codes -------------------------------------------------------------------


def test_qr_svg_is_an_image_with_a_name_and_no_style():
    from signposting.qr import svg

    markup = svg("https://signpost.example.org/s/abcde.html", 'QR code for "A & B"')
    assert markup.startswith("<svg ") and markup.endswith("</svg>")
    assert 'role="img"' in markup and 'aria-label="QR code for &quot;A &amp; B&quot;"' in markup
    assert "style=" not in markup and "<path" in markup and "viewBox" in markup


def test_qr_svg_draws_what_segnos_own_svg_writer_draws():
    """The codes are segno's own drawing, with a name for screen readers."""
    import segno
    from signposting.qr import MASK, svg

    for data in ("https://signpost.example.org/s/abcde.html", "https://www.samaritans.org/", "tel:116123", "x"):
        code = segno.make(data, error="m", micro=False, mask=MASK)
        segnos = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None, dark="#000")
        ours = svg(data, "QR code")
        assert ours == segnos.replace("<svg", '<svg role="img" aria-label="QR code" focusable="false" shape-rendering="crispEdges"', 1)


# --- built sites ----------------------------------------------------------------


def build_with_signposting(content: Path, output: Path, **overrides) -> bool:
    """Build with the site's own plugins, signposting among them."""
    import pelicanconf

    assert "signposting" in pelicanconf.PLUGINS
    return build(content, output, **overrides)


@pytest.fixture(scope="module")
def starter_tools_site(tmp_path_factory) -> Path:
    """The starter content with the plugin on, as published (SITEURL set)."""
    out = tmp_path_factory.mktemp("signposting-starter") / "output"
    assert build_with_signposting(STARTER_CONTENT, out, SITEURL=SITEURL), "the starter content must build with signposting"
    return out


@pytest.fixture(scope="module")
def tools_site(fixture_site) -> Path:
    """The fixture content as built locally (no SITEURL): the session's fixture site, built with the site's own plugins, signposting among them."""
    import pelicanconf

    assert "signposting" in pelicanconf.PLUGINS
    return fixture_site


def test_every_entry_has_a_short_link_that_redirects_to_its_page(starter_tools_site):
    from signposting import shortlinks

    entries = starter_entries()
    codes = shortlinks.assign(e.slug for e in entries)
    for entry in entries:
        path = shortlinks.path_for(codes[entry.slug])
        assert len("/" + path) < 25, path
        page = starter_tools_site / path
        assert page.exists(), f"{entry.source}: no short link page {path}"
        text = page.read_text(encoding="utf-8")
        target = refresh_target(text)
        expected = f"{entry.kind}/{entry.slug}.html"
        assert urljoin(f"https://x/{path}", target) == f"https://x/{expected}"
        assert (starter_tools_site / expected).exists()
        assert f'<a href="{target}">' in text  # a visible link when meta refresh is off
        entry_page = (starter_tools_site / expected).read_text(encoding="utf-8")
        assert f'<a href="../{path}">{SITEURL}/{path}</a>' in entry_page


def test_entry_pages_carry_the_message_with_the_short_link(starter_tools_site):
    from signposting import message

    found = 0
    for entry in starter_entries():
        page = (starter_tools_site / entry.kind / f"{entry.slug}.html").read_text(encoding="utf-8")
        text = textarea_message(page)
        if not message.contactable(entry):
            assert text is None and "Print a sheet for this service" not in page
            continue
        found += 1
        assert text and len(text) <= 280 and f"Details: {SITEURL}/s/" in text
        assert f'href="../sheet/{entry.slug}.html">Print a sheet for this service</a>' in page
    assert found >= 10


def test_a_contact_card_for_each_open_helpline(starter_tools_site):
    import vobject

    cards = 0
    for entry in starter_entries():
        path = starter_tools_site / "vcard" / f"{entry.slug}.vcf"
        wanted = entry.kind == "crisis-helpline" and entry.status == "active" and bool(entry.phone or entry.text)
        assert path.exists() == wanted, entry.source
        page = (starter_tools_site / entry.kind / f"{entry.slug}.html").read_text(encoding="utf-8")
        assert (f'href="../vcard/{entry.slug}.vcf" download=' in page) == wanted
        if not wanted:
            continue
        cards += 1
        raw = path.read_bytes()
        assert raw.count(b"\n") == raw.count(b"\r\n"), f"{path.name}: every line must end in CRLF"
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), f"{path.name}: a line is not folded"
        card = vobject.readOne(raw.decode("utf-8"))
        assert card.fn.value == entry.title and card.org.value == [entry.title]
        phones = {(tel.params["TYPE"][0].lower(), tel.value) for tel in card.tel_list}
        assert phones == {(kind, number) for kind, number in (("voice", entry.phone), ("text", entry.text)) if number}
        assert card.url.value == (entry.url or card.url.value)
        if entry.hours_text:
            assert f"Hours: {entry.hours_text}" in card.note.value
    assert cards >= 10


def test_each_contactable_service_has_a_card_file_and_a_one_service_sheet(starter_tools_site):
    from signposting import message

    contactable = {e.slug for e in starter_entries() if message.contactable(e)}
    assert {p.stem for p in (starter_tools_site / "sheet").glob("*.js")} == contactable
    assert {p.stem for p in (starter_tools_site / "sheet").glob("*.html")} == contactable
    for slug in contactable:
        page = (starter_tools_site / "sheet" / f"{slug}.html").read_text(encoding="utf-8")
        block = re.search(rf'<article class="sheet-entry" id="sheet-{slug}".*?</article>', page, re.S)
        assert block, f"{slug}: no card on its one-service sheet"
        assert re.search(
            r'<svg role="img" aria-label="QR code for [^"]+: scan it to open https://signpost\.example\.org/s/\w+\.html"', block.group(0)
        )
        assert 'class="notes-box"' in block.group(0) and "style=" not in page
        script = (starter_tools_site / "sheet" / f"{slug}.js").read_text(encoding="utf-8")
        assert script.startswith(f'SignpostSheet.load("{slug}",{{') and script.endswith(");\n")
    # The sheet page itself names no service: its size does not grow with the directory
    sheet = (starter_tools_site / "sheet.html").read_text(encoding="utf-8")
    assert "<article" not in sheet and ' d="' not in sheet  # no card, no QR code drawn


def test_a_card_file_holds_what_the_one_service_sheet_shows():
    """sheet/<slug>.js and sheet/<slug>.html come from the same Card: the same facts, links and QR code."""
    import json
    from types import SimpleNamespace

    from signposting import sheet

    entry = make_entry(
        title='Tom & Jerry\'s "<Line>"',
        phone="988",
        phone_option="1",
        phone_number=SimpleNamespace(href="988"),
        text="838255",
        text_number=SimpleNamespace(href="838255"),
        text_keyword="GO NOW",
        email="help@example.org",
        url="https://example.org/",
        hours="Mo-Fr 09:00-17:00",
        timezone="America/New_York",
        cost="free",
        countries=["US"],
    )
    card = sheet.card(entry, "https://signpost.example.org/s/abcde.html", "United States", english())
    assert card.facts == [
        ("Phone", "Call 988, then press 1", "tel:988"),
        ("Text", "Text GO NOW to 838255", "sms:838255?body=GO%20NOW"),
        ("Email", "help@example.org", "mailto:help@example.org"),
        ("Website", "https://example.org/", "https://example.org/"),
        ("Hours", "Monday to Friday, 09:00 to 17:00 (Eastern Time)", ""),
        ("Cost", "Free", ""),
        ("Where", "United States", ""),
    ]
    call, data = re.fullmatch(r'SignpostSheet\.load\(("[^"]+"),(.*)\);\n', card.script(), re.S).groups()
    data = json.loads(data)
    assert json.loads(call) == "example" and data["title"] == entry.title
    assert [tuple(f) for f in data["facts"]] == card.facts
    assert data["qr"]["target"] == "https://signpost.example.org/s/abcde.html"
    assert f'viewBox="0 0 {data["qr"]["size"]} {data["qr"]["size"]}"' in card.qr_svg
    assert f'd="{data["qr"]["path"]}"' in card.qr_svg
    assert 'aria-label="QR code for Tom &amp; Jerry&#x27;s &quot;&lt;Line&gt;&quot;: scan it' in card.qr_svg
    assert sheet.card(entry, None, "United States", english()).script().count('"qr"') == 0


def test_the_veterans_crisis_line_says_988_then_press_1_everywhere(starter_tools_site):
    """Its page's buttons, the message, the sheet, the contact card and the list of crisis lines say the key
    to press; every tel: link dials 988 alone (no pause characters), and the 988 Lifeline stays "Call 988"."""
    import vobject

    page = (starter_tools_site / "crisis-helpline" / "veterans-crisis-line.html").read_text(encoding="utf-8")
    assert '<a class="contact tel" href="tel:988">Call 988, then press 1</a>' in page
    assert textarea_message(page).splitlines()[1] == "Call 988, then press 1, or text 838255"
    sheet = (starter_tools_site / "sheet" / "veterans-crisis-line.html").read_text(encoding="utf-8")
    block = re.search(r'<article class="sheet-entry" id="sheet-veterans-crisis-line".*?</article>', sheet, re.S).group(0)
    assert '<a href="tel:988">Call 988, then press 1</a>' in block
    card = vobject.readOne((starter_tools_site / "vcard" / "veterans-crisis-line.vcf").read_text(encoding="utf-8"))
    assert [tel.value for tel in card.tel_list if tel.params["TYPE"][0].lower() == "voice"] == ["988"]
    assert card.note.value.startswith("Call 988, then press 1\n")
    listing = (starter_tools_site / "crisis-helpline" / "index.html").read_text(encoding="utf-8")
    assert '<a class="contact tel" href="tel:988">Call 988, then press 1</a>' in listing
    lifeline = (starter_tools_site / "crisis-helpline" / "suicide-and-crisis-lifeline.html").read_text(encoding="utf-8")
    assert '<a class="contact tel" href="tel:988">988</a>' in lifeline and "press 1" not in textarea_message(lifeline)


def test_signposting_pages_load_nothing_from_elsewhere(starter_tools_site):
    from test_privacy import audit_site

    assert audit_site(starter_tools_site) == {}


def test_short_links_lead_to_the_page_in_their_language(starter_tools_site):
    """Each tree's s/<code>.html leads to the entry's page in that tree; each language's message gives its own."""
    from signposting import message, shortlinks

    entries = starter_entries()
    codes = shortlinks.assign(e.slug for e in entries)
    checked = 0
    for entry in entries:
        path = shortlinks.path_for(codes[entry.slug])
        page = f"{entry.kind}/{entry.slug}.html"
        for code in ("fr", "es"):
            target = refresh_target((starter_tools_site / code / path).read_text(encoding="utf-8"))
            assert urljoin(f"https://x/{code}/{path}", target) == f"https://x/{code}/{page}", f"{code}/{path}"
            own = textarea_message((starter_tools_site / code / page).read_text(encoding="utf-8"))
            assert own is None or own.endswith(f"{SITEURL}/{code}/{path}")
        english = (starter_tools_site / page).read_text(encoding="utf-8")
        for code in ("fr", "es"):
            match = re.search(rf'<textarea id="signpost-message-{code}" lang="{code}"[^>]*>(.*?)</textarea>', english, re.S)
            assert (match is not None) == message.contactable(entry), f"{page}: no {code} message"
            if match:
                checked += 1
                text = html.unescape(match.group(1))
                assert len(text) <= 280 and text.endswith(f"{SITEURL}/{code}/{path}")
            assert f'<a href="../{code}/{path}">{SITEURL}/{code}/{path}</a>' in english
    assert checked >= 20


def test_a_contact_card_in_each_language(starter_tools_site):
    import vobject

    cards = 0
    for entry in starter_entries():
        if not (entry.kind == "crisis-helpline" and entry.status == "active" and (entry.phone or entry.text)):
            assert not (starter_tools_site / "es" / "vcard" / f"{entry.slug}.vcf").exists()
            continue
        english = vobject.readOne((starter_tools_site / "vcard" / f"{entry.slug}.vcf").read_text(encoding="utf-8"))
        for code, source in (("fr", "Source : Signpost"), ("es", "Fuente: Signpost")):
            raw = (starter_tools_site / code / "vcard" / f"{entry.slug}.vcf").read_bytes()
            assert raw.count(b"\n") == raw.count(b"\r\n") and all(len(line) <= 75 for line in raw.split(b"\r\n"))
            card = vobject.readOne(raw.decode("utf-8"))
            assert card.fn.value == english.fn.value == entry.title  # the organisation's own name
            assert [t.value for t in card.tel_list] == [t.value for t in english.tel_list]
            note = card.note.value.replace("\u00a0", " ")
            assert source in note and note != english.note.value and note.endswith(f"/{code}/" + re.search(r"s/\w+\.html$", note).group(0))
            cards += 1
        page = (starter_tools_site / entry.kind / f"{entry.slug}.html").read_text(encoding="utf-8")
        assert f'href="../es/vcard/{entry.slug}.vcf" download="{entry.slug}-es.vcf"' in page
    assert cards >= 20


def test_the_sheet_prints_in_the_chosen_language(starter_tools_site):
    """The entry page links the one-service sheet of each language's tree; that sheet's labels, hours and QR code are in it."""
    page = (starter_tools_site / "crisis-helpline" / "samaritans.html").read_text(encoding="utf-8")
    assert '<a href="../es/sheet/samaritans.html">Print a sheet in Spanish for this service</a>' in page
    sheet = (starter_tools_site / "es" / "sheet" / "samaritans.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in sheet
    block = re.search(r'<article class="sheet-entry".*?</article>', sheet, re.S).group(0)
    for words in (
        "<dt>Teléfono</dt>",
        "<dt>Horario</dt>",
        "Las 24 horas, todos los días",
        "<dt>Dónde</dt>",
        'aria-label="Código QR de',
    ):
        assert words in block, words
    for english in ("<dt>Phone</dt>", "Hours", "QR code for", ">Notes<"):
        assert english not in block, english
    assert "Where" not in sheet.split('<section class="sheet"')[1]
    # the sheet links the same sheet in the other languages
    assert '<a href="../../fr/sheet/samaritans.html" hreflang="fr">esta hoja en francés</a>' in sheet
    script = (starter_tools_site / "es" / "sheet" / "samaritans.js").read_text(encoding="utf-8")
    assert '["Teléfono","116 123"' in script and "Código QR de" in script


# --- in Chromium --------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tools_site):
    from browser import serve

    with serve(tools_site) as base:
        yield base


ENTRY = "crisis-helpline/example-crisis-line.html"
SHEET_PAGES = ["sheet.html", "sheet.html?e=example-crisis-line,example-evening-line,example-peer-forum", "sheet/example-crisis-line.html"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("path", [ENTRY, "peer-community/example-closed-group.html", *SHEET_PAGES])
def test_axe_reports_no_violations(browser, site, path, width):
    from browser import axe_violations

    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/{path}")
    page.wait_for_load_state("load")
    violations = axe_violations(page)
    context.close()
    assert violations == [], f"{path} at {width}px: {violations}"


@pytest.mark.browser
def test_copy_button_copies_the_message(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(f"{site}/{ENTRY}")
    area = page.locator("#signpost-message")
    assert area.get_attribute("readonly") is not None
    page.get_by_role("button", name="Copy message").click()
    status = page.locator(".entry-tools [role=status]")
    status.filter(has_text="Message copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == area.input_value()
    assert area.input_value().startswith("Example Crisis Line\nCall 0808 157 0123")
    assert errors == [] and context.cookies() == []
    context.close()


@pytest.mark.browser
def test_entry_tools_without_javascript(browser, site):
    """Without JavaScript an entry page links a printable sheet of that service alone, QR code and all."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{ENTRY}")
    assert page.locator("#signpost-message").is_visible()
    assert page.get_by_label("Message to paste into a text or direct message").input_value().startswith("Example Crisis Line")
    assert page.locator(".entry-tools button").count() == 0  # no dead button without JavaScript
    page.get_by_role("link", name="Print a sheet for this service").click()
    page.wait_for_load_state("load")
    assert page.url == f"{site}/sheet/example-crisis-line.html"
    assert page.locator(".sheet-entry").count() == 1
    assert page.locator("#sheet-example-crisis-line").is_visible()
    assert page.locator("#sheet-example-crisis-line svg[role=img]").is_visible()
    assert page.get_by_role("link", name="Back to Example Crisis Line").is_visible()
    assert not page.get_by_role("link", name="Add more services to this sheet").is_visible()  # it needs JavaScript
    context.close()


@pytest.mark.browser
def test_sheet_without_javascript_says_how_to_get_a_sheet(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/sheet.html?e=example-crisis-line")
    assert page.get_by_text("Choosing services for this sheet needs JavaScript").is_visible()
    assert page.get_by_text("Print a sheet for this service").is_visible()
    assert not page.locator("[data-sheet-controls]").is_visible()
    assert not page.locator("[data-sheet]").is_visible()  # no empty sheet
    context.close()


@pytest.mark.browser
def test_short_link_redirects_without_javascript(browser, site, tools_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{ENTRY}")
    href = page.locator(".tool-links a").first.get_attribute("href")
    assert re.fullmatch(r"\.\./s/[0-9a-z]{5}\.html", href)
    page.goto(urljoin(f"{site}/{ENTRY}", href))
    page.wait_for_url(f"{site}/{ENTRY}")
    context.close()


def find_in_picker(page, words: str = "", country: str = "") -> None:
    if page.locator("[data-sheet-picker]").get_attribute("open") is None:
        page.get_by_text("Choose the services on this sheet").click()
    page.get_by_label("A service's name or a word about it").fill(words)
    page.get_by_label("Country").select_option(country)
    page.get_by_role("button", name="Find services").click()
    page.locator("[data-sheet-found]").filter(has_text="found").wait_for()


@pytest.mark.browser
def test_sheet_follows_the_address(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/sheet.html?e=example-evening-line,nonsense,constructor,example-crisis-line")
    page.get_by_role("button", name="Print this sheet").wait_for()
    shown = page.locator(".sheet-entry:visible")
    assert shown.evaluate_all("nodes => nodes.map(n => n.dataset.slug)") == ["example-evening-line", "example-crisis-line"]
    assert urlsplit(page.url).query == "e=example-evening-line,example-crisis-line"  # unknown names dropped
    assert page.locator(".sheet-entry svg[role=img] path").count() == 2  # each card with its QR code
    assert not page.get_by_text("Choosing services for this sheet needs JavaScript").is_visible()
    find_in_picker(page, "forum")
    page.get_by_role("checkbox", name="Example Peer Forum").check()
    page.locator("[data-sheet-status]").filter(has_text="Added Example Peer Forum. 3 services on the sheet.").wait_for()
    assert urlsplit(page.url).query == "e=example-evening-line,example-crisis-line,example-peer-forum"
    page.get_by_role("button", name="Remove Example Evening Line from the sheet").click()
    assert urlsplit(page.url).query == "e=example-crisis-line,example-peer-forum"
    assert shown.count() == 2
    assert page.evaluate("document.activeElement.id") == "sheet-heading"
    # The address is the sheet: opening it again shows the same services
    page.goto(page.url)
    page.get_by_role("button", name="Print this sheet").wait_for()
    assert page.locator(".sheet-entry:visible").count() == 2
    assert context.cookies() == []
    context.close()


@pytest.mark.browser
def test_picker_finds_services_through_the_search_index_and_groups_them_by_country(browser, site):
    from browser import axe_violations

    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(urlsplit(request.url).path))
    page.goto(f"{site}/sheet.html")
    assert page.locator("[data-sheet-picker]").get_attribute("open") is not None  # nothing chosen: open
    find_in_picker(page, "example")
    groups = page.locator("[data-sheet-results] fieldset")
    legends = groups.locator("legend").all_inner_texts()
    assert "United Kingdom" in legends and "Worldwide" in legends
    worldwide = groups.filter(has=page.locator("legend", has_text="Worldwide"))
    assert "Example Peer Forum" in worldwide.locator("label").all_inner_texts()
    uk = groups.filter(has=page.locator("legend", has_text="United Kingdom"))
    assert "Example Crisis Line" in uk.locator("label").all_inner_texts()
    assert axe_violations(page) == []
    find_in_picker(page, "", "GB")  # a country alone lists its services (and those for every country)
    assert page.get_by_role("checkbox", name="Example Crisis Line").is_visible()
    page.get_by_role("checkbox", name="Example Crisis Line").check()
    page.locator(".sheet-entry[data-slug='example-crisis-line']").wait_for()
    assert "/search/meta.js" in requests  # found through the search index
    context.close()


@pytest.mark.browser
def test_sheet_from_an_entry_page_link_with_javascript(browser, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/{ENTRY}")
    page.get_by_role("link", name="Print a sheet for this service").click()
    page.get_by_role("button", name="Print this sheet").wait_for()
    page.get_by_role("link", name="Add more services to this sheet").click()
    page.wait_for_url("**/sheet.html?e=*")  # the one-service sheet has a Print button too: wait for the new page
    page.get_by_role("button", name="Print this sheet").wait_for()
    assert urlsplit(page.url).query == "e=example-crisis-line"
    page.locator(".sheet-entry[data-slug='example-crisis-line']").wait_for()  # the card file loads after the page
    assert page.locator(".sheet-entry:visible").count() == 1
    page.get_by_role("button", name="Remove Example Crisis Line from the sheet").click()
    assert page.locator(".sheet-entry").count() == 0
    assert page.locator(".sheet-empty").is_visible()
    assert urlsplit(page.url).query == ""
    context.close()


# --- printed -----------------------------------------------------------------------


def read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    match = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert match, f"{path} is not a binary PGM"
    width, height = int(match.group(1)), int(match.group(2))
    return width, height, data[match.end() : match.end() + width * height]


def _finder_runs(line) -> list[tuple[int, float]]:
    """(centre, module) of each dark-light-dark-light-dark run in the ratio 1:1:3:1:1 along one line of pixels."""
    runs, start = [], 0
    for i in range(1, len(line) + 1):
        if i == len(line) or line[i] != line[start]:
            runs.append((line[start], start, i - start))
            start = i
    found = []
    for k in range(len(runs) - 4):
        five = runs[k : k + 5]
        if not five[0][0] or [r[0] for r in five] != [True, False, True, False, True]:
            continue
        sizes = [r[2] for r in five]
        module = sum(sizes) / 7
        if module < 2:
            continue
        if all(abs(size - want * module) <= max(1.5, 0.5 * module * want) for size, want in zip(sizes, (1, 1, 3, 1, 1), strict=True)):
            found.append((five[2][1] + five[2][2] // 2, module))
    return found


def finder_patterns(width: int, height: int, pixels: bytes) -> int:
    """How many QR finder patterns (the three nested squares in a QR code's corners) a page image shows.

    A pattern reads dark-light-dark-light-dark in the ratio 1:1:3:1:1 across and down its
    centre, on every line through its 3-module-wide centre square.
    """
    dark = [[pixels[y * width + x] < 128 for x in range(width)] for y in range(height)]
    hits = []
    for y in range(height):
        for x, module in _finder_runs(dark[y]):
            column = [dark[yy][x] for yy in range(max(0, y - int(5 * module)), min(height, y + int(5 * module) + 1))]
            if _finder_runs(column):
                hits.append((x, y, module))
    groups: list[list[tuple[int, int, float]]] = []
    for x, y, module in hits:
        for group in groups:
            gx, gy, _ = group[-1]
            if abs(gx - x) <= 4 and 0 <= y - gy <= 2:
                group.append((x, y, module))
                break
        else:
            groups.append([(x, y, module)])
    # the centre square is 3 modules tall: a chance match among the data modules is not
    return sum(1 for group in groups if len(group) >= 2 * group[0][2])


def print_sheet(browser, site, address: str, folder: Path, javascript: bool = True) -> tuple[list[Path], str]:
    if not shutil.which("pdftoppm"):
        pytest.fail("pdftoppm is missing: apt-get install poppler-utils")
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{site}/{address}")
    if javascript:
        page.locator(".sheet-entry").first.wait_for()
    pdf = folder / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4")
    context.close()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    subprocess.run(["pdftoppm", "-r", "100", "-gray", str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.pgm")), text


@pytest.mark.browser
@pytest.mark.parametrize("slugs", [["example-crisis-line"], ["example-crisis-line", "example-evening-line", "example-peer-forum"]])
def test_printed_sheet(browser, site, tmp_path, slugs):
    pages, text = print_sheet(browser, site, "sheet.html?e=" + ",".join(slugs), tmp_path)
    assert len(pages) == math.ceil(len(slugs) / 2), "two services a page"
    codes = 0
    for path in pages:
        width, height, pixels = read_pgm(path)
        inked = sum(1 for value in pixels if value < 128) / len(pixels)
        assert 0.01 < inked < 0.5, f"{path.name} looks blank or black ({inked:.1%} dark)"
        codes += finder_patterns(width, height, pixels)
    assert codes == 3 * len(slugs), "each service's QR code prints with its three finder patterns"
    for title in ("Example Crisis Line", "Services that can help", "Notes"):
        assert title in text
    assert "Exit this page" not in text and "Choose the services" not in text and "Example Podcast" not in text


@pytest.mark.browser
def test_printed_one_service_sheet_without_javascript(browser, site, tmp_path):
    pages, text = print_sheet(browser, site, "sheet/example-crisis-line.html", tmp_path, javascript=False)
    assert len(pages) == 1
    width, height, pixels = read_pgm(pages[0])
    assert finder_patterns(width, height, pixels) == 3
    assert "Example Crisis Line" in text and "Notes" in text and "Back to" not in text and "Exit this page" not in text


@pytest.mark.browser
@pytest.mark.parametrize("path", ["fr/" + ENTRY, ENTRY])
def test_axe_with_every_language_of_the_handover_open(browser, site, path):
    """The other languages' messages and links (closed <details> at first), opened, in the page's language and theirs."""
    from browser import axe_violations

    context = browser.new_context(viewport={"width": 360, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(f"{site}/{path}")
    page.wait_for_load_state("load")
    assert page.locator("details.handover").count() == 2
    page.evaluate("document.querySelectorAll('details.handover').forEach(function (d) { d.open = true; })")
    violations = axe_violations(page)
    context.close()
    assert violations == [], f"{path} with the handover open: {violations}"


@pytest.mark.browser
def test_the_handover_in_another_language_without_javascript(browser, site):
    """On the English page, a practitioner opens Spanish: the Spanish message is there to copy, and the sheet
    link leads to the one-service sheet printed in Spanish, which links the same sheet in the other languages."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/{ENTRY}")
    spanish = page.locator("#signpost-message-es")
    assert not spanish.is_visible()  # closed until asked for
    page.locator("summary", has_text="In Spanish").click()
    assert spanish.is_visible() and spanish.get_attribute("lang") == "es"
    assert (
        page.get_by_label("Message in Spanish to paste into a text or direct message")
        .input_value()
        .startswith("Example Crisis Line\nLlame al 0808 157 0123")
    )
    page.get_by_role("link", name="Print a sheet in Spanish for this service").click()
    page.wait_for_load_state("load")
    assert page.url == f"{site}/es/sheet/example-crisis-line.html"
    assert page.locator("html").get_attribute("lang") == "es"
    card = page.locator("#sheet-example-crisis-line")
    assert card.get_by_text("Teléfono", exact=True).is_visible() and card.get_by_text("Notas", exact=True).is_visible()
    page.get_by_role("link", name="esta hoja en francés").click()
    page.wait_for_load_state("load")
    assert page.url == f"{site}/fr/sheet/example-crisis-line.html"
    assert page.locator("#sheet-example-crisis-line").get_by_text("Téléphone", exact=True).is_visible()
    context.close()


@pytest.mark.browser
def test_the_sheet_in_another_language_keeps_the_services_chosen(browser, site):
    """With JavaScript, the links to the same sheet in the other languages carry the services chosen, and the
    sheet's words (cards and the script's) are in that language."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/sheet.html?e=example-crisis-line")
    page.get_by_role("button", name="Print this sheet").wait_for()
    page.get_by_role("link", name="this sheet in Spanish").click()
    page.wait_for_url(f"{site}/es/sheet.html?e=example-crisis-line")
    page.get_by_role("button", name="Imprimir esta hoja").wait_for()
    card = page.locator("#sheet-example-crisis-line")
    assert card.get_by_text("Teléfono", exact=True).is_visible()
    assert page.locator("[data-sheet-status]").inner_text().startswith("1 servicio en la hoja")
    assert page.get_by_role("button", name="Quitar Example Crisis Line de la hoja").is_visible()
    context.close()
