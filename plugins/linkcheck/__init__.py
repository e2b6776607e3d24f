"""Signpost linkcheck: checks every external link of every entry over the network.

This is a plain package, not a Pelican plugin: it has no ``register()``, is not
in ``PLUGINS`` and never runs in a build. Its front door is ``invoke links``
(command.py), which reads the entries, checks their links over HTTP (check.py),
looks for each entry's numbers and keyword on its own pages (drift.py) and keeps
good results between runs (cache.py). An entry's links, with their
lines, come from the core (``entries.links``), which the offline audit of
a build uses too.
"""
