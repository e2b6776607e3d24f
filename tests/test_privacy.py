"""No page makes a request to another host, outbound links send no referrer, and nothing is stored."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# Elements and attributes that make the browser fetch something by themselves.
LOADING = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "input": ("src",),
    "form": ("action",),
    "base": ("href",),
}


class PageAudit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: str | None = None
        self.referrer_meta = False
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        line = self.getpos()[0]
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = attrs.get("content")
        if tag == "meta" and attrs.get("name") == "referrer" and attrs.get("content") == "no-referrer":
            self.referrer_meta = True
        for name in LOADING.get(tag, ()):
            value = attrs.get(name)
            if value and is_external(value):
                self.problems.append(f"line {line}: <{tag} {name}={value!r}> loads from another host")
        if tag in ("iframe", "object", "embed", "frame"):
            self.problems.append(f"line {line}: <{tag}> embeds are not allowed")
        if "style" in attrs:
            self.problems.append(f"line {line}: inline style attribute on <{tag}> (blocked by the CSP)")
        if any(name.startswith("on") for name in attrs):
            self.problems.append(f"line {line}: inline event handler on <{tag}>")
        if tag == "script":
            kind = attrs.get("type", "")
            if "src" not in attrs and kind != "application/ld+json":
                self._in_script = True
        if tag == "a" and attrs.get("href") and is_external(attrs["href"]):
            rel = set((attrs.get("rel") or "").split())
            if not {"noopener", "noreferrer"} <= rel or attrs.get("referrerpolicy") != "no-referrer":
                self.problems.append(
                    f'line {line}: outbound link {attrs["href"]!r} lacks rel="noopener noreferrer" or referrerpolicy="no-referrer"'
                )
        if tag == "a" and (attrs.get("href") or "").lower().startswith(("javascript:", "data:")):
            self.problems.append(f"line {line}: script link {attrs['href']!r}")

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append(f"line {self.getpos()[0]}: inline script (blocked by the CSP)")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False


def is_external(url: str) -> bool:
    url = url.strip()
    parts = urlsplit(url)
    return bool(parts.netloc) or url.startswith("//") or parts.scheme in ("http", "https", "ftp", "ws", "wss")


def audit_site(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    pages = sorted(site.rglob("*.html"))
    assert pages, f"no pages in {site}"
    for page in pages:
        audit = PageAudit()
        audit.feed(page.read_text(encoding="utf-8"))
        problems = list(audit.problems)
        if not audit.csp or "default-src 'self'" not in audit.csp:
            problems.append("no Content-Security-Policy meta tag with default-src 'self'")
        if not audit.referrer_meta:
            problems.append('no <meta name="referrer" content="no-referrer">')
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            if is_external(url):
                found.setdefault(sheet.name, []).append(f"url({url}) loads from another host")
        if "@import" in text or "@font-face" in text:
            found.setdefault(sheet.name, []).append("@import or @font-face")
    for script in site.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        if is_card_data(script, text):
            continue  # a service's card (plugins/signposting/sheet.py): its web addresses are text to print, never requested
        for pattern in (
            "document.cookie",
            "localStorage",
            "sessionStorage",
            "indexedDB",
            "XMLHttpRequest",
            "sendBeacon",
            "http://",
            "https://",
        ):
            if pattern in text:
                found.setdefault(script.name, []).append(f"uses {pattern}")
    return found


def is_card_data(script: Path, text: str) -> bool:
    """A signposting sheet's card file: sheet/<slug>.js holding one call of SignpostSheet.load with JSON data and no code."""
    import json

    call = re.fullmatch(r'SignpostSheet\.load\("[a-z0-9-]+",(\{.*\})\);\n', text, re.S)
    if script.parent.name != "sheet" or not call:
        return False
    try:
        json.loads(call.group(1))
    except ValueError:
        return False
    return True


def test_auditor_catches_what_it_should(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "bad.html").write_text(
        '<html><head><script src="https://cdn.example.com/x.js"></script>'
        '<link rel="stylesheet" href="//fonts.example.com/a.css"></head>'
        '<body><a href="https://example.org/">out</a><img src="http://example.org/t.gif">'
        '<p style="color:red">x</p><script>alert(1)</script><iframe src="x.html"></iframe></body></html>'
    )
    (site / "a.css").write_text("@font-face{src:url(https://fonts.example.com/f.woff2)}")
    (site / "t.js").write_text("document.cookie='a=1'")
    found = audit_site(site)
    text = "\n".join(sum(found.values(), []))
    for expected in (
        "cdn.example.com",
        "fonts.example.com/a.css",
        "lacks rel",
        "t.gif",
        "inline style",
        "inline script",
        "embeds are not allowed",
        "no Content-Security-Policy",
        "@font-face",
        "document.cookie",
    ):
        assert expected in text


def test_fixture_site_makes_no_request_to_another_host(fixture_site):
    assert audit_site(fixture_site) == {}


def test_starter_site_makes_no_request_to_another_host(starter_site):
    assert audit_site(starter_site) == {}
