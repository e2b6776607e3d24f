"""The signposting message: a short plain-text note to paste into a text message or a direct message.

    Samaritans
    Call 116 123 or email jo@samaritans.org
    Open 24 hours a day, every day. Cost: free.
    Details: https://signpost.example.org/s/k3x7q.html

A number other services share says the key to press: "Call 988, then press 1,
or text 838255".

Name, how to get in touch, hours, cost and the short link, at most ``LIMIT``
characters when possible. To fit, the hours and cost are first said more
briefly ("Open 24/7. Free."), then the least needed parts are left out one at
a time (website, email, web chat, cost, hours). The name, the phone and text
numbers and the link are never left out, and nothing is ever cut in the
middle, so a number is always whole; only when the name, the numbers and the
link alone are too long is the name shortened at a word ("..."), so the limit
always holds. Pure functions.

In the client's language, which need not be the page's: the words come from
that language's catalog (``Words``, words.py), the name from the entry's
translation when it has one (Entry.in_language), and the link leads to the
entry's page in that language (fr/s/k3x7q.html). Every line is put on one line
after the words are filled in, so neither an entry nor a catalog's translation
can add a line of its own.

A local build does not know the site's public address, so it has no link to
give: its message ends after the hours and cost, with no "Details:" line
(a bare path such as "s/k3x7q.html" would lead nowhere on someone's phone).
"""

from __future__ import annotations

import re

from entries.safe_text import one_line

from .words import Words, open_words, sentence, zone_words

ENGLISH = Words()


def _english(text: str) -> str:
    return text


N_ = _english  # marks a text for the catalogs where it is written; it is translated where it is used

LIMIT = 280

# Shorter words for the costs in data/vocabularies.yaml (messages of the catalogs: see words.py)
COST_SHORT = {"free": N_("Free"), "low-cost": N_("Low cost"), "mixed": N_("Part free, part paid"), "paid": N_("Paid")}
DAY_SHORT = {
    "Monday": "Mon",
    "Tuesday": "Tue",
    "Wednesday": "Wed",
    "Thursday": "Thu",
    "Friday": "Fri",
    "Saturday": "Sat",
    "Sunday": "Sun",
    "public holidays": "public hols",
}
_DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_TIME = r"(?:\d{2}:\d{2}|midnight|noon)"
# Parts that may be left out to fit, first to last
DROP_ORDER = ("website", "email", "chat", "cost", "hours")
# Characters that would make a text message use UCS-2 (70 characters a part instead of 160)
PLAIN = str.maketrans(
    {
        "\u2013": "-",
        "\u2014": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2026": "...",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def contactable(entry) -> bool:
    """An open service (not a tip) with at least one way in: phone, text, chat, email or website."""
    return (
        entry.status == "active"
        and entry.kind != "practitioner-tip"
        and any((entry.phone, entry.text, entry.chat_url, entry.email, entry.url))
    )


def plain(text: str) -> str:
    return text.translate(PLAIN)


def human_join(parts: list[str], _=_english) -> str:
    """'a, b or c'; 'a, then b, or c' when a part has a comma of its own, so that the last 'or' is not read into it."""
    if len(parts) <= 1:
        return "".join(parts)
    values = {"first": ", ".join(parts[:-1]), "last": parts[-1]}
    if any("," in part for part in parts[:-1]):
        return _("%(first)s, or %(last)s") % values
    return _("%(first)s or %(last)s") % values


def contact_parts(entry, _=_english) -> list[tuple[str, str]]:
    """(name, words) for each way to get in touch, in the order they are said."""
    parts: list[tuple[str, str]] = []
    if entry.phone and entry.text and entry.phone == entry.text and not entry.text_keyword and not entry.phone_option:
        parts.append(("phone", _("call or text %(number)s") % {"number": entry.phone}))
    else:
        if entry.phone:
            parts.append(("phone", call_words(entry, _)))  # "call 988, then press 1"
        if entry.text:
            parts.append(("text", text_words(entry, _)))
    if entry.chat_url:
        parts.append(("chat", _("chat online")))
    if entry.email:
        parts.append(("email", _("email %(address)s") % {"address": entry.email}))
    if entry.url and not (entry.phone or entry.text):
        parts.append(("website", _("visit %(address)s") % {"address": entry.url}))
    return parts


def call_words(entry, _=_english) -> str:
    """'call 116 123'; 'call 988, then press 1' when other services share the number."""
    if entry.phone_option:
        return _("call %(number)s, then press %(key)s") % {"number": entry.phone, "key": entry.phone_option}
    return _("call %(number)s") % {"number": entry.phone}


def text_words(entry, _=_english) -> str:
    """'text 85258'; 'text SHOUT to 85258' when a keyword starts the conversation."""
    if entry.text_keyword:
        return _("text %(keyword)s to %(number)s") % {"keyword": entry.text_keyword, "number": entry.text}
    return _("text %(number)s") % {"number": entry.text}


def short_hours(hours: str | None, hours_text: str | None) -> str | None:
    """Opening hours in few words: '24/7', 'Mon-Thu 18:00-23:00; Fri 18:00-02:00' (English)."""
    if not hours_text:
        return None
    if (hours or "").strip() == "24/7":
        return "24/7"
    text = hours_text
    for long, short in DAY_SHORT.items():
        text = text.replace(long, short)
    text = re.sub(rf"({_TIME}) to ({_TIME})", r"\1-\2", text)
    text = re.sub(rf"({_DAY}) to ({_DAY})", r"\1-\2", text)
    text = re.sub(r"\b[Ee]very day, ", lambda m: "Daily " if m.group(0)[0] == "E" else "daily ", text)
    return re.sub(rf", (?={_TIME}|closed)", " ", text)


def hours_sentence(entry, brief: bool, words: Words = ENGLISH) -> str | None:
    """'Open 24 hours a day, every day' or, brief, 'Open 24/7'; with the time zone when it matters."""
    hours = entry.opening_hours
    if hours is None:
        return None
    _ = words.gettext
    if words.source:
        if brief:
            said = short_hours(hours.text, hours.words)
        else:
            said = hours.words
            if said.startswith("Every day"):
                said = "every" + said[len("Every") :]
        described = hours.described
        sentence = (_("Open %(hours)s") if described else _("Hours: %(hours)s")) % {"hours": said}  # else the hours as written
    else:
        sentence = open_words(entry, words, brief)
    return sentence + zone_words(entry, words, brief)


def cost_sentence(entry, brief: bool, words: Words = ENGLISH) -> str | None:
    if not entry.cost:
        return None
    _ = words.gettext
    label = words.costs.get(entry.cost, entry.cost)
    if brief:
        return _(COST_SHORT[entry.cost]) if entry.cost in COST_SHORT else label
    return _("Cost: %(cost)s") % {"cost": f"{label[:1].lower()}{label[1:]}"}


def compose(entry, link: str | None, words: Words = ENGLISH, brief: bool = False, leave_out=(), title: str | None = None) -> str:
    """The message with the given wording, leaving out the named parts; no "Details:" line without a link."""
    _ = words.gettext
    lines = [(entry.title if title is None else title).strip()]
    ways = [said for name, said in contact_parts(entry, _) if name not in leave_out]
    if ways:
        lines.append(sentence(human_join(ways, _)))
    when = [
        said
        for name, said in (("hours", hours_sentence(entry, brief, words)), ("cost", cost_sentence(entry, brief, words)))
        if said and name not in leave_out
    ]
    if when:
        lines.append(". ".join(when) + ".")
    if link:
        lines.append(_("Details: %(link)s") % {"link": link})
    # Each line is made of single-line values: a line break inside a value (a
    # title such as "Helpline\nCall 0906...", or a catalog's translation) can
    # never add a line of its own.
    return plain("\n".join(one_line(line) for line in lines))


def shortened(title: str, room: int) -> str:
    """The title cut at a word to ``room`` characters at most, ending in '...'."""
    title = one_line(title)
    if len(title) <= room:
        return title
    cut = title[: max(0, room - 3)]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rfind(" ")]
    return cut.rstrip(" ,;:-") + "..."


def message(entry, link: str | None, words: Words = ENGLISH, limit: int = LIMIT) -> str | None:
    """The signposting message for ``entry`` in ``words``' language, or None when the service cannot be contacted.

    ``entry`` is the entry in that language (Entry.in_language: its translated title); ``link`` its
    short link in that language, the full address (None when the site's address is not known: the
    message then has no link); ``words`` the language's catalog and cost labels.

    At most ``limit`` characters, by construction: when the name, the numbers and the link alone
    are longer, the name is shortened at a word (a number or the link never is). The numbers are
    short (entries.validate checks them; a keyword is one word of at most 20 characters).
    """
    if not contactable(entry):
        return None
    text = compose(entry, link, words)
    if len(text) <= limit:
        return text
    leave_out: list[str] = []
    text = compose(entry, link, words, brief=True)
    for part in DROP_ORDER:
        if len(text) <= limit:
            break
        leave_out.append(part)
        text = compose(entry, link, words, brief=True, leave_out=leave_out)
    if len(text) > limit:
        rest = len(text) - len(one_line(entry.title).strip())
        text = compose(entry, link, words, brief=True, leave_out=leave_out, title=shortened(entry.title, limit - rest))
    return text
