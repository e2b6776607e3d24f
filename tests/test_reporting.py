"""Reporting a problem from the site: the report link on every entry page, the email link, the
footer and About links to the repository and its forms, and the publish build's guard.

A publish build (publishconf.py) needs the site's address and the repository's; a local build
has neither, so its pages say how to report without a link, and its message for practitioners
has no link rather than a bare path.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from conftest import FIXTURE_CONTENT, ROOT, build

REPOSITORY = "https://github.com/example-owner/signpost"
EMAIL = "reports@example.org"
SITEURL = "https://signpost.example.org"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
# A title with the characters a query string must encode: & " ' # + and a non-ASCII letter
AWKWARD_TITLE = """Tom & Jerry's "Night" Line #1 + café"""
AWKWARD_FILE = "crisis-helpline/example-crisis-line.md"


def links(page: str) -> list[tuple[str, str]]:
    """(href, the whole <a> tag) for every link in a page, the href unescaped as a browser reads it."""
    return [(html.unescape(m.group(2)), m.group(0)) for m in re.finditer(r'<a ([^>]*?)href="([^"]*)"[^>]*>', page)]


def report_links(page: str) -> list[str]:
    return [href for href, tag in links(page) if 'class="report-link"' in tag]


def email_links(page: str) -> list[str]:
    return [href for href, tag in links(page) if 'class="report-email"' in tag]


def entry_pages(site: Path) -> list[Path]:
    """The page of each fixture entry: <kind>/<slug>.html."""
    return [site / path.relative_to(FIXTURE_CONTENT).with_suffix(".html") for path in sorted(FIXTURE_CONTENT.glob("*/*.md"))]


def with_awkward_title(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    path = content / AWKWARD_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Example Crisis Line", f"title: '{AWKWARD_TITLE.replace(chr(39), chr(39) * 2)}'"),
        encoding="utf-8",
    )
    return content


@pytest.fixture(scope="module")
def reporting_site(tmp_path_factory) -> Path:
    """The fixture entries (one crisis line retitled with & and quotes) built with the repository's address."""
    tmp = tmp_path_factory.mktemp("reporting")
    out = tmp / "site"
    assert build(with_awkward_title(tmp), out, SIGNPOST_REPOSITORY=REPOSITORY)
    return out


@pytest.fixture(scope="module")
def email_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("reporting-email")
    out = tmp / "site"
    assert build(with_awkward_title(tmp), out, SIGNPOST_REPOSITORY=REPOSITORY, SIGNPOST_REPORT_EMAIL=EMAIL)
    return out


def form_ids(name: str) -> set[str]:
    form = yaml.safe_load((FORMS / name).read_text(encoding="utf-8"))
    return {element["id"] for element in form["body"] if "id" in element}


# --- the report link on each entry page ---------------------------------------------------


def test_every_entry_page_links_its_issue_form_with_its_title_and_file(reporting_site):
    pages = entry_pages(reporting_site)
    assert len(pages) == 6
    for page in pages:
        text = page.read_text(encoding="utf-8")
        (href,) = report_links(text)
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
        query = parse_qs(parts.query, strict_parsing=True)
        assert set(query) == {"template", "title", "entry"} and all(len(v) == 1 for v in query.values())
        title = re.search(r"<h1>(.*?)</h1>", text).group(1)
        kind = page.parent.name
        form, prefix = (
            ("report-crisis-line.yml", "Crisis line: ") if kind == "crisis-helpline" else ("report-wrong-details.yml", "Outdated: ")
        )
        assert query["template"] == [form], f"{page.name}: a crisis line's report is urgent"
        assert query["title"] == [prefix + html.unescape(title)]
        # the file as it is named in the repository, whatever folder the site was built from
        assert query["entry"] == [f"{html.unescape(title)} (content/{kind}/{page.stem}.md)"]
        assert "entry" in form_ids(form), f"{form} has no field with the id 'entry' for the link to fill in"
        assert yaml.safe_load((FORMS / form).read_text(encoding="utf-8"))["title"] == prefix


def test_a_title_with_ampersand_and_quotes_is_percent_encoded(reporting_site):
    page = (reporting_site / AWKWARD_FILE.replace(".md", ".html")).read_text(encoding="utf-8")
    (href,) = report_links(page)
    query = urlsplit(href).query
    # Nothing of the title can end the value early or break out of the address
    assert not set(query) & set(" \"'#<>"), query
    assert query.count("&") == 2 and query.count("=") == 3
    assert "Tom+%26+Jerry%27s+%22Night%22+Line+%231+%2B+caf%C3%A9" in query
    assert parse_qs(query)["title"] == [f"Crisis line: {AWKWARD_TITLE}"]
    assert parse_qs(query)["entry"] == [f"{AWKWARD_TITLE} (content/{AWKWARD_FILE})"]


def test_report_links_are_outbound_links_and_nothing_is_loaded_from_github(email_site):
    for page in entry_pages(email_site) + [email_site / "about.html", email_site / "index.html"]:
        text = page.read_text(encoding="utf-8")
        github = [(href, tag) for href, tag in links(text) if href.startswith(REPOSITORY)]
        assert github, page.name
        for _href, tag in github:
            assert 'rel="noopener noreferrer"' in tag and 'referrerpolicy="no-referrer"' in tag, f"{page.name}: {tag}"
        loaded = re.findall(r'(?:src|srcset|action)="([^"]*)"|<link [^>]*href="([^"]*)"', text)
        assert not [url for pair in loaded for url in pair if "github" in url], page.name


def test_the_email_link_is_offered_only_when_an_address_is_set(reporting_site, email_site):
    for page in entry_pages(reporting_site):
        text = page.read_text(encoding="utf-8")
        assert email_links(text) == [] and "mailto:" not in text.split('id="report-heading"')[1], page.name
    for page in entry_pages(email_site):
        (href,) = email_links(page.read_text(encoding="utf-8"))
        assert href.startswith(f"mailto:{EMAIL}?")


def test_the_email_link_carries_the_title_and_file_percent_encoded(email_site):
    page = (email_site / AWKWARD_FILE.replace(".md", ".html")).read_text(encoding="utf-8")
    (href,) = email_links(page)
    address, query = href.removeprefix("mailto:").split("?")
    assert address == EMAIL
    # RFC 6068: a space is %20 (a + stays a +), and only unreserved characters are left as they are
    assert re.fullmatch(r"subject=[A-Za-z0-9%._~-]+&body=[A-Za-z0-9%._~-]+", query), query
    fields = dict(part.split("=") for part in query.split("&"))
    assert unquote(fields["subject"]) == f"Signpost: a problem with {AWKWARD_TITLE}"
    body = unquote(fields["body"])
    assert f"Entry: {AWKWARD_TITLE}\r\nFile: content/{AWKWARD_FILE}\r\n" in body


def test_without_the_settings_the_page_says_how_to_report_and_links_nowhere_else(fixture_site):
    for page in entry_pages(fixture_site):
        text = page.read_text(encoding="utf-8")
        assert report_links(text) == [] and email_links(text) == []
        section = text.split('id="report-heading"')[1]
        assert "SIGNPOST_REPOSITORY" in section and 'href="../about.html#contribute"' in section
        assert "github.com" not in text


# --- the footer and the About page --------------------------------------------------------


def test_footer_links_the_repository_and_its_forms_on_every_page(reporting_site):
    pages = sorted(reporting_site.rglob("*.html"))
    footers = [p for p in pages if '<footer class="site-footer">' in p.read_text(encoding="utf-8")]
    assert len(footers) > 20
    for page in footers:
        footer = page.read_text(encoding="utf-8").split('<footer class="site-footer">')[1]
        hrefs = [href for href, _tag in links(footer)]
        assert f"{REPOSITORY}/issues/new/choose" in hrefs and REPOSITORY in hrefs, page


def test_without_the_repository_the_footer_points_to_about(fixture_site):
    footer = (fixture_site / "index.html").read_text(encoding="utf-8").split('<footer class="site-footer">')[1]
    assert 'href="./about.html#contribute">How to report a problem</a>' in footer and "github" not in footer


def test_about_links_each_form_the_repository_and_the_contributing_guide(email_site):
    about = (email_site / "about.html").read_text(encoding="utf-8").split('id="contribute"')[1].split("<h2")[0]
    hrefs = [href for href, _tag in links(about)]
    templates = [parse_qs(urlsplit(h).query)["template"][0] for h in hrefs if h.startswith(f"{REPOSITORY}/issues/new?")]
    assert sorted(templates) == sorted(p.name for p in FORMS.glob("*.yml") if p.name != "config.yml")
    assert REPOSITORY in hrefs and f"{REPOSITORY}/blob/HEAD/CONTRIBUTING.md" in hrefs
    assert f"mailto:{EMAIL}" in hrefs
    assert "personal details" in about


def test_without_the_repository_about_explains_and_links_nothing_broken(fixture_site):
    about = (fixture_site / "about.html").read_text(encoding="utf-8").split('id="contribute"')[1].split("<h2")[0]
    assert links(about) == [] and "SIGNPOST_REPOSITORY" in about


# --- the message for practitioners --------------------------------------------------------


def message_of(page: Path) -> str:
    match = re.search(r'<textarea id="signpost-message"[^>]*>(.*?)</textarea>', page.read_text(encoding="utf-8"), re.S)
    return html.unescape(match.group(1))


def test_a_local_message_has_no_link_and_a_published_one_has_the_short_link(fixture_site, tmp_path):
    local = message_of(fixture_site / "crisis-helpline" / "example-crisis-line.html")
    assert "Details:" not in local and "s/" not in local
    assert local.splitlines()[0] == "Example Crisis Line" and "0808 157 0123" in local
    assert build(FIXTURE_CONTENT, tmp_path / "site", SITEURL=SITEURL)
    published = message_of(tmp_path / "site" / "crisis-helpline" / "example-crisis-line.html")
    assert re.fullmatch(rf"Details: {re.escape(SITEURL)}/s/[0-9a-z]+\.html", published.splitlines()[-1])
    assert published.rsplit("\n", 1)[0] == local


def test_the_message_leaves_the_line_out_without_a_link():
    from signposting.message import message
    from test_signposting import english, make_entry

    entry = make_entry(title="Samaritans", phone="116 123", hours="24/7", cost="free")
    assert message(entry, None, english()) == "Samaritans\nCall 116 123\nOpen 24 hours a day, every day. Cost: free."
    assert message(entry, f"{SITEURL}/s/abcde.html", english()).endswith(f"\nDetails: {SITEURL}/s/abcde.html")


# --- the settings and the publish build's guard -------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("SIGNPOST_REPOSITORY", "http://github.com/o/n", "is not an https address"),
        ("SIGNPOST_REPOSITORY", "github.com/o/n", "is not an https address"),
        ("SIGNPOST_REPOSITORY", "https://github.com/o/n/", "no slash at the end"),
        ("SIGNPOST_REPOSITORY", "https://github.com/o", "is not a repository's address"),
        ("SIGNPOST_REPOSITORY", "https://github.com/o/n?tab=x", "is not an https address"),
        ("SIGNPOST_REPOSITORY", "https://github.com/o/n x", "is not a repository's address"),
        ("SIGNPOST_REPOSITORY", "https://user@github.com/o/n", "is not an https address"),
        ("SIGNPOST_REPOSITORY", "https://git hub.com/o/n", "is not an https address"),
        ("SIGNPOST_REPORT_EMAIL", "reports at example.org", "is not an email address"),
        ("SIGNPOST_REPORT_EMAIL", "a@b@example.org", "is not an email address"),
        ("SIGNPOST_REPORT_EMAIL", 'x"@example.org?cc=y', "is not an email address"),
    ],
)
def test_a_wrong_repository_or_email_is_named(name, value, words):
    from entries.settings import SettingError, Settings

    with pytest.raises(SettingError, match=re.escape(words)) as raised:
        Settings.from_pelican({name: value})
    assert str(raised.value).startswith(f"{name}: ")


def test_the_defaults_are_empty_and_a_right_address_is_kept():
    from entries.settings import Settings

    assert Settings().repository == "" and Settings().report_email == "" and not Settings().publish
    pelicanconf = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    assert 'SIGNPOST_REPOSITORY = ""' in pelicanconf and 'SIGNPOST_REPORT_EMAIL = ""' in pelicanconf, "never make up an address"
    settings = Settings.from_pelican({"SIGNPOST_REPOSITORY": REPOSITORY, "SIGNPOST_REPORT_EMAIL": EMAIL})
    assert (settings.repository, settings.report_email) == (REPOSITORY, EMAIL)


@pytest.mark.parametrize(
    ("overrides", "named", "not_named"),
    [
        ({"SITEURL": "", "SIGNPOST_REPOSITORY": ""}, ["SIGNPOST_SITEURL is not set", "SIGNPOST_REPOSITORY is not set"], []),
        ({"SITEURL": SITEURL, "SIGNPOST_REPOSITORY": ""}, ["SIGNPOST_REPOSITORY is not set"], ["SIGNPOST_SITEURL"]),
        ({"SITEURL": "", "SIGNPOST_REPOSITORY": REPOSITORY}, ["SIGNPOST_SITEURL is not set"], ["SIGNPOST_REPOSITORY"]),
    ],
)
def test_a_publish_build_without_its_addresses_fails_naming_the_setting(tmp_path, capfd, overrides, named, not_named):
    out = tmp_path / "site"
    assert not build(FIXTURE_CONTENT, out, settings=str(ROOT / "publishconf.py"), **overrides)
    err = capfd.readouterr().err
    assert "Build failed: a setting is wrong:" in err and "Traceback" not in err
    for words in named:
        assert words in err
    for words in not_named:
        assert words not in err
    assert not out.exists()


def test_the_publish_command_reads_the_addresses_from_the_environment(tmp_path):
    """As the publish workflow runs it: without the variables it stops with the message; with them it builds."""
    command = [sys.executable, "-m", "invoke", "build", "--settings", "publishconf.py", "--content", str(FIXTURE_CONTENT)]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "SIGNPOST_SEARCH_INDEX": "off", "SIGNPOST_FEED_GIT_DATES": "off"}
    failed = subprocess.run([*command, "--output", str(tmp_path / "a")], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert failed.returncode == 1 and "Traceback" not in failed.stderr
    assert "SIGNPOST_SITEURL is not set" in failed.stderr and "SIGNPOST_REPOSITORY is not set" in failed.stderr
    env |= {"SIGNPOST_SITEURL": SITEURL, "SIGNPOST_REPOSITORY": REPOSITORY}
    built = subprocess.run([*command, "--output", str(tmp_path / "b")], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    page = (tmp_path / "b" / "crisis-helpline" / "example-crisis-line.html").read_text(encoding="utf-8")
    (href,) = report_links(page)
    assert href.startswith(f"{REPOSITORY}/issues/new?template=report-crisis-line.yml&") and email_links(page) == []
    assert f"Details: {SITEURL}/s/" in message_of(tmp_path / "b" / "crisis-helpline" / "example-crisis-line.html")


# --- the guides ----------------------------------------------------------------------------


def test_contributing_links_the_forms_and_says_how_to_require_two_approvals():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("\n## Reporting a problem\n")[1].split("\n## ")[0]
    linked = re.findall(r"\]\(\.\./\.\./issues/new\?template=([\w.-]+)\)", section)
    assert sorted(linked) == sorted(p.name for p in FORMS.glob("*.yml") if p.name != "config.yml")
    assert "](../../issues/new/choose)" in section and "](../../)" in section
    assert "Report a problem with this entry" in section and "SIGNPOST_REPORT_EMAIL" in section
    two = guide.split("\n### Two approvals for crisis numbers\n")[1].split("\n## ")[0]
    assert "`crisis-number-change`" in two and "crisis-number-review.yml" in two
    assert "**Required approvals** to **2**" in two and "**Require review from Code Owners**" in two
    assert "/content/crisis-helpline/" in two and "CODEOWNERS" in two
    assert (
        "[Reporting a problem](#reporting-a-problem)" in guide
        and "[Two approvals for crisis numbers](#two-approvals-for-crisis-numbers)" in guide
    )


def test_readme_says_how_to_report():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**Report a problem with this entry**" in readme and "](../../issues/new/choose)" in readme


# --- in a browser: accessible in light and dark, and nothing loaded from elsewhere ----------


@pytest.fixture(scope="module")
def served(email_site):
    from browser import serve

    with serve(email_site) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("path", [AWKWARD_FILE.replace(".md", ".html"), "practitioner-tip/example-tip.html", "about.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_report_links_pass_axe_in_light_and_dark(browser, served, path, scheme):
    from browser import axe_violations

    context = browser.new_context(viewport={"width": 360, "height": 800}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{served}/{path}")
    violations = axe_violations(page)
    context.close()
    assert violations == [], f"{path} ({scheme}): {violations}"
    assert [url for url in requested if not url.startswith(served)] == []
