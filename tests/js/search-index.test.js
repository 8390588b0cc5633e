/* The site's search index as the browser reads it, against the index static.build_site_search wrote
   for the sample library (read from disk through the same searchIndex the page uses). */

import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { surfaceWords } from "../../overrides/assets/lib/search-analysis.js";
import {
  FORMAT,
  impactTable,
  letterFile,
  parseShard,
  prefix,
  prepareConfig,
  searchIndex,
} from "../../overrides/assets/lib/search-index.js";
import { plan } from "../../overrides/assets/lib/search-query.js";
import { rankQuery } from "../../overrides/assets/lib/search-rank.js";
import { vectors, vectorFolder } from "./vectors.js";

const { impact, encoded, postings, queries } = vectors("index");
const root = join(vectorFolder(), "site", "search");

function fetchFile(path) {
  const file = join(root, path);
  if (!existsSync(file)) return Promise.resolve(null);
  const bytes = readFileSync(file);
  if (path.endsWith(".json")) return Promise.resolve(JSON.parse(bytes.toString("utf-8")));
  return Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const config = () => fetchFile("config.json").then(prepareConfig);
const lexNames = readdirSync(join(root, "lex")).map((f) => f.replace(/\.json$/, ""));
const lexicon = (name) => JSON.parse(readFileSync(join(root, "lex", name + ".json"), "utf-8"));

test("an impact byte stands for static.impact_value's impact", async () => {
  const { config: c } = await config();
  const table = impactTable(c.impactMin, c.impactMax);
  impact.forEach((value, i) => {
    assert.ok(Math.abs(table[i + 1] - value) <= 1e-12 * value, `byte ${i + 1}`);
  });
});

test("postings decode to what static._encode wrote: gaps of several bytes, terms beyond ASCII", () => {
  const map = parseShard(Uint8Array.from(encoded).buffer);
  assert.deepEqual([...map.keys()], Object.keys(postings));
  for (const [term, [ids, imps]] of Object.entries(postings)) {
    assert.deepEqual([...map.get(term).ids], ids, term);
    assert.deepEqual([...map.get(term).imp], imps, term);
  }
  assert.equal(parseShard(null).size, 0);
});

test("the config is this format, with each language's stop words and the query's", async () => {
  const { config: c, docs } = await config();
  assert.equal(c.format, FORMAT);
  const { stopwords } = vectors("snippets");
  assert.deepEqual([...c.stopOf.id].sort(), stopwords.id);
  assert.deepEqual([...c.stopOf.en].sort(), stopwords.en);
  assert.ok(c.queryStop.has("bagaimana") || c.queryStop.size > c.stop.size);
  assert.equal(docs.prov.length, c.docs);
  await assert.rejects(Promise.resolve({ ...c, format: FORMAT + 1 }).then(prepareConfig));
});

test("every word is in the lexicon file prefix() names, every did-you-mean word in letterFile()'s", () => {
  let words = 0;
  for (const name of lexNames) {
    for (const w of Object.keys(lexicon(name).w)) {
      assert.equal(prefix(w), name, w);
      words += 1;
    }
  }
  assert.ok(words > 500);
  for (const file of readdirSync(join(root, "words"))) {
    const rows = JSON.parse(readFileSync(join(root, "words", file), "utf-8"));
    for (const [w] of rows) assert.equal(letterFile(Array.from(w)[0]) + ".json", file, w);
  }
});

test("each term's postings are found where its lexicon entry says, as many as it says", async () => {
  const index = searchIndex(fetchFile);
  const terms = new Map();
  for (const name of lexNames) {
    await index.lexEntry(name); // merges the file: a word of the prefix itself or not
    for (const [t, at] of Object.entries(lexicon(name).t)) terms.set(t, at);
  }
  let packed = 0;
  for (const [t, at] of terms) {
    assert.deepEqual(index.entry(t), at, t);
    const p = await index.postings(t);
    assert.ok(p, t);
    assert.equal(p.ids.length, at[0], t);
    assert.ok(p.ids.every((d, k) => k === 0 || d > p.ids[k - 1]), `${t}: practice numbers ascending`);
    if (!Array.isArray(at[1])) {
      packed += 1;
      const order = [...p.ids.keys()].sort((a, b) => p.imp[b] - p.imp[a] || p.ids[a] - p.ids[b]);
      assert.deepEqual(at[2], order.slice(0, at[2].length).map((k) => p.ids[k]), `${t}: the practices where it weighs most`);
    }
  }
  assert.ok(packed > 10 && terms.size > packed, `${packed} of ${terms.size} terms in postings files`);
  assert.equal(await index.postings("tidakadaistilahini"), null);
});

test("a query's plan on the built index is query.plan's where the library knows its words", async () => {
  const { config: c } = await config();
  const { plans } = vectors("plans");
  const index = searchIndex(fetchFile);
  let compared = 0;
  for (const query of queries) {
    const words = surfaceWords(query).filter((x) => !c.queryStop.has(x.w));
    const known = await Promise.all(words.map((x) => index.lexEntry(x.w)));
    if (!words.length || !known.every(Boolean)) continue;
    const p = await plan(index, c, query);
    const expected = plans[query];
    assert.deepEqual(
      p.concepts.map((alts) => alts.map((a) => [a.terms, a.w])),
      expected.concepts,
      query
    );
    assert.deepEqual(p.labels, expected.labels, query);
    const res = await rankQuery(index, c, p);
    assert.ok(res.docs.length > 0, `${query}: no result`);
    compared += 1;
  }
  assert.ok(compared >= queries.length / 2, `${compared} of ${queries.length} queries compared`);
});
