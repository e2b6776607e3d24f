"""Who to call now: emergency numbers (data/emergency_numbers.yaml) and the crisis lines open 24/7.

Shared by the Get help now page (directory_pages) and the search page's "no
results" help (search_index), so it lives in the core. Pure functions.
"""

from __future__ import annotations

from pathlib import Path

import yaml


def sort_key(entry) -> tuple:
    return (entry.is_closed, entry.title.casefold(), entry.slug)


def listed(entries) -> list:
    """Entries in display order."""
    return sorted(entries, key=sort_key)


def load_emergency_numbers(path: str | Path | None) -> dict[str, list[dict]]:
    if not path or not Path(path).exists():
        return {}
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return {str(code): [dict(item) for item in items] for code, items in data.items()}


def crisis_lines(entries, country: str) -> list:
    """Crisis helplines open 24/7, open now (not closed or paused), reaching ``country``.

    ``country`` may be "worldwide" for the lines that serve everyone.
    """
    chosen = []
    for entry in entries:
        if entry.kind != "crisis-helpline" or not entry.is_24_7 or entry.status != "active":
            continue
        if not (entry.phone or entry.text or entry.chat_url):
            continue
        if country == "worldwide":
            if entry.worldwide:
                chosen.append(entry)
        elif country in entry.countries:
            chosen.append(entry)
    return listed(chosen)


# -- Get help now, one page per country (issue 16) -------------------------------------------

# Audiences that say someone's age or role, not a group the line is only for. A line for adults
# (and perhaps these others) is for everyone; any other audience (first-nations, lgbtq, men,
# veterans, older-people, a new one...) makes it a line for that group, even if it also lists adults:
# 13YARN lists [first-nations, adults, young-people] and is for First Nations people.
AGES_AND_ROLES = {"adults", "young-people", "children", "students", "carers", "parents"}


def groups_of(entry) -> list[str]:
    """The audiences a line is only for (the ones that are not an age or a role), in its order."""
    return [a for a in entry.audiences if a not in AGES_AND_ROLES]


def is_for_everyone(entry, country: str) -> bool:
    """For everyone in the whole country: no region of it, no age limit, and its audiences
    (if any) include adults and name no group. Otherwise the line is for a group or a region."""
    if any(region.startswith(country + "-") for region in entry.regions):
        return False
    if entry.ages:
        return False
    return not entry.audiences or ("adults" in entry.audiences and not groups_of(entry))


def rank(entry, country: str) -> int:
    """1: for everyone, nationwide, open 24/7; 2: for everyone with limited or unlisted hours;
    3: for a group (young people, veterans, LGBTQ+) or a region."""
    if not is_for_everyone(entry, country):
        return 3
    return 1 if entry.is_24_7 else 2


def rank_anywhere(entry) -> int:
    """``rank`` with no country chosen: 1 for a line for everyone in its whole country (no region,
    no age limit, no group), open 24/7; 2 with other hours; 3 for a group or a region."""
    if entry.regions or entry.ages or (entry.audiences and ("adults" not in entry.audiences or groups_of(entry))):
        return 3
    return 1 if entry.is_24_7 else 2


def help_lines(entries, country: str) -> list:
    """The crisis lines open now (not closed or paused) that reach ``country`` ("worldwide" for
    the lines that serve everyone), whatever their hours, the right line first (``rank``)."""
    chosen = []
    for entry in entries:
        if entry.kind != "crisis-helpline" or entry.status != "active":
            continue
        if not (entry.phone or entry.text or entry.chat_url):
            continue
        if (country == "worldwide" and entry.worldwide) or (country != "worldwide" and country in entry.countries):
            chosen.append(entry)
    return sorted(chosen, key=lambda e: (rank(e, country), *sort_key(e)))


def _lower_first(label: str) -> str:
    """'Veterans and service personnel' -> 'veterans and service personnel'; 'LGBTQ+ people' and
    'First Nations and Indigenous people' (names, capitalised past the first word) stay."""
    words = label.split()
    if len(label) < 2 or not label[1].islower() or any(word[:1].isupper() for word in words[1:]):
        return label
    return label[0].lower() + label[1:]


# The words below are messages of the interface's catalogs (babel.cfg reads this file): each function
# takes the page's ``_`` (its catalog's gettext; by default the English itself).


def _english(text: str) -> str:
    return text


def _words(items: list[str], _=_english) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def scope_labels(entry, country: str, audience_label, region_name, language_name, _=_english) -> list[str]:
    """The line's scope in words: 'Wales only', 'under 19', 'veterans and service personnel',
    'in English and French'. The label functions come from the caller (vocabulary and places)."""
    labels = []
    regions = [r for r in entry.regions if r.startswith(country + "-")]
    if regions:
        labels.append(_("%(regions)s only") % {"regions": _words([region_name(r) for r in regions], _)})
    if entry.ages:
        labels.append(entry.ages)
    if groups_of(entry):
        labels.append(_words([_lower_first(audience_label(a)) for a in groups_of(entry)], _))
    elif entry.audiences and "adults" not in entry.audiences:
        labels.append(_words([_lower_first(audience_label(a)) for a in entry.audiences], _))
    if entry.languages and (entry.languages != ["en"] or country == "worldwide"):
        labels.append(_("in %(languages)s") % {"languages": _words([language_name(code) for code in entry.languages], _)})
    return labels


def from_abroad(entry, _=_english) -> tuple[str, str | None]:
    """Whether the line can be reached from another country: (words, international form or None).

    A short code cannot; a full number can when its entry says so (``from_abroad: true``), and
    otherwise may not. The phone number decides, or the text number for a line with no phone."""
    number = entry.phone_number or entry.text_number
    if number is None:
        return ("", None)
    if number.kind == "short":
        return (_("Cannot be called from abroad") if entry.phone_number else _("Cannot be texted from abroad"), None)
    if entry.from_abroad:
        return (_("From abroad"), number.international)
    return (_("May not work from abroad"), number.international)


def load_data_file(path: str | Path | None) -> dict:
    """A small YAML data file (data/directories.yaml, data/without_speaking.yaml); {} when absent."""
    if not path or not Path(path).exists():
        return {}
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
