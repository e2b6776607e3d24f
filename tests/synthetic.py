"""Synthetic entries in Signpost's format, for benchmarks and large-corpus tests.

Deterministic: the same N and seed always give the same files. Organisations,
URLs (example.org) and numbers (Ofcom's drama ranges and well-known short
codes) are not real services.
"""

from __future__ import annotations

import random
from pathlib import Path

WORDS = [
    "support",
    "listen",
    "talk",
    "peer",
    "group",
    "community",
    "recovery",
    "hope",
    "family",
    "carers",
    "young",
    "people",
    "night",
    "phone",
    "text",
    "chat",
    "online",
    "forum",
    "meeting",
    "rural",
    "farm",
    "village",
    "town",
    "city",
    "county",
    "coast",
    "island",
    "anxiety",
    "depression",
    "grief",
    "bereavement",
    "loneliness",
    "stress",
    "trauma",
    "voices",
    "psychosis",
    "sleep",
    "money",
    "work",
    "school",
    "student",
    "parent",
    "veteran",
    "men",
    "women",
    "lgbtq",
    "identity",
    "wellbeing",
    "kindness",
    "safety",
    "plan",
    "volunteer",
    "trained",
    "confidential",
    "free",
    "anonymous",
    "weekly",
    "evening",
    "weekend",
    "running",
    "walking",
    "art",
    "music",
    "garden",
    "cooking",
    "writing",
    "sharing",
    "stories",
    "learning",
    "coping",
    "skills",
    "crisis",
    "calm",
    "breathing",
    "routine",
]
PLACES = [
    ("GB", "GB-WLS", "Aberystwyth"),
    ("GB", "GB-SCT", "Inverness"),
    ("GB", "GB-ENG", "Penrith"),
    ("IE", "IE-D", "Dublin"),
    ("US", "US-MT", "Billings"),
    ("CA", "CA-SK", "Regina"),
    ("AU", "AU-NSW", "Dubbo"),
    ("NZ", "NZ-CAN", "Ashburton"),
]
# (countries, number) pairs that pass validation; short codes people really dial, and fictional full numbers
NUMBERS = [("GB", "0808 157 0{:03d}"), ("GB", "020 7946 0{:03d}")]
SHORT = [("[GB, IE]", "116 123"), ("[US, CA]", "988"), ("[NZ]", "1737"), ("[AU]", "13 11 14")]
KINDS = ["crisis-helpline", "peer-community", "recovery-account", "practitioner-tip"]
TOPICS = ["suicide", "loneliness", "bereavement", "anxiety", "depression", "recovery", "stress", "hearing-voices", "ptsd", "money-worries"]
AUDIENCES = ["adults", "young-people", "carers", "lgbtq", "veterans", "farmers", "men", "women", "students"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def entry(i: int, rng: random.Random) -> tuple[str, str]:
    kind = KINDS[i % 4]
    title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} {i}"
    lines = ["---", f"title: {title}", f"kind: {kind}", f"summary: {sentence(rng, 12)}"]
    if kind != "practitioner-tip":
        lines.append(f"url: https://example.org/entry-{i}")
        choice = rng.random()
        if choice < 0.5:
            country, template = NUMBERS[i % 2]
            countries, phone = f"[{country}]", template.format(i % 1000)
        else:
            countries, phone = SHORT[i % 4]
        channels = ["phone"] + rng.sample(["chat", "forum", "email", "in-person", "website"], 2)
        if rng.random() < 0.3:
            place = PLACES[i % len(PLACES)]
            if place[0] in countries:
                lines.append(f"regions: [{place[1]}]")
                lines.append(f"locations: [{place[2]}]")
        lines.insert(5, f"countries: {countries}")
        lines.append(f"channels: [{', '.join(channels)}]")
        lines.append(f'phone: "{phone}"')
        if "chat" in channels:
            lines.append(f"chat_url: https://example.org/entry-{i}/chat")
        if "email" in channels:
            lines.append(f"email: hello{i}@example.org")
        if rng.random() < 0.5:
            lines.append("hours: 24/7")
        else:
            lines.append('hours: "Mo-Fr 09:00-17:00; Sa 10:00-14:00"')
            lines.append("timezone: Europe/London")
        lines.append(f"cost: {rng.choice(['free', 'free', 'low-cost', 'mixed'])}")
        if kind == "recovery-account":
            lines.append(f"platform: {rng.choice(['podcast', 'blog', 'video'])}")
    lines.append(f"audiences: [{', '.join(rng.sample(AUDIENCES, 2))}]")
    lines.append(f"topics: [{', '.join(rng.sample(TOPICS, 2))}]")
    lines.append("---")
    body = "\n\n".join(sentence(rng, rng.randint(25, 60)) for _ in range(3))
    return f"{kind}/synthetic-{i:05d}.md", "\n".join(lines) + "\n" + body + "\n"


def write_corpus(folder: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    for i in range(count):
        relative, text = entry(i, rng)
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder
