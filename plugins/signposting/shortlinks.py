"""Short links: a short path for every entry that redirects to its page. Pure functions.

A code is the first characters of the SHA-256 of the entry's slug, written in
Crockford's base32 (digits and lower-case letters without i, l, o and u, so a
code copied by hand from paper cannot be misread). The same slug always gets the
same code, in every build and on every machine. When two slugs share a code,
the one that sorts first keeps it and the other gets a longer one.
"""

from __future__ import annotations

import hashlib

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32, lower case
LENGTH = 5  # 32**5 = 33.5 million codes: a repeat is unlikely with thousands of entries
FOLDER = "s"


def code_for(slug: str, length: int = LENGTH) -> str:
    """The first ``length`` base32 digits of the SHA-256 of ``slug``."""
    number = int.from_bytes(hashlib.sha256(slug.encode("utf-8")).digest(), "big")
    digits = []
    for _ in range(length):
        number, digit = divmod(number, 32)
        digits.append(ALPHABET[digit])
    return "".join(digits)


def assign(slugs) -> dict[str, str]:
    """{slug: code} for every slug, each code unique."""
    codes: dict[str, str] = {}
    taken: set[str] = set()
    for slug in sorted(set(slugs)):
        length = LENGTH
        code = code_for(slug, length)
        while code in taken:
            length += 1
            code = code_for(slug, length)
        taken.add(code)
        codes[slug] = code
    return codes


def path_for(code: str) -> str:
    """Where the redirect page is written, relative to the site's root: s/<code>.html."""
    return f"{FOLDER}/{code}.html"


def absolute(path: str, siteurl: str | None) -> str:
    """SITEURL + path when the site's address is known (publishing), else the path itself."""
    return f"{siteurl.rstrip('/')}/{path}" if siteurl else path
