"""Translations of entries: ``kids-help-phone.fr.md``, beside ``kids-help-phone.md``, holds the entry's
title, summary and description in French, and nothing else.

A translation file looks like this::

    ---
    translation_of: kids-help-phone
    title: Jeunesse, J'écoute
    summary: One or two sentences, in French.
    awaiting_review: true
    ---
    The description, in French.

It is read and checked as an entry is (``read_translation``), then given to its entry
(``attach``); the French pages show it (``Entry.in_language``), and the slug stays the entry's.
What a translation may not do, each an error at its file, line and field:

- translate nothing: there must be an entry ``NAME.md`` beside ``NAME.xx.md``, and
  ``translation_of`` must name it (``translation-of-nothing``);
- carry any field but the translated ones: a phone number, an address, opening hours or a kind
  come from the entry alone, so a translation cannot change them (``translation-field``);
- bring a link or a number that the entry does not have: a reader who cannot read the
  translation's language could not tell that ``tel:`` had changed (``translation-contact``).

A translation into a language the site does not publish (data/languages.yaml) is left out, with
a warning (``translation-file``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from . import phones
from .addresses import SPACE_AND_C0
from .check import body_address_problems, body_controls
from .frontmatter import read
from .model import Entry, Translation
from .problems import WARNING, Problem
from .sanitise import sanitise_with_links
from .validate import SUMMARY_MAX

TRANSLATED = ("title", "summary")  # the fields a translation gives; the description is its body
FIELDS = ("translation_of", *TRANSLATED, "awaiting_review")
EXAMPLE = "translation_of: kids-help-phone"
# A number as people write it: digits, perhaps broken by spaces, dots, hyphens or brackets ("1-800-668-6868").
NUMBER = re.compile(r"\d(?:[\d().\- ]*\d)?")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<[a-z]+:[^>]*>")  # a Markdown link's target, an autolink
SHORTEST_NUMBER = 3  # digits: shorter runs are ages, days and hours ("12 to 24", "24/7")


def read_translation(
    raw: bytes,
    shown_path: str,
    slug: str,
    language: str,
    site_languages: tuple[str, ...],
    allow_private: bool = False,
    has_entry: bool = True,
) -> tuple[Translation | None, list[Problem]]:
    """Read and check one translation file on its own: (the Translation, or None; every problem found).

    ``slug``: the entry its file name says it translates (``kids-help-phone`` for
    ``kids-help-phone.fr.md``); ``language``: the code in its name; ``site_languages``: the codes of
    data/languages.yaml, the first being the language entries are written in; ``has_entry``: whether
    ``NAME.md`` is beside it.
    """
    front, problems = read(raw, shown_path)
    if front is None:
        return None, problems

    def problem(name, message, code, severity="error"):
        problems.append(Problem(shown_path, front.line_of(name), name, message, severity, code=code))

    source, *others = site_languages or ("en",)
    if language == source:
        problem(
            "file",
            f"is named as a translation into '{language}', the language entries are written in; put this text in {slug}.md, or name the file after the language it is in",
            "translation-of-nothing",
        )
        return None, problems
    for name in front.data:
        if name not in FIELDS:
            problem(
                name,
                f"a translation holds only {', '.join(FIELDS)} and the description; '{name}' comes from the entry "
                f"{slug}.md, so a translation cannot change it: remove this line (change the entry itself if it is wrong)",
                "translation-field",
            )
    named = front.data.get("translation_of")
    if not has_entry:
        problems.append(of_nothing(shown_path, front.line_of("translation_of"), slug))
    elif named is None:
        problem("translation_of", f"is required; name the entry this translates, e.g. 'translation_of: {slug}'", "required-field")
    elif named != slug:
        problem(
            "translation_of",
            f"names '{_shown(named)}', but the file's name says it translates '{slug}'; a translation is named after its entry "
            f"({slug}.{language}.md beside {slug}.md), so make the two agree",
            "translation-of-nothing",
        )
    values = {}
    for name in TRANSLATED:
        value = front.data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problem(name, f"is required; write the entry's {name} in this language", "required-field")
        elif not isinstance(value, (str, int, float)) or isinstance(value, bool):
            problem(name, f"must be a single line of text; write it as '{name}: some text'", "single-value")
        else:
            values[name] = str(value).strip()
    if len(values.get("summary", "")) > SUMMARY_MAX:
        problem(
            "summary",
            f"is {len(values['summary'])} characters long; shorten it to {SUMMARY_MAX} or fewer (put the detail in the description)",
            "summary-too-long",
        )
    awaiting = front.data.get("awaiting_review", True)
    if not isinstance(awaiting, bool):
        problem(
            "awaiting_review",
            "must be true or false: true until a speaker of the language has checked the translation",
            "single-value",
        )
        awaiting = True
    problems.extend(body_controls(front.body, shown_path, front.body_line))
    html, removed, links = sanitise_with_links(front.body, shown_path, front.body_line)
    problems.extend(removed)
    problems.extend(body_address_problems(links, shown_path, allow_private))
    if language not in others:
        problem(
            "file",
            f"is a translation into '{language}', which is not one of the site's languages (data/languages.yaml), so it is "
            "not published; add the language there (with its catalog) or remove the file",
            "translation-file",
            WARNING,
        )
        return None, problems
    if not has_entry or any(p.severity != WARNING for p in problems) or set(values) != set(TRANSLATED):
        return None, problems
    translation = Translation(
        language=language,
        source=shown_path,
        title=values["title"],
        summary=values["summary"],
        body_html=html,
        body_source=front.body,
        awaiting_review=awaiting,
        lines={**front.key_lines, "body": front.body_line},
        body_links=links,
    )
    return translation, problems


def attach(translation: Translation, entry: Entry) -> list[Problem]:
    """Give ``translation`` to ``entry`` (the entry NAME.md beside it), unless it brings a link or a number the
    entry lacks: those problems are returned."""
    problems = contact_problems(translation, entry)
    if not problems:
        entry.translations[translation.language] = translation
    return problems


def of_nothing(shown_path: str, line: int, slug: str) -> Problem:
    """The error for a translation with no entry NAME.md beside it."""
    return Problem(
        shown_path,
        line,
        "translation_of",
        f"translates '{slug}', but there is no entry {slug}.md beside this file; a translation is named after the entry it "
        "translates and kept in the same folder, so rename or move it (or add the entry first)",
        code="translation-of-nothing",
    )


def contact_problems(translation: Translation, entry: Entry) -> list[Problem]:
    """Every link and every number in the translation must be the entry's own: a translation changes words, never
    where people call, text or go. Numbers are compared as the phone library reads them in the entry's countries,
    so '0808 157 0123' and '+44 808 157 0123' are the same number."""
    problems = []
    countries = [code for code in entry.countries if code != "worldwide"]
    known_links = {_link_key(href, countries) for href, _ in entry.body_links} | {
        _link_key(value, countries) for value in (entry.url, entry.chat_url) if value
    }
    known_links |= {
        f"{scheme}:{key}" for scheme, value in (("tel", entry.phone), ("sms", entry.text)) if value for key in number_keys(value, countries)
    }
    if entry.email:
        known_links.add(_link_key(f"mailto:{entry.email}", countries))
    for href, line in translation.body_links:
        if _link_key(href, countries) not in known_links:
            problems.append(
                Problem(
                    translation.source,
                    line,
                    "body",
                    f"links to '{_shown(href)}', which the entry {entry.slug}.md does not have; a translation may not change where "
                    "people call, text or go: use one of the entry's own links (or add this one to the entry first)",
                    code="translation-contact",
                )
            )
    english = "\n".join(filter(None, [entry.title, entry.summary, entry.body_source, entry.phone, entry.text, entry.hours]))
    known = {key for written in numbers_in(english) for key in number_keys(written, countries)}
    for name, text, line in (
        ("title", translation.title, translation.lines.get("title", 1)),
        ("summary", translation.summary, translation.lines.get("summary", 1)),
        ("body", translation.body_source, translation.lines.get("body", 1)),
    ):
        for offset, text_line in enumerate(text.split("\n")):
            for number in unknown_numbers(LINK_TARGET.sub("", text_line), known, countries):  # links: checked above
                problems.append(
                    Problem(
                        translation.source,
                        line + offset if name == "body" else line,
                        name,
                        f"holds the number {number}, which the entry {entry.slug}.md does not; a translation may not change a "
                        "number people call or text: copy the entry's numbers exactly (or correct the entry first)",
                        code="translation-contact",
                    )
                )
    return problems


def numbers_in(text: str) -> list[str]:
    """The numbers written in ``text`` ('call 1-800-668-6868 or 686868'), each as written and each of its parts
    between spaces ('988 24' gives '988 24', '988' and '24')."""
    found = []
    for match in NUMBER.finditer(text):
        found.extend([match.group(), *match.group().split()])
    return found


def number_keys(written: str, countries: list[str]) -> set[str]:
    """What a number is compared by: its digits alone, and the full number in E.164 as the phone library reads
    it in the entry's countries (so a number written at home and in international form is the same)."""
    digits = re.sub(r"\D", "", written)
    keys = {digits}
    if len(digits) >= SHORTEST_NUMBER and countries:
        e164 = phones.parse(written, countries).e164
        if e164:
            keys.add(e164)
    return keys


def unknown_numbers(text: str, known: set[str], countries: list[str]) -> list[str]:
    """The numbers of three digits or more in ``text`` that the entry does not have (``known``: number_keys of the
    entry's), as written. A number is known when it is one of the entry's, or when each of its parts between
    spaces is (or is shorter than three digits), so '988 24 h sur 24' is 988 and 24, not a new number."""
    unknown = []
    for match in NUMBER.finditer(text):
        written = match.group().strip()
        if len(re.sub(r"\D", "", written)) < SHORTEST_NUMBER or number_keys(written, countries) & known:
            continue
        parts = written.split()
        if len(parts) > 1 and all(len(re.sub(r"\D", "", part)) < SHORTEST_NUMBER or number_keys(part, countries) & known for part in parts):
            continue
        unknown.append(written)
    return unknown


def _link_key(href: str, countries: list[str]) -> str:
    """A link as compared: its target without surrounding space, percent-escapes read, in lower case; for tel: and
    sms:, the number (number_keys), so 'tel:+1-800-668-6868' and 'tel:18006686868' are the same."""
    href = unquote(href.strip(SPACE_AND_C0))
    scheme, colon, rest = href.partition(":")
    if colon and scheme.lower() in ("tel", "sms"):
        keys = number_keys(rest.split("?", 1)[0].split(";", 1)[0], countries)
        return f"{scheme.lower()}:{max(keys, key=lambda key: key.startswith('+'))}"
    return href.rstrip("/").lower()


def _shown(value) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in str(value))
    return text if len(text) <= 80 else text[:77] + "..."
