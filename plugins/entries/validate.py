"""Check one entry's front matter against the entry format (CONTRIBUTING.md).

``check_fields`` is pure: it takes the parsed mapping, the key lines and the
date to treat as today, and returns an ``Entry`` (or None) with every problem
found. Nothing here reads files or knows about Pelican.
"""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urlsplit

import pycountry

from . import hours as hours_mod
from . import phones
from .addresses import address_problems
from .model import Entry
from .problems import ERROR, WARNING, Problem
from .vocabularies import Vocabularies, closest

SUMMARY_MAX = 200
TIP = "practitioner-tip"
CRISIS = "crisis-helpline"
RECOVERY = "recovery-account"

STRING_FIELDS = (
    "title", "kind", "summary", "url", "phone", "text", "text_keyword", "chat_url",
    "email", "hours", "timezone", "cost", "platform", "handle", "status", "last_reviewed",
)
LIST_FIELDS = ("countries", "regions", "locations", "channels", "languages", "audiences", "topics")
KNOWN_FIELDS = STRING_FIELDS + LIST_FIELDS

# channel -> the field that says how to use it
CONTACT_FIELDS = {"phone": "phone", "text": "text", "chat": "chat_url", "email": "email"}
CONTACT_EXAMPLES = {
    "phone": 'phone: "116 123"',
    "text": 'text: "85258"',
    "chat_url": "chat_url: https://example.org/chat",
    "email": "email: help@example.org",
}
# Codes people often write that ISO 3166-1 spells otherwise
COUNTRY_ALIASES = {"UK": "GB", "EL": "GR", "EN": "GB", "UAE": "AE", "USA": "US"}
SINGULAR = {"kinds": "kind", "channels": "channel", "platforms": "platform", "costs": "cost", "statuses": "status", "audiences": "audience", "topics": "topic"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
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

    def error(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(name), name, message, ERROR))

    def warn(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(name), name, message, WARNING))

    def string(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, (list, dict)):
            self.error(name, f"must be a single value, not {_describe(value)}; write it as '{name}: some text'")
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
            self.error(name, f"must be a list, not {_describe(value)}; write it in square brackets, e.g. '{name}: {example}'")
            return []
        out = []
        for item in value:
            if isinstance(item, (list, dict)) or item is None or isinstance(item, bool):
                self.error(name, f"each item must be a single word or code, not {_describe(item)}; e.g. '{name}: [first, second]'")
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
                self.problems.append(Problem(self.path, self.line(name), name, message, severity))
            if any(severity == ERROR for severity, _message in found):
                return None
            if scheme == "http":
                self.warn(name, f"'{value}' uses http, which is not private; use 'https://{value[7:]}' if the site supports it")
            return value
        if scheme in ("https", "http"):
            self.error(name, f"'{value}' has no host name; write the full address, e.g. 'https://www.samaritans.org/'")
        elif scheme:
            self.error(name, f"'{scheme}:' links are not allowed; give the web address starting with https://, e.g. 'https://www.samaritans.org/'")
        else:
            self.error(name, f"'{value}' is not a full web address; start it with https://, e.g. 'https://{value.lstrip('/')}'")
        return None

    # -- the checks --------------------------------------------------------
    def run(self, slug: str) -> Entry | None:
        data = self.data
        for key in data:
            if key not in KNOWN_FIELDS:
                hint = closest(key, KNOWN_FIELDS)
                self.warn(key, f"'{key}' is not a field Signpost knows, so it is ignored" + (f"; did you mean '{hint}'?" if hint else ""))

        title = self.string("title")
        kind = self.string("kind")
        summary = self.string("summary")
        if title is None and "title" not in self.problems_fields():
            self.error("title", "is required; add the name people know the service by, e.g. 'title: Samaritans'")
        if kind is None and "kind" not in self.problems_fields():
            self.error("kind", f"is required; add a line such as 'kind: crisis-helpline' (one of {', '.join(self.vocab.kinds)})")
        elif kind is not None and kind not in self.vocab.kinds:
            self.vocabulary("kind", "kinds", [kind])
            kind = None
        if summary is None and "summary" not in self.problems_fields():
            self.error("summary", "is required; add one or two plain sentences, e.g. 'summary: Free, confidential support by phone, day or night.'")
        elif summary is not None and len(summary) > SUMMARY_MAX:
            self.error("summary", f"is {len(summary)} characters long; shorten it to {SUMMARY_MAX} or fewer (put the detail in the description below the front matter)")

        is_tip = kind == TIP
        url = self.url("url", self.string("url"))
        countries = self.countries()
        regions = self.regions(countries)
        locations = self.strings("locations")
        channels = self.vocabulary("channels", "channels", self.strings("channels"))
        if not is_tip and kind is not None:
            if self.missing("url"):
                self.error("url", "is required; give the service's web address, e.g. 'url: https://www.samaritans.org/'")
            if self.missing("countries"):
                self.error("countries", "is required; list the countries it serves, e.g. 'countries: [GB, IE]', or 'countries: [worldwide]'")
            if self.missing("channels"):
                self.error("channels", "is required; list how people can get in touch, e.g. 'channels: [phone, text]'")

        phone = self.number("phone", countries)
        text = self.number("text", countries)
        text_keyword = self.string("text_keyword")
        chat_url = self.url("chat_url", self.string("chat_url"))
        email = self.string("email")
        if email is not None and not EMAIL.match(email):
            self.error("email", f"'{email}' is not an email address; write it as 'email: help@example.org'")
            email = None
        for channel, contact in CONTACT_FIELDS.items():
            if channel in channels and self.missing(contact):
                self.problems.append(Problem(
                    self.path, self.key_lines.get(contact, self.line("channels")), contact,
                    f"channels lists '{channel}', so '{contact}' is required; add it, e.g. '{CONTACT_EXAMPLES[contact]}', or take '{channel}' out of channels",
                ))

        hours_value, timezone = self.hours()
        cost = self.string("cost")
        if cost is not None and cost not in self.vocab.costs:
            self.vocabulary("cost", "costs", [cost])
            cost = None
        self.charges(kind, {"phone": phone, "text": text}, countries, cost)
        languages = self.languages()
        audiences = self.vocabulary("audiences", "audiences", self.strings("audiences"))
        topics = self.vocabulary("topics", "topics", self.strings("topics"))
        platform = self.string("platform")
        handle = self.string("handle")
        if platform is not None and platform not in self.vocab.platforms:
            self.vocabulary("platform", "platforms", [platform])
            platform = None
        if kind == RECOVERY and self.missing("platform"):
            self.error("platform", f"is required for a recovery-account; say where it is published, e.g. 'platform: podcast' (one of {', '.join(self.vocab.platforms)})")
        if kind not in (None, RECOVERY):
            for name in ("platform", "handle"):
                if name in data:
                    self.warn(name, "is only used for recovery-account entries; remove it, or change kind to recovery-account")
        status = self.string("status") or "active"
        if status not in self.vocab.statuses:
            self.vocabulary("status", "statuses", [status])
            status = "active"
        last_reviewed = self.review_date()

        if title is None or kind is None or summary is None:
            return None
        return Entry(
            source=self.path, slug=slug, title=title, kind=kind, summary=summary, url=url,
            countries=countries, regions=regions, locations=locations, channels=channels,
            phone=phone, text=text, text_keyword=text_keyword, chat_url=chat_url, email=email,
            hours=hours_value, timezone=timezone, cost=cost, languages=languages or ["en"],
            audiences=audiences, topics=topics, platform=platform, handle=handle, status=status,
            last_reviewed=last_reviewed,
            phone_href=phones.href(phone, countries) if phone else None,
            text_href=phones.href(text, countries) if text else None,
            hours_text=hours_mod.describe(hours_value),
            week=hours_mod.week_for_browser(hours_value, timezone),
            lines=dict(self.key_lines),
        )

    def charges(self, kind: str | None, numbers: dict[str, str | None], countries: list[str], cost: str | None) -> None:
        """A crisis line must never cost a premium rate; a shared-cost number is free only from some phones."""
        for name, number in numbers.items():
            charge = phones.charge(number, countries) if number else None
            if charge == "premium-rate" and kind == CRISIS:
                self.error(name, f"'{number}' is a premium-rate number, which costs the caller a high rate; a crisis line must give a number people can call at no or ordinary cost, so check the service's own page for it")
            elif charge == "shared-cost" and cost == "free":
                self.warn(name, f"'{number}' is a shared-cost number, free from some phones but charged from others; say which in the description, or change 'cost: free' to what callers pay")

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
            self.error("countries", f"'{value}' is not an ISO 3166-1 alpha-2 country code; {hint}use two letters, e.g. GB, IE, US, or 'worldwide'")
        if "worldwide" in good and len(good) > 1:
            self.warn("countries", "'worldwide' already covers every country; write 'countries: [worldwide]' alone")
        return good

    def regions(self, countries: list[str]) -> list[str]:
        good = []
        for value in self.strings("regions"):
            code = value.upper()
            sub = pycountry.subdivisions.get(code=code)
            if sub is None:
                self.error("regions", f"'{value}' is not an ISO 3166-2 region code; use the country code, a hyphen and the region, e.g. GB-WLS for Wales, US-CA for California")
                continue
            if countries and "worldwide" not in countries and sub.country_code not in countries:
                self.error("regions", f"'{code}' ({sub.name}) is in {sub.country_code}, which is not in countries; add {sub.country_code} to countries or remove the region")
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
            try:
                found = pycountry.languages.lookup(value)
            except LookupError:
                pass
            hint = f"did you mean '{found.alpha_2}'? " if found is not None and hasattr(found, "alpha_2") else ""
            self.error("languages", f"'{value}' is not an ISO 639-1 language code; {hint}use two letters, e.g. en, cy, ga, fr")
        return good

    def number(self, name: str, countries: list[str]) -> str | None:
        value = self.string(name)
        if value is None:
            return None
        if not re.fullmatch(r"[+\d][\d ()\-.]*", value):
            self.error(name, f"'{value}' should hold only the digits people dial (spaces allowed), e.g. '{name}: \"116 123\"'; put any words in the description")
            return None
        if not countries:
            return value  # countries has its own error
        if "worldwide" in countries and not value.startswith("+"):
            self.error(name, f"'{value}' is given for a worldwide service, so write it in international form, e.g. '+44 116 123'")
            return None
        if not phones.valid_regions(value, countries):
            where = ", ".join(c for c in countries if c != "worldwide") or "any country"
            self.error(name, f"'{value}' is not a valid number in {where}; write it as people there dial it, e.g. '116 123' or '0800 58 58 58', or in international form starting with +")
            return None
        return value

    def hours(self) -> tuple[str | None, str | None]:
        value = self.string("hours")
        timezone = self.string("timezone")
        if value is not None:
            reason = hours_mod.parse_error(value)
            if reason:
                self.error("hours", f"'{value}' is not in opening_hours form ({reason.replace('Failed to parse expression:', '').strip() or 'syntax error'}); write '24/7' or days then times, e.g. 'Mo-Fr 09:00-18:00; Sa 10:00-14:00'")
                value = None
        if timezone is not None and hours_mod.timezone_error(timezone):
            guess = hours_mod.closest_timezone(timezone)
            hint = f"did you mean '{guess}'? " if guess else ""
            self.error("timezone", f"'{timezone}' is not a known IANA time zone; {hint}e.g. Europe/London, America/New_York, Australia/Sydney")
            timezone = None
        elif value is not None and value != hours_mod.ALWAYS and timezone is None and "timezone" not in self.data:
            self.problems.append(Problem(self.path, self.line("hours"), "timezone", "is required when hours is not 24/7, so that times can be read in the service's own zone; add e.g. 'timezone: Europe/London'", ERROR))
        return value, timezone

    def review_date(self) -> date | None:
        raw = self.data.get("last_reviewed")
        if raw is None:
            return None
        value = str(raw).strip()
        example = f"e.g. 'last_reviewed: {self.today.isoformat()}'"
        if not DATE.match(value):
            self.error("last_reviewed", f"'{value}' is not a date in YYYY-MM-DD form; {example}")
            return None
        try:
            reviewed = date.fromisoformat(value)
        except ValueError:
            self.error("last_reviewed", f"'{value}' is not a real date (check the month and day); {example}")
            return None
        if reviewed > self.today:
            self.error("last_reviewed", f"{value} is in the future; give the date a person last checked the details, {example}")
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


def _country_guess(value: str) -> str | None:
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None


def check_fields(data: dict, key_lines: dict[str, int], path: str, slug: str, vocab: Vocabularies, today: date,
                 allow_private: bool = False) -> tuple[Entry | None, list[Problem]]:
    """Check one entry's fields; return the Entry (None when unusable) and its problems."""
    checker = _Checker(data, key_lines, path, vocab, today, allow_private)
    entry = checker.run(slug)
    return entry, checker.problems
