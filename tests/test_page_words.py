"""Words made in Python for the pages (issue 19): hours, time zones, reach, coverage, phone words, lists
and numbers, said in the page's language, while the open data keeps the English."""

from __future__ import annotations

import io
import json
from datetime import date

from audit import reach
from conftest import ROOT, TODAY
from entries import hours
from entries.model import Entry
from site_languages.catalogs import translations

TRANSLATIONS = ROOT / "translations"
NNBSP = "\u202f"  # French groups digits with a narrow no-break space


def gettext(code: str):
    return translations(TRANSLATIONS, code).gettext


def test_hours_in_words_in_each_language():
    """English is what parse() gives (OpeningHours.words, kept by the open data); French and Spanish take
    day names and times from Babel's locale data and the joining words from the catalog."""
    cases = {
        "24/7": ("24 heures sur 24, 7 jours sur 7", "Las 24 horas, todos los días"),
        "Mo-Fr 09:00-12:00,13:00-17:00; PH off": (
            "Du lundi au vendredi, de 09:00 à midi et de 13:00 à 17:00; jours fériés, fermé",
            "De lunes a viernes, de 9:00 a mediodía y de 13:00 a 17:00; días festivos, cerrado",
        ),
        "10:00-22:00": ("Tous les jours, de 10:00 à 22:00", "Todos los días, de 10:00 a 22:00"),
        "Sa,Su 17:00-24:00": ("Samedi, dimanche, de 17:00 à minuit", "Sábado, domingo, de 17:00 a medianoche"),
        "Jan-Mar Mo 10:00-12:00": ("Jan-Mar Mo 10:00-12:00", "Jan-Mar Mo 10:00-12:00"),  # no simple weekly form: as written
    }
    for text, (french, spanish) in cases.items():
        parsed = hours.parse(text)
        assert hours.in_words(parsed) == parsed.words
        assert hours.in_words(parsed, "fr", gettext("fr")) == french
        assert hours.in_words(parsed, "es", gettext("es")) == spanish
    assert hours.parse("Mo-Fr 09:00-12:00,13:00-17:00; PH off").words == (
        "Monday to Friday, 09:00 to noon and 13:00 to 17:00; public holidays, closed"
    )


def test_time_zones_are_named_as_people_call_them():
    assert [hours.zone_words("America/Los_Angeles", code) for code in ("en", "fr", "es")] == [
        "Pacific Time",
        "heure du Pacifique nord-américain",
        "hora del Pacífico",
    ]
    assert hours.zone_words("Europe/London") == "United Kingdom Time"
    assert hours.zone_words("Etc/GMT+5", "fr") == "Etc/GMT+5"  # Babel would say 'région indéterminée'


def make(**fields) -> Entry:
    values = dict(
        source="content/x/e.md",
        slug="e",
        title="E",
        kind="peer-community",
        summary="S.",
        countries=["GB"],
        channels=["in-person"],
        locations=["Aberystwyth", "Machynlleth"],
        cost="low-cost",
        last_reviewed=date(2025, 9, 30),
    )
    values.update(fields)
    return Entry(**values)


def test_reach_flags_are_said_in_the_pages_language_and_kept_in_english_for_the_data():
    result = reach.assess(make(), TODAY)
    by_code = {flag.code: flag for flag in result.flags}
    assert by_code["local-only"].message == (
        "It only reaches Aberystwyth and Machynlleth, with no phone, text or online option for people elsewhere."
    )
    assert by_code["stale"].message == "A person last checked these details on 30 September 2025, more than 12 months ago."
    assert by_code["local-only"].as_dict() == {"code": "local-only", "message": by_code["local-only"].message}
    french = {code: flag.words("fr", gettext("fr")) for code, flag in by_code.items()}
    assert "Aberystwyth et Machynlleth" in french["local-only"]
    assert french["stale"] == "Une personne a vérifié ces informations pour la dernière fois le 30 septembre 2025, il y a plus de 12 mois."
    assert french["cost-not-free"] == gettext("fr")("It charges a small fee, which can still stop people on a low income.")
    assert french["cost-not-free"].startswith("Ce service demande")
    spanish = by_code["stale"].words("es", gettext("es"))
    assert "el 30 de septiembre de 2025" in spanish
    assert reach.level_words("limited", gettext("es")) == "Alcance rural: limitado"
    assert reach.level_words("partial", gettext("fr")) == "Accessibilité en milieu rural\u00a0: partielle"


def test_numbers_lists_and_phone_words_in_the_pages_language():
    from directory_pages.filters import filters_for

    french, spanish, english = filters_for("fr", gettext("fr")), filters_for("es", gettext("es")), filters_for("en")
    assert (english["number"](1234), french["number"](1234), spanish["number"](12345)) == ("1,234", f"1{NNBSP}234", "12.345")
    assert english["human_list"](["a", "b", "c"]) == "a, b and c"  # as the site has always written it
    assert french["human_list"](["anglais", "français", "cri"]) == "anglais, français et cri"
    assert spanish["human_list"](["inglés", "español"]) == "inglés y español"
    line = make(phone="988", phone_option="1")
    assert (english["phone_words"](line), french["phone_words"](line)) == ("988, then press 1", "988, puis appuyez sur 1")
    assert french["phone_words"](make(phone="116 123")) == "116 123"


def test_hours_reach_and_counts_on_the_french_and_spanish_pages(fixture_site):
    evening = "crisis-helpline/example-evening-line.html"
    english = (fixture_site / evening).read_text(encoding="utf-8")
    assert "<dd>Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00 (United Kingdom Time)<span" in english
    assert '<h3 id="reach">Rural reach: partial</h3>' in english
    french = (fixture_site / "fr" / evening).read_text(encoding="utf-8")
    assert "<dd>Du lundi au jeudi, de 18:00 à 23:00; vendredi, de 18:00 à 02:00 (heure : Royaume-Uni)<span" in french
    assert '<h3 id="reach">Accessibilité en milieu rural\u00a0: partielle</h3>' in french
    assert "<li>C&#39;est une ligne de crise qui n&#39;est pas ouverte 24 heures sur 24." in french
    spanish = (fixture_site / "es" / evening).read_text(encoding="utf-8")
    assert "<dd>De lunes a jueves, de 18:00 a 23:00; viernes, de 18:00 a 2:00 (hora de Reino Unido)<span" in spanish
    assert '<h3 id="reach">Alcance rural: parcial</h3>' in spanish
    review = (fixture_site / "fr" / "needs-review.html").read_text(encoding="utf-8")
    assert "Personne n&#39;a encore comparé ces informations" in review and "Nobody has yet checked" not in review
    coverage = (fixture_site / "fr" / "coverage.html").read_text(encoding="utf-8")
    assert "Royaume-Uni</th>" in coverage and "United Kingdom</th>" not in coverage
    assert "aucune communauté d&#39;entraide accessible sans Internet haut débit" in coverage
    data = json.loads((fixture_site / "data" / "entries.json").read_text(encoding="utf-8"))  # the open data keeps the English
    line = next(e for e in data["entries"] if e["slug"] == "example-evening-line")
    assert line["hours_text"] == "Monday to Thursday, 18:00 to 23:00; Friday, 18:00 to 02:00"


def test_the_data_files_words_are_extracted_for_translators():
    import yaml
    from site_languages.extract import extract_data_texts

    text = "# comment\nstale:\n  level: partial\n  reason: Checked on {date}.\ncost:\n  reason: '{cost}'\n"
    found = list(extract_data_texts(io.BytesIO(text.encode()), [], [], {"keys": "reason"}))
    assert found == [(4, None, "Checked on {date}.", ["the data file, stale: reason"])]  # '{cost}' has no words
    listed = list(extract_data_texts(io.BytesIO(b"- name: A\n  about: a list\n"), [], [], {"keys": "about"}))
    assert listed == [(2, None, "a list", ["the data file, item 1: about"])]
    reasons = {flag["reason"] for flag in yaml.safe_load((ROOT / "data" / "reach_flags.yaml").read_text(encoding="utf-8")).values()}
    from test_translations import POT, catalog_ids

    assert reasons - {"{cost}"} <= catalog_ids(POT)


def test_a_translation_must_keep_a_data_files_values(tmp_path):
    from site_languages.catalogs import catalog_problems

    po = tmp_path / "messages.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "It only reaches {places}."\nmsgstr "Accessible seulement ici."\n\n'
        'msgid "Checked on {date}."\nmsgstr "Vérifié le {date} ({jour})."\n',
        encoding="utf-8",
    )
    assert catalog_problems(po, "fr") == [
        f"{po}:5: 'It only reaches {{places}}.': the translation must keep {{places}}, where the value goes",
        f"{po}:8: 'Checked on {{date}}.': the translation has {{jour}}, which the English text does not give; remove it",
    ]
