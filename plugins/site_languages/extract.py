"""A Babel extraction method for data/vocabularies.yaml (babel.cfg names it): each label is a
message, so the pages show "Lignes de crise" where data/vocabularies.yaml says "Crisis helplines".
The translator sees the vocabulary and the value it labels as a comment."""

from __future__ import annotations

import re
from pathlib import Path

import yaml


def extract_vocabularies(fileobj, keywords, comment_tags, options):
    """Yield (line, function, message, comments) for every label: the values of each vocabulary's mapping."""
    document = yaml.compose(fileobj.read().decode("utf-8"))
    if not isinstance(document, yaml.MappingNode):
        return
    for name, vocabulary in document.value:
        if not isinstance(vocabulary, yaml.MappingNode):
            continue
        for value, label in vocabulary.value:
            if isinstance(label, yaml.ScalarNode) and label.value:
                yield label.start_mark.line + 1, None, label.value, [f"data/vocabularies.yaml, {name.value}: {value.value}"]


def extract_data_texts(fileobj, keywords, comment_tags, options):
    """Yield (line, function, message, comments) for the value of every key named in the section's
    ``keys`` option (babel.cfg: ``keys = reason``), at any depth: the reasons of data/reach_flags.yaml,
    the directories' 'about' of data/directories.yaml. A value with no words ('{cost}') is left out."""
    keys = set(options.get("keys", "").split())
    name = getattr(fileobj, "name", "the data file")
    found = []

    def walk(node, where):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value in keys and isinstance(value, yaml.ScalarNode) and re.search(r"[^\W\d_]", re.sub(r"\{\w+\}", "", value.value)):
                    found.append((value.start_mark.line + 1, None, value.value, [f"{where}{key.value}"]))
                else:
                    walk(value, f"{where}{key.value}: ")
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value, 1):
                walk(item, f"{where}item {index}: ")

    walk(yaml.compose(fileobj.read().decode("utf-8")), f"{Path(name).name}, ")
    yield from found
