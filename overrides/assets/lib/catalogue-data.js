/* Lumbung Praktik: the catalogue filters' data, without the page. katalog/data.json (written by
   lumbung's site/opendata.catalogue_data) lists every practice in catalogue order (newest first)
   with its values of each filter; the cards are in chunks, katalog/data/<filter>/<value>/<n>.json,
   `size` cards of the practices with that value each. Everything here is pure, so node tests run it
   against the files the Python side writes. */

/** The filters, as they are named in the form and in the URL query. */
export const KEYS = ["tema", "provinsi", "sasaran", "tahun"];

/**
 * The index, ready for filtering: `rows` (one per practice: its place `i`, its values of each filter,
 * its place in title order and its number of adoptions), `members` (filter -> value -> the places
 * of the practices with it, in catalogue order) and the names of provinces and themes.
 */
export function prepare(doc, size) {
  const values = doc.values;
  const members = {};
  doc.keys.forEach((key) => {
    members[key] = {};
    values[key].forEach((value) => {
      members[key][value] = [];
    });
  });
  const byTitle = {}; // place in the index -> place in title order
  (doc.titleOrder || []).forEach((i, n) => {
    byTitle[i] = n;
  });
  const rows = doc.practices.map((p, i) => {
    const row = { i };
    doc.keys.forEach((key, k) => {
      row[key] = p[k].map((n) => {
        members[key][values[key][n]].push(i);
        return values[key][n];
      });
    });
    row.title = byTitle[i] !== undefined ? byTitle[i] : i;
    row.adoptions = (doc.adoptions || [])[i] || 0; // places that adopted it (replication reports)
    return row;
  });
  const at = {};
  doc.cardFields.forEach((name, i) => {
    at[name] = i;
  });
  return {
    rows,
    members,
    ranks: {}, // "filter/value" -> place in the index -> place among that value's practices
    size: doc.size || size,
    at,
    provinces: doc.provinces || {},
    themes: doc.themes || {},
  };
}

/** Whether `row` has every value chosen in `state` (an empty value means "all"). */
export function matches(row, state) {
  return KEYS.every((key) => !state[key] || row[key].indexOf(state[key]) !== -1);
}

/** Whether `state` shows anything but the page as built: a filter or a sort is chosen. */
export function isActive(state) {
  return !!state.sort || KEYS.some((key) => state[key]);
}

/**
 * The chunk that holds `row`'s card, relative to katalog/data.json: one of the chosen value that the
 * fewest practices have, or, with no filter chosen (only a sort), one of the row's province.
 */
export function chunkPath(db, state, row) {
  let key = null;
  KEYS.forEach((k) => {
    if (state[k] && (key === null || db.members[k][state[k]].length < db.members[key][state[key]].length)) {
      key = k;
    }
  });
  const value = key ? state[key] : row.provinsi[0];
  key = key || "provinsi";
  const name = key + "/" + value;
  let rank = db.ranks[name];
  if (!rank) {
    rank = db.ranks[name] = {};
    db.members[key][value].forEach((i, n) => {
      rank[i] = n;
    });
  }
  const n = Math.floor(rank[row.i] / db.size) + 1;
  return "data/" + encodeURIComponent(key) + "/" + encodeURIComponent(value) + "/" + n + ".json";
}

/** The chunks' cards by place in the index. */
export function cardsByIndex(db, chunks) {
  const byIndex = {};
  chunks.forEach((chunk) => {
    chunk.forEach((c) => {
      byIndex[c[db.at.i]] = c;
    });
  });
  return byIndex;
}

/**
 * `rows` in the order `sort` names: "" newest first (catalogue order), "judul" by title, "provinsi"
 * by province name, "diterapkan" by the number of places that adopted the practice.
 */
export function sorted(db, rows, sort) {
  if (sort === "judul") return rows.slice().sort((a, b) => a.title - b.title);
  if (sort === "diterapkan") return rows.slice().sort((a, b) => b.adoptions - a.adoptions || a.i - b.i);
  if (sort === "provinsi") {
    const name = (row) => db.provinces[row.provinsi[0]] || row.provinsi[0] || "";
    return rows.slice().sort((a, b) => name(a).localeCompare(name(b), "id") || a.i - b.i);
  }
  return rows;
}

/** The practices `state` chooses, in its order. */
export function select(db, state) {
  return sorted(
    db,
    db.rows.filter((row) => matches(row, state)),
    state.sort
  );
}

/** value -> how many practices the value of filter `key` would give together with the other filters. */
export function tally(db, state, key) {
  const others = {};
  KEYS.forEach((k) => {
    others[k] = k === key ? "" : state[k];
  });
  const counts = {};
  db.rows.forEach((row) => {
    if (matches(row, others)) {
      row[key].forEach((value) => {
        counts[value] = (counts[value] || 0) + 1;
      });
    }
  });
  return counts;
}

/**
 * The query string (without "?") of `state`, keeping the other parameters of `search` (the current
 * location's query): ?tema=&provinsi=&sasaran=&tahun=&urut=&halaman=, the page only when filtering.
 */
export function queryOf(state, search) {
  const params = new URLSearchParams(search);
  KEYS.forEach((key) => {
    if (state[key]) params.set(key, state[key]);
    else params.delete(key);
  });
  if (state.sort) params.set("urut", state.sort);
  else params.delete("urut");
  if (isActive(state) && state.page > 1) params.set("halaman", String(state.page));
  else params.delete("halaman");
  return params.toString();
}
