import assert from "node:assert/strict";
import { test } from "node:test";

import { escapeHtml, snippet } from "../../overrides/assets/lib/search-snippet.js";
import { vectors } from "./vectors.js";

const { stopwords, texts, stems, plans, cases } = vectors("snippets");

function browserPlan(query) {
  const p = plans[query];
  const highlight = new Map(Object.entries(p.highlight).map(([t, c]) => [t, c === null ? null : new Set(c)]));
  const stemOf = { id: new Map(), en: new Map() };
  for (const [w, [id, en]] of Object.entries(stems)) {
    stemOf.id.set(w, id);
    stemOf.en.set(w, en);
  }
  return { highlight, phrases: p.phrases, stemOf };
}

test("a result's snippet is the passage query.snippet cuts, marked and escaped alike", () => {
  assert.ok(cases.length > 200 && cases.some(([, , html]) => html.includes("<mark>")));
  const stop = { id: new Set(stopwords.id), en: new Set(stopwords.en) };
  const wrong = [];
  const memo = {};
  for (const [query, i, html] of cases) {
    const p = (memo[query] = memo[query] || browserPlan(query));
    const [text, lang] = texts[i];
    const got = snippet(stop[lang], { x: text, l: lang }, p);
    if (got !== html) wrong.push(`${query} / text ${i}:\n  js: ${got}\n  py: ${html}`);
  }
  assert.equal(wrong.length, 0, wrong.slice(0, 5).join("\n"));
});

test("escaping is Python's html.escape", () => {
  assert.equal(escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;");
});

test("an excerpt that was cut ends in an ellipsis", () => {
  const p = { highlight: new Map([["kerja", null]]), phrases: [], stemOf: { id: new Map(), en: new Map() } };
  assert.equal(snippet(new Set(), { x: "bursa kerja", l: "id" }, p), "bursa <mark>kerja</mark>");
  assert.equal(snippet(new Set(), { x: "bursa kerja", l: "id", c: 1 }, p), "bursa <mark>kerja</mark> …");
});
