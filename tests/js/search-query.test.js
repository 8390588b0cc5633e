import assert from "node:assert/strict";
import { test } from "node:test";

import { closest, didYouMean, distance, plan } from "../../overrides/assets/lib/search-query.js";
import { vectors } from "./vectors.js";

const { config, synonyms, stems, plans } = vectors("plans");

// The index as the vectors give it: each word's stems and the synonym table.
const index = {
  stems: (w) => Promise.resolve({ id: stems[w][0], en: stems[w][1] }),
  synonym: (phrase) => synonyms[phrase],
  longestPhrase: Math.max(...Object.keys(synonyms).map((k) => k.split(" ").length)),
};
const settings = { ...config, queryStop: new Set(config.queryStop) };

test("a query's plan is query.plan's: concepts, labels, terms to mark, phrases", async () => {
  const queries = Object.keys(plans);
  assert.ok(queries.length > 20 && Object.keys(synonyms).length > 50);
  assert.ok(queries.some((q) => plans[q].truncated) && queries.some((q) => plans[q].phrases.length));
  for (const query of queries) {
    const expected = plans[query];
    const p = await plan(index, settings, query);
    const got = {
      words: p.words.map((x) => [x.w, query.slice(x.s, x.e)]),
      concepts: p.concepts.map((alts) => alts.map((a) => [a.terms, a.w])),
      labels: p.labels,
      covered: p.covered,
      highlight: Object.fromEntries(
        [...p.highlight.entries()].sort().map(([t, c]) => [t, c === null ? null : [...c].sort()])
      ),
      phrases: [...new Set(p.phrases.map((ph) => JSON.stringify(ph)))].sort().map((ph) => JSON.parse(ph)),
      truncated: p.truncated,
    };
    expected.phrases = expected.phrases.map((ph) => JSON.stringify(ph)).sort().map((ph) => JSON.parse(ph));
    assert.deepEqual(got, expected, query);
  }
});

test("did-you-mean replaces only the words no practice has, by the closest known word", async () => {
  const known = new Set(["kerja", "bursa", "pelatihan"]);
  const fake = {
    ...index,
    stems: (w) => Promise.resolve({ id: w, en: w }),
    has: (t) => known.has(t),
    words: () => Promise.resolve([["kerja", 10], ["kerjo", 1], ["bursa", 5], ["pelatihan", 7]]),
  };
  const p = await plan(fake, { ...settings, queryStop: new Set() }, "bursa kreja 2024");
  assert.equal(await didYouMean(fake, p), "bursa kerja 2024");
  assert.equal(await didYouMean(fake, await plan(fake, { ...settings, queryStop: new Set() }, "bursa kerja")), null);
  assert.equal(distance("kreja", "kerja", 1), 1, "a transposition is one edit");
  assert.equal(distance("abc", "abcdef", 2), 3);
  assert.equal(closest("kerjo", [["kerja", 10], ["kerjo", 1]]), "kerja", "the word itself is not a correction");
  assert.equal(closest("pelatihn", [["pelatihan", 7], ["pelatih", 9]]), "pelatih", "equal edits: more practices");
});
