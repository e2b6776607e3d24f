"""Checks across entries: the same slug, web address, number or (nearly) title as another entry.

A slug or a web address shared with another entry is an error; a shared number
or a very similar title is a warning, since two services can share a short
code or a name and still differ. With ``changed``, only problems involving
those entries are reported, but every entry is compared.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from .model import Entry
from .problems import WARNING, Problem

# Query parameters that only track where a visitor came from
TRACKING = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ref_src", "_ga", "si")


def _tracking(name: str) -> bool:
    name = name.lower()
    return any(name == t or (t.endswith("_") and name.startswith(t)) for t in TRACKING)


def normalise_url(url: str) -> str:
    """The parts of a URL that decide whether two entries point at the same place.

    Ignores the scheme, a leading www., a trailing slash, the fragment and
    tracking parameters (utm_*, fbclid, ...); keeps other query parameters, sorted.
    """
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k)))
    return f"{host}{port}{path}" + (f"?{query}" if query else "")


def number_keys(entry: Entry, field: str) -> set[str]:
    """E.164 for a full number (its tel: target starts with +); for a short code, the code in each of the entry's countries.

    A phone number with a key to press (phone_option) is a number of its own: 988 then 1 is
    not 988, so the key follows the number ('US:988 then 1').
    """
    number = entry.phone_number if field == "phone" else entry.text_number
    if number is None:
        return set()
    then = f" then {entry.phone_option}" if field == "phone" and entry.phone_option else ""
    if number.e164:  # a full number, also one dialled only at home (tel:131114): 13 11 14 and +61 13 11 14 are one
        return {number.e164 + then}
    digits = "".join(ch for ch in number.written if ch.isdigit())
    return {f"{country}:{digits}{then}" for country in entry.countries}


def _report(entry, other, changed) -> bool:
    return changed is None or entry.source in changed


def duplicates(entries: list[Entry], changed: set[str] | None = None, titles=None) -> list[Problem]:
    """Problems for entries that repeat another's slug, URL, number or title.

    ``changed``: the sources to report on (None: all, each repeat reported on the later file).
    ``titles``: a function giving pairs of similar titles, (i, j) indexes into ``entries``; None skips titles.
    """
    entries = sorted(entries, key=lambda e: e.source)
    problems = []

    def pair(first, second, make):
        # report on the later file; with --changed, on whichever side changed
        for entry, other in ((second, first), (first, second)):
            if _report(entry, other, changed):
                problems.append(make(entry, other))
                return

    seen_slug: dict[str, Entry] = {}
    seen_url: dict[str, Entry] = {}
    seen_number: dict[str, Entry] = {}
    for entry in entries:
        first = seen_slug.setdefault(entry.slug, entry)
        if first is not entry:
            pair(
                first,
                entry,
                lambda e, o: Problem(
                    e.source,
                    1,
                    "slug",
                    f"the file name gives the slug '{e.slug}', which {o.source} also uses; rename this file, e.g. '{e.slug}-{e.countries[0].lower() if e.countries else '2'}.md'",
                    code="duplicate-slug",
                ),
            )
        for field in ("url", "chat_url"):
            value = getattr(entry, field)
            if not value:
                continue
            first = seen_url.setdefault(normalise_url(value), entry)
            if first is not entry:
                pair(
                    first,
                    entry,
                    lambda e, o, field=field: Problem(
                        e.source,
                        e.line_of(field),
                        field,
                        f"'{getattr(e, field)}' is already listed by {o.source}; correct that entry instead of adding a second one, or give this entry its own page's address, e.g. 'url: https://example.org/this-service'",
                        code="duplicate-url",
                    ),
                )
        keys = number_keys(entry, "phone") | number_keys(entry, "text")
        for key in sorted(keys):
            first = seen_number.setdefault(key, entry)
            if first is not entry and first.source != entry.source:
                field = "phone" if key in number_keys(entry, "phone") else "text"
                pair(
                    first,
                    entry,
                    lambda e, o, field=field: Problem(
                        e.source,
                        e.line_of(field),
                        field,
                        f"has the same number as {o.source} ({o.title}); if it is the same service, correct that entry instead, e.g. add this one's details to it",
                        WARNING,
                        code="duplicate-number",
                    ),
                )
                break
    if titles is not None:
        for i, j in titles([e.title for e in entries]):
            first, second = entries[min(i, j)], entries[max(i, j)]
            pair(
                first,
                second,
                lambda e, o: Problem(
                    e.source,
                    e.line_of("title"),
                    "title",
                    f"'{e.title}' is very like the title of {o.source} ('{o.title}'); if it is the same service, correct that entry instead, or make the title say how they differ, e.g. '{e.title} ({', '.join(e.countries) or 'region'})'",
                    WARNING,
                    code="duplicate-title",
                ),
            )
    return problems
