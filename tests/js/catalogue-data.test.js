import assert from "node:assert/strict";
import { test } from "node:test";

import {
  KEYS,
  cardsByIndex,
  chunkPath,
  isActive,
  prepare,
  queryOf,
  select,
  sorted,
  tally,
} from "../../overrides/assets/lib/catalogue-data.js";
import { vectors } from "./vectors.js";

const { files, cases, cards } = vectors("catalogue");
const index = JSON.parse(files["katalog/data.json"]);

function fresh() {
  return prepare(index, 50);
}

test("the vectors cover every filter, alone and in pairs, and chunks of more than one file", () => {
  for (const key of KEYS) assert.ok(cases.some((c) => c.state[key]), key);
  assert.ok(cases.some((c) => KEYS.filter((k) => c.state[k]).length === 2));
  assert.ok(Object.keys(files).some((path) => path.endsWith("/2.json")));
  assert.equal(index.size, 2);
});

test("a filter state chooses the practices Python chooses, in catalogue, title and adoption order", () => {
  const db = fresh();
  for (const c of cases) {
    const state = { ...c.state, sort: "", page: 1 };
    const label = JSON.stringify(c.state);
    assert.deepEqual(select(db, state).map((row) => row.i), c.ids, label);
    assert.deepEqual(select(db, { ...state, sort: "judul" }).map((row) => row.i), c.byTitle, label);
    assert.deepEqual(select(db, { ...state, sort: "diterapkan" }).map((row) => row.i), c.byAdoptions, label);
  }
});

test("each option counts the practices it would give with the other filters", () => {
  const db = fresh();
  for (const c of cases) {
    for (const key of KEYS) assert.deepEqual(tally(db, c.state, key), c.tally[key], `${key} in ${JSON.stringify(c.state)}`);
  }
});

test("every chosen practice's card is in the chunk file the script fetches for it", () => {
  const db = fresh();
  const everywhere = cases.find((c) => KEYS.every((k) => !c.state[k])).tally; // practices per value
  let fetched = 0;
  for (const c of cases.concat([{ state: { tema: "", provinsi: "", sasaran: "", tahun: "" }, ids: cards.map((x) => x.i) }])) {
    for (const sort of ["", "judul"]) {
      const state = { ...c.state, sort };
      const rows = select(db, state);
      const paths = [...new Set(rows.map((row) => chunkPath(db, state, row)))];
      for (const path of paths) assert.ok(("katalog/" + path) in files, `${path} for ${JSON.stringify(state)}`);
      const byIndex = cardsByIndex(db, paths.map((path) => JSON.parse(files["katalog/" + path])));
      for (const row of rows) {
        const card = byIndex[row.i];
        const expected = cards[row.i];
        assert.ok(card, `card ${row.i} for ${JSON.stringify(state)}`);
        assert.equal(card[db.at.title], expected.title);
        assert.equal(card[db.at.url], expected.url);
        assert.equal(card[db.at.summary], expected.summary);
        assert.equal(card[db.at.regency], expected.regency);
        fetched += 1;
      }
      // with a filter chosen, the chunks are those of the chosen value that the fewest practices have
      const chosen = KEYS.filter((k) => state[k]);
      if (chosen.length && rows.length) {
        const folders = new Set(paths.map((path) => path.slice(0, path.lastIndexOf("/"))));
        assert.equal(folders.size, 1, JSON.stringify(state));
        const [, key, value] = [...folders][0].split("/").map(decodeURIComponent);
        assert.equal(state[key], value);
        for (const k of chosen) assert.ok(everywhere[key][value] <= everywhere[k][state[k]], JSON.stringify(state));
      }
    }
  }
  assert.ok(fetched > cards.length);
});

test("sorted by province follows the province names in Indonesian order, then catalogue order", () => {
  const db = {
    provinces: { aceh: "Aceh", "di-yogyakarta": "DI Yogyakarta", "dki-jakarta": "DKI Jakarta", bali: "Bali" },
  };
  const rows = [
    { i: 0, provinsi: ["dki-jakarta"] },
    { i: 1, provinsi: ["bali"] },
    { i: 2, provinsi: ["di-yogyakarta"] },
    { i: 3, provinsi: ["aceh"] },
    { i: 4, provinsi: ["bali"] },
    { i: 5, provinsi: ["nasional"] },
  ];
  assert.deepEqual(
    sorted(db, rows, "provinsi").map((row) => row.i),
    [3, 1, 4, 2, 0, 5]
  );
  assert.equal(sorted(db, rows, ""), rows);
});

test("the state goes into the query, keeping other parameters; the page only when filtering", () => {
  const blank = { tema: "", provinsi: "", sasaran: "", tahun: "", sort: "", page: 1 };
  assert.equal(queryOf(blank, "?q=bursa"), "q=bursa");
  assert.equal(queryOf({ ...blank, page: 3 }, "?halaman=3"), "");
  assert.equal(
    queryOf({ ...blank, tema: "job-fair", tahun: "2024", page: 2 }, "?q=x&tema=lama"),
    "q=x&tema=job-fair&tahun=2024&halaman=2"
  );
  assert.equal(queryOf({ ...blank, sort: "judul" }, ""), "urut=judul");
  assert.equal(queryOf({ ...blank, provinsi: "nusa tenggara & timur" }, ""), "provinsi=nusa+tenggara+%26+timur");
  assert.equal(isActive(blank), false);
  assert.equal(isActive({ ...blank, sort: "diterapkan" }), true);
});
