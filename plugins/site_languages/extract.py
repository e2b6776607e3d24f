"""A Babel extraction method for data/vocabularies.yaml (babel.cfg names it): each label is a
message, so the pages show "Lignes de crise" where data/vocabularies.yaml says "Crisis helplines".
The translator sees the vocabulary and the value it labels as a comment."""

from __future__ import annotations

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
