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
middle, so a number is always whole. Pure functions.

A local build does not know the site's public address, so it has no link to
give: its message ends after the hours and cost, with no "Details:" line
(a bare path such as "s/k3x7q.html" would lead nowhere on someone's phone).
"""

from __future__ import annotations

import re

from entries.safe_text import one_line

LIMIT = 280

# Shorter words for the costs in data/vocabularies.yaml
COST_SHORT = {"free": "Free", "low-cost": "Low cost", "mixed": "Part free, part paid", "paid": "Paid"}
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
    {"\u2013": "-", "\u2014": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u00a0": " "}
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


def human_join(parts: list[str]) -> str:
    """'a, b or c'; 'a, then b, or c' when a part has a comma of its own, so that the last 'or' is not read into it."""
    if len(parts) <= 1:
        return "".join(parts)
    last = ", or " if any("," in part for part in parts[:-1]) else " or "
    return ", ".join(parts[:-1]) + last + parts[-1]


def contact_parts(entry) -> list[tuple[str, str]]:
    """(name, words) for each way to get in touch, in the order they are said."""
    parts: list[tuple[str, str]] = []
    if entry.phone and entry.text and entry.phone == entry.text and not entry.text_keyword and not entry.phone_option:
        parts.append(("phone", f"call or text {entry.phone}"))
    else:
        if entry.phone:
            parts.append(("phone", f"call {entry.phone_words}"))  # "call 988, then press 1"
        if entry.text:
            keyword = f"{entry.text_keyword} to " if entry.text_keyword else ""
            parts.append(("text", f"text {keyword}{entry.text}"))
    if entry.chat_url:
        parts.append(("chat", "chat online"))
    if entry.email:
        parts.append(("email", f"email {entry.email}"))
    if entry.url and not (entry.phone or entry.text):
        parts.append(("website", f"visit {entry.url}"))
    return parts


def short_hours(hours: str | None, hours_text: str | None) -> str | None:
    """Opening hours in few words: '24/7', 'Mon-Thu 18:00-23:00; Fri 18:00-02:00'."""
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


def hours_sentence(entry, brief: bool) -> str | None:
    """'Open 24 hours a day, every day' or, brief, 'Open 24/7'; with the time zone when it matters."""
    hours = entry.opening_hours
    if hours is None:
        return None
    if brief:
        words = short_hours(hours.text, hours.words)
    else:
        words = hours.words
        if words.startswith("Every day"):
            words = "every" + words[len("Every") :]
    sentence = f"Open {words}" if hours.described else f"Hours: {words}"  # else the hours as written
    if entry.timezone and not hours.always:
        zone = entry.timezone.rsplit("/", 1)[-1].replace("_", " ") if brief else entry.timezone
        sentence += f" ({zone} time)"
    return sentence


def cost_sentence(entry, costs: dict[str, str], brief: bool) -> str | None:
    if not entry.cost:
        return None
    if brief:
        return COST_SHORT.get(entry.cost, costs.get(entry.cost, entry.cost))
    label = costs.get(entry.cost, entry.cost)
    return f"Cost: {label[:1].lower()}{label[1:]}"


def compose(entry, link: str | None, costs: dict[str, str], brief: bool = False, leave_out=()) -> str:
    """The message with the given wording, leaving out the named parts; no "Details:" line without a link."""
    lines = [entry.title.strip()]
    ways = [words for name, words in contact_parts(entry) if name not in leave_out]
    if ways:
        sentence = human_join(ways)
        lines.append(sentence[:1].upper() + sentence[1:])
    when = [
        sentence
        for name, sentence in (("hours", hours_sentence(entry, brief)), ("cost", cost_sentence(entry, costs, brief)))
        if sentence and name not in leave_out
    ]
    if when:
        lines.append(". ".join(when) + ".")
    if link:
        lines.append(f"Details: {link}")
    # Each line is made of single-line values: a line break inside a value (a
    # title such as "Helpline\nCall 0906...") can never add a line of its own.
    return plain("\n".join(one_line(line) for line in lines))


def message(entry, link: str | None, costs: dict[str, str], limit: int = LIMIT) -> str | None:
    """The signposting message for ``entry``, or None when the service cannot be contacted.

    ``link`` is the entry's short link, the full address (None when the site's
    address is not known: the message then has no link); ``costs`` the cost
    labels (vocabularies' costs).
    """
    if not contactable(entry):
        return None
    text = compose(entry, link, costs)
    if len(text) <= limit:
        return text
    leave_out: list[str] = []
    text = compose(entry, link, costs, brief=True)
    for part in DROP_ORDER:
        if len(text) <= limit:
            break
        leave_out.append(part)
        text = compose(entry, link, costs, brief=True, leave_out=leave_out)
    return text
