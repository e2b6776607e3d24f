"""schema.org JSON-LD for an entry's page, and the escaping that makes it safe inside <script>.

Services and communities are an Organization with a ContactPoint for each way
to get in touch; recovery accounts are the work they publish (a PodcastSeries,
a Blog, or a CreativeWork); practitioner tips are an Article. A closed entry
gets nothing: its page stays for the record, but no search engine should offer
its number. A temporarily closed one keeps its Organization without contacts.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from entries.places import language_name

from .addresses import as_uri
from .areas import areas

CONTEXT = "https://schema.org"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
DAY_NAMES = {"Mo": "Monday", "Tu": "Tuesday", "We": "Wednesday", "Th": "Thursday", "Fr": "Friday", "Sa": "Saturday", "Su": "Sunday"}
WORKS = {"podcast": "PodcastSeries", "blog": "Blog"}
# What JSON may hold but an HTML <script> element may not: "</script>" or "<!--" would end or
# change it. JSON's \u escapes read back as the same characters.
_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    """``data`` as JSON text that can go verbatim between <script type="application/ld+json"> tags."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for character, escape in _UNSAFE.items():
        text = text.replace(character, escape)
    return text


def hours_available(entry) -> list[dict]:
    week = entry.opening_hours.weekly if entry.opening_hours else None
    if week is None:
        return []
    return [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_NAMES[d] for d in o.days], "opens": o.opens, "closes": o.closes}
        for o in week.openings
    ]


def area_served(entry) -> list:
    served = []
    for area in areas(entry):
        if area.level == "world":
            served.append("Worldwide")
        else:
            served.append(
                {"@type": "Country" if area.level == "country" else "AdministrativeArea", "name": area.name, "identifier": area.code}
            )
    return served


def contact_points(entry) -> list[dict]:
    """One ContactPoint per way in: phone (telephone), text (an sms: link), web chat (its page), email."""
    common = {
        "@type": "ContactPoint",
        "contactType": "crisis line" if entry.kind == "crisis-helpline" else "customer support",
        "availableLanguage": [language_name(code) for code in entry.languages],
    }
    served = area_served(entry)
    if served:
        common["areaServed"] = served
    hours = hours_available(entry)
    if hours:
        common["hoursAvailable"] = hours
    points = []
    if entry.phone_number:
        phone = entry.phone_number
        point = {**common, "name": "Phone", "telephone": phone.international or phone.written}
        if entry.phone_option:  # schema.org's telephone is only the number: the key to press is said in words
            point["description"] = f"Call {entry.phone_words}"
        points.append(point)
    if entry.text_number:
        text = entry.text_number
        body = f"?body={quote(entry.text_keyword)}" if entry.text_keyword else ""
        start = f"Text {entry.text_keyword} to {text.written}" if entry.text_keyword else f"Text {text.written}"
        points.append({**common, "name": "Text message (SMS)", "description": start, "url": f"sms:{text.href}{body}"})
    if entry.chat_url:
        points.append({**common, "name": "Web chat", "url": as_uri(entry.chat_url)})
    if entry.email:
        points.append({**common, "name": "Email", "email": entry.email})
    return points


def _tip(entry, vocab) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "Article",
        "headline": entry.title,
        "description": entry.summary,
        "inLanguage": list(entry.languages),
        "isAccessibleForFree": True,
        "license": LICENCE,
    }
    if entry.audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": vocab.label("audiences", a)} for a in entry.audiences]
    if entry.topics:
        data["keywords"] = [vocab.label("topics", t) for t in entry.topics]
    return data


def _work(entry, vocab) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": WORKS.get(entry.platform or "", "CreativeWork"),
        "name": entry.title,
        "description": entry.summary,
        "inLanguage": list(entry.languages),
    }
    if entry.url:
        data["url"] = as_uri(entry.url)
    if entry.cost in ("free", "paid"):
        data["isAccessibleForFree"] = entry.cost == "free"
    if entry.topics:
        data["keywords"] = [vocab.label("topics", t) for t in entry.topics]
    return data


def _organization(entry) -> dict:
    data = {
        "@context": CONTEXT,
        "@type": "Organization",
        "name": entry.title,
        "description": entry.summary,
        "knowsLanguage": list(entry.languages),
    }
    if entry.url:
        data["url"] = as_uri(entry.url)
    served = area_served(entry)
    if served:
        data["areaServed"] = served
    if entry.locations:
        data["location"] = list(entry.locations)
    if entry.status == "active":
        points = contact_points(entry)
        if points:
            data["contactPoint"] = points
    return data


def for_entry(entry, vocab) -> dict | None:
    """The JSON-LD object for ``entry``'s page, or None when it should have none (closed entries)."""
    if entry.is_closed:
        return None
    if entry.is_tip:
        return _tip(entry, vocab)
    if entry.kind == "recovery-account":
        return _work(entry, vocab)
    return _organization(entry)
