"""Web addresses that mean what they show: the rules for url, chat_url and links in a description.

An address may not carry user information (``https://www.samaritans.org@evil.example/``
leads to evil.example), an IP address, or ``localhost``: a reader could not tell
where it leads, and the link checker would be sent to the machine it runs on. A
domain written with non-ASCII letters is allowed (many organisations have one),
with a warning that shows the form browsers use, so that look-alike letters
(a Cyrillic 'а' for a Latin 'a') are seen before the entry is merged.

``allow_private`` (``invoke links --allow-private``) accepts loopback and
private-network addresses, so that tests can point entries at their own
servers. Link-local addresses, where cloud machines keep their secrets, are
never accepted.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import unquote, urlsplit

from .problems import ERROR, WARNING

SPACE_AND_C0 = "".join(chr(code) for code in range(0x21))  # what browsers strip from around an address


def scheme_of(href: str) -> str:
    """A link's scheme as a browser reads it ('HTTPS:x' and ' https://x' are https), lower case; '' for none."""
    return urlsplit(href.strip(SPACE_AND_C0)).scheme.lower()


def address_problems(url: str, allow_private: bool = False) -> list[tuple[str, str]]:
    """(severity, message) for each thing wrong with an http(s) address; [] when it is fine.

    The address is read as a browser reads it (the WHATWG URL standard): spaces
    and control characters around it are dropped, tabs and line breaks inside
    it are dropped, a backslash counts as a slash, 'https:host' means
    'https://host', and a host of numbers in any form (127.1, 2130706433,
    0x7f.0.0.1, full-width digits) is an IP address.
    """
    written = url
    url = url.strip(SPACE_AND_C0)
    url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    scheme, colon, rest = url.partition(":")
    if "\\" in url:
        return [
            (
                ERROR,
                f"'{written}' has a backslash (\\), which browsers read as a slash, so it may lead elsewhere than it shows; copy the address again from the browser's address bar",
            )
        ]
    if colon and not rest.startswith("//"):
        return [
            (
                ERROR,
                f"'{written}' has no '//' after '{scheme}:', so browsers read it differently from what it shows; write it in full, e.g. 'https://www.samaritans.org/'",
            )
        ]
    try:
        parts = urlsplit(url)
        netloc = unquote(parts.netloc)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return [(ERROR, f"'{written}' is not a valid web address; copy it again from the browser's address bar")]
    if "@" in netloc:
        shown, host = netloc.rsplit("@", 1)
        return [
            (
                ERROR,
                f"'{written}' has '{shown}@' before the host name, so it leads to {host.split(':')[0] or 'another site'}, not to what it shows; remove everything between '//' and '@'",
            )
        ]
    host = unquote(parts.hostname or "")  # Markdown writes a non-ASCII domain percent-encoded
    if not host:
        return []  # said elsewhere: the address has no host name
    try:
        read_as = host.encode("idna").decode("ascii").lower() if not host.isascii() else host.lower()
    except UnicodeError:
        return [(ERROR, f"'{written}' has a host name that is not a valid domain; check its spelling")]
    private = _private_host(read_as)
    if private and allow_private and _loopback_or_private(read_as):
        return []
    if private:
        return [
            (
                ERROR,
                f"'{written}' points to {private}, not to a domain; give the service's public web address, e.g. 'https://www.samaritans.org/'",
            )
        ]
    if not host.isascii():
        return [
            (
                WARNING,
                f"the domain '{host}' has non-ASCII letters; browsers show it as '{read_as}'. Check that this is the organisation's own domain (look-alike letters can imitate another site)",
            )
        ]
    return []


def _ip(host: str):
    """The IP address a browser reads in ``host`` (any of IPv4's old forms, or IPv6), or None for a domain."""
    name = host.rstrip(".")
    try:
        return ipaddress.ip_address(name)
    except ValueError:
        pass
    try:
        return ipaddress.ip_address(socket.inet_aton(name))  # 127.1, 2130706433, 0x7f.0.0.1, 0177.0.0.1
    except (OSError, ValueError):
        return None


def _private_host(host: str) -> str | None:
    """'localhost', 'a link-local address' or 'an IP address' when the host is one; None for a domain."""
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return "localhost"
    address = _ip(name)
    if address is None:
        return None
    return "a link-local address" if address.is_link_local else "an IP address"


def _loopback_or_private(host: str) -> bool:
    """localhost, or a loopback or private-network address (never a link-local one)."""
    if _private_host(host) == "localhost":
        return True
    address = _ip(host.lower())
    return not address.is_link_local and (address.is_loopback or address.is_private)
