"""Stable identifiers: UUID version 5 under Signpost's own namespace.

The same entry always gets the same id, in every build and on every machine,
so people who reuse the data can follow an entry from one release to the next.
An entry's slug is unique across the site (a duplicate stops the build), so it
is the name; the kind is left out so that an entry keeps its id if it moves.
"""

from __future__ import annotations

import uuid

# Signpost's namespace for UUID version 5 names. Never change it: every id depends on it.
NAMESPACE = uuid.UUID("cea0b0a9-f077-49d7-aef4-d78de9f77b61")


def uuid_for(*parts: str) -> str:
    """The id for a name made of ``parts`` joined by '/', e.g. ('phone', 'samaritans', 'voice')."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def entry_id(slug: str) -> str:
    """An entry's id; also the id of its HSDS service."""
    return uuid_for("entry", slug)


def organization_id(slug: str) -> str:
    return uuid_for("organization", slug)
