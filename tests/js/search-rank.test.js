import assert from "node:assert/strict";
import { test } from "node:test";

import { conceptScores, rank } from "../../overrides/assets/lib/search-rank.js";
import { vectors } from "./vectors.js";

const close = (a, b) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

test("practices come in ranking.rank's order, with its scores, coverage and missing concepts", () => {
  const { coordination, cases } = vectors("ranking");
  assert.ok(cases.length >= 50 && cases.some((c) => c.allowed) && cases.some((c) => c.docs.length > 50));
  for (const c of cases) {
    const bests = c.concepts.map((pairs) => {
      const best = new Float64Array(c.n).fill(-1);
      for (const [d, value] of pairs) best[d] = value;
      return best;
    });
    const allowed = c.allowed ? new Set(c.allowed) : null;
    const got = rank(bests, c.n, coordination, allowed ? (d) => allowed.has(d) : undefined);
    const label = JSON.stringify(c).slice(0, 200);
    assert.deepEqual(got.docs, c.docs, label);
    got.docs.forEach((d, i) => {
      assert.ok(close(got.score[d], c.scores[i]), `score of ${d}: ${got.score[d]} != ${c.scores[i]}`);
      assert.ok(close(got.coverage[d], c.coverage[i]), `coverage of ${d}`);
    });
    assert.deepEqual(got.missing, c.missing, label);
  }
});

test("a concept scores a practice by its best alternative that has every term", () => {
  const impact = new Float64Array(256).map((_, b) => b);
  const postings = {
    bursa: { ids: [0, 1], imp: [10, 20] },
    kerja: { ids: [1, 2], imp: [30, 40] },
    mark: { ids: [2], imp: [50] },
  };
  const n = 4;
  const idf = (df) => Math.log(n / (df + 1)) + 1;
  const best = conceptScores(
    [
      { terms: ["bursa", "kerja"], w: 1 },
      { terms: ["mark"], w: 0.8 },
      { terms: ["absent"], w: 1 },
    ],
    (t) => postings[t] || null,
    n,
    impact
  );
  assert.equal(best[0], -1, "practice 0 lacks kerja and the marker");
  assert.ok(close(best[1], (idf(2) * 20 + idf(2) * 30) / 2));
  assert.ok(close(best[2], 0.8 * idf(1) * 50));
  assert.equal(best[3], -1);
});
