/* Lumbung Praktik site search: the snippet of a result, as lumbung's search/query.py snippet() cuts
   it: the passage around the densest cluster of matched words, inside one section ("\f" separates
   them), centred on the matched words it holds. node tests compare it with the Python on the
   vectors tests/js/vectors.py writes. */

import { surfaceWords, wordClass } from "./search-analysis.js";

export const SNIPPET_WORDS = 28;
export const SNIPPET_CONTEXT = 4; // words of context kept on each side of the matched words
const SECTION_BREAK = "\f";

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

/** `s` safe as HTML text and attribute value (Python's html.escape). */
export function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

// Python's \s (str.isspace), which is not JavaScript's: no U+FEFF, but U+001C-U+001F and U+0085.
const SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

function flat(s) {
  return escapeHtml(s.replace(SPACE, " "));
}

function blank(s) {
  return s.replace(SPACE, "") === "";
}

/**
 * The snippet of `data` (a result file: `x` its text or an excerpt of each section, `l` its
 * language, `c` set when the excerpt was cut) for plan `p` as HTML, matched words in <mark>.
 * `stop` holds the stop words skipped; `p.highlight` maps a term to mark to the word classes to
 * mark (null for any), `p.phrases` lists synonyms of several terms, marked only whole, and
 * `p.stemOf` ({id, en}: word -> term) gives the term of a text's word where it is not the word.
 */
export function snippet(stop, data, p, width = SNIPPET_WORDS) {
  const text = data.x || "";
  const english = data.l === "en";
  const toks = [];
  const bounds = [];
  let offset = 0;
  for (const part of text.split(SECTION_BREAK)) {
    const first = toks.length;
    for (const t of surfaceWords(part)) {
      if (!stop.has(t.w)) toks.push({ w: t.w, s: offset + t.s, e: offset + t.e });
    }
    if (toks.length > first) bounds.push([first, toks.length]);
    offset += part.length + SECTION_BREAK.length;
  }
  if (!toks.length) return blank(text) ? "" : flat(Array.from(text).slice(0, 200).join(""));
  const stemOf = english ? p.stemOf.en : p.stemOf.id;
  const terms = toks.map((t) => stemOf.get(t.w) || t.w);
  const hits = terms.map((t, i) => {
    if (!p.highlight.has(t)) return null;
    const classes = p.highlight.get(t);
    return classes === null || english || classes.has(wordClass(toks[i].w, t)) ? t : null;
  });
  for (const ph of p.phrases) {
    for (let i = 0; i + ph.length <= terms.length; i++) {
      if (ph.every((t, k) => terms[i + k] === t)) for (let k = 0; k < ph.length; k++) hits[i + k] = ph.join(" ");
    }
  }
  // In each section, slide a window of `inner` words; keep the one with most distinct matched words,
  // then most matches; then widen it to `width` words centred on the matches it holds.
  const inner = Math.max(1, width - 2 * SNIPPET_CONTEXT);
  let best = bounds[0][0];
  let bestKey = [0, 0];
  let section = bounds[0];
  for (const [a, b] of bounds) {
    const inside = new Map();
    let sum = 0;
    const add = (h, by) => {
      if (!h) return;
      const v = (inside.get(h) || 0) + by;
      sum += by;
      if (v) inside.set(h, v);
      else inside.delete(h);
    };
    hits.slice(a, Math.min(b, a + inner)).forEach((h) => add(h, 1));
    const better = () => inside.size > bestKey[0] || (inside.size === bestKey[0] && sum > bestKey[1]);
    if (better()) {
      best = a;
      bestKey = [inside.size, sum];
      section = [a, b];
    }
    for (let i = a + 1; i < Math.max(a + 1, b - inner + 1); i++) {
      add(hits[i - 1], -1);
      add(hits[i + inner - 1], 1);
      if (better()) {
        best = i;
        bestKey = [inside.size, sum];
        section = [a, b];
      }
    }
  }
  const [a, b] = section;
  const found = [];
  for (let i = best; i < Math.min(b, best + inner); i++) if (hits[i]) found.push(i);
  if (found.length) {
    const span = found[found.length - 1] - found[0] + 1;
    best = Math.max(a, Math.min(found[0] - Math.floor((width - span) / 2), b - width));
  }
  const last = Math.min(b, best + width) - 1;
  const start = toks[best].s;
  const end = toks[last].e;
  let out = best > 0 ? "\u2026 " : "";
  let pos = start;
  for (let i = best; i <= last; i++) {
    if (!hits[i]) continue;
    if (toks[i].s > pos) out += flat(text.slice(pos, toks[i].s));
    out += "<mark>" + escapeHtml(text.slice(toks[i].s, toks[i].e)) + "</mark>";
    pos = toks[i].e;
  }
  if (end > pos) out += flat(text.slice(pos, end));
  if (last < toks.length - 1 || data.c) out += " \u2026";
  return out;
}
