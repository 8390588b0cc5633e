/* Lumbung Praktik site search: a query's plan, as lumbung's search/query.py plan() makes it, and
   the did-you-mean of a word the library does not know. Words are split and folded, stop words
   dropped; synonym phrases ("PHK", "job fair") become concepts with the synonym groups as
   alternatives, a province's name or short form ("NTT") a concept matched by the practices'
   region. The index is passed in (lib/search-index.js in the browser, files on disk in the node
   tests): `stems(word)` resolves to {id, en}, after which `synonym(phrase)` knows every synonym
   phrase that starts with the word's stems; `longestPhrase` is the most words of one. */

import { isDigits, stripInvisible, surfaceWords, wordClass } from "./search-analysis.js";

/** The synonym phrases of `terms` by the place they start at, longest first. */
export function findPhrases(index, terms) {
  const found = {};
  let i = 0;
  while (i < terms.length) {
    let n = Math.min(index.longestPhrase, terms.length - i);
    for (; n > 0; n--) {
      const hit = index.synonym(terms.slice(i, i + n).join(" "));
      if (hit) {
        found[i] = { end: i + n, hit };
        break;
      }
    }
    i += n > 0 ? n : 1;
  }
  return found;
}

/**
 * The plan of `query` (query.plan): `concepts` (each a list of alternatives {terms, w}), `labels`
 * (the query's own words of each concept), `highlight` (term -> the word classes to mark in
 * snippets, null for any), `phrases` (synonyms of several terms, marked whole), the query's
 * `words` with their `stems`, which of them a synonym phrase `covered`, and whether the query was
 * `truncated` to config.maxQueryWords words.
 */
export function plan(index, config, query) {
  let words = surfaceWords(stripInvisible(query)).filter((x) => !config.queryStop.has(x.w));
  const truncated = words.length > config.maxQueryWords;
  words = words.slice(0, config.maxQueryWords);
  return Promise.all(words.map((x) => index.stems(x.w))).then((st) => {
    const ids = st.map((s) => s.id);
    const ens = st.map((s) => s.en);
    const spans = findPhrases(index, ids);
    // English phrases the Indonesian stems did not reveal
    const overlaps = (a, b) => a.start < b.end && b.start < a.end;
    const english = findPhrases(index, ens);
    Object.keys(english).forEach((k) => {
      const m = { start: +k, end: english[k].end };
      const clash = Object.keys(spans).some((s) => overlaps(m, { start: +s, end: spans[s].end }));
      if (!clash) spans[k] = english[k];
    });
    const concepts = [];
    const labels = [];
    const highlight = new Map();
    const mark = (term, cls) => {
      if (cls === null || highlight.get(term) === null) {
        highlight.set(term, null);
        return;
      }
      if (!highlight.has(term)) highlight.set(term, new Set());
      highlight.get(term).add(cls);
    };
    const phrases = [];
    const covered = words.map(() => false);
    let i = 0;
    while (i < words.length) {
      const m = spans[i];
      const end = m ? m.end : i + 1;
      const region = !!m && m.hit.m.every((x) => x.startsWith("reg_"));
      const own = region ? config.regionTextWeight : 1;
      const alts = [];
      for (const terms of [ids.slice(i, end), ens.slice(i, end)]) {
        if (!alts.some((a) => a.terms.join(" ") === terms.join(" "))) alts.push({ terms, w: own });
      }
      if (m) {
        for (let c = i; c < end; c++) covered[c] = true;
        const weight = region ? 1 : config.synonymWeight;
        m.hit.m.forEach((marker) => alts.push({ terms: [marker], w: weight }));
        m.hit.h.forEach((terms) => (terms.length === 1 ? mark(terms[0], null) : phrases.push(terms)));
      }
      for (let k = i; k < end; k++) {
        mark(ids[k], wordClass(words[k].w, ids[k]));
        if (ens[k] !== ids[k]) mark(ens[k], null);
      }
      concepts.push(alts);
      labels.push(query.slice(words[i].s, words[end - 1].e));
      i = end;
    }
    return { query, words, stems: st, covered, concepts, labels, highlight, phrases, truncated };
  });
}

/** The edit distance of `a` and `b` with transpositions, or max + 1 once it exceeds `max`. */
export function distance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2 = null;
  let prev = [];
  for (let j = 0; j <= b.length; j++) prev.push(j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let k = 1; k <= b.length; k++) {
      const cost = a[i - 1] === b[k - 1] ? 0 : 1;
      let v = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
      if (prev2 && i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) v = Math.min(v, prev2[k - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** The closest of `rows` ([word, practices]) to `word`: fewest edits, then the most practices. */
export function closest(word, rows) {
  const max = word.length <= 5 ? 1 : 2;
  let best = null;
  for (const [w, n] of rows || []) {
    const d = distance(word, w, max);
    if (d > 0 && d <= max && (!best || d < best.d || (d === best.d && n > best.n))) best = { w, d, n };
  }
  return best ? best.w : null;
}

/**
 * The query with each word the library does not know replaced by the closest word it knows, or
 * null (query.did_you_mean). `index.has(term)` says whether a practice has the term;
 * `index.words(word)` resolves to the library's words that start like `word`.
 */
export function didYouMean(index, p) {
  const jobs = p.words.map((x, i) => {
    if (p.covered[i] || isDigits(x.w)) return Promise.resolve(null);
    const s = p.stems[i];
    return index.has(s.id) || index.has(s.en) ? Promise.resolve(null) : index.words(x.w).then((rows) => closest(x.w, rows));
  });
  return Promise.all(jobs).then((fixes) => {
    let text = p.query;
    let changed = false;
    for (let i = p.words.length - 1; i >= 0; i--) {
      if (!fixes[i]) continue;
      text = text.slice(0, p.words[i].s) + fixes[i] + text.slice(p.words[i].e);
      changed = true;
    }
    return changed ? text : null;
  });
}
