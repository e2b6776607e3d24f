"""The open_data plugin: /data/entries.json, the HSDS 3.0 export, JSON-LD in entry pages, the Atom feed and the sitemap.

Builds use the fixture site with the site's own plugins, and
SIGNPOST_FEED_GIT_DATES off, so that no result depends on the repository's
history; the git dates have tests of their own in a throwaway repository.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from datetime import date, datetime, time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import FIXTURE_CONTENT, ROOT, TODAY, build
from entries import hours
from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators
from open_data import export_hsds, feeds, ids, jsonld, sitemap

SITEURL = "https://signpost.example.org"
HSDS_DIR = Path(__file__).resolve().parent / "hsds-3.0"  # the official schema, vendored with its licence
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FIXTURE_SLUGS = {
    "example-crisis-line",
    "example-evening-line",
    "example-closed-group",
    "example-peer-forum",
    "example-tip",
    "example-podcast",
}


def build_open(content: Path, output: Path, **overrides) -> bool:
    """Build with the site's own plugins (open_data among them), without git dates in the feed."""
    import pelicanconf

    assert "open_data" in pelicanconf.PLUGINS
    values = {"SIGNPOST_FEED_GIT_DATES": False}
    values.update(overrides)
    return build(content, output, **values)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("open-data") / "output"
    assert build_open(FIXTURE_CONTENT, out), "the fixture site must build with open_data"
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("open-data-published") / "output"
    assert build_open(FIXTURE_CONTENT, out, SITEURL=SITEURL)
    return out


def load(site: Path, path: str):
    return json.loads((site / path).read_text(encoding="utf-8"))


# --- validating JSON with formats that really check ----------------------------

URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")


def format_checker() -> FormatChecker:
    """jsonschema's checks (uuid, date, email, time...) plus 'uri' and 'date-time', which it skips without extra packages."""
    checker = FormatChecker()

    @checker.checks("uri")
    def is_uri(value) -> bool:
        if not isinstance(value, str):
            return True
        if not URI.match(value) or re.search(r"%(?![0-9A-Fa-f]{2})", value):
            return False
        parts = urlsplit(value)
        return parts.scheme not in ("http", "https") or bool(parts.hostname)

    @checker.checks("date-time", raises=ValueError)
    def is_date_time(value) -> bool:
        if not isinstance(value, str):
            return True
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
            return False
        datetime.fromisoformat(value.replace("Z", "+00:00"))
        return True

    return checker


def test_format_checker_rejects_what_it_should():
    checker = format_checker()
    good = [
        ("uri", "https://example.org/a%20b?q=1#x"),
        ("uri", "sms:+448081570456?body=HI"),
        ("uuid", str(uuid.uuid4())),
        ("date", "2026-09-30"),
        ("email", "help@example.org"),
        ("date-time", "2026-09-30T00:00:00Z"),
    ]
    bad = [
        ("uri", "not a uri"),
        ("uri", "https://example.org/a b"),
        ("uri", "https://example.org/%zz"),
        ("uri", "https:///path"),
        ("uri", "https://exämple.org/"),
        ("uuid", "abc"),
        ("date", "2026-13-01"),
        ("email", "nobody"),
        ("date-time", "2026-09-30"),
    ]
    assert [(f, v) for f, v in good if not checker.conforms(v, f)] == []
    assert [(f, v) for f, v in bad if checker.conforms(v, f)] == []


def datapackage_type(validator, kind, instance, schema):
    """HSDS marks dates and times only with 'datapackage_type' (no 'format'); check them too."""
    if not isinstance(instance, str):
        return
    patterns = {
        "date": r"\d{4}-\d{2}-\d{2}",
        "time": r"\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?",
        "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
    }
    parsers = {
        "date": date.fromisoformat,
        "time": time.fromisoformat,
        "datetime": lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")),
    }
    if kind not in patterns:
        return
    try:
        ok = re.fullmatch(patterns[kind], instance) is not None and parsers[kind](instance) is not None
    except ValueError:
        ok = False
    if not ok:
        yield ValidationError(f"{instance!r} is not a {kind} (datapackage_type)")


def errors(validator, instance) -> list[str]:
    return [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


# --- /data/entries.json --------------------------------------------------------------


@pytest.fixture(scope="module")
def entries_validator():
    schema = json.loads((ROOT / "docs" / "entries.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=format_checker())


def test_entries_json_validates_against_its_documented_schema(site, entries_validator):
    assert errors(entries_validator, load(site, "data/entries.json")) == []


def test_entries_json_lists_every_entry_closed_ones_too(site):
    document = load(site, "data/entries.json")
    by_slug = {e["slug"]: e for e in document["entries"]}
    assert set(by_slug) == FIXTURE_SLUGS
    assert [(e["kind"], e["slug"]) for e in document["entries"]] == sorted((e["kind"], e["slug"]) for e in document["entries"])
    assert by_slug["example-closed-group"]["status"] == "closed"
    line = by_slug["example-crisis-line"]
    assert line["id"] == str(uuid.uuid5(ids.NAMESPACE, "entry/example-crisis-line"))
    assert line["phone"] == "0808 157 0123" and line["phone_international"] == "+44 808 157 0123"
    assert line["text_keyword"] == "HELLO" and line["open_24_7"] is True and line["last_reviewed"] == "2026-09-30"
    assert line["page"] == "crisis-helpline/example-crisis-line.html" and (site / line["page"]).is_file()
    assert line["file"] == "crisis-helpline/example-crisis-line.md" and (FIXTURE_CONTENT / line["file"]).is_file()
    assert line["reach"] == {"level": "wide", "flags": []}
    assert by_slug["example-evening-line"]["regions"] == ["GB-WLS"] and by_slug["example-evening-line"]["timezone"] == "Europe/London"
    assert by_slug["example-tip"]["reach"] is None and by_slug["example-tip"]["url"] is None
    assert document["licence"]["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["vocabularies"]["kinds"]["crisis-helpline"] == "Crisis helplines"


def test_data_files_are_deterministic_and_independent_of_siteurl(site, published):
    for path in ("data/entries.json", "data/hsds/services.json"):
        text = (site / path).read_text(encoding="utf-8")
        data = json.loads(text)
        records = data if isinstance(data, list) else data["entries"]
        record_lines = [line.strip().rstrip(",") for line in text.splitlines() if line.lstrip().startswith('{"')]
        assert len(record_lines) == len(records) > 3, f"{path}: one line for each record"
        for line, record in zip(record_lines, records, strict=True):
            assert line == json.dumps(record, ensure_ascii=False, sort_keys=True), f"{path}: a record's keys not sorted, or not on one line"
        if isinstance(data, dict):
            top_keys = re.findall(r'^  "([^"]+)":', text, re.M)
            assert top_keys == sorted(data), f"{path}: keys not sorted"
        assert text.endswith("\n") and not text.endswith("\n\n")
        assert text == (published / path).read_text(encoding="utf-8"), f"{path} differs between two builds"
        assert not re.search(r"\d{2}:\d{2}:\d{2}", text), f"{path} holds a timestamp"


# --- /data/hsds/services.json against the official HSDS 3.0 schemas ---------------------------


@pytest.fixture(scope="module")
def hsds_validator():
    from referencing import Registry
    from referencing.jsonschema import DRAFT202012

    resources = []
    for path in sorted(HSDS_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        # The files declare no $schema; their keywords mean the same in 2020-12. Each is found by its
        # file name, as the canonical schemas refer to each other ("$ref": "phone.json"), or by its $id.
        resource = DRAFT202012.create_resource(contents)
        resources.append((path.name, resource))
        if isinstance(contents, dict) and contents.get("$id"):
            resources.append((contents["$id"], resource))
    registry = Registry().with_resources(resources)
    validator_class = validators.extend(Draft202012Validator, {"datapackage_type": datapackage_type})
    # service_package.json is itself an array of services: the whole file is one package.
    return validator_class({"$ref": "service_package.json"}, registry=registry, format_checker=format_checker())


def test_hsds_export_validates_as_a_service_package(site, hsds_validator):
    services = load(site, "data/hsds/services.json")
    assert isinstance(services, list) and services
    assert errors(hsds_validator, services) == []


def test_hsds_validator_catches_bad_values(hsds_validator):
    bad = [
        {
            "id": "not-a-uuid",
            "name": "X",
            "status": "closed",
            "url": "not a uri",
            "assured_date": "30/09/2026",
            "schedules": [{"id": str(uuid.uuid4()), "opens_at": "6pm"}],
        }
    ]
    found = "\n".join(errors(hsds_validator, bad))
    for expected in (
        "'not-a-uuid' is not a 'uuid'",
        "'closed' is not one of",
        "'not a uri' is not a 'uri'",
        "'30/09/2026' is not a date",
        "'6pm' is not a time",
    ):
        assert expected in found


def all_ids(value, found=None) -> list[str]:
    found = [] if found is None else found
    if isinstance(value, dict):
        if "id" in value:
            found.append(value["id"])
        for item in value.values():
            all_ids(item, found)
    elif isinstance(value, list):
        for item in value:
            all_ids(item, found)
    return found


def test_hsds_services_carry_the_entries_details(site):
    services = {s["name"]: s for s in load(site, "data/hsds/services.json")}
    assert "Example tip on switching off" not in services  # tips are not services
    assert len(services) == len(FIXTURE_SLUGS) - 1
    every_id = all_ids(list(services.values()))
    assert len(every_id) == len(set(every_id)), "every HSDS record needs its own id"

    line = services["Example Crisis Line"]
    assert line["id"] == ids.entry_id("example-crisis-line") and line["status"] == "active"
    assert line["organization"]["id"] == line["organization_id"] and line["organization"]["website"] == "https://example.org/crisis"
    assert line["assured_date"] == "2026-09-30"
    assert [(p["type"], p["number"]) for p in line["phones"]] == [("voice", "+44 808 157 0123"), ("text", "+44 808 157 0456")]
    assert "HELLO" in line["phones"][1]["description"]
    assert [(s["freq"], s["byday"], s["opens_at"], s["closes_at"]) for s in line["schedules"]] == [
        ("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "23:59")
    ]
    assert [(a["name"], a["extent"]) for a in line["service_areas"]] == [("United Kingdom", "GB")]
    assert [(lang["code"], lang["name"]) for lang in line["languages"]] == [("en", "English"), ("cy", "Welsh")]

    evening = services["Example Evening Line"]
    assert "assured_date" not in evening  # never reviewed
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in evening["schedules"]] == [
        ("MO,TU,WE,TH", "18:00", "23:00"),
        ("FR", "18:00", "02:00"),
    ]
    assert "Europe/London" in evening["schedules"][0]["notes"] and "next day" in evening["schedules"][1]["notes"]
    assert [(a["name"], a["extent"], a["extent_type"]) for a in evening["service_areas"]] == [("Wales", "GB-WLS", "text")]

    closed = services["Example Closed Group"]
    assert closed["status"] == "inactive" and "closed" in closed["alert"]
    assert services["Example Peer Forum"]["service_areas"][0]["name"] == "Worldwide"


ENTRY = """---
title: {title}
kind: {kind}
summary: A made-up entry for the export tests.
{fields}
---
Details.
"""

VARIANTS = {
    "short-code-two-countries": 'url: https://example.org/short\ncountries: [GB, IE]\nchannels: [phone, email]\nphone: "116 123"\nemail: help@example.org\n'
    'hours: "Mo-Fr 09:00-12:00,13:00-17:00; PH off"\ntimezone: Europe/Dublin\nlanguages: [en, ga]\nstatus: temporarily-closed\nlast_reviewed: 2026-01-15\nsources: [https://example.org/contact]',
    "worldwide-iri-and-unusual-hours": 'url: https://example.org/forum/café wellbeing\ncountries: [worldwide]\nchannels: [forum, phone]\nphone: "+44 808 157 0123"\n'
    'hours: "Jan-Mar Mo 10:00-12:00"\ntimezone: Europe/London',
    "region-and-country": 'url: https://example.org/ni\ncountries: [GB, IE]\nregions: [GB-NIR]\nchannels: [text]\ntext: "0808 157 0456"\nhours: "Mo-Su 17:00-24:00"\ntimezone: Europe/Belfast',
}


def read(vocab, slug: str, kind: str = "peer-community", title: str | None = None, fields: str = ""):
    from entries.check import read_entry

    text = ENTRY.format(title=title or slug.replace("-", " ").title(), kind=kind, fields=fields)
    entry, problems = read_entry(text.encode(), f"content/{kind}/{slug}.md", slug, vocab, TODAY)
    assert entry is not None and [p.format() for p in problems if p.severity == "error"] == []
    entry.relative_path = f"{kind}/{slug}.md"
    entry.page_url = f"{kind}/{slug}.html"
    return entry


def test_hsds_export_of_harder_entries_validates(vocab, hsds_validator):
    entries = [read(vocab, slug, fields=fields) for slug, fields in VARIANTS.items()]
    services = {s["name"]: s for s in export_hsds.services(entries, vocab)}
    assert errors(hsds_validator, list(services.values())) == []

    short = services["Short Code Two Countries"]
    assert short["status"] == "temporarily closed" and short["email"] == "help@example.org"
    assert short["phones"][0]["number"] == "116 123" and "United Kingdom and Ireland" in short["phones"][0]["description"]
    assert [(s["byday"], s["opens_at"], s["closes_at"]) for s in short["schedules"]] == [
        ("MO,TU,WE,TH,FR", "09:00", "12:00"),
        ("MO,TU,WE,TH,FR", "13:00", "17:00"),
    ]
    assert "public holidays" in short["schedules"][0]["notes"]

    unusual = services["Worldwide Iri And Unusual Hours"]
    assert unusual["url"] == "https://example.org/forum/caf%C3%A9%20wellbeing"
    assert [set(s) for s in unusual["schedules"]] == [{"id", "service_id", "description", "notes"}]  # kept as words only
    assert "Jan-Mar Mo 10:00-12:00" in unusual["schedules"][0]["notes"]

    region = services["Region And Country"]
    assert [a["name"] for a in region["service_areas"]] == ["Northern Ireland", "Ireland"]
    assert [(p["type"], p["number"]) for p in region["phones"]] == [("text", "+44 808 157 0456")]
    assert region["schedules"][0]["closes_at"] == "23:59" and region["schedules"][0]["description"] == "Every day, 17:00 to midnight"


def test_jsonld_of_harder_entries(vocab):
    short, unusual, region = (read(vocab, slug, kind="crisis-helpline", fields=fields) for slug, fields in VARIANTS.items())
    paused = jsonld.for_entry(short, vocab)
    assert paused["@type"] == "Organization" and "contactPoint" not in paused  # temporarily closed: no number to call
    [text] = jsonld.for_entry(region, vocab)["contactPoint"]
    assert text["url"] == "sms:+448081570456" and "telephone" not in text
    assert [(h["dayOfWeek"][0], h["opens"], h["closes"]) for h in text["hoursAvailable"]] == [("Monday", "17:00", "23:59")]
    [phone] = jsonld.for_entry(unusual, vocab)["contactPoint"]
    assert phone["telephone"] == "+44 808 157 0123" and "hoursAvailable" not in phone  # not a weekly form
    assert jsonld.for_entry(unusual, vocab)["url"] == "https://example.org/forum/caf%C3%A9%20wellbeing"


SHARED_NUMBER = 'url: https://example.org/veterans\ncountries: [US]\nchannels: [phone, text]\nphone: "988"\nphone_option: "1"\ntext: "838255"\nhours: 24/7'


def test_a_key_to_press_after_a_shared_number_is_in_entries_json_and_json_ld(vocab, entries_validator):
    """A directory reusing the data must not dial 988 alone: the key to press goes with the number."""
    from open_data import entries_json

    veterans = read(vocab, "veterans-line", kind="crisis-helpline", fields=SHARED_NUMBER)
    lifeline = read(vocab, "lifeline", kind="crisis-helpline", fields=SHARED_NUMBER.replace('phone_option: "1"\n', ""))
    document = entries_json.document([veterans, lifeline], vocab)
    assert errors(entries_validator, document) == []
    records = {e["slug"]: e for e in document["entries"]}
    assert (records["veterans-line"]["phone"], records["veterans-line"]["phone_option"]) == ("988", "1")
    assert records["lifeline"]["phone_option"] is None
    wrong = entries_json.document([veterans], vocab)
    wrong["entries"][0]["phone_option"] = "press 1"
    assert any("does not match" in e for e in errors(entries_validator, wrong))

    [phone, _text] = jsonld.for_entry(veterans, vocab)["contactPoint"]
    assert (phone["telephone"], phone["description"]) == ("988", "Call 988, then press 1")
    [phone, _text] = jsonld.for_entry(lifeline, vocab)["contactPoint"]
    assert phone["telephone"] == "988" and "description" not in phone


def test_a_key_to_press_after_a_shared_number_is_in_the_hsds_phone_description(vocab, hsds_validator):
    """HSDS's phone.extension is a number for an extension, not a key such as #: the description says it."""
    veterans = read(vocab, "veterans-line", kind="crisis-helpline", fields=SHARED_NUMBER)
    lifeline = read(vocab, "lifeline", kind="crisis-helpline", fields=SHARED_NUMBER.replace('phone_option: "1"\n', ""))
    hash_key = read(vocab, "hash-line", kind="crisis-helpline", fields=SHARED_NUMBER.replace('"1"', '"#"'))
    services = {s["name"]: s for s in export_hsds.services([veterans, lifeline, hash_key], vocab)}
    assert errors(hsds_validator, list(services.values())) == []
    [voice, text] = services["Veterans Line"]["phones"]
    assert (voice["type"], voice["number"]) == ("voice", "988") and "extension" not in voice
    assert voice["description"].startswith("Call this number, then press 1. A short number")
    assert "press" not in text["description"]
    assert services["Lifeline"]["phones"][0]["description"].startswith("Call this number. A short number")
    assert services["Hash Line"]["phones"][0]["description"].startswith("Call this number, then press #.")


def test_a_number_dialled_only_at_home_is_exported_as_written_and_a_worldwide_one_does_not_stop_the_build(vocab, hsds_validator):
    """Australia's 1800 55 1800 cannot be dialled from abroad: HSDS gets it as written, with where it is dialled.
    Written +61 for a worldwide entry, it once stopped the build (an empty list of countries)."""
    home = read(
        vocab,
        "kids-line",
        kind="crisis-helpline",
        fields='url: https://example.org/kids\ncountries: [AU]\nchannels: [phone]\nphone: "1800 55 1800"',
    )
    world = read(
        vocab,
        "world-line",
        kind="crisis-helpline",
        fields='url: https://example.org/world\ncountries: [worldwide]\nchannels: [phone]\nphone: "+61 1800 55 1800"',
    )
    services = {s["name"]: s for s in export_hsds.services([home, world], vocab)}
    assert errors(hsds_validator, list(services.values())) == []
    [phone] = services["Kids Line"]["phones"]
    assert phone["number"] == "1800 55 1800"
    assert "Within Australia it is dialled as 1800 55 1800. It cannot be dialled from abroad." in phone["description"]
    [phone] = services["World Line"]["phones"]
    assert phone["number"] == "+61 1800 55 1800" and "It cannot be dialled from abroad." in phone["description"]


# --- weekly hours ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("24/7", [("Mo Tu We Th Fr Sa Su", "00:00", "23:59")]),
        ("Mo-Fr 09:00-18:00; Sa 10:00-14:00", [("Mo Tu We Th Fr", "09:00", "18:00"), ("Sa", "10:00", "14:00")]),
        ("Mo-Th 18:00-23:00; Fr 18:00-02:00", [("Mo Tu We Th", "18:00", "23:00"), ("Fr", "18:00", "02:00")]),
        ("Mo-Fr 09:00-17:00; We 10:00-12:00", [("Mo Tu Th Fr", "09:00", "17:00"), ("We", "10:00", "12:00")]),  # a later rule replaces
        ("Mo-Fr 09:00-17:00; We off", [("Mo Tu Th Fr", "09:00", "17:00")]),
        ("Sa-Mo 10:00-12:00", [("Mo Sa Su", "10:00", "12:00")]),
        ("10:00-22:00", [("Mo Tu We Th Fr Sa Su", "10:00", "22:00")]),
        ("Mo-Fr 18:00-26:00", [("Mo Tu We Th Fr", "18:00", "02:00")]),
        ("Mo-Su 00:00-24:00", [("Mo Tu We Th Fr Sa Su", "00:00", "23:59")]),
    ],
)
def test_weekly_hours(text, rows):
    week = hours.parse(text).weekly
    assert [(" ".join(o.days), o.opens, o.closes) for o in week.openings] == rows


@pytest.mark.parametrize(
    "text", ["off", "Jan-Mar Mo 10:00-12:00", "Mo 10:00+", 'Mo-Fr 09:00-17:00 || "by appointment"', "PH,Mo 10:00-12:00"]
)
def test_weekly_hours_leaves_other_forms_as_words(text):
    assert hours.parse(text).weekly is None


# --- JSON-LD in entry pages ------------------------------------------------------------------


class LinkedData(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.blocks: list[str] = []
        self._inside = False

    def handle_starttag(self, tag, attrs):
        self._inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._inside:
            self.blocks.append("")

    def handle_endtag(self, tag):
        self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.blocks[-1] += data


def linked_data(page: Path) -> list:
    parser = LinkedData()
    text = page.read_text(encoding="utf-8")
    parser.feed(text)
    head = text.split("</head>", 1)[0]
    assert all(block in head for block in parser.blocks), "JSON-LD belongs in <head>"
    return [json.loads(block) for block in parser.blocks]


def test_jsonld_describes_a_crisis_line_and_its_contact_points(site):
    [data] = linked_data(site / "crisis-helpline/example-crisis-line.html")
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "Example Crisis Line" and data["url"] == "https://example.org/crisis"
    assert data["description"].startswith("A made-up crisis line")
    assert data["areaServed"] == [{"@type": "Country", "name": "United Kingdom", "identifier": "GB"}]
    points = {p["name"]: p for p in data["contactPoint"]}
    assert set(points) == {"Phone", "Text message (SMS)", "Web chat"}
    phone = points["Phone"]
    assert phone["telephone"] == "+44 808 157 0123" and phone["contactType"] == "crisis line"
    assert phone["availableLanguage"] == ["English", "Welsh"]
    assert phone["hoursAvailable"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
            "opens": "00:00",
            "closes": "23:59",
        }
    ]
    assert points["Text message (SMS)"]["url"] == "sms:+448081570456?body=HELLO"
    assert points["Web chat"]["url"] == "https://example.org/chat"


def test_jsonld_hours_and_area_of_a_regional_line(site):
    [data] = linked_data(site / "crisis-helpline/example-evening-line.html")
    [phone] = data["contactPoint"]
    assert phone["telephone"] == "+44 20 7946 0123"
    assert [(h["dayOfWeek"], h["opens"], h["closes"]) for h in phone["hoursAvailable"]] == [
        (["Monday", "Tuesday", "Wednesday", "Thursday"], "18:00", "23:00"),
        (["Friday"], "18:00", "02:00"),
    ]
    assert phone["areaServed"] == [{"@type": "AdministrativeArea", "name": "Wales", "identifier": "GB-WLS"}]


def test_jsonld_for_other_kinds_and_none_for_closed_entries(site):
    assert linked_data(site / "peer-community/example-closed-group.html") == []
    [tip] = linked_data(site / "practitioner-tip/example-tip.html")
    assert tip["@type"] == "Article" and tip["headline"] == "Example tip on switching off" and "contactPoint" not in tip
    [podcast] = linked_data(site / "recovery-account/example-podcast.html")
    assert podcast["@type"] == "PodcastSeries" and podcast["url"] == "https://example.org/podcast"
    [forum] = linked_data(site / "peer-community/example-peer-forum.html")
    assert forum["@type"] == "Organization" and forum["areaServed"] == ["Worldwide"] and "contactPoint" not in forum


def test_jsonld_cannot_break_out_of_its_script_element():
    hostile = {"name": "</script><script>alert(1)</script><!-- & \u2028"}
    text = jsonld.script_json(hostile)
    assert not set("<>&") & set(text) and "\u2028" not in text
    assert json.loads(text) == hostile


def test_hostile_text_in_an_entry_stays_data(tmp_path):
    from test_privacy import audit_site

    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / "crisis-helpline" / "example-crisis-line.md"
    hostile = "Help </script><script>alert(1)</script> & more"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "summary: A made-up crisis line for tests. It uses Ofcom's drama numbers, which never ring anyone.", f'summary: "{hostile}"'
        ),
        encoding="utf-8",
    )
    output = tmp_path / "out"
    assert build_open(content, output)
    page = output / "crisis-helpline" / "example-crisis-line.html"
    [data] = linked_data(page)
    assert data["description"] == hostile
    assert "alert(1)</script>" not in page.read_text(encoding="utf-8")
    assert audit_site(output) == {}


# --- the Atom feed ---------------------------------------------------------------------------


def feed_entries(site: Path):
    root = ET.parse(site / "feeds" / "entries.atom.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    return root, root.findall(f"{ATOM}entry")


def test_feed_lists_dated_entries_with_stable_ids(site):
    root, items = feed_entries(site)
    assert root.find(f"{ATOM}updated").text == "2026-09-30T00:00:00Z"  # the newest entry's date, not the clock
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Signpost contributors"
    assert root.find(f"{ATOM}id").text.startswith("urn:uuid:")
    [item] = items  # git dates are off: only the reviewed entry has a date
    assert item.find(f"{ATOM}title").text == "Example Crisis Line"
    assert item.find(f"{ATOM}id").text == f"urn:uuid:{ids.entry_id('example-crisis-line')}"
    assert item.find(f"{ATOM}updated").text == "2026-09-30T00:00:00Z"
    href = item.find(f"{ATOM}link").get("href")
    assert href == "../crisis-helpline/example-crisis-line.html"
    assert (site / posixpath.normpath(posixpath.join("feeds", href))).is_file()


def test_feed_links_are_absolute_with_a_siteurl(published):
    root, [item] = feed_entries(published)
    assert item.find(f"{ATOM}link").get("href") == f"{SITEURL}/crisis-helpline/example-crisis-line.html"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {"alternate": f"{SITEURL}/index.html", "self": f"{SITEURL}/feeds/entries.atom.xml"}


def git(folder: Path, *args: str, when: str | None = None) -> None:
    env = dict(os.environ, GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@needs_git
def test_git_dates_are_the_last_commit_that_changed_each_file(tmp_path):
    repo = tmp_path / "repo"
    folder = repo / "content" / "peer-community"
    folder.mkdir(parents=True)
    git(repo, "init", "-q")
    (folder / "a.md").write_text("one")
    (folder / "b.md").write_text("one")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "first", when="2026-03-04T12:00:00+00:00")
    (folder / "a.md").write_text("two")
    git(repo, "commit", "-q", "-am", "second", when="2026-07-08T12:00:00+00:00")
    (folder / "c.md").write_text("not committed")
    assert feeds.git_dates(repo / "content") == {"peer-community/a.md": date(2026, 7, 8), "peer-community/b.md": date(2026, 3, 4)}
    assert feeds.git_dates(tmp_path / "elsewhere") == {}
    outside = tmp_path / "not-a-repo"
    outside.mkdir()
    assert feeds.git_dates(outside) == {}


@needs_git
def test_a_shallow_clone_gives_no_git_dates(tmp_path, caplog):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    for n, when in enumerate(("2026-03-04T12:00:00+00:00", "2026-07-08T12:00:00+00:00")):
        (repo / f"{n}.md").write_text("x")
        git(repo, "add", ".")
        git(repo, "commit", "-q", "-m", str(n), when=when)
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), "shallow")
    assert feeds.git_dates(repo) == {"0.md": date(2026, 3, 4), "1.md": date(2026, 7, 8)}
    with caplog.at_level("WARNING", logger="signpost.open_data"):
        assert feeds.git_dates(tmp_path / "shallow") == {}  # else 0.md would get 2026-07-08
    assert "shallow git clone" in caplog.text


@needs_git
def test_feed_dates_entries_by_review_then_by_git(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    git(content, "init", "-q")
    git(content, "add", ".")
    git(content, "commit", "-q", "-m", "entries", when="2026-03-04T12:00:00+00:00")
    output = tmp_path / "out"
    assert build_open(content, output, SIGNPOST_FEED_GIT_DATES=True)
    _root, items = feed_entries(output)
    dates = {i.find(f"{ATOM}title").text: i.find(f"{ATOM}updated").text for i in items}
    assert len(dates) == len(FIXTURE_SLUGS)
    assert dates["Example Crisis Line"] == "2026-09-30T00:00:00Z"  # last_reviewed wins over the commit
    assert dates["Example Closed Group (closed)"] == "2026-03-04T00:00:00Z"
    assert [i.find(f"{ATOM}title").text for i in items][0] == "Example Crisis Line"  # newest first


def test_empty_feed_is_dated_by_the_build_not_the_clock(vocab):
    text = feeds.atom([], {}, vocab=vocab, sitename="Signpost", siteurl="", today=TODAY)
    root = ET.fromstring(text.encode())
    assert root.find(f"{ATOM}updated").text == f"{TODAY.isoformat()}T00:00:00Z" and root.findall(f"{ATOM}entry") == []


def test_feed_setting_is_checked_at_start(tmp_path, capfd):
    assert not build_open(FIXTURE_CONTENT, tmp_path / "out", SIGNPOST_FEED_GIT_DATES="yes")
    err = capfd.readouterr().err
    assert "SIGNPOST_FEED_GIT_DATES must be True or False, not 'yes'" in err and "Traceback" not in err


# --- the sitemap ------------------------------------------------------------------------------


def sitemap_urls(site: Path) -> dict[str, str | None]:
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{SITEMAP}urlset"
    urls = {}
    for url in root.findall(f"{SITEMAP}url"):
        lastmod = url.find(f"{SITEMAP}lastmod")
        urls[url.find(f"{SITEMAP}loc").text] = lastmod.text if lastmod is not None else None
    return urls


def test_sitemap_lists_every_page_for_people_to_find_relative_to_the_site(site):
    """Every page but those marked noindex (short links, the sheet) and the 404 page, in every language's tree."""
    urls = sitemap_urls(site)
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    hidden = {page for page, html in pages.items() if '<meta name="robots" content="noindex">' in html}
    assert "sheet.html" in hidden and any(page.startswith("s/") for page in hidden) and "fr/sheet.html" in hidden
    assert set(urls) == set(pages) - hidden - {"404.html", "fr/404.html", "es/404.html"}
    assert list(urls) == sorted(urls)
    assert urls["crisis-helpline/example-crisis-line.html"] == "2026-09-30"
    assert urls["fr/crisis-helpline/example-crisis-line.html"] == "2026-09-30"
    assert urls["index.html"] is None and urls["crisis-helpline/example-evening-line.html"] is None


def test_sitemap_locations_are_under_siteurl(published):
    urls = sitemap_urls(published)
    assert urls and all(loc.startswith(f"{SITEURL}/") for loc in urls)
    assert f"{SITEURL}/get-help-now.html" in urls and f"{SITEURL}/404.html" not in urls


def test_sitemap_escapes_and_encodes_locations():
    text = sitemap.sitemap_xml(["a&b.html", "café.html", "404.html"], {"a&b.html": date(2026, 1, 2)}, "")
    root = ET.fromstring(text.encode())
    assert [(u.find(f"{SITEMAP}loc").text, getattr(u.find(f"{SITEMAP}lastmod"), "text", None)) for u in root] == [
        ("a&b.html", "2026-01-02"),
        ("caf%C3%A9.html", None),
    ]
