/* The words this site's scripts show, in this page's language (written to theme/js/messages.js of
   each language's tree by plugins/site_languages/scripts.py, from translations/CODE/LC_MESSAGES/messages.po).
   Every page loads it before its other scripts. A script marks its text as the templates do:
     var _ = window.SignpostMessages.gettext, ngettext = window.SignpostMessages.ngettext;
     _("Searching…")
     _("No results for “%(query)s”.", { query: q })
     ngettext("%(num)s result", "%(num)s results", count)      %(num)s is the count
   A text with no translation here is shown as written. Insert the result as text (textContent), never as HTML. */
(function () {
  "use strict";
  /* English text -> its translation; a plural's English singular -> its forms */
  var TEXTS = {{ texts }};
  /* Monday to Sunday, short, from Babel's locale data */
  var DAYS = {{ days }};

  /* Which of a plural's forms goes with n: the catalog's Plural-Forms rule */
  function pluralForm(n) {
    return Number({{ plural }});
  }

  function own(text) {
    return Object.prototype.hasOwnProperty.call(TEXTS, text) ? TEXTS[text] : null;
  }

  /* %(name)s -> values[name] */
  function format(text, values) {
    if (!values) { return text; }
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function gettext(text, values) {
    var found = own(text);
    return format(typeof found === "string" ? found : text, values);
  }

  function ngettext(one, many, n, values) {
    var forms = own(one);
    var text = Array.isArray(forms) && forms[pluralForm(n)] ? forms[pluralForm(n)] : (n === 1 ? one : many);
    var all = { num: n };
    Object.keys(values || {}).forEach(function (name) { all[name] = values[name]; });
    return format(text, all);
  }

  window.SignpostMessages = { gettext: gettext, ngettext: ngettext, days: DAYS };
}());
