"""Search evaluation: hit@3, MRR@10 and empty pages, per query set and kind, for the CLI.

Used by test_eval.py and the browser test; run it directly for the table of figures:

    python tests/support/evaluation.py [EVAL_SET.yaml]

A query's `expect` lists practice ids that must all be in the top 3 (with `first: true` the first of
them must be the top result); `expect: []` means nothing may be found. MRR@10 takes the rank of the
best-placed expected practice; queries that must find nothing count in hit@3 only.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

EVAL_SET = Path(__file__).resolve().parents[1] / "search" / "eval_set.yaml"


def queries(path: Path = EVAL_SET) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)["queries"]


def hit(q: dict, found: list[str]) -> bool:
    """Every expected id in the top 3 (the first at rank 1 when `first`); nothing found when none expected."""
    expect = q["expect"]
    if not expect:
        return not found
    if q.get("first") and found[:1] != expect[:1]:
        return False
    return all(e in found[:3] for e in expect)


def reciprocal_rank(q: dict, found: list[str]) -> float:
    ranks = [found.index(e) + 1 for e in q["expect"] if e in found[:10]]
    return 1 / min(ranks) if ranks else 0.0


@dataclass
class Figures:
    queries: int = 0
    hits: int = 0
    answerable: int = 0
    rr: float = 0.0
    empty: int = 0  # answerable queries that found nothing

    def add(self, q: dict, found: list[str]) -> None:
        self.queries += 1
        self.hits += hit(q, found)
        if q["expect"]:
            self.answerable += 1
            self.rr += reciprocal_rank(q, found)
            self.empty += not found

    @property
    def hit_at_3(self) -> float:
        return self.hits / self.queries if self.queries else 1.0

    @property
    def mrr(self) -> float:
        return self.rr / self.answerable if self.answerable else 1.0

    @property
    def empty_rate(self) -> float:
        return self.empty / self.answerable if self.answerable else 0.0

    def row(self, name: str) -> str:
        empty = f"{self.empty}/{self.answerable}"
        return f"| {name} | {self.queries} | {self.hit_at_3:.2f} | {self.mrr:.2f} | {empty} |"


def figures(results: list[tuple[dict, list[str]]]) -> dict[str, Figures]:
    """Figures per set ("exact", "natural"), per "natural/<kind>", and overall ("all")."""
    out: dict[str, Figures] = defaultdict(Figures)
    for q, found in results:
        name = q.get("set", "exact")
        out[name].add(q, found)
        out["all"].add(q, found)
        if name != "exact":
            out[f"{name}/{q['kind']}"].add(q, found)
    return dict(out)


def table(figs: dict[str, Figures]) -> str:
    lines = ["| set | queries | hit@3 | MRR@10 | empty pages (answerable) |", "|---|---|---|---|---|"]
    lines += [figs[name].row(name) for name in sorted(figs)]
    return "\n".join(lines)


def cli_results(project: Path, qs: list[dict]) -> list[tuple[dict, list[str]]]:
    """Each query's top 10 from the CLI's search over `project` (its index is brought up to date)."""
    from lumbung.search.index import SearchIndex
    from lumbung.search.query import ALL_VISIBLE, PUBLISHED_ONLY, search

    ix = SearchIndex(project)
    ix.update()
    out = []
    for q in qs:
        statuses = ALL_VISIBLE if q.get("scope") == "all" else PUBLISHED_ONLY
        out.append((q, [h.id for h in search(ix, q["query"], limit=10, statuses=statuses).results]))
    return out


def main(argv: list[str]) -> int:
    import shutil
    import tempfile

    repo = Path(__file__).resolve().parents[2]
    path = Path(argv[0]) if argv else EVAL_SET
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(repo / "practices", project / "practices")
        (project / "mkdocs.yml").write_text("site_name: uji\n", encoding="utf-8")
        results = cli_results(project, queries(path))
    print(table(figures(results)))
    for q, found in results:
        if not hit(q, found):
            print(
                f"miss: {q['query']!r} ({q.get('set', 'exact')}/{q['kind']}): "
                f"expected {q['expect']}, found {found[:3]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
