"""Signpost's Pelican settings for local builds. publishconf.py imports these.

Build with `invoke build` (and `invoke serve`, `invoke publish`), not with plain
`pelican`: the tasks check the entries first, build into a fresh folder and put it
in place whole, and override PATH and OUTPUT_PATH when given --content or
--output. Paths here are relative to this file.
"""

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "Signpost"
SITE_DESCRIPTION = "Free, private directory of peer support, crisis lines and recovery stories, for people who need help and the practitioners who signpost them."
SITEURL = ""
RELATIVE_URLS = True  # the built site works from any folder, and from disk
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"

# Where things are
PATH = str(HERE / "content")
OUTPUT_PATH = str(HERE / "output")
THEME = str(HERE / "theme")
PLUGIN_PATHS = [str(HERE / "plugins")]
# The pipeline reads every entry once, into a Directory; the others write outputs from it (any order).
PLUGINS = ["pipeline", "site_languages", "directory_pages", "audit", "search_index", "open_data", "signposting"]

# Every Markdown file under content/ is one entry; entries are Pelican articles
# whose category is their kind. There are no Pelican pages or static files.
ARTICLE_PATHS = [""]
PAGE_PATHS = []
STATIC_PATHS = []
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "{category}/{slug}.html"
ARTICLE_SAVE_AS = "{category}/{slug}.html"
ARTICLE_ORDER_BY = "title"
READERS = {"rst": None, "html": None, "htm": None}
# Pelican rewrites {attach}, {static}, {index}, {tag}... links, and copies files
# linked with {attach} or {static} into the site from anywhere on the machine.
# An entry may link only to another entry, with {filename}; any other form is
# an error in the entry (plugins/entries/sanitise.py).
INTRASITE_LINK_REGEX = "[{](?P<what>filename)[}]"
# Pelican reads no date or other metadata from a file's name or folder: an entry's
# fields are in its front matter only (a name such as 2024-13-45-x.md once stopped the build).
FILENAME_METADATA = ""
PATH_METADATA = ""
IGNORE_FILES = [".*"]  # hidden files and folders are neither checked nor built (plugins/entries/files.py)

# Pages Signpost makes itself (plugins/directory_pages) replace Pelican's lists
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
PAGE_SAVE_AS = ""
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

# No feeds while developing; publishconf.py may turn them on
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

DEFAULT_PAGINATION = False
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False  # `invoke build` builds into a fresh working folder, then swaps it in by renaming (tasks.build_site)

# Signpost plugins
# Every SIGNPOST_* setting is declared, with its type and default, in plugins/entries/settings.py.
SIGNPOST_DATA = str(HERE / "data")  # vocabularies, emergency numbers, wording advice and the other data files
SIGNPOST_TODAY = None  # a date (YYYY-MM-DD) to check against instead of today; tests set it
SIGNPOST_ROOT = None  # paths in messages are shown relative to this folder (default: where you run)
# The search index (Whoosh). `SIGNPOST_SEARCH_INDEX=off invoke build` skips it, for a quicker
# preview (the search page is still written, without results) and for `invoke bench search`.
SIGNPOST_SEARCH_INDEX = os.environ.get("SIGNPOST_SEARCH_INDEX", "on") != "off"
# Where the "Exit this page" control goes, a neutral everyday page, is chosen for each language in data/languages.yaml.
# Where people report a wrong detail. Empty here: a local build has no public repository, and
# its pages say how to report without a link. publishconf.py reads both from the environment;
# a publish build needs the repository (the publish workflow sets it to the repository it runs in).
SIGNPOST_REPOSITORY = ""  # https://github.com/OWNER/NAME: "Report a problem" opens its issue forms
SIGNPOST_REPORT_EMAIL = ""  # optional: an address for reports from people without a GitHub account
SIGNPOST_PUBLISH = False  # publishconf.py sets it: SITEURL and SIGNPOST_REPOSITORY are then required

# Templates escape everything by default; entry bodies are sanitised with nh3
# before they are marked safe.
# Interface text is marked for translation with _() and {% trans %} (Jinja2's i18n extension);
# plugins/site_languages gives each template environment the catalog of SIGNPOST_LANGUAGE.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "extensions": ["jinja2.ext.i18n"]}
SIGNPOST_LANGUAGE = "en"  # the interface language of one tree: invoke build sets it for each language of data/languages.yaml
SIGNPOST_TRANSLATIONS = str(HERE / "translations")
# `SIGNPOST_LANGUAGES=en invoke build` builds English alone, for a quicker preview (default: every language)
SIGNPOST_LANGUAGES = os.environ.get("SIGNPOST_LANGUAGES", "")  # message catalogs: translations/CODE/LC_MESSAGES/messages.po
