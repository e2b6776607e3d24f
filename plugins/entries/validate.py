"""Check one entry's front matter against the entry format (CONTRIBUTING.md).

``check_fields`` is pure: it takes the parsed mapping, the key lines and the
date to treat as today, and returns an ``Entry`` (or None) with every problem
found. Nothing here reads files or knows about Pelican.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date
from urllib.parse import urlsplit

import pycountry

from . import hours as hours_mod
from . import phones
from .addresses import address_problems
from .fields import BY_NAME as FIELD
from .fields import EXCEPT_TIPS, EXCEPT_TIPS_AND_CLOSED, FIELDS, FOR_ITS_KIND, WITH_CHANNEL
from .model import Entry
from .places import country_name
from .problems import ERROR, WARNING, Problem
from .vocabularies import Vocabularies, closest

SUMMARY_MAX = FIELD["summary"].max_length
CRISIS = "crisis-helpline"

# The fields of the entry format (fields.py): those holding one value, then those holding a list
STRING_FIELDS = tuple(field.name for field in FIELDS if not field.is_list)
LIST_FIELDS = tuple(field.name for field in FIELDS if field.is_list)
KNOWN_FIELDS = STRING_FIELDS + LIST_FIELDS
# Codes people often write that ISO 3166-1 spells otherwise
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB", "UAE": "AE", "USA": "US"}
SINGULAR = {
    "kinds": "kind",
    "channels": "channel",
    "platforms": "platform",
    "costs": "cost",
    "statuses": "status",
    "audiences": "audience",
    "topics": "topic",
}
EMAIL = re.compile(FIELD["email"].pattern)
AGES = re.compile(r"under \d{1,2}|over \d{1,2}|\d{1,2} to \d{1,2}")
KEYWORD = re.compile(r"[^\W_]{1,20}")  # one word of letters (any script) or digits
PHONE_OPTION = re.compile(FIELD["phone_option"].pattern)  # one or two keys: digits, * or #
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Checker:
    def __init__(self, data: dict, key_lines: dict[str, int], path: str, vocab: Vocabularies, today: date, allow_private: bool = False):
        self.data = data
        self.allow_private = allow_private
        self.key_lines = key_lines
        self.path = path
        self.vocab = vocab
        self.today = today
        self.problems: list[Problem] = []

    # -- helpers ---------------------------------------------------------
    def line(self, name: str) -> int:
        return self.key_lines.get(name, 1)

    def error(self, name: str, message: str, *, code: str) -> None:
        self.problems.append(Problem(self.path, self.line(name), name, message, ERROR, code=code))

    def warn(self, name: str, message: str, *, code: str) -> None:
        self.problems.append(Problem(self.path, self.line(name), name, message, WARNING, code=code))

    def require(self, name: str) -> None:
        """The error for a required field that is missing, with the advice fields.py gives for it."""
        field = FIELD[name]
        advice = field.when_missing
        if field.vocabulary:
            advice = advice.format(allowed=", ".join(self.vocab.get(field.vocabulary)))
        needed = f"is required for a {field.only_kind}" if field.required == FOR_ITS_KIND else "is required"
        self.error(name, f"{needed}; {advice}", code="required-field")

    def string(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, (bool, list, dict)):
            self.error(name, f"must be a single value, not {_describe(value)}; write it as '{name}: some text'", code="single-value")
            return None
        if isinstance(value, (int, float)):
            value = str(value)  # 988 written without quotes is still 988
        value = str(value).strip()
        return value or None

    def strings(self, name: str) -> list[str]:
        value = self.data.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            example = {"countries": "[GB, IE]", "channels": "[phone, text]", "languages": "[en, cy]"}.get(name, "[first, second]")
            self.error(
                name, f"must be a list, not {_describe(value)}; write it in square brackets, e.g. '{name}: {example}'", code="list-value"
            )
            return []
        out = []
        for item in value:
            if isinstance(item, (list, dict)) or item is None or isinstance(item, bool):
                self.error(
                    name,
                    f"each item must be a single word or code, not {_describe(item)}; e.g. '{name}: [first, second]'",
                    code="list-value",
                )
                continue
            out.append(str(item).strip())
        return out

    def vocabulary(self, name: str, vocab_name: str, values: list[str]) -> list[str]:
        allowed = self.vocab.get(vocab_name)
        good = []
        for value in values:
            if value in allowed:
                good.append(value)
                continue
            hint = closest(value, allowed)
            did_you_mean = f"did you mean '{hint}'? " if hint else ""
            self.error(
                name,
                f"'{value}' is not a known {SINGULAR.get(vocab_name, vocab_name)}; "
                f"{did_you_mean}allowed: {', '.join(sorted(allowed))} "
                f"(to add one, edit data/vocabularies.yaml)",
                code="unknown-value",
            )
        return good

    def url(self, name: str, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        scheme = parts.scheme.lower()
        if scheme in ("https", "http") and parts.netloc:
            found = address_problems(value, self.allow_private)
            for severity, message in found:
                self.problems.append(Problem(self.path, self.line(name), name, message, severity, code="web-address"))
            if any(severity == ERROR for severity, _message in found):
                return None
            if scheme == "http":
                self.warn(
                    name, f"'{value}' uses http, which is not private; use 'https://{value[7:]}' if the site supports it", code="url-http"
                )
            return value
        if scheme in ("https", "http"):
            self.error(name, f"'{value}' has no host name; write the full address, e.g. 'https://www.samaritans.org/'", code="url-no-host")
        elif scheme:
            self.error(
                name,
                f"'{scheme}:' links are not allowed; give the web address starting with https://, e.g. 'https://www.samaritans.org/'",
                code="url-scheme",
            )
        else:
            self.error(
                name,
                f"'{value}' is not a full web address; start it with https://, e.g. 'https://{value.lstrip('/')}'",
                code="url-not-full",
            )
        return None

    # -- the checks --------------------------------------------------------
    def run(self, slug: str) -> Entry | None:
        data = self.data
        for key in data:
            if key not in KNOWN_FIELDS:
                hint = closest(key, KNOWN_FIELDS)
                self.warn(
                    key,
                    f"'{key}' is not a field Signpost knows, so it is ignored" + (f"; did you mean '{hint}'?" if hint else ""),
                    code="unknown-field",
                )

        title = self.string("title")
        kind = self.string("kind")
        summary = self.string("summary")
        if title is None and "title" not in self.problems_fields():
            self.require("title")
        if kind is None and "kind" not in self.problems_fields():
            self.require("kind")
        elif kind is not None and kind not in self.vocab.kinds:
            self.vocabulary("kind", "kinds", [kind])
            kind = None  # every other field is still checked, against the rules every kind shares (required())
        if summary is None and "summary" not in self.problems_fields():
            self.require("summary")
        elif summary is not None and len(summary) > SUMMARY_MAX:
            self.error(
                "summary",
                f"is {len(summary)} characters long; shorten it to {SUMMARY_MAX} or fewer (put the detail in the description below the front matter)",
                code="summary-too-long",
            )

        url = self.url("url", self.string("url"))
        countries = self.countries()
        regions = self.regions(countries)
        locations = self.strings("locations")
        channels = self.listed("channels")
        closed = self.data.get("status") == "closed"
        for field in FIELDS:  # url, countries, channels
            needed = field.required == EXCEPT_TIPS or (field.required == EXCEPT_TIPS_AND_CLOSED and not closed)
            if needed and self.required(field, kind, channels) and self.missing(field.name):
                self.require(field.name)

        phone = self.number("phone", countries)
        phone_option = self.phone_option(phone)
        text = self.number("text", countries)
        text_keyword = self.string("text_keyword")
        if text_keyword is not None and not KEYWORD.fullmatch(text_keyword):
            self.error(
                "text_keyword",
                f"'{text_keyword[:40]}' is not one word; give only the word people text to start, e.g. 'text_keyword: SHOUT' (letters and digits, at most 20), and put anything else in the description",
                code="text-keyword",
            )
            text_keyword = None
        chat_url = self.url("chat_url", self.string("chat_url"))
        email = self.string("email")
        if email is not None and not EMAIL.match(email):
            self.error("email", f"'{email}' is not an email address; write it as 'email: help@example.org'", code="invalid-email")
            email = None
        for field in FIELDS:  # phone, text, chat_url, email: each needed when channels lists its channel
            if field.required == WITH_CHANNEL and self.required(field, kind, channels) and self.missing(field.name):
                channel, contact = field.channel, field.name
                self.problems.append(
                    Problem(
                        self.path,
                        self.key_lines.get(contact, self.line("channels")),
                        contact,
                        f"channels lists '{channel}', so '{contact}' is required; add it, e.g. '{field.example}', or take '{channel}' out of channels",
                        code="contact-field-missing",
                    )
                )

        opening, timezone = self.hours()
        cost = self.chosen("cost")
        self.charges(kind, {"phone": phone, "text": text}, cost)
        from_abroad = self.flag("from_abroad")
        if from_abroad and phone is not None and phone.kind == "short":
            self.warn(
                "from_abroad",
                f"'{phone.written}' cannot be dialled from another country (a short code, or a number phonenumbers says is reached only at home), "
                "so Get help now will say so whatever from_abroad says; take 'from_abroad: true' out, and if the service gives another number for callers abroad, add it to the description",
                code="from-abroad-unreachable",
            )
        languages = self.languages()
        audiences = self.listed("audiences")
        topics = self.listed("topics")
        platform = self.chosen("platform")
        handle = self.string("handle")
        for field in FIELDS:  # platform and handle belong to recovery accounts
            if field.required == FOR_ITS_KIND and self.required(field, kind, channels) and self.missing(field.name):
                self.require(field.name)
            if field.only_kind and kind not in (None, field.only_kind) and field.name in data:
                self.warn(
                    field.name,
                    f"is only used for {field.only_kind} entries; remove it, or change kind to {field.only_kind}",
                    code="recovery-only-field",
                )
        status = self.chosen("status") or FIELD["status"].default
        last_reviewed = self.review_date()
        sources = self.sources(kind, last_reviewed)
        confirmed_by = self.chosen("confirmed_by")
        confirmed_on = self.review_date("confirmed_on")
        if confirmed_by and confirmed_on is None and "confirmed_on" not in data:
            self.error(
                "confirmed_on",
                f"is required with confirmed_by; add the date the service confirmed its details, e.g. 'confirmed_on: {self.today.isoformat()}'",
                code="confirmed-on-missing",
            )

        if title is None or kind is None or summary is None:
            return None
        return Entry(
            source=self.path,
            slug=slug,
            title=title,
            kind=kind,
            summary=summary,
            url=url,
            countries=countries,
            regions=regions,
            locations=locations,
            channels=channels,
            phone=phone.written if phone else None,
            phone_number=phone,
            phone_option=phone_option,
            from_abroad=from_abroad and phone is not None,
            ages=self.ages(),
            text=text.written if text else None,
            text_number=text,
            text_keyword=text_keyword,
            chat_url=chat_url,
            email=email,
            hours=opening.text if opening else None,
            opening_hours=opening,
            timezone=timezone,
            cost=cost,
            languages=languages or ["en"],
            audiences=audiences,
            topics=topics,
            platform=platform,
            handle=handle,
            status=status,
            last_reviewed=last_reviewed,
            sources=sources,
            confirmed_by=confirmed_by,
            confirmed_on=confirmed_on,
            lines=dict(self.key_lines),
        )

    def charges(self, kind: str | None, numbers: dict[str, phones.PhoneNumber | None], cost: str | None) -> None:
        """A crisis line must never cost a premium rate; a shared-cost number is free only from some phones."""
        for name, number in numbers.items():
            charge = number.charge if number else None
            if charge == "premium-rate" and kind == CRISIS:
                self.error(
                    name,
                    f"'{number.written}' is a premium-rate number, which costs the caller a high rate; a crisis line must give a number people can call at no or ordinary cost, so check the service's own page for it",
                    code="premium-rate",
                )
            elif charge == "shared-cost" and cost == "free":
                self.warn(
                    name,
                    f"'{number.written}' is a shared-cost number, free from some phones but charged from others; say which in the description, or change 'cost: free' to what callers pay",
                    code="shared-cost",
                )

    def required(self, field, kind: str | None, channels: list[str]) -> bool:
        """Whether the entry must have ``field``. Without a known kind (missing or misspelt, its own
        problem), what every kind requires: a rule that holds for some kinds only waits for the kind."""
        if kind is not None:
            return field.is_required(kind, channels, None)
        return all(field.is_required(each, channels, None) for each in self.vocab.kinds)

    def listed(self, name: str) -> list[str]:
        """A list whose values come from the field's vocabulary (fields.py); the unknown ones are left out."""
        return self.vocabulary(name, FIELD[name].vocabulary, self.strings(name))

    def chosen(self, name: str) -> str | None:
        """One value from the field's vocabulary (fields.py), or None when it is missing or unknown."""
        value = self.string(name)
        vocabulary = FIELD[name].vocabulary
        if value is not None and value not in self.vocab.get(vocabulary):
            self.vocabulary(name, vocabulary, [value])
            return None
        return value

    def missing(self, name: str) -> bool:
        """Absent, or present with nothing after the colon."""
        return self.data.get(name) in (None, "", [])

    def problems_fields(self) -> set[str]:
        return {p.field for p in self.problems}

    def countries(self) -> list[str]:
        values = self.strings("countries")
        good = []
        for value in values:
            if value.lower() == "worldwide":
                good.append("worldwide")
                continue
            code = value.upper()
            if len(code) == 2 and pycountry.countries.get(alpha_2=code):
                good.append(code)
                continue
            guess = COUNTRY_ALIASES.get(code) or _country_guess(value)
            hint = f"did you mean '{guess}'? " if guess else ""
            self.error(
                "countries",
                f"'{value}' is not an ISO 3166-1 alpha-2 country code; {hint}use two letters, e.g. GB, IE, US, or 'worldwide'",
                code="unknown-country",
            )
        if "worldwide" in good and len(good) > 1:
            self.warn(
                "countries",
                "'worldwide' already covers every country; write 'countries: [worldwide]' alone",
                code="worldwide-with-countries",
            )
        return good

    def regions(self, countries: list[str]) -> list[str]:
        good = []
        for value in self.strings("regions"):
            code = value.upper()
            sub = pycountry.subdivisions.get(code=code)
            if sub is None:
                self.error(
                    "regions",
                    f"'{value}' is not an ISO 3166-2 region code; use the country code, a hyphen and the region, e.g. GB-WLS for Wales, US-CA for California",
                    code="unknown-region",
                )
                continue
            if countries and "worldwide" not in countries and sub.country_code not in countries:
                self.error(
                    "regions",
                    f"'{code}' ({sub.name}) is in {sub.country_code}, which is not in countries; add {sub.country_code} to countries or remove the region",
                    code="region-outside-countries",
                )
                continue
            good.append(code)
        return good

    def languages(self) -> list[str]:
        good = []
        for value in self.strings("languages"):
            code = value.lower()
            if len(code) == 2 and pycountry.languages.get(alpha_2=code):
                good.append(code)
                continue
            found = None
            with contextlib.suppress(LookupError):
                found = pycountry.languages.lookup(value)
            hint = f"did you mean '{found.alpha_2}'? " if found is not None and hasattr(found, "alpha_2") else ""
            self.error(
                "languages",
                f"'{value}' is not an ISO 639-1 language code; {hint}use two letters, e.g. en, cy, ga, fr",
                code="unknown-language",
            )
        return good

    def number(self, name: str, countries: list[str]) -> phones.PhoneNumber | None:
        """The number, parsed once for every later stage; None when it is missing or wrong."""
        value = self.string(name)
        if value is None:
            return None
        if not re.fullmatch(r"[+\d][\d ()\-.]*", value):
            self.error(
                name,
                f"'{value}' should hold only the digits people dial (spaces allowed), e.g. '{name}: \"116 123\"'; put any words in the description",
                code="number-not-digits",
            )
            return None
        if "worldwide" in countries and not value.startswith("+"):
            self.error(
                name,
                f"'{value}' is given for a worldwide service, so write it in international form, e.g. '+44 116 123'",
                code="number-not-international",
            )
            return None
        number = phones.parse(value, countries)
        if countries and not number.regions:  # without countries, countries has its own error
            where = ", ".join(c for c in countries if c != "worldwide") or "any country"
            self.error(
                name,
                f"'{value}' is not a valid number in {where}; write it as people there dial it, e.g. '116 123' or '0800 58 58 58', or in international form starting with +",
                code="invalid-number",
            )
            return None
        if "worldwide" in countries and number.kind == "short":
            where = f"outside {country_name(number.home)}" if number.home else "outside the country it belongs to"
            self.warn(
                name,
                f"'{value}' cannot be dialled from {where}, so most people this worldwide service is for cannot reach it by this number; "
                "give the number the service publishes for callers abroad, or list the countries it serves in countries:",
                code="worldwide-number-home-only",
            )
        return number

    def flag(self, name: str) -> bool:
        """A field that is true or false (from_abroad); left out means false."""
        value = self.data.get(name)
        if value is None or isinstance(value, bool):
            return bool(value)
        self.error(name, f"must be true or false, not {_describe(value)}; write '{name}: true', or leave it out", code="single-value")
        return False

    def ages(self) -> str | None:
        """Who it is for by age, in the few forms the Get help now page can show: under 19, over 60, 12 to 24."""
        value = self.string("ages")
        if value is not None and not AGES.fullmatch(value):
            self.error(
                "ages",
                f"'{value[:40]}' is not an age range written as 'under 19', 'over 60' or '12 to 24'; write it so, as the service's own page says",
                code="ages-format",
            )
            return None
        return value

    def phone_option(self, phone: phones.PhoneNumber | None) -> str | None:
        """The key to press once the call is answered (1 after 988): one or two keys, and only with a phone number."""
        value = self.string("phone_option")
        if value is None:
            return None
        if not PHONE_OPTION.fullmatch(value):
            self.error(
                "phone_option",
                f"'{value[:40]}' is not a key to press; give only the key callers press once the call is answered, in quotes, e.g. 'phone_option: \"1\"' (one or two of 0-9, * and #), and put anything else in the description",
                code="phone-option",
            )
            return None
        if self.missing("phone"):
            self.error(
                "phone_option",
                "is the key to press after calling the entry's phone number, but there is no phone; add the number people dial, e.g. 'phone: \"988\"', or remove phone_option",
                code="phone-option",
            )
            return None
        return value if phone else None  # a phone that is wrong has its own problem

    def hours(self) -> tuple[hours_mod.OpeningHours | None, str | None]:
        """The hours, parsed once for every later stage, and the time zone; each None when missing or wrong."""
        value = self.string("hours")
        timezone = self.string("timezone")
        opening = None
        if value is not None:
            try:
                opening = hours_mod.parse(value)
            except hours_mod.HoursError as exc:
                self.error(
                    "hours",
                    f"'{value}' is not in opening_hours form ({_hours_reason(value, str(exc))}); write '24/7' or days then times, e.g. 'Mo-Fr 09:00-18:00; Sa 10:00-14:00'",
                    code="invalid-hours",
                )
                value = None
        if timezone is not None and hours_mod.timezone_error(timezone):
            guess = hours_mod.closest_timezone(timezone)
            hint = f"did you mean '{guess}'? " if guess else ""
            self.error(
                "timezone",
                f"'{timezone}' is not a known IANA time zone; {hint}e.g. Europe/London, America/New_York, Australia/Sydney",
                code="unknown-timezone",
            )
            timezone = None
        elif value is not None and value != hours_mod.ALWAYS and timezone is None and "timezone" not in self.data:
            self.problems.append(
                Problem(
                    self.path,
                    self.line("hours"),
                    "timezone",
                    "is required when hours is not 24/7, so that times can be read in the service's own zone; add e.g. 'timezone: Europe/London'",
                    ERROR,
                    code="timezone-required",
                )
            )
        return opening, timezone

    def sources(self, kind: str | None, last_reviewed: date | None) -> list[str]:
        """The pages the details were checked against: web addresses, required once someone says they checked."""
        good = [url for url in (self.url("sources", value) for value in self.strings("sources")) if url]
        if not self.missing("sources"):
            return good
        if last_reviewed is not None:
            self.error(
                "sources",
                "is required when last_reviewed is set: list the pages you checked the details on, e.g. 'sources: [https://www.samaritans.org/how-we-can-help/contact-samaritan/]'",
                code="sources-missing",
            )
        elif kind == CRISIS:
            self.warn(
                "sources",
                "is missing: list the service's own pages where its number and hours can be checked, e.g. 'sources: [https://www.samaritans.org/how-we-can-help/contact-samaritan/]'",
                code="sources-missing",
            )
        return good

    def review_date(self, name: str = "last_reviewed") -> date | None:
        """A date a person checked something (last_reviewed, confirmed_on): real, and not in the future."""
        raw = self.data.get(name)
        if raw is None:
            return None
        value = str(raw).strip()
        example = f"e.g. '{name}: {self.today.isoformat()}'"
        if not DATE.match(value):
            self.error(name, f"'{value[:40]}' is not a date in YYYY-MM-DD form; {example}", code="review-date-format")
            return None
        try:
            reviewed = date.fromisoformat(value)
        except ValueError:
            self.error(name, f"'{value}' is not a real date (check the month and day); {example}", code="review-date-invalid")
            return None
        if reviewed > self.today:
            self.error(
                name,
                f"{value} is in the future; give the date a person last checked the details, {example}",
                code="review-date-future",
            )
            return None
        return reviewed


def _describe(value) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "an empty value"
    return f"'{value}'"


def _hours_reason(value: str, reason: str) -> str:
    """The opening_hours library's reason in plain words: where the hours stop making sense,
    instead of its parser's notation ('Failed to parse expression:  --> 1:7')."""
    found = re.search(r"-->\s*(\d+):(\d+)", reason)
    if found is None:
        return reason.replace("Failed to parse expression:", "").strip() or "they cannot be read"
    row, column = int(found.group(1)), int(found.group(2))
    lines = value.split("\n")
    rest = lines[row - 1][column - 1 :] if row <= len(lines) else ""
    if not rest.strip():
        return "something is missing at the end"
    return f"they cannot be read from '{rest[:20]}' on"


def _country_guess(value: str) -> str | None:
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def check_fields(
    data: dict, key_lines: dict[str, int], path: str, slug: str, vocab: Vocabularies, today: date, allow_private: bool = False
) -> tuple[Entry | None, list[Problem]]:
    """Check one entry's fields; return the Entry (None when unusable) and its problems."""
    checker = _Checker(data, key_lines, path, vocab, today, allow_private)
    entry = checker.run(slug)
    return entry, checker.problems
