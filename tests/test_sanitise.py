"""Raw HTML in an entry body never reaches a page unsanitised."""

from __future__ import annotations

import pytest
from entries.sanitise import sanitise_body

ATTACKS = [
    ("<script>alert(1)</script>", "<script", "<script>"),
    ("<style>body{display:none}</style>", "<style", "<style>"),
    ('<iframe src="https://example.org/"></iframe>', "<iframe", "<iframe>"),
    ('<form action="https://example.org/"><input name=x></form>', "<form", "<form>"),
    ('<img src="x" onerror="alert(1)">', "onerror", "onerror"),
    ('<p onclick="alert(1)">hi</p>', "onclick", "onclick"),
    ("[click](javascript:alert(1))", "javascript:", "javascript:"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript:", "javascript:"),
]


@pytest.mark.parametrize("body, forbidden, reported", ATTACKS)
def test_dangerous_markup_is_removed_and_reported(body, forbidden, reported):
    html, problems = sanitise_body(f"Intro line.\n\n{body}\n", "content/x.md", 10)
    assert forbidden not in html.lower()
    assert problems, "each removal must be reported"
    assert all(p.severity == "warning" and p.path == "content/x.md" and p.field == "body" for p in problems)
    assert any(reported in p.message for p in problems)
    assert problems[0].line == 12  # the line of the markup in the file


def test_plain_markdown_survives():
    html, problems = sanitise_body("Some **bold** text and a [link](https://example.org/).\n\n- one\n- two\n", "x.md", 1)
    assert problems == []
    assert "<strong>bold</strong>" in html and "<li>one</li>" in html
    assert 'href="https://example.org/"' in html
    assert 'rel="noopener noreferrer"' in html and 'referrerpolicy="no-referrer"' in html


def test_internal_links_keep_pelicans_filename_syntax():
    html, _ = sanitise_body("[Sam]({filename}/crisis-helpline/samaritans.md)", "x.md", 1)
    assert 'href="{filename}/crisis-helpline/samaritans.md"' in html


def test_bodies_are_commonmark_as_in_a_pull_requests_preview():
    """A list inside a list item, indented to line up with the item's text, is a list (as on GitHub), not text."""
    body = "1. **Say where to turn:**\n   - Samaritans on 116 123\n   - Shout: text 85258\n2. Follow up.\n"
    html, problems = sanitise_body(body, "x.md", 1)
    assert problems == []
    assert "<ol>\n<li><strong>Say where to turn:</strong>\n<ul>\n<li>Samaritans on 116 123</li>" in html
    assert "- Samaritans" not in html
    table, _ = sanitise_body("| Day | Hours |\n|---|---|\n| Monday | 9 to 5 |\n", "x.md", 1)
    assert "<td>Monday</td>" in table


def test_an_aligned_table_is_no_warning_and_a_bare_address_stays_text():
    """Column alignment is layout, not something removed for safety; addresses are linked only when written as links."""
    table, problems = sanitise_body("| Day | Hours |\n|:---|---:|\n| Monday | 9 to 5 |\n", "x.md", 1)
    assert problems == [] and "<td>Monday</td>" in table
    text, problems = sanitise_body("Visit https://www.samaritans.org/ or [the site](https://www.samaritans.org/).\n", "x.md", 1)
    assert problems == []
    assert text.count("<a ") == 1 and "Visit https://www.samaritans.org/ or" in text


def test_body_problems_and_links_are_at_the_line_they_are_written_on(vocab):
    """cmark's source positions place each finding; the same text earlier in the body does not mislead it."""
    from conftest import TODAY
    from entries.check import read_entry
    from entries.links import entry_links

    body = (
        "We mention onclick and https://exаmple.org/ in prose first.\n"  # line 12: words only, no link
        "\n"
        "A paragraph that runs\n"
        "over two lines, then [a link](https://exаmple.org/) on the second.\n"  # line 15
        "\n"
        "- item\n"
        '- <b onclick="x">bold</b> item\n'  # line 18
        "\n"
        "<div>\n"
        '<a href="https://example.org/twice">one</a>\n'  # line 21
        "</div>\n"
        "\n"
        "And [again](https://example.org/twice).\n"  # line 24
    )
    text = (
        "---\ntitle: Lines\nkind: peer-community\nsummary: s\nurl: https://example.org/lines\ncountries: [GB]\n"
        "channels: [chat]\nchat_url: https://example.org/lines/chat\n---\n\n\n" + body
    )
    entry, problems = read_entry(text.encode(), "x.md", "lines", vocab, TODAY)
    found = {(p.line, p.message.split(" ")[0]) for p in problems if p.field == "body"}
    assert (15, "the") in found  # the look-alike domain's warning, not line 12
    assert any(p.line == 18 and "onclick" in p.message for p in problems)
    assert [(link.url, link.line) for link in entry_links(entry) if link.field == "body"] == [
        ("https://ex%D0%B0mple.org/", 15),
        ("https://example.org/twice", 21),
        ("https://example.org/twice", 24),
    ]
