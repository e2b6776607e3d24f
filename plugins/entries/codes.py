"""Problem codes: every Problem carries one, and its code decides the help link.

The scheme: a code is a short, readable kebab-case name for what is wrong,
such as ``unknown-timezone`` or ``duplicate-url``. Codes are stable, as a
linter's rule codes are: once a code has been released it is never renamed and
never reused for another problem, so scripts and CI can rely on it (it is
``problems[].code`` in ``invoke check --json``). A new check gets a new code,
added here; the wording of a message may change, its code does not.

Each code names the section of CONTRIBUTING.md that explains it; the printed
line ends with that section (``(see CONTRIBUTING.md#timezone)``). Several codes
can share a section. CONTRIBUTING.md's "Find the right section" lists every
code, and a test checks that list, and each section, against this table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    name: str
    section: str  # the heading in CONTRIBUTING.md, as its anchor
    means: str  # what is wrong, in a few words


CODES = (
    # the file itself
    Code("file-not-utf8", "file-not-utf8", "the file is not saved as UTF-8"),
    Code("file-empty", "file-empty", "the file is empty"),
    Code("file-name", "file-name", "the file name is not lower-case letters, digits and hyphens ending in .md"),
    Code("symbolic-link", "symbolic-link", "the file, or a folder on its way, is a symbolic link"),
    Code("not-regular-file", "symbolic-link", "the file is not a regular file"),
    Code("file-too-large", "file-too-large", "the file is larger than an entry may be"),
    Code("reserved-name", "reserved-name", "the file name is one the site uses for its own pages"),
    Code("not-an-entry", "not-an-entry", "a file that is not an entry is in the content folder"),
    Code("translation-file", "translation-file", "a translation, not published yet"),
    Code("translation-of-nothing", "translation-of-nothing", "a translation with no entry beside it to translate"),
    Code("translation-field", "translation-field", "a translation holds a field it cannot change, such as a phone number"),
    Code("translation-contact", "translation-contact", "a translation holds a link or number its entry does not have"),
    Code("slug-not-plain", "file-name", "the --slug given to invoke new is not a plain name"),
    Code("file-exists", "duplicate-slug", "invoke new would overwrite a file that exists"),
    # the front matter
    Code("front-matter-missing", "front-matter-missing", "the file does not start with '---'"),
    Code("front-matter-not-closed", "front-matter-not-closed", "there is no '---' line after the fields"),
    Code("yaml-does-not-parse", "yaml-does-not-parse", "the fields cannot be read as YAML"),
    Code("front-matter-not-fields", "front-matter-not-fields", "the front matter is not 'field: value' lines"),
    Code("yaml-anchor", "yaml-anchor", "a YAML anchor or alias"),
    Code("yaml-tag", "yaml-anchor", "a YAML tag such as !!int or !!binary"),
    Code("duplicate-field", "duplicate-field", "a field is given twice"),
    Code("control-character", "control-character", "an invisible control character"),
    Code("one-line", "one-line", "a value holds a line break"),
    Code("unknown-field", "unknown-field", "a field Signpost does not use"),
    Code("required-field", "required-field", "a required field is missing"),
    Code("single-value", "single-value", "a list where one value belongs"),
    Code("list-value", "list-value", "one value, or a list inside a list, where a list belongs"),
    Code("unknown-value", "unknown-value", "a value not in data/vocabularies.yaml"),
    Code("recovery-only-field", "recovery-only-field", "platform or handle in an entry that is not a recovery account"),
    # one field at a time
    Code("summary-too-long", "summary-too-long", "the summary is longer than 200 characters"),
    Code("url-scheme", "url", "a web address that does not start with https:// (javascript:, data:, ...)"),
    Code("url-not-full", "url", "a web address without https:// at the start"),
    Code("url-no-host", "url", "a web address with no host name"),
    Code("url-http", "url", "a web address that uses http, not https"),
    Code("web-address", "web-address", "a web address that does not lead where it seems to"),
    Code("unknown-country", "countries", "not an ISO 3166-1 alpha-2 country code"),
    Code("worldwide-with-countries", "countries", "worldwide listed together with countries"),
    Code("unknown-region", "regions", "not an ISO 3166-2 region code"),
    Code("region-outside-countries", "regions", "a region in a country that countries does not list"),
    Code("unknown-language", "languages", "not an ISO 639-1 language code"),
    Code("number-not-digits", "phone-number", "a phone or text number holds words"),
    Code("number-not-international", "phone-number", "a worldwide service's number is not in international form"),
    Code("worldwide-number-home-only", "phone-number", "a worldwide service's number cannot be dialled from abroad"),
    Code("invalid-number", "phone-number", "a number that cannot be dialled as written in the countries listed"),
    Code("premium-rate", "premium-rate", "a crisis line's number is premium-rate"),
    Code("text-keyword", "phone-number", "the word to text is not one word"),
    Code("ages-format", "ages-and-abroad", "ages is not written as 'under 19', 'over 60' or '12 to 24'"),
    Code("from-abroad-unreachable", "ages-and-abroad", "from_abroad: true for a number that cannot be dialled from abroad"),
    Code("phone-option", "phone-option", "phone_option is not one or two keys, or is given without phone"),
    Code("shared-cost", "shared-cost", "a shared-cost number in an entry that says cost: free"),
    Code("contact-field-missing", "contact-field-missing", "channels lists a way in touch whose detail is missing"),
    Code("invalid-email", "email", "not an email address"),
    Code("invalid-hours", "hours", "hours not in opening_hours form"),
    Code("timezone-required", "timezone", "weekly hours without a time zone"),
    Code("unknown-timezone", "timezone", "not an IANA time zone name"),
    Code("review-date-format", "last-reviewed", "last_reviewed is not in YYYY-MM-DD form"),
    Code("review-date-invalid", "last-reviewed", "last_reviewed is not a real date"),
    Code("review-date-future", "last-reviewed", "last_reviewed is in the future"),
    Code("sources-missing", "sources", "no page is given to check the details against"),
    Code("confirmed-on-missing", "confirmed-by", "confirmed_by is given without confirmed_on"),
    # across entries
    Code("duplicate-slug", "duplicate-slug", "another entry has the same file name"),
    Code("duplicate-url", "duplicate-url", "another entry has the same web address"),
    Code("duplicate-number", "duplicate-number", "another entry has the same number"),
    Code("duplicate-title", "duplicate-title", "another entry has a very similar title"),
    # wording
    Code("safe-messaging", "wording", "a phrase safe-messaging guidance advises against"),
    Code("stigmatising-label", "wording", "a stigmatising label"),
    # the description and its links
    Code("body-html-removed", "body-html-removed", "raw HTML was removed from the description"),
    Code("link-form", "link-form", "a link that is neither to another entry nor a full web address"),
    Code("defunct-link", "defunct-link", "a link to a platform that has shut down"),
    Code("internal-link", "internal-link", "a {filename} link that does not point to an entry"),
    Code("http-link", "http-link", "a link in the description uses http, not https"),
    Code("link-to-closed", "link-to-closed", "a link to an entry that has closed"),
    Code("stale-entry", "stale-entry", "last reviewed longer ago than its kind's review interval"),
    Code("site-link", "site-link", "a link between the built pages that leads nowhere"),
)

BY_NAME = {code.name: code for code in CODES}


def section_of(code: str) -> str:
    """The CONTRIBUTING.md section that explains problems with this code."""
    try:
        return BY_NAME[code].section
    except KeyError:
        raise ValueError(f"'{code}' is not a problem code; add it to plugins/entries/codes.py") from None
