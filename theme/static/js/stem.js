/* Whoosh's Porter stemmer (whoosh.lang.porter.stem, which the build's StemmingAnalyzer uses),
   ported rule for rule, so that the browser stems any query word exactly as the index stemmed the
   corpus. Whoosh's version differs from the published algorithm in a few places; they are kept,
   because matching Whoosh is the point (tests/test_stemmer.py compares the two over 20,000+ words):
   - the "at/bl/iz" and double-consonant rules of step 1b are tested with Python's re.match, which
     anchors at the start, so they apply only to a whole word of two letters;
   - a leading "y" is written "Y" while stemming, so that it counts as a consonant.
   Usage: window.SignpostStem.stem("depressed") === "depress". No dependencies, no page changes.
   Also fold, which takes a word's accents off, as the French and Spanish trees' index does. */
(function () {
  "use strict";

  var STEP2 = {
    ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate",
    ator: "ate", alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al",
    iviti: "ive", biliti: "ble", logi: "log"
  };
  var STEP3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };

  var VOWEL = "[aeiouy]";
  var CONS_SEQ = "[^aeiouy]+";
  var VOWEL_SEQ = "[aeiou]+";

  // measure > 0, measure == 1, measure > 1, a vowel in the stem, and "consonant vowel consonant" at the end
  var MGR0 = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ);
  var MEQ1 = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ + "(" + VOWEL_SEQ + ")?$");
  var MGR1 = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL_SEQ + CONS_SEQ + VOWEL_SEQ + CONS_SEQ);
  var S_V = new RegExp("^(" + CONS_SEQ + ")?" + VOWEL);
  var C_V = new RegExp("^" + CONS_SEQ + VOWEL + "[^aeiouwxy]$");

  // Python's re.match anchors at the start: each pattern here begins with "^" for that reason
  var ED_ING = /^(.*)(ed|ing)$/;
  var AT_BL_IZ = /^(at|bl|iz)$/;
  var STEP1B = /^([^aeiouylsz])\1$/;
  var STEP2_RE = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
  var STEP3_RE = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
  var STEP4_1 = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
  var STEP4_2 = /^(.+?)(s|t)(ion)$/;
  var STEP5 = /^(.+?)e$/;

  function endsWith(word, suffix) {
    return word.length >= suffix.length && word.slice(word.length - suffix.length) === suffix;
  }

  // Python's len() counts characters, JavaScript's length counts UTF-16 units
  function characters(word) {
    return Array.from(word).length;
  }

  function stem(word) {
    var w = String(word);
    var m, s;
    if (characters(w) < 3) { return w; }

    var firstIsY = w.charAt(0) === "y";
    if (firstIsY) { w = "Y" + w.slice(1); }

    // Step 1a
    if (endsWith(w, "s")) {
      if (endsWith(w, "sses")) {
        w = w.slice(0, -2);
      } else if (endsWith(w, "ies")) {
        w = w.slice(0, -2);
      } else if (w.charAt(w.length - 2) !== "s") {
        w = w.slice(0, -1);
      }
    }

    // Step 1b
    if (endsWith(w, "eed")) {
      s = w.slice(0, -3);
      if (MGR0.test(s)) { w = w.slice(0, -1); }
    } else {
      m = ED_ING.exec(w);
      if (m) {
        s = m[1];
        if (S_V.test(s)) {
          w = s;
          if (AT_BL_IZ.test(w)) {
            w += "e";
          } else if (STEP1B.test(w)) {
            w = w.slice(0, -1);
          } else if (C_V.test(w)) {
            w += "e";
          }
        }
      }
    }

    // Step 1c
    if (endsWith(w, "y")) {
      s = w.slice(0, -1);
      if (S_V.test(s)) { w = s + "i"; }
    }

    // Step 2
    m = STEP2_RE.exec(w);
    if (m && MGR0.test(m[1])) { w = m[1] + STEP2[m[2]]; }

    // Step 3
    m = STEP3_RE.exec(w);
    if (m && MGR0.test(m[1])) { w = m[1] + STEP3[m[2]]; }

    // Step 4
    m = STEP4_1.exec(w);
    if (m) {
      if (MGR1.test(m[1])) { w = m[1]; }
    } else {
      m = STEP4_2.exec(w);
      if (m) {
        s = m[1] + m[2];
        if (MGR1.test(s)) { w = s; }
      }
    }

    // Step 5
    m = STEP5.exec(w);
    if (m) {
      s = m[1];
      if (MGR1.test(s) || (MEQ1.test(s) && !C_V.test(s))) { w = s; }
    }
    if (endsWith(w, "ll") && MGR1.test(w)) { w = w.slice(0, -1); }

    if (firstIsY) { w = "y" + w.slice(1); }
    return w;
  }

  /* A word without its accents, for the trees in a language other than English, which fold accents
     and do not stem (whoosh_index.fold, Analysis): decomposed (NFD), every mark dropped.
     fold("déprimé") === "deprime". */
  function fold(word) {
    return String(word).normalize("NFD").replace(/\p{M}/gu, "");
  }

  window.SignpostStem = { stem: stem, fold: fold };
})();
