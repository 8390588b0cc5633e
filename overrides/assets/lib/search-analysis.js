/* Lumbung Praktik site search: words as lumbung's text/analysis.py splits and folds them, so a
   query is read in the browser as the index was built. node tests compare every function here with
   the Python it mirrors (tests/js/vectors.py). */

// Python's [^\W_] (str.isalnum) is letters and numbers: marks are not part of a word there.
const WORD_RE = /[\p{L}\p{N}]+(?:['\u2019/-][\p{L}\p{N}]+)*/gu;
const PLAIN = /^[\p{L}\p{N}]+$/u;
// "AK/I", "S/D": slash acronyms of short letter groups are one word; Python's [^\W\d_] is letters
// and the numbers that are not decimal digits.
const SLASH_ACRONYM = /^[\p{L}\p{Nl}\p{No}]{1,3}(?:\/[\p{L}\p{Nl}\p{No}]{1,3})+$/u;
const ASCII = /^[\x00-\x7f]*$/;

// Where Python's str.casefold() differs from toLowerCase() in a way NFKD does not undo.
const CASEFOLD = /[\u00df\u1e9e\u03c2\u0345\u13f8-\u13fd\uab70-\uabbf]/g;

function casefold(c) {
  if (c === "\u00df" || c === "\u1e9e") return "ss";
  if (c === "\u03c2") return "\u03c3";
  if (c === "\u0345") return "\u03b9";
  const cp = c.charCodeAt(0);
  return String.fromCharCode(cp >= 0xab70 ? cp - 0xab70 + 0x13a0 : cp - 8); // Cherokee folds to capitals
}

const classes = new Map();

// Whether a mark has a nonzero canonical combining class (Python's unicodedata.combining), the
// marks lowerUnaccented drops. JavaScript cannot ask for the class, but NFD sorts marks by it: a
// mark of class above 1 moves after a following U+0334 (class 1), one of class 1 before a
// preceding U+093C (class 7).
function combining(mark) {
  let found = classes.get(mark);
  if (found === undefined) {
    const after = "a" + mark + "\u0334";
    const before = "a\u093c" + mark;
    found = after.normalize("NFD") !== after || before.normalize("NFD") !== before;
    classes.set(mark, found);
  }
  return found;
}

/* What a Word paste leaves inside words unseen (soft hyphen, zero-width characters, word joiner,
   byte-order mark): not word breaks (analysis.strip_invisible). */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/** `text` without the invisible characters a paste leaves inside words ("pela\u00adtihan"). */
export function stripInvisible(text) {
  return text.replace(INVISIBLE, "");
}

/** Lowercased (casefolded) and without accents: "Café" -> "cafe" (analysis.lower_unaccented). */
export function lowerUnaccented(word) {
  if (ASCII.test(word)) return word.toLowerCase();
  // casefold before the compatibility decomposition, as Python does: "ᾀ" -> "αι", but "ͺ" -> " "
  return word
    .toLowerCase()
    .normalize("NFD")
    .replace(CASEFOLD, casefold)
    .normalize("NFKD")
    .replace(/\p{M}/gu, (mark) => (combining(mark) ? "" : mark));
}

// Python's str.isdigit() for one character after lowerUnaccented: decimal digits, and the digits
// of the Numeric_Type "Digit" that have no decomposition to one (Ethiopic, circled, Kharoshthi).
const DIGIT =
  /^[\p{Nd}\u1369-\u1371\u19da\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{10a40}-\u{10a43}\u{10e60}-\u{10e68}\u{11052}-\u{1105a}]$/u;

/** Whether `word` (folded) is all digits (Python's str.isdigit()). */
export function isDigits(word) {
  return Array.from(word).every((c) => DIGIT.test(c)) && word.length > 0;
}

// A word of one character counts only if it is a digit (Python's len() counts code points).
function keep(word) {
  return word.length > 2 || (word.length > 1 && word.codePointAt(0) <= 0xffff) || DIGIT.test(word);
}

/** Folded words of `text` with their offsets: [{w, s, e}] (analysis.surface_words). */
export function surfaceWords(text) {
  const out = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const base = m.index;
    if (PLAIN.test(raw)) {
      const w = lowerUnaccented(raw);
      if (keep(w)) out.push({ w, s: base, e: base + raw.length });
      continue;
    }
    if (raw.indexOf("/") >= 0 && SLASH_ACRONYM.test(raw)) {
      const w = lowerUnaccented(raw.replace(/\//g, ""));
      if (keep(w)) out.push({ w, s: base, e: base + raw.length });
      continue;
    }
    // Hyphen and slash parts, apostrophes removed; "anak-anak" (reduplication) counts once.
    let pos = 0;
    let previous = null;
    for (const part of raw.split(/[-/]/)) {
      const start = raw.indexOf(part, pos);
      pos = start + part.length;
      const word = part.replace(/['\u2019]/g, "");
      const lower = word.toLowerCase();
      if (word && lower !== previous) {
        const w = lowerUnaccented(word);
        if (keep(w)) out.push({ w, s: base + start, e: base + pos });
      }
      previous = lower;
    }
  }
  return out;
}

/** How an Indonesian word is formed from its stem: "bare", "se" or "affixed" (query.word_class). */
export function wordClass(word, stem) {
  if (word === stem) return "bare";
  if (word.startsWith("se") && word.slice(2) === stem) return "se";
  return "affixed";
}

/* Affix candidates for a word the library does not contain in this form, most likely first
   (Sastrawi's order: particles, possessives, derivational suffixes, then prefixes with their
   sound changes). */
const PREFIXES = [
  [/^meny([aiueo])/, ["s$1", "ny$1"]],
  [/^peny([aiueo])/, ["s$1", "ny$1"]],
  [/^mem([bfv])/, ["$1"]],
  [/^pem([bfv])/, ["$1"]],
  [/^mem([aiueo])/, ["m$1", "p$1"]],
  [/^pem([aiueo])/, ["m$1", "p$1"]],
  [/^men([cdjsz])/, ["$1"]],
  [/^pen([cdjsz])/, ["$1"]],
  [/^meng([ghqk])/, ["$1"]],
  [/^peng([ghqk])/, ["$1"]],
  [/^meng([aiueo])/, ["$1", "k$1", "ng$1"]],
  [/^peng([aiueo])/, ["$1", "k$1", "ng$1"]],
  [/^men([aiueo])/, ["n$1", "t$1"]],
  [/^pen([aiueo])/, ["n$1", "t$1"]],
  [/^me([lrwy])/, ["$1"]],
  [/^pe([lrwy])/, ["$1"]],
  [/^(?:ber|be|per|pe|ter|te|di|ke|se)/, [""]],
];

function stripPrefix(word) {
  const out = [];
  for (const [re, forms] of PREFIXES) {
    if (re.test(word)) forms.forEach((f) => out.push(word.replace(re, f)));
  }
  return out;
}

/**
 * Stem candidates for an Indonesian word the library does not contain in this form, in Sastrawi's
 * order: the word, then without particle, possessive and derivational suffixes, then without one or
 * two prefixes (with their sound changes: "menempatkan" -> "tempat"), most stripped suffix first.
 * The caller uses the first candidate the index knows.
 */
export function indonesianCandidates(word) {
  const out = [];
  const add = (w) => {
    if (w.length >= 3 && out.indexOf(w) < 0) out.push(w);
  };
  const suffixed = [word];
  const inflected = word.replace(/(lah|kah|tah|pun)$/, "");
  const possessive = inflected.replace(/(ku|mu|nya)$/, "");
  const derived = possessive.replace(/(kan|an|i)$/, "");
  [inflected, possessive, derived].forEach((w) => {
    if (suffixed.indexOf(w) < 0) suffixed.push(w);
  });
  suffixed.forEach(add);
  for (const s of suffixed.slice().reverse()) {
    for (const once of stripPrefix(s)) {
      add(once);
      stripPrefix(once).forEach(add);
    }
  }
  return out;
}

/** Stem candidates for an English word the library lacks in this form, the word itself first. */
export function englishCandidates(word) {
  const out = [word];
  const rules = [
    [/ies$/, "i"],
    [/sses$/, "ss"],
    [/s$/, ""],
    [/ing$/, ""],
    [/ed$/, ""],
    [/ly$/, ""],
    [/ment$/, ""],
  ];
  for (const [re, to] of rules) {
    if (re.test(word) && word.length > 4) out.push(word.replace(re, to));
  }
  return out;
}
