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
from urllib.parse import unquote, urlsplit

from .problems import ERROR, WARNING


def address_problems(url: str, allow_private: bool = False) -> list[tuple[str, str]]:
    """(severity, message) for each thing wrong with an http(s) address; [] when it is fine."""
    try:
        parts = urlsplit(url)
        host = unquote(parts.hostname or "")  # Markdown writes a non-ASCII domain percent-encoded
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return [(ERROR, f"'{url}' is not a valid web address; copy it again from the browser's address bar")]
    if "@" in parts.netloc:
        shown = parts.netloc.rsplit("@", 1)[0]
        return [(ERROR, f"'{url}' has '{shown}@' before the host name, so it leads to {host or 'another site'}, not to what it shows; remove everything between '//' and '@'")]
    if not host:
        return []  # said elsewhere: the address has no host name
    private = _private_host(host)
    if private and allow_private and _loopback_or_private(host):
        return []
    if private:
        return [(ERROR, f"'{url}' points to {private}, not to a domain; give the service's public web address, e.g. 'https://www.samaritans.org/'")]
    if not host.isascii():
        try:
            ascii_form = host.encode("idna").decode("ascii")
        except UnicodeError:
            return [(ERROR, f"'{url}' has a host name that is not a valid domain; check its spelling")]
        return [(WARNING, f"the domain '{host}' has non-ASCII letters; browsers show it as '{ascii_form}'. Check that this is the organisation's own domain (look-alike letters can imitate another site)")]
    return []


def _private_host(host: str) -> str | None:
    """'localhost', 'a link-local address' or 'an IP address' when the host is one; None for a domain."""
    name = host.rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return "localhost"
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return None
    return "a link-local address" if address.is_link_local else "an IP address"


def _loopback_or_private(host: str) -> bool:
    """localhost, or a loopback or private-network address (never a link-local one)."""
    if _private_host(host) == "localhost":
        return True
    address = ipaddress.ip_address(host.rstrip(".").lower())
    return not address.is_link_local and (address.is_loopback or address.is_private)
