import assert from "node:assert/strict";
import { test } from "node:test";

import {
  englishCandidates,
  lowerUnaccented,
  indonesianCandidates,
  surfaceWords,
  wordClass,
} from "../../overrides/assets/lib/search-analysis.js";
import { vectors } from "./vectors.js";

const { cases, classes } = vectors("words");

test("a text's words are the words analysis.surface_words finds, folded alike", () => {
  assert.ok(cases.length > 30 && cases.some(([, words]) => words.length > 500), "hostile texts and the sample bodies");
  const wrong = [];
  for (const [text, expected] of cases) {
    const got = surfaceWords(text).map(({ w, s, e }) => [w, text.slice(s, e)]);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      const at = got.findIndex((x, i) => JSON.stringify(x) !== JSON.stringify(expected[i]));
      wrong.push(`${JSON.stringify(text.slice(0, 40))}: word ${at}: ${JSON.stringify(got[at])} != ${JSON.stringify(expected[at])}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("every character is read as analysis.surface_words reads it: alone, inside a word, in an acronym", () => {
  const { assigned, joined, acronym, kept } = vectors("characters");
  const inside = (ranges) => {
    const set = new Set();
    for (const [first, last] of ranges) for (let cp = first; cp <= last; cp++) set.add(cp);
    return set;
  };
  const joins = inside(joined);
  const letters = inside(acronym);
  const wrong = [];
  let seen = 0;
  for (const [first, last] of assigned) {
    for (let cp = first; cp <= last; cp++) {
      const c = String.fromCodePoint(cp);
      const name = `U+${cp.toString(16).toUpperCase().padStart(4, "0")} ${c}`;
      seen += 1;
      const alone = surfaceWords(c).map((x) => x.w);
      const expected = kept[cp] === undefined ? [] : [kept[cp]];
      if (JSON.stringify(alone) !== JSON.stringify(expected)) wrong.push(`${name}: ${JSON.stringify(alone)} != ${JSON.stringify(expected)}`);
      if ((surfaceWords("ab" + c + "cd").length === 1) !== joins.has(cp)) wrong.push(`${name} inside a word`);
      const slash = surfaceWords(c + "/ab");
      const one = slash.length === 1 && slash[0].s === 0 && slash[0].e === c.length + 3;
      if (one !== letters.has(cp)) wrong.push(`${name} before a slash`);
    }
  }
  assert.ok(seen > 100000);
  assert.deepEqual(wrong.slice(0, 40), [], `${wrong.length} differ`);
});

test("a word's class against its stem is query.word_class's", () => {
  assert.ok(classes.length > 500);
  for (const [word, stem, cls] of classes) assert.equal(wordClass(word, stem), cls, `${word} / ${stem}`);
  assert.ok(new Set(classes.map((c) => c[2])).size === 3, "bare, se and affixed all occur");
});

test("lowerUnaccented lowercases and drops accents", () => {
  assert.equal(lowerUnaccented("Café"), "cafe");
  assert.equal(lowerUnaccented("KERJA"), "kerja");
  assert.equal(lowerUnaccented("Ñusantara"), "nusantara");
});

test("affix candidates come in Sastrawi's order, the word first", () => {
  assert.equal(indonesianCandidates("menempatkan")[0], "menempatkan");
  assert.ok(indonesianCandidates("menempatkan").includes("tempat"));
  assert.ok(indonesianCandidates("penyandang").includes("sandang"));
  assert.ok(indonesianCandidates("bekerjalah").includes("kerja"));
  assert.deepEqual(englishCandidates("trainings"), ["trainings", "training"]);
  assert.deepEqual(englishCandidates("jobs"), ["jobs"]);
});
