"""Turn an entry's Markdown body into safe HTML, reporting what was removed.

The body is rendered as CommonMark (the Markdown GitHub shows in a pull
request's preview) with tables, by cmark-gfm (GitHub's own renderer, through
cmarkgfm), then cleaned by nh3 (ammonia): only ordinary text markup survives.
Each dangerous thing found before cleaning
(script, style, iframe, form, event handlers, ``javascript:`` links) becomes a
warning naming the file and line, so the contributor learns it was dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from cmarkgfm.cmark import Options, markdown_to_html_with_extensions

from .problems import WARNING, Problem

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "dl",
    "dt",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}, "abbr": {"title"}, "th": {"scope"}, "td": {"colspan"}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}
DANGEROUS_TAGS = {
    "script",
    "style",
    "iframe",
    "form",
    "object",
    "embed",
    "frame",
    "frameset",
    "base",
    "link",
    "meta",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "img",
    "video",
    "audio",
    "source",
}
CONTENT_DROPPED = {"script", "style"}
LOOK_AROUND = 40  # lines either side of a finding's estimated line searched for its text
MAX_REMOVALS_SHOWN = 20  # removal warnings listed for one file; the rest are counted
SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")  # a link's scheme; any not in URL_SCHEMES is removed (javascript:, data:, file:...)


@dataclass(frozen=True)
class Removal:
    what: str
    needle: str  # text to look for in the source, to find the line
    line: int = 0  # the body line it is estimated to come from (from 0)


class _Finder(HTMLParser):
    """What nh3 will remove, and every link, each with the body line it is estimated to come from.

    The HTML is rendered with cmark's source positions: each block starts with
    data-sourcepos="LINE:..." (nh3 drops it). A line of HTML after it is that
    many lines further on in the source (a paragraph keeps its line breaks).
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Removal] = []
        self.links: list[tuple[str, int]] = []  # (href, estimated body line, from 0)
        self.anchor = (1, 1)  # (HTML line, body line) of the last block start

    def estimate(self) -> int:
        html_line, body_line = self.anchor
        return body_line + self.getpos()[0] - html_line - 1

    def handle_starttag(self, tag, attrs):
        where = dict(attrs).get("data-sourcepos")
        if where:
            self.anchor = (self.getpos()[0], int(where.split(":", 1)[0]))
        line = self.estimate()
        if tag in DANGEROUS_TAGS:
            self.found.append(Removal(f"{_article(tag)} <{tag}> element", f"<{tag}", line))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(Removal(f"the event-handler attribute '{name}' on <{tag}>", name, line))
            elif name in ("href", "src", "action", "formaction", "xlink:href") and value:
                scheme = SCHEME.match("".join(value.split()).lower())
                if scheme and scheme.group(1) not in URL_SCHEMES:
                    self.found.append(Removal(f"a '{scheme.group(1)}:' link", scheme.group(1) + ":", line))
                elif tag == "a" and name == "href":
                    self.links.append((value, line))
            elif name == "style":
                self.found.append(Removal(f"a style attribute on <{tag}>", "style=", line))


def locate(lines: list[str], needle: str, estimate: int) -> int:
    """The body line (from 0) that holds ``needle``: the estimate when it does (nearly always), else
    the nearest one that does within LOOK_AROUND lines (a block of raw HTML moves the estimate a
    little), else the estimate. Bounded, so that a file of thousands of links is checked quickly."""
    estimate = min(max(estimate, 0), max(len(lines) - 1, 0))
    needle = needle.lower()
    if not lines or needle in lines[estimate].lower():
        return estimate
    for distance in range(1, LOOK_AROUND + 1):
        for line in (estimate - distance, estimate + distance):
            if 0 <= line < len(lines) and needle in lines[line].lower():
                return line
    return estimate


# Raw HTML and every link are kept as written, for nh3 to judge and the check to
# report (by default cmark drops raw HTML and javascript: links unreported).
_OPTIONS = Options.CMARK_OPT_UNSAFE
_WITH_POSITIONS = _OPTIONS | Options.CMARK_OPT_SOURCEPOS  # for the checks: each block's line in the source
_EXTENSIONS = ["table"]  # not GitHub's autolinks: a web address on its own stays text (CONTRIBUTING.md)
# cmark percent-encodes the braces of Pelican's links between entries ({filename}/...)
_PELICAN_LINK = re.compile(r'(href|src)="%7B(\w+)%7D')


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def render_markdown(body: str, positions: bool = False) -> str:
    """The body as HTML; with ``positions``, each block carries data-sourcepos (which nh3 removes)."""
    html = markdown_to_html_with_extensions(body, options=_WITH_POSITIONS if positions else _OPTIONS, extensions=_EXTENSIONS)
    return _PELICAN_LINK.sub(r'\1="{\2}', html).rstrip("\n")


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CONTENT_DROPPED,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        set_tag_attribute_values={"a": {"referrerpolicy": "no-referrer"}},
    )


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def body_hrefs(html: str) -> list[str]:
    """The address of every link in the HTML, in order."""
    if "<a" not in html:
        return []  # no link: no need to parse
    parser = _Hrefs()
    parser.feed(html)
    parser.close()
    return parser.hrefs


def find_removals(html: str) -> list[Removal]:
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


# Pelican rewrites links of the form {what}value or |what|value in any quoted
# attribute of the page (its INTRASITE_LINK_REGEX), and {attach} and {static}
# copy the linked file, from anywhere on the machine, into the site. Signpost
# narrows Pelican to {filename} (pelicanconf.py): a link to another entry. This
# finds every form Pelican's own pattern would have taken, in the HTML Pelican
# is given, so that any other is reported rather than silently left in a page.
INTRASITE = re.compile(r"""=\s*["'](?P<written>[{|](?P<what>[^"'{}|]*)[|}][^"']{0,60})""")
ALLOWED_INTRASITE = "filename"


def intrasite_problems(cleaned_html: str, body: str, path: str, first_line: int) -> list[Problem]:
    """An error for each link of Pelican's own forms other than {filename}, at the line it is written on."""
    problems = []
    lines = body.split("\n")
    for match in INTRASITE.finditer(cleaned_html):
        what = match.group("what")
        if what == ALLOWED_INTRASITE:
            continue
        written = match.group("written")
        offset = next((i for i, text in enumerate(lines) if what in text), 0)
        problems.append(
            Problem(
                path,
                first_line + offset,
                "body",
                f"the link '{written}' is not allowed: an entry may link only to another entry, as '{{filename}}/crisis-helpline/samaritans.md', "
                "or to a web address starting with https://; files cannot be attached",
                code="link-form",
            )
        )
    return problems


def sanitise_body(body: str, path: str, first_line: int) -> tuple[str, list[Problem]]:
    """Render and clean ``body``; report each removal at the line it came from."""
    html, problems, _links = sanitise_with_links(body, path, first_line)
    return html, problems


def sanitise_with_links(body: str, path: str, first_line: int) -> tuple[str, list[Problem], list[tuple[str, int]]]:
    """Render and clean ``body``: (HTML, problems, [(href, file line)] for each link kept)."""
    html = render_markdown(body, positions=True)
    problems = []
    lines = body.split("\n")
    finder = _Finder()
    finder.feed(html)
    finder.close()
    for removal in finder.found[:MAX_REMOVALS_SHOWN]:
        offset = locate(lines, removal.needle, removal.line)
        problems.append(
            Problem(
                path,
                first_line + offset,
                "body",
                f"{removal.what} was removed; the description may hold only plain Markdown "
                "(text, **bold**, lists, [links](https://example.org/)), no scripts, styles, frames, forms or event handlers",
                WARNING,
                code="body-html-removed",
            )
        )
    if len(finder.found) > MAX_REMOVALS_SHOWN:
        problems.append(
            Problem(
                path,
                first_line,
                "body",
                f"{len(finder.found) - MAX_REMOVALS_SHOWN} more pieces of HTML were removed (the first {MAX_REMOVALS_SHOWN} are listed); the description may hold only plain Markdown",
                WARNING,
                code="body-html-removed",
            )
        )
    cleaned = clean_html(html)
    problems.extend(intrasite_problems(cleaned, body, path, first_line))
    links = [(href, first_line + locate(lines, href, line)) for href, line in finder.links]
    return cleaned, problems, links
