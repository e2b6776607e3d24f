"""Web addresses in the exported data: URIs that validators accept, and links to the site's own pages."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote, urlsplit, urlunsplit

# RFC 3986: what may appear unescaped in a URI besides letters and digits
_SAFE = "-._~" + ":/?#[]@" + "!$&'()*+,;=" + "%"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _quote(part: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=_SAFE)


def as_uri(address: str) -> str:
    """``address`` as a URI: a non-ASCII host in its IDNA form, anything else unsafe percent-encoded.

    Entries may hold IRIs (accents in a path, a space); JSON Schema's 'uri' format
    and HSDS expect URIs. Already valid URIs come back unchanged.
    """
    parts = urlsplit(address.strip())
    netloc = parts.netloc
    if not netloc.isascii():
        userinfo, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":")
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            host = _quote(host)
        netloc = f"{userinfo}{at}{host}{colon}{port}"
    return urlunsplit((parts.scheme, netloc, _quote(parts.path), _quote(parts.query), _quote(parts.fragment)))


def site_address(siteurl: str, path: str, from_folder: str = "") -> str:
    """Where a page of the site is: under SITEURL when it is set, else relative to ``from_folder``.

    ``path`` is relative to the site's root, e.g. 'crisis-helpline/samaritans.html'.
    """
    if siteurl:
        return f"{siteurl.rstrip('/')}/{path}"
    return posixpath.relpath(path, from_folder or ".") if from_folder else path
