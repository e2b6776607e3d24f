"""The entry format, written down once: every field of an entry's front matter.

Each ``Field`` says its name and type, the vocabulary its values come from,
when it is required, an example line, the question `invoke new` asks, and the
section of CONTRIBUTING.md that explains it. ``FIELDS`` holds them in the order
an entry file writes them (CONTRIBUTING.md's field table, which a test compares
with this). From it come:

- the checks (validate.py): which fields exist, which hold lists, which are
  required and when, which vocabulary a value must be in;
- `invoke new` (tasks.py) and the file it writes (scaffold.py);
- the fields of /data/entries.json that come straight from the file
  (open_data/entries_json.py);
- ``json_schema()``, the JSON Schema of an entry's front matter kept in
  docs/entry-format.schema.json. After changing a field here, write it again:
  ``.venv/bin/python plugins/entries/fields.py > docs/entry-format.schema.json``

The problems the checks find carry codes, which are listed in codes.py with the
section of CONTRIBUTING.md each one points to. The scheme: a code is a short,
readable kebab-case name for what is wrong (``unknown-timezone``), stable once
released, and the code, not the message's wording, decides the help link.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml

TIP = "practitioner-tip"
ALWAYS_OPEN = "24/7"

# Types of value
TEXT = "text"  # words, written as they should be shown
CODE = "code"  # one code: a vocabulary value or a time zone
NUMBER = "number"  # a phone or text number, as people dial it
KEYS = "keys"  # keys pressed on the keypad once a call is answered: digits, * or #
URL = "url"
EMAIL = "email"
DATE = "date"  # YYYY-MM-DD
LIST = "list"  # [first, second]
FLAG = "true or false"

# When a field is required
ALWAYS = "always"
EXCEPT_TIPS = "except practitioner-tip"
EXCEPT_TIPS_AND_CLOSED = "except practitioner-tip and closed entries"  # a closed service's old domain can be bought by anyone
WITH_CHANNEL = "when channels lists its channel"
WITH_WEEKLY_HOURS = "when hours is not 24/7"
FOR_ITS_KIND = "for the kind it belongs to"
WITH_REVIEW = "when last_reviewed is set"  # and recommended for every crisis line (validate.py)
WITH_CONFIRMATION = "when confirmed_by is set"
OPTIONAL = "optional"

CODE_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # the values in data/vocabularies.yaml


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # TEXT, CODE, NUMBER, KEYS, URL, EMAIL, DATE or LIST
    about: str  # what it holds, in a sentence
    example: str  # a whole front matter line
    prompt: str  # the question `invoke new` asks (and its --help)
    section: str  # the section of CONTRIBUTING.md that explains it
    required: str = OPTIONAL
    when_missing: str = ""  # the message's advice when it is required and missing, after "is required; "
    vocabulary: str | None = None  # the list in data/vocabularies.yaml its values come from
    pattern: str | None = None  # what a value (each item, for a list) looks like, for the JSON Schema
    channel: str | None = None  # the channel it goes with: asked for, and for WITH_CHANNEL required, when channels lists it
    only_kind: str | None = None  # the one kind that uses it
    needs: str | None = None  # the field it belongs to, which must be there too (phone_option needs phone)
    tips: bool = False  # a practitioner-tip uses it
    default: str | tuple | None = None  # the value when it is left out
    max_length: int | None = None

    @property
    def is_list(self) -> bool:
        return self.type == LIST

    @property
    def example_value(self):
        """The example's value as YAML reads it, every scalar a string: 'GB', ['GB', 'IE']."""
        return yaml.load(self.example, Loader=yaml.BaseLoader)[self.name]

    def is_required(self, kind: str | None, channels: list[str], hours: str | None) -> bool:
        """Whether an entry with this kind, channels and hours must have the field."""
        if self.required == ALWAYS:
            return True
        if self.required in (EXCEPT_TIPS, EXCEPT_TIPS_AND_CLOSED):  # whether it is closed is not known here
            return kind not in (None, "", TIP)
        if self.required == WITH_CHANNEL:
            return self.channel in channels
        if self.required == WITH_WEEKLY_HOURS:
            return bool(hours) and hours != ALWAYS_OPEN
        if self.required == FOR_ITS_KIND:
            return kind == self.only_kind
        return False

    def is_used(self, kind: str | None, channels: list[str], hours: str | None) -> bool:
        """Whether an entry with this kind, channels and hours can use the field (`invoke new` asks only for those)."""
        if kind == TIP:
            return self.tips
        if self.only_kind:
            return kind == self.only_kind
        if self.channel:
            return self.channel in channels
        if self.required == WITH_WEEKLY_HOURS:
            return self.is_required(kind, channels, hours)
        return True

    @property
    def required_label(self) -> str:
        """The "Required?" column of CONTRIBUTING.md's field table."""
        if self.required == ALWAYS:
            return "Required"
        if self.required == EXCEPT_TIPS:
            return f"Required except {TIP}"
        if self.required == EXCEPT_TIPS_AND_CLOSED:
            return f"Required except {TIP} and closed entries"
        if self.required == WITH_CHANNEL:
            return f"Required when channels has `{self.channel}`"
        if self.required == WITH_WEEKLY_HOURS:
            return f"Required when hours is not {ALWAYS_OPEN}"
        if self.required == WITH_REVIEW:
            return "Required when `last_reviewed` is set; recommended for crisis lines"
        if self.required == WITH_CONFIRMATION:
            return "Required when `confirmed_by` is set"
        if self.only_kind:
            return f"{self.only_kind} only, {'required there' if self.required == FOR_ITS_KIND else 'optional'}"
        if self.default is not None:
            shown = f"[{', '.join(self.default)}]" if self.is_list else self.default
            return f"Optional (default `{shown}`)"
        if self.needs:
            return f"Optional, only with `{self.needs}`"
        return "Optional"


FIELDS = (
    Field(
        "title",
        TEXT,
        "The name people know the service or account by.",
        "title: Samaritans",
        "Name of the service",
        "the-fields",
        ALWAYS,
        tips=True,
        when_missing="add the name people know the service by, e.g. 'title: Samaritans'",
    ),
    Field(
        "kind",
        CODE,
        "What the entry is: one of the kinds in data/vocabularies.yaml.",
        "kind: crisis-helpline",
        "Kind",
        "unknown-value",
        ALWAYS,
        vocabulary="kinds",
        tips=True,
        when_missing="add a line such as 'kind: crisis-helpline' (one of {allowed})",
    ),
    Field(
        "summary",
        TEXT,
        "One or two plain sentences, 200 characters or fewer, shown in lists of entries.",
        "summary: Free, listening support at any time of day or night.",
        "One or two plain sentences (200 characters at most)",
        "summary-too-long",
        ALWAYS,
        tips=True,
        max_length=200,
        when_missing="add one or two plain sentences, e.g. 'summary: Free, confidential support by phone, day or night.'",
    ),
    Field(
        "url",
        URL,
        "The organisation's own web address, starting with https://.",
        "url: https://www.samaritans.org/",
        "Web address (https://...)",
        "url",
        EXCEPT_TIPS_AND_CLOSED,
        when_missing="give the service's web address, e.g. 'url: https://www.samaritans.org/'",
    ),
    Field(
        "countries",
        LIST,
        "The countries it serves, as ISO 3166-1 alpha-2 codes, or [worldwide].",
        "countries: [GB, IE]",
        "Countries, as two-letter codes, comma-separated (or worldwide)",
        "countries",
        EXCEPT_TIPS,
        pattern=r"^([A-Za-z]{2}|worldwide)$",
        when_missing="list the countries it serves, e.g. 'countries: [GB, IE]', or 'countries: [worldwide]'",
    ),
    Field(
        "regions",
        LIST,
        "Parts of a country, as ISO 3166-2 codes, when it does not reach the whole country.",
        "regions: [GB-WLS]",
        "Regions, ISO 3166-2 codes such as GB-WLS (only if it reaches part of a country)",
        "regions",
        pattern=r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$",
    ),
    Field(
        "locations",
        LIST,
        "Towns or cities where in-person meetings happen.",
        "locations: [Aberystwyth, Machynlleth]",
        "Towns where people meet in person, comma-separated",
        "the-fields",
    ),
    Field(
        "channels",
        LIST,
        "How people get in touch: channels from data/vocabularies.yaml.",
        "channels: [phone, email]",
        "Ways to get in touch, comma-separated",
        "contact-field-missing",
        EXCEPT_TIPS,
        vocabulary="channels",
        when_missing="list how people can get in touch, e.g. 'channels: [phone, text]'",
    ),
    Field(
        "phone",
        NUMBER,
        "The number as people dial it, in quotes.",
        'phone: "116 123"',
        "Phone number, as people dial it",
        "phone-number",
        WITH_CHANNEL,
        channel="phone",
    ),
    Field(
        "phone_option",
        KEYS,
        "The key people press once the call is answered, when other services share the number (1 after 988 for the Veterans Crisis Line), in quotes.",
        'phone_option: "1"',
        "Key to press once the call is answered, only if other services share the number (e.g. 1 after 988)",
        "phone-option",
        channel="phone",
        needs="phone",
        pattern=r"^[0-9*#]{1,2}$",
    ),
    Field(
        "from_abroad",
        FLAG,
        "true when the service's own page says its phone number can be called from abroad; otherwise leave it out.",
        "from_abroad: true",
        "Can the number be called from abroad? (true if the service says so; leave empty otherwise)",
        "ages-and-abroad",
        channel="phone",
        needs="phone",
    ),
    Field(
        "text",
        NUMBER,
        "The number people send a text message to, in quotes.",
        'text: "85258"',
        "Text (SMS) number",
        "phone-number",
        WITH_CHANNEL,
        channel="text",
    ),
    Field(
        "text_keyword",
        TEXT,
        "A word people send to start the conversation.",
        "text_keyword: SHOUT",
        "Word to text, if any",
        "phone-number",
        channel="text",
    ),
    Field(
        "chat_url",
        URL,
        "The web address of the web-chat page.",
        "chat_url: https://example.org/chat",
        "Web chat address",
        "url",
        WITH_CHANNEL,
        channel="chat",
    ),
    Field(
        "email",
        EMAIL,
        "The email address people write to.",
        "email: help@example.org",
        "Email address",
        "email",
        WITH_CHANNEL,
        channel="email",
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
    ),
    Field(
        "hours",
        TEXT,
        "24/7, or weekly hours in OpenStreetMap opening_hours form.",
        'hours: "Mo-Fr 09:00-18:00; Sa 10:00-14:00"',
        "Hours: 24/7, or e.g. Mo-Fr 09:00-18:00; Sa 10:00-14:00",
        "hours",
    ),
    Field(
        "timezone",
        CODE,
        "The service's time zone, as an IANA name.",
        "timezone: Europe/London",
        "Time zone, e.g. Europe/London (needed unless 24/7)",
        "timezone",
        WITH_WEEKLY_HOURS,
        pattern=r"^[A-Za-z][A-Za-z0-9_+/-]*$",
    ),
    Field(
        "cost",
        CODE,
        "What it costs: one of the costs in data/vocabularies.yaml.",
        "cost: free",
        "Cost",
        "unknown-value",
        vocabulary="costs",
    ),
    Field(
        "languages",
        LIST,
        "Languages the service works in, as ISO 639-1 codes.",
        "languages: [en, cy]",
        "Languages, two-letter codes, comma-separated (default: en)",
        "languages",
        pattern=r"^[A-Za-z]{2}$",
        default=("en",),
    ),
    Field(
        "ages",
        TEXT,
        "The ages it is for, when it says so: under 19, over 60, or 12 to 24.",
        "ages: under 19",
        "Ages it is for, if it says (e.g. under 19, over 60, 12 to 24)",
        "ages-and-abroad",
        pattern=r"^(under \d{1,2}|over \d{1,2}|\d{1,2} to \d{1,2})$",
    ),
    Field(
        "audiences",
        LIST,
        "Who it is for: audiences from data/vocabularies.yaml.",
        "audiences: [adults, young-people]",
        "Who it is for, comma-separated",
        "unknown-value",
        vocabulary="audiences",
        tips=True,
    ),
    Field(
        "topics",
        LIST,
        "What it helps with: topics from data/vocabularies.yaml.",
        "topics: [suicide, loneliness]",
        "Topics, comma-separated",
        "unknown-value",
        vocabulary="topics",
        tips=True,
    ),
    Field(
        "platform",
        CODE,
        "Where a recovery account is published: one of the platforms in data/vocabularies.yaml.",
        "platform: podcast",
        "Where it is published",
        "recovery-only-field",
        FOR_ITS_KIND,
        vocabulary="platforms",
        only_kind="recovery-account",
        when_missing="say where it is published, e.g. 'platform: podcast' (one of {allowed})",
    ),
    Field(
        "handle",
        TEXT,
        "The account's name on that platform, in quotes when it starts with @.",
        'handle: "@examplepod"',
        "Account name, e.g. @name",
        "recovery-only-field",
        only_kind="recovery-account",
    ),
    Field(
        "status",
        CODE,
        "Whether it is open: one of the statuses in data/vocabularies.yaml.",
        "status: closed",
        "Status (leave empty for active)",
        "unknown-value",
        vocabulary="statuses",
        tips=True,
        default="active",
    ),
    Field(
        "sources",
        LIST,
        "The pages where every detail can be checked: the organisation's own contact or about page.",
        "sources: [https://www.samaritans.org/how-we-can-help/contact-samaritan/]",
        "Pages where the details can be checked (the service's own), comma-separated",
        "sources",
        WITH_REVIEW,
        pattern=r"^https?://\S+$",
        tips=True,
    ),
    Field(
        "last_reviewed",
        DATE,
        "The date a person last checked every detail against the source; never in the future.",
        "last_reviewed: 2025-03-03",
        "Date you checked every detail against the source, YYYY-MM-DD (leave empty if you did not)",
        "last-reviewed",
        tips=True,
    ),
    Field(
        "confirmed_by",
        CODE,
        "Who confirmed the details, when the service itself did: service.",
        "confirmed_by: service",
        "Confirmed by (service, if the service itself confirmed the details)",
        "confirmed-by",
        vocabulary="confirmers",
    ),
    Field(
        "confirmed_on",
        DATE,
        "The date the service confirmed its details, YYYY-MM-DD; required with confirmed_by.",
        "confirmed_on: 2025-03-03",
        "Date the service confirmed its details, YYYY-MM-DD",
        "confirmed-by",
        WITH_CONFIRMATION,
    ),
)

BY_NAME = {field.name: field for field in FIELDS}
NAMES = tuple(BY_NAME)


def json_schema() -> dict:
    """The JSON Schema of an entry's front matter (docs/entry-format.schema.json), made from FIELDS."""
    properties = {}
    for field in FIELDS:
        value = _value_schema(field)
        if field.is_list:
            value = {"type": "array", "items": value}
        described = f"{field.about} See CONTRIBUTING.md#{field.section}."
        properties[field.name] = {"description": described, **value, "examples": [field.example_value]}
        if field.default is not None:
            properties[field.name]["default"] = list(field.default) if field.is_list else field.default
    conditions = [
        {
            "if": {"properties": {"kind": {"const": TIP}}},
            "else": {"required": [f.name for f in FIELDS if f.required == EXCEPT_TIPS]},
        },
        {
            "if": {
                "anyOf": [{"properties": {"kind": {"const": TIP}}}, {"properties": {"status": {"const": "closed"}}, "required": ["status"]}]
            },
            "else": {"required": [f.name for f in FIELDS if f.required == EXCEPT_TIPS_AND_CLOSED]},
        },
    ]
    for field in FIELDS:
        if field.required == WITH_CHANNEL:
            conditions.append(
                {
                    "if": {"properties": {"channels": {"contains": {"const": field.channel}}}, "required": ["channels"]},
                    "then": {"required": [field.name]},
                }
            )
        elif field.required == WITH_WEEKLY_HOURS:
            conditions.append(
                {
                    "if": {"properties": {"hours": {"not": {"const": ALWAYS_OPEN}}}, "required": ["hours"]},
                    "then": {"required": [field.name]},
                }
            )
        elif field.required in (WITH_REVIEW, WITH_CONFIRMATION):
            needs = "last_reviewed" if field.required == WITH_REVIEW else "confirmed_by"
            conditions.append({"if": {"required": [needs]}, "then": {"required": [field.name]}})
        elif field.required == FOR_ITS_KIND:
            conditions.append(
                {"if": {"properties": {"kind": {"const": field.only_kind}}, "required": ["kind"]}, "then": {"required": [field.name]}}
            )
        if field.needs:
            conditions.append({"if": {"required": [field.name]}, "then": {"required": [field.needs]}})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Signpost entry front matter",
        "description": "The fields between the two '---' lines of an entry file (content/<kind>/<slug>.md), "
        "as CONTRIBUTING.md describes them. Made from plugins/entries/fields.py; `invoke check` "
        "checks more than this (known codes, numbers that can be dialled, real dates).",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in FIELDS if f.required == ALWAYS],
        "properties": properties,
        "allOf": conditions,
    }


def _value_schema(field: Field) -> dict:
    """The schema of one value (of each item, for a list)."""
    pattern = field.pattern or (CODE_PATTERN if field.vocabulary else None)
    if field.type == NUMBER:
        return {"type": ["string", "integer"], "pattern": r"^[+\d][\d ()\-.]*$"}
    if field.type == FLAG:
        return {"type": "boolean"}
    if field.type == KEYS:  # 1 written without quotes is read as a number
        return {"type": ["string", "integer"], "pattern": field.pattern, "minimum": 0, "maximum": 99}
    schema: dict = {"type": "string", "minLength": 1}
    if field.type == URL:
        schema["pattern"] = "^https?://"
        schema["format"] = "uri"
    elif field.type == DATE:
        schema["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        schema["format"] = "date"
    elif pattern:
        schema["pattern"] = pattern
    if field.max_length:
        schema["maxLength"] = field.max_length
    return schema


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
