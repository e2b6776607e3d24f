"""/data/hsds/services.json: the entries as Open Referral HSDS 3.0 services (docs/data.md).

The file is one array that validates against HSDS's compiled
``service_package.json``: each item a service with its organization, phones,
schedules, service areas and languages embedded, as HSDS asks publishers to do.
Practitioner tips are guidance, not services, so they are left out. Signpost
records services, not the organisations that run them, so each service's
organization is described from the entry itself (its name and website).
"""

from __future__ import annotations

import phonenumbers
from entries.places import country_name, language_name

from . import ids
from .addresses import as_uri
from .areas import areas

# Signpost status -> HSDS service status
STATUS = {"active": "active", "closed": "inactive", "temporarily-closed": "temporarily closed"}
ALERT = {
    "closed": "This service has closed. Its details are kept for the record only: nobody answers them now.",
    "temporarily-closed": "This service is temporarily closed. Check its website before you rely on it.",
}


def _names(codes) -> str:
    names = [country_name(c) for c in codes]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _phone(entry, service_id: str, kind: str, number, description: str) -> dict:
    """The number (an entries.phones.PhoneNumber) in international form when it can be dialled from
    abroad; otherwise as written, saying where it can be dialled: a full number only in its own
    country (Australia's 13 11 14), a short code in the entry's countries where it is valid."""
    if number.home:
        at_home = number.written  # as the entry writes it, unless in international form
        if at_home.startswith("+"):
            at_home = phonenumbers.format_number(phonenumbers.parse(number.e164), phonenumbers.PhoneNumberFormat.NATIONAL)
        description += f" Within {country_name(number.home)} it is dialled as {at_home}."
        if not number.international:
            description += " It cannot be dialled from abroad."
    elif number.regions:
        description += f" A short number: it can be dialled as written only within {_names(number.regions)}."
    return {
        "id": ids.uuid_for("phone", entry.slug, kind),
        "service_id": service_id,
        "number": number.international or number.written,
        "type": kind,
        "description": description,
    }


def phones(entry, service_id: str) -> list[dict]:
    """HSDS phone records: type 'voice' for calls, 'text' for SMS (RFC 6350 types).

    A key to press once through (988, then 1) goes in the description: HSDS's ``extension``
    is a number for an extension, not a key such as * or #, and a directory that dials
    the number alone would reach another service.
    """
    found = []
    if entry.phone_number:
        call = f"Call this number, then press {entry.phone_option}." if entry.phone_option else "Call this number."
        found.append(_phone(entry, service_id, "voice", entry.phone_number, call))
    if entry.text_number:
        start = f" Start by sending the word {entry.text_keyword}." if entry.text_keyword else ""
        found.append(_phone(entry, service_id, "text", entry.text_number, f"Send a text message (SMS) to this number.{start}"))
    return found


def schedules(entry, service_id: str) -> list[dict]:
    """HSDS schedules (weekly RRULE parts) from the entry's opening_hours; words only when the form is not weekly."""
    if not entry.opening_hours:
        return []
    where = f"Times are local time in {entry.timezone}." if entry.timezone else "Times are local time where the service is."
    week = entry.opening_hours.weekly
    if week is None:
        return [
            {
                "id": ids.uuid_for("schedule", entry.slug, "as-written"),
                "service_id": service_id,
                "description": entry.hours_text or entry.hours,
                "notes": f"Opening hours as written in the directory (OpenStreetMap opening_hours): {entry.hours}. {where}",
            }
        ]
    records = []
    for opening in week.openings:
        notes = [] if week.always else [where]
        if opening.past_midnight:
            notes.append(f"Closes at {opening.closes} the next day.")
        if week.holidays_differ:
            notes.append(f"Hours on public holidays differ: {entry.hours_text or entry.hours}.")
        byday = ",".join(day.upper() for day in opening.days)
        record = {
            "id": ids.uuid_for("schedule", entry.slug, byday, f"{opening.opens}-{opening.closes}"),
            "service_id": service_id,
            "freq": "WEEKLY",
            "byday": byday,
            "opens_at": opening.opens,
            "closes_at": opening.closes,
            "description": opening.words,
        }
        if notes:
            record["notes"] = " ".join(notes)
        records.append(record)
    return records


def service_areas(entry, service_id: str) -> list[dict]:
    return [
        {
            "id": ids.uuid_for("service-area", entry.slug, area.code),
            "service_id": service_id,
            "name": area.name,
            "description": area.description,
            "extent": area.code,
            "extent_type": "text",
        }
        for area in areas(entry)
    ]


def languages(entry, service_id: str) -> list[dict]:
    return [
        {"id": ids.uuid_for("language", entry.slug, code), "service_id": service_id, "name": language_name(code), "code": code}
        for code in entry.languages
    ]


def organization(entry) -> dict:
    record = {"id": ids.organization_id(entry.slug), "name": entry.title, "description": entry.summary}
    if entry.url:
        record["website"] = as_uri(entry.url)
    return record


def service(entry, vocab) -> dict:
    """One entry as an HSDS service; optional text fields are left out rather than null (HSDS types them as strings)."""
    service_id = ids.entry_id(entry.slug)
    record = {
        "id": service_id,
        "organization_id": ids.organization_id(entry.slug),
        "name": entry.title,
        "description": entry.summary,
        "status": STATUS.get(entry.status, "active"),
        "organization": organization(entry),
        "phones": phones(entry, service_id),
        "schedules": schedules(entry, service_id),
        "service_areas": service_areas(entry, service_id),
        "languages": languages(entry, service_id),
    }
    if entry.url:
        record["url"] = as_uri(entry.url)
    if entry.email:
        record["email"] = entry.email
    if entry.cost:
        record["fees_description"] = vocab.label("costs", entry.cost)
    if entry.audiences:
        record["eligibility_description"] = "Who it is for: " + "; ".join(vocab.label("audiences", a) for a in entry.audiences) + "."
    if entry.last_reviewed:
        record["assured_date"] = entry.last_reviewed.isoformat()
    if entry.status in ALERT:
        record["alert"] = ALERT[entry.status]
    return record


def services(entries, vocab) -> list[dict]:
    """Every entry but practitioner tips, ordered by slug."""
    return [service(e, vocab) for e in sorted(entries, key=lambda e: e.slug) if not e.is_tip]
