"""The held-out evaluation (heldout.yaml): a generated corpus, its queries and their relevant practices."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from support import REPO

HELDOUT = REPO / "tests" / "search" / "heldout.yaml"


def spec() -> dict:
    with open(HELDOUT, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def corpus(dest: Path) -> Path:
    """The generated library of heldout.yaml in `dest` (a project: mkdocs.yml and practices/)."""
    sys.path.insert(0, str(REPO / "tools" / "bench"))
    import generate

    s = spec()
    # The held-out figures were set on practices alone: replication reports would add other places'
    # words to the practices they adopted and move the figures, so the corpus stays without them.
    generate.generate(dest, s["practices"], seed=s["seed"], reports=False)
    return dest


def heldout_queries(library) -> list[dict]:
    """Queries in the form of eval_set.yaml, with `relevant` (any of them in the top 3 is a hit)."""
    from lumbung.vocabulary import regions

    s = spec()
    published = sorted((p for p in library.practices if library.fate(p) == "published"), key=lambda p: p.id)
    out = []
    for topic, phrase in s["topics"].items():
        of_topic = [p for p in published if p.title.startswith(topic + " ")]
        if not of_topic:
            continue
        out.append({"query": phrase, "relevant": [p.id for p in of_topic], "kind": "topic"})
        provinces = list(dict.fromkeys(p.province for p in of_topic if regions().province(p.province or "")))
        for province in provinces[:2]:  # the regions of two practices of the topic
            prov = regions().province(province)
            name = prov.abbreviations[0].upper() if prov.abbreviations else prov.name
            out.append(
                {
                    "query": f"{phrase} {name}",
                    "relevant": [p.id for p in of_topic if p.province == province],
                    "kind": "topic+region",
                }
            )
    out += [{"query": q, "relevant": [], "kind": "none"} for q in s["none"]]
    return out


def hit(q: dict, found: list[str]) -> bool:
    return any(r in found[:3] for r in q["relevant"]) if q["relevant"] else not found


def figures(results: list[tuple[dict, list[str]]]) -> dict[str, float]:
    answerable = [(q, f) for q, f in results if q["relevant"]]
    rr = [next((1 / (i + 1) for i, d in enumerate(f[:10]) if d in q["relevant"]), 0.0) for q, f in answerable]
    out = {"queries": len(results), "hit_at_3": sum(hit(q, f) for q, f in results) / len(results)}
    out["mrr_at_10"] = sum(rr) / len(rr)
    out["empty"] = sum(1 for _, f in answerable if not f)
    out["answerable"] = len(answerable)
    for kind in ("topic", "topic+region", "none"):
        of_kind = [(q, f) for q, f in results if q["kind"] == kind]
        out[f"hit_at_3_{kind}"] = sum(hit(q, f) for q, f in of_kind) / len(of_kind)
    return out
