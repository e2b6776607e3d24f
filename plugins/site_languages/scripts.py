"""The words the site's scripts show, in each tree's language: theme/js/messages.js.

The scripts in theme/static/js/ mark their text as the templates do, and from the same catalogs:

    var _ = window.SignpostMessages.gettext, ngettext = window.SignpostMessages.ngettext;
    status.textContent = _("Searching…");
    status.textContent = _("No results for “%(query)s”.", { query: q });
    status.textContent = ngettext("%(num)s result", "%(num)s results", count);  // %(num)s: the count

`invoke translations extract` collects them into translations/messages.pot with the templates' texts
(babel.cfg: Babel's javascript extractor, its default keywords _, gettext and ngettext), and
translators translate them in the same messages.po. At build time each tree gets
theme/js/messages.js (written here, from theme/templates/messages.js): the translations of the
messages the scripts mark (found again with Babel's extractor, so the file holds nothing else),
the catalog's plural rule, and the days' short names from Babel's locale data (for open now). Every
page loads it first (base.html), so the scripts find window.SignpostMessages; the English tree's file
has no translations and the scripts show their own text. The offline copy (sw.js) keeps it with the
pages that load it, so a French copy speaks French offline too.

A script inserts these texts with textContent, never as HTML, so a translation cannot add markup.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
from babel.dates import get_day_names
from babel.messages.extract import extract_from_file
from babel.messages.plurals import get_plural

from .catalogs import SOURCE, LanguageError, catalog_path, language, read_catalog

OUTPUT_NAME = "js/messages.js"  # in the tree's theme folder (THEME_STATIC_DIR): theme/js/messages.js
# A plural rule is C's syntax, which JavaScript shares: n, numbers, comparisons, && || ! % ( ) ? :
PLURAL_RULE = re.compile(r"[n0-9\s()?:<>=!&|%]+")


def script_messages(theme: Path) -> list:
    """Every message the theme's scripts mark: a text, or (singular, plural) for ngettext."""
    found = []
    for path in sorted((theme / "static").rglob("*.js")):
        found += [message for _line, message, _comments, _context in extract_from_file("javascript", str(path))]
    return found


def messages_data(folder: Path, code: str, wanted: list) -> tuple[dict, str]:
    """The translations of ``wanted`` in language ``code`` (English text -> translation; a plural's
    English singular -> its forms), and the rule that picks a plural's form, as JavaScript."""
    if language(code).code == SOURCE:
        return {}, get_plural(SOURCE).plural_expr
    catalog = read_catalog(folder, code)
    texts = {}
    for wanted_id in wanted:
        message = catalog.get(wanted_id)
        if message is None or message.fuzzy:
            continue  # the script shows its English text; the catalog check names what to translate
        if isinstance(wanted_id, str) and isinstance(message.string, str) and message.string:
            texts[wanted_id] = message.string
        elif not isinstance(wanted_id, str) and isinstance(message.string, (list, tuple)) and all(message.string):
            texts[wanted_id[0]] = list(message.string)
    rule = catalog.plural_expr
    if not PLURAL_RULE.fullmatch(rule):
        raise LanguageError(
            f"{catalog_path(folder, code)}: the Plural-Forms header's rule {rule!r} is not a plural rule; "
            f"copy the one `invoke translations update --new {code}` writes"
        )
    return texts, rule


def render_messages(theme: Path, folder: Path, code: str, wanted: list | None = None) -> str:
    """theme/js/messages.js in language ``code``: the translations of ``wanted`` (default: every
    message the theme's scripts mark), the plural rule and the days' short names."""
    texts, rule = messages_data(folder, code, script_messages(theme) if wanted is None else wanted)
    names = get_day_names("abbreviated", locale=language(code).code)
    template = jinja2.Template((theme / "templates" / "messages.js").read_text(encoding="utf-8"), keep_trailing_newline=True)
    # JSON with every non-ASCII character escaped: a safe JavaScript literal
    return template.render(
        texts=json.dumps(texts, ensure_ascii=True, sort_keys=True, indent=1),
        days=json.dumps([names[day] for day in range(7)], ensure_ascii=True),  # Babel's day 0 is Monday
        plural=rule,
    )


def write_messages(generators) -> None:
    """theme/js/messages.js of this tree (Pelican's all_generators_finalized signal: before the
    pages and the service worker are written; sw.js keeps it offline with Get help now)."""
    from entries.settings import Settings

    pelican_settings = generators[0].settings
    settings = Settings.from_pelican(pelican_settings)
    target = Path(pelican_settings["OUTPUT_PATH"]) / pelican_settings["THEME_STATIC_DIR"] / OUTPUT_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_messages(Path(pelican_settings["THEME"]), settings.translations, settings.language), encoding="utf-8")
