"""Write the static search index the browser queries (search.js) with no server.

Files, all loaded as scripts so they work under `default-src 'self'` and from disk:
- search/meta.js            counts, stop words, shard sizes, crisis phrases, everyday words (every query needs it)
- search/t/N.js             stem -> Whoosh's score for each entry, sharded by stem
- search/d/N.js             display data, CHUNK entries per file
- search/f.js               filter values -> entries (loaded only when a filter is used)
- search/h.js               Get help now's lines per country and the crisis lines (loaded for a country or a crisis query)
- search/v.js               every word form, the most frequent first (loaded only for a half-typed word and "did you mean")
Each file calls SignpostSearch.load(kind, key, data). There is no word-form map: the browser stems a
query word with Whoosh's own stemmer (theme/static/js/stem.js).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from site_writer.files import write_text

CHUNK = 8
STEMS_PER_SHARD = 150
HELP = ("help", "crisisAll")  # the meta's keys that go to h.js: large, and needed only for a country or a crisis


def shard_hash(text: str) -> int:
    """FNV-1a over code points, as search.js computes it."""
    h = 0x811C9DC5
    for ch in text:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def stem_key(stem: str, shards: int) -> int:
    return shard_hash(stem) % shards


def encode_postings(postings: list[tuple[int, float]]) -> list:
    """[score table, [doc delta, table index, ...]]: scores repeat a lot, so each is written once."""
    table = sorted({score for _, score in postings}, reverse=True)
    position = {score: i for i, score in enumerate(table)}
    flat, previous = [], 0
    for doc, score in postings:
        flat += [doc - previous, position[score]]
        previous = doc
    return [table, flat]


def encode_docs(docs: list[int]) -> list[int]:
    flat, previous = [], 0
    for doc in sorted(docs):
        flat.append(doc - previous)
        previous = doc
    return flat


def _script(kind: str, key, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"SignpostSearch.load({json.dumps(kind)},{json.dumps(key)},{payload});\n"


def write(folder: Path, name: str, kind: str, key, data) -> int:
    text = _script(kind, key, data)
    write_text(folder / name, text)
    return len(text.encode("utf-8"))


def export(
    folder: Path,
    *,
    frequencies: dict[str, int],
    scores: dict[str, list[tuple[int, float]]],
    display: list[list],
    facets: dict[str, dict[str, list[int]]],
    meta: dict,
) -> dict:
    """Write every file; returns {"files": n, "bytes": total}."""
    folder = Path(folder)
    stem_shards = max(1, math.ceil(len(scores) / STEMS_PER_SHARD))
    total = files = 0

    terms: dict[int, dict] = {}
    for stem, postings in scores.items():
        terms.setdefault(stem_key(stem, stem_shards), {})[stem] = encode_postings(postings)
    for key in range(stem_shards):  # every shard, even an empty one, so the browser never asks for a missing file
        total += write(folder, f"t/{key}.js", "t", key, terms.get(key, {}))
        files += 1

    for start in range(0, len(display), CHUNK):
        total += write(folder, f"d/{start // CHUNK}.js", "d", start // CHUNK, display[start : start + CHUNK])
        files += 1

    total += write(
        folder,
        "f.js",
        "f",
        0,
        {name: {value: encode_docs(docs) for value, docs in sorted(values.items())} for name, values in sorted(facets.items())},
    )
    # the most frequent first, then by code point: "Did you mean" keeps the first of equally near words
    total += write(folder, "v.js", "v", 0, sorted(frequencies, key=lambda form: (-frequencies[form], form)))
    total += write(folder, "h.js", "h", 0, {key: meta[key] for key in HELP if key in meta})
    meta = {key: value for key, value in meta.items() if key not in HELP}
    total += write(folder, "meta.js", "meta", 0, dict(meta, docs=len(display), chunk=CHUNK, stemShards=stem_shards))
    return {"files": files + 4, "bytes": total}


def write_index(folder: Path, data: dict, display: list, facets: dict, meta: dict, language: str = "en") -> None:
    """export() with Whoosh's data as whoosh_index.index_data gives it, and the build's rows, facets and meta.
    The meta's crisis phrases become, for each word, its forms (whoosh_index.crisis_forms) as "crisis";
    its everyday words, their forms and targets' stems (whoosh_index.everyday_forms, with the targets'
    labels of "everydayLabels") as "everyday";
    both in the words of ``language``'s tree (whoosh_index.Analysis)."""
    from .whoosh_index import Analysis, crisis_forms, everyday_forms

    analysis = Analysis(language)
    meta = dict(meta)
    meta["crisis"] = crisis_forms(meta.pop("crisisPhrases", {}), data["forms"], analysis)
    meta["everyday"] = everyday_forms(meta.pop("everydayWords", {}), data["forms"], analysis, meta.pop("everydayLabels", None))
    export(
        folder,
        frequencies=data["frequencies"],
        scores=data["scores"],
        display=display,
        facets=facets,
        meta={**data["query"], **meta},
    )
