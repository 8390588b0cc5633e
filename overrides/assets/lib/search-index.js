/* Lumbung Praktik site search: the static index lumbung's search/static.py writes into search/, as
   the browser reads it. config.json (stop words, weights, facets); lex/<prefix>.json per word
   prefix (its words' stems, where the postings of their terms are, the synonyms that start with
   them, the words each term stands for); t/<k>.bin (and .bin.gz) postings; words/<letter>.json
   the did-you-mean vocabulary. Files come through `fetchFile(path)`, so node tests read a built
   index from disk. */

import { englishCandidates, indonesianCandidates } from "./search-analysis.js";

export const FORMAT = 4;

/** The lexicon file of a word: its first three characters when they are ASCII letters or digits. */
export function prefix(word) {
  const head = Array.from(word).slice(0, 3).join("");
  if (/^[a-z0-9]+$/.test(head)) return head;
  return "u" + word.codePointAt(0).toString(16).padStart(4, "0");
}

/** The did-you-mean file of a word's first letter. */
export function letterFile(letter) {
  return /^[a-z0-9]$/.test(letter) ? letter : "u" + letter.codePointAt(0).toString(16).padStart(4, "0");
}

/** The impact each stored byte stands for: impactMin * (impactMax / impactMin) ** ((b - 1) / 254). */
export function impactTable(min, max) {
  const impact = new Float64Array(256);
  for (let b = 1; b < 256; b++) impact[b] = min * Math.pow(max / min, (b - 1) / 254);
  return impact;
}

/**
 * The index's settings, ready for queries: sets of stop words (of queries, and of each language's
 * texts for snippets), the impact of each byte; `docs` the practices' provinces and themes.
 * Throws when the file is missing or of another format.
 */
export function prepareConfig(config) {
  if (!config || config.format !== FORMAT) throw new Error("no search index");
  config.stop = new Set(config.stopwords);
  const by = config.stopwordsByLanguage || {};
  config.stopOf = { id: new Set(by.id || config.stopwords), en: new Set(by.en || config.stopwords) };
  config.queryStop = new Set(config.stopwords.concat(config.queryStopwords));
  config.impact = impactTable(config.impactMin, config.impactMax);
  // per practice: its province (an index of facets.provinsi) and its themes (a bit per theme)
  return { config, docs: { prov: config.prov, tema: config.tema } };
}

/** A postings file's terms: term -> {ids: practice numbers, imp: impact bytes}. */
export function parseShard(buffer) {
  const u8 = new Uint8Array(buffer || new ArrayBuffer(0));
  const decoder = new TextDecoder();
  const map = new Map();
  let i = 0;
  function varint() {
    let n = 0;
    let scale = 1;
    let b;
    do {
      b = u8[i++];
      n += (b & 0x7f) * scale;
      scale *= 128;
    } while (b & 0x80);
    return n;
  }
  while (i < u8.length) {
    const len = varint();
    const term = decoder.decode(u8.subarray(i, i + len));
    i += len;
    const df = varint();
    const ids = new Uint32Array(df);
    let last = 0;
    for (let k = 0; k < df; k++) {
      last += varint();
      ids[k] = last;
    }
    map.set(term, { ids, imp: u8.subarray(i, i + df) });
    i += df;
  }
  return map;
}

/** Whether `buffer` starts like a gzip stream. */
export function isGzip(buffer) {
  const head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
  return head[0] === 0x1f && head[1] === 0x8b;
}

/**
 * The site's index, read through `fetchFile(path)` (a path under search/; resolves to the parsed
 * JSON of a .json file, the bytes of another, null when it is missing). What the lexicon files
 * fetched so far say is merged into one table (every file says the same of a term): where each
 * term's postings are (a rare term's are in the entry: [practices, [numbers], [impact bytes]]),
 * the synonym phrases, and the words each term stands for.
 */
export function searchIndex(fetchFile) {
  const where = new Map();
  const synonymTable = new Map();
  const formsOf = new Map();
  const shards = new Map();
  let longestPhrase = 1;

  // The lexicon file `name` (see prefix()), merged into the tables above.
  function lexFile(name) {
    return fetchFile("lex/" + name + ".json").then((lex) => {
      if (!lex) return null;
      if (!lex.merged) {
        Object.keys(lex.t).forEach((t) => where.set(t, lex.t[t]));
        Object.keys(lex.s).forEach((k) => {
          synonymTable.set(k, lex.s[k]);
          longestPhrase = Math.max(longestPhrase, k.split(" ").length);
        });
        Object.keys(lex.f).forEach((t) => formsOf.set(t, lex.f[t]));
        lex.merged = true;
      }
      return lex;
    });
  }

  // The lexicon's entry of a word ([Indonesian stem, English stem if different]) or undefined.
  function lexEntry(word) {
    return lexFile(prefix(word)).then((lex) => (lex ? lex.w[word] : undefined));
  }

  // A postings file: its gzipped twin where the browser can decompress it (static hosts send
  // binary files uncompressed), unless the host already decoded it (no gzip magic bytes).
  function postingsFile(k) {
    if (typeof DecompressionStream !== "function") return fetchFile("t/" + k + ".bin");
    return fetchFile("t/" + k + ".bin.gz")
      .then((buffer) => {
        if (!buffer || !isGzip(buffer)) return buffer;
        const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).arrayBuffer();
      })
      .catch(() => null);
  }

  // The postings of a term ({ids, imp}) or null; its lexicon file must have been fetched.
  function postings(term) {
    const at = where.get(term);
    if (!at) return Promise.resolve(null); // no practice has it: nothing to fetch
    if (Array.isArray(at[1])) return Promise.resolve({ ids: Uint32Array.from(at[1]), imp: Uint8Array.from(at[2]) });
    const k = at[1];
    if (!shards.has(k)) shards.set(k, postingsFile(k).then(parseShard));
    return shards.get(k).then((map) => map.get(term) || null);
  }

  // {id, en}: a word's stems, from the lexicon or, for a form the library lacks, the first affix
  // candidate the index knows (a term or a synonym phrase of one word, looked up in the
  // candidate's own lexicon file); else the word itself.
  function stems(word) {
    return lexEntry(word).then((known) => {
      if (known) return { id: known[0], en: known[1] || known[0] };
      if (word.length < 4 || /\p{N}/u.test(word)) return { id: word, en: word };
      const pick = (candidates) =>
        Promise.all(candidates.map((c) => lexFile(prefix(c)).then(() => synonymTable.has(c) || where.has(c)))).then(
          (found) => candidates[found.findIndex(Boolean)] || word
        );
      return Promise.all([pick(indonesianCandidates(word)), pick(englishCandidates(word))]).then(([id, en]) => ({
        id,
        en,
      }));
    });
  }

  // For the practices' texts in Indonesian and in English, word -> its stem for every word whose
  // stem is a term to mark (a word of the query, of a synonym, or of a phrase); a word not in it is
  // its own term or none to mark. The terms' forms come from their own lexicon files.
  function stemsToMark(p) {
    const wanted = new Set(p.highlight.keys());
    p.phrases.forEach((ph) => ph.forEach((t) => wanted.add(t)));
    const terms = Array.from(wanted);
    return Promise.all(terms.map((t) => lexFile(prefix(t)).then((lex) => (lex ? lex.w[t] : undefined)))).then((own) => {
      const stemOf = { id: new Map(), en: new Map() };
      for (const t of terms) {
        const forms = formsOf.get(t);
        if (!forms) continue;
        forms[0].forEach((w) => stemOf.id.set(w, t));
        (forms[1] || forms[0]).forEach((w) => stemOf.en.set(w, t));
      }
      // a term that is also a word with a stem of its own ("pelatih" -> "latih")
      terms.forEach((t, k) => {
        if (!own[k]) return;
        if (own[k][0] !== t && !stemOf.id.has(t)) stemOf.id.set(t, own[k][0]);
        const en = own[k][1] || own[k][0];
        if (en !== t && !stemOf.en.has(t)) stemOf.en.set(t, en);
      });
      return stemOf;
    });
  }

  return {
    lexEntry,
    postings,
    stems,
    stemsToMark,
    /** Where a term's postings are (its lexicon entry), or undefined. */
    entry: (term) => where.get(term),
    /** Whether a practice has the term (its lexicon file must have been fetched). */
    has: (term) => where.has(term),
    synonym: (phrase) => synonymTable.get(phrase),
    get longestPhrase() {
      return longestPhrase;
    },
    /** The library's words that start with `word`'s letter, most frequent first ([word, practices]). */
    words: (word) => fetchFile("words/" + letterFile(Array.from(word)[0]) + ".json"),
  };
}
