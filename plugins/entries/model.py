"""The Entry: one resource, after its front matter has been checked."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from .hours import OpeningHours
from .phones import PhoneNumber

if TYPE_CHECKING:
    from audit.reach import Reach

    from .links import Link


@dataclass
class Translation:
    """An entry's title, summary and description in another language, from its sibling file
    (``kids-help-phone.fr.md`` translates ``kids-help-phone.md``). Contact details are never
    translated: they stay the entry's own."""

    language: str  # its code in data/languages.yaml, e.g. 'fr'
    source: str  # path as shown to contributors, e.g. content/crisis-helpline/kids-help-phone.fr.md
    title: str
    summary: str
    body_html: str = ""
    body_source: str = ""
    awaiting_review: bool = True  # no speaker of the language has checked it yet: pages say so
    lines: dict[str, int] = field(default_factory=dict)  # the line of each field in its file ('body': the first body line)
    body_links: list[tuple[str, int]] = field(default_factory=list)  # (href, file line) of each link in the description


@dataclass
class Entry:
    source: str  # path as shown to contributors, e.g. content/crisis-helpline/samaritans.md
    slug: str
    title: str
    kind: str
    summary: str
    url: str | None = None
    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    phone: str | None = None
    phone_option: str | None = None  # the key to press once through, when the number is shared: "1" after 988
    from_abroad: bool = False  # the service says its phone number can be called from abroad
    text: str | None = None
    text_keyword: str | None = None
    chat_url: str | None = None
    email: str | None = None
    hours: str | None = None
    timezone: str | None = None
    cost: str | None = None
    languages: list[str] = field(default_factory=lambda: ["en"])
    ages: str | None = None  # 'under 19', 'over 60', '12 to 24'
    audiences: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    platform: str | None = None
    handle: str | None = None
    status: str = "active"
    last_reviewed: date | None = None
    sources: list[str] = field(default_factory=list)  # pages where the details can be checked
    confirmed_by: str | None = None  # 'service' when the service itself confirmed its details
    confirmed_on: date | None = None
    # derived when checked: phone, text and hours parsed once, for every later stage
    phone_number: PhoneNumber | None = None
    text_number: PhoneNumber | None = None
    opening_hours: OpeningHours | None = None
    body_html: str = ""
    body_source: str = ""  # the Markdown as written, for finding the line of a link
    body_line: int = 1  # file line of the first body line
    body_links: list[tuple[str, int]] = field(default_factory=list)  # (href, file line) of each link in the description
    links: tuple[Link, ...] | None = None  # every link: url, chat_url and the description's, set when read
    lines: dict[str, int] = field(default_factory=dict)  # the line of each field in the file
    # Worked out by the pipeline (plugins/pipeline/directory.py), once, after the entry is read:
    relative_path: str = ""  # inside the content folder, e.g. crisis-helpline/samaritans.md
    page_url: str = ""  # its page, e.g. crisis-helpline/samaritans.html
    reach: Reach | None = None  # its rural reach and flags (the audit)
    related: list[Entry] = field(default_factory=list)  # up to 3 related entries (the search index)
    translations: dict[str, Translation] = field(default_factory=dict)  # by language code, from NAME.xx.md
    text_language: str = "en"  # the language of title, summary and body_html (see in_language)
    awaiting_review: bool = False  # the text is a translation no speaker of its language has checked yet

    def in_language(self, code: str) -> Entry:
        """The entry as a page in language ``code`` shows it: its translation's title, summary and
        description where it has one (text_language is then ``code``), else its own text as written."""
        translation = self.translations.get(code)
        if translation is None:
            return self
        return replace(
            self,
            title=translation.title,
            summary=translation.summary,
            body_html=translation.body_html,
            text_language=code,
            awaiting_review=translation.awaiting_review,
        )

    @property
    def phone_href(self) -> str | None:
        """The phone number's tel: target."""
        return self.phone_number.href if self.phone_number else None

    @property
    def phone_words(self) -> str | None:
        """The number as people are told to call it: '988, then press 1', or '116 123' alone."""
        if not self.phone:
            return None
        return f"{self.phone}, then press {self.phone_option}" if self.phone_option else self.phone

    @property
    def text_href(self) -> str | None:
        """The text number's sms: target."""
        return self.text_number.href if self.text_number else None

    @property
    def hours_text(self) -> str | None:
        """The hours in plain words, or as written when they have no simple weekly form."""
        return self.opening_hours.words if self.opening_hours else None

    @property
    def week(self) -> str:
        """Open intervals for the browser: "start-end,..." in minutes from Monday 00:00, local time;
        empty for 24/7, or without hours or a time zone."""
        if self.opening_hours is None or not self.timezone:
            return ""
        return self.opening_hours.for_browser

    @property
    def without_broadband(self) -> bool:
        """Reachable by phone or text, so it works without an internet connection."""
        return bool(("phone" in self.channels and self.phone) or ("text" in self.channels and self.text))

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"

    @property
    def is_tip(self) -> bool:
        return self.kind == "practitioner-tip"

    @property
    def is_24_7(self) -> bool:
        return (self.hours or "").strip() == "24/7"

    @property
    def worldwide(self) -> bool:
        return "worldwide" in self.countries

    def line_of(self, name: str) -> int:
        return self.lines.get(name, 1)
