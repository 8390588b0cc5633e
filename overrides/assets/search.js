/* Lumbung Praktik site search: our own static index (built by lumbung/sitesearch.py) behind a small,
 * accessible UI.
 *
 * Nothing is loaded until someone searches: search/config.json (stop words, weights, facets) when
 * the box gets the focus, and each word's lexicon file (search/lex/<first three letters>.json) as
 * soon as it is typed. A query is analysed as the CLI analyses it: words are split and folded, stop
 * words dropped, and each word is looked up in its lexicon file, which gives its Indonesian
 * (Sastrawi) and English stems as the build computed them, where the postings of those terms are
 * (a rare term's are right there) and the synonyms that start with them. Synonym phrases ("PHK",
 * "job fair") become concepts with the synonym groups as alternatives; a province's name or short
 * form ("NTT") becomes a concept matched by the practices' region. Then the postings of the query's
 * terms are fetched at once (search/t/<k>.bin; never for a term no practice has); scores are the
 * precomputed BM25F impacts times the terms' idf, and every practice that matches a concept is
 * ranked, by score times its coverage of the query cubed (lumbung/ranking.py). A word the library
 * does not know gets a did-you-mean from search/words/<letter>.json. Then only the practices on
 * screen are fetched (search/d/<n>.json: an excerpt of each section) for their snippets, whose
 * words are matched through the forms of the query's terms (in the terms' own lexicon files).
 * ?q=QUERY on any page opens the results for QUERY.
 */
import { cache, getBytes, getJSON } from "./lib/fetch.js";

(function () {
  "use strict";

  const FORMAT = 4;
  const PAGE_SIZE = 10;
  const SNIPPET_WORDS = 28;
  const SNIPPET_CONTEXT = 4;
  const DEBOUNCE_MS = 200;
  const FACETS = ["tema", "provinsi"];

  const box = document.querySelector("[data-lp-search]");
  if (!box) return;
  const form = box.querySelector("form");
  const input = box.querySelector(".lp-search__input");
  const region = box.querySelector(".lp-search__results");
  const status = box.querySelector(".lp-search__status");
  const suggestionEl = box.querySelector(".lp-search__suggestion");
  const filtersEl = box.querySelector(".lp-search__filters");
  const list = box.querySelector(".lp-search__list");
  const more = box.querySelector(".lp-search__more");
  const closeBtn = box.querySelector(".lp-search__close");

  const root = new URL(box.getAttribute("data-root") || ".", document.baseURI);
  const searchUrl = new URL(box.getAttribute("data-search") || "search/", document.baseURI);

  const selected = { tema: [], provinsi: [] };
  let seq = 0;
  let timer = null;
  let current = { docs: [], shown: 0, plan: null };

  /* ---------------------------------------------------------------- files */

  /* A file of the index, fetched once (again after a failure); null when it is missing or unreachable. */
  const cached = cache((path) => (path.endsWith(".json") ? getJSON : getBytes)(new URL(path, searchUrl).href));

  function fetchFile(path) {
    return cached(path).catch(() => null);
  }

  /* A postings file: its gzipped twin where the browser can decompress it (static hosts send binary
     files uncompressed), unless the host already decoded it (no gzip magic bytes). */
  function fetchPostings(k) {
    if (typeof DecompressionStream !== "function") return fetchFile("t/" + k + ".bin");
    return fetchFile("t/" + k + ".bin.gz").then((buffer) => {
      if (!buffer) return null;
      const head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
      if (head[0] !== 0x1f || head[1] !== 0x8b) return buffer;
      const stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).arrayBuffer();
    }).catch(() => null);
  }

  let loading = null;

  /* config.json: what every query needs. Rejects when the site has no index. */
  function load() {
    if (!loading) {
      loading = fetchFile("config.json").then((config) => {
        if (!config || config.format !== FORMAT) throw new Error("no search index");
        config.stop = new Set(config.stopwords);
        config.queryStop = new Set(config.stopwords.concat(config.queryStopwords));
        /* a stored impact byte b stands for impactMin * (impactMax / impactMin) ** ((b - 1) / 254) */
        config.impact = new Float64Array(256);
        for (let b = 1; b < 256; b++) {
          config.impact[b] = config.impactMin * Math.pow(config.impactMax / config.impactMin, (b - 1) / 254);
        }
        /* per practice: its province (an index of facets.provinsi) and its themes (a bit per theme) */
        const docs = { prov: config.prov, tema: config.tema };
        return { config, docs };
      });
      loading.catch(() => { loading = null; });
    }
    return loading;
  }

  /* ---------------------------------------------------------------- words (as analysis.py splits them) */

  const WORD_RE = /[\p{L}\p{N}\p{M}]+(?:['\u2019/-][\p{L}\p{N}\p{M}]+)*/gu;
  const SLASH_ACRONYM = /^[\p{L}\p{M}]{1,3}(?:\/[\p{L}\p{M}]{1,3})+$/u;

  const ASCII = /^[\x00-\x7f]*$/;

  function fold(word) {
    const lower = word.toLowerCase();
    return ASCII.test(lower) ? lower : lower.normalize("NFKD").replace(/\p{M}/gu, "");
  }

  function keep(word) {
    return word.length > 1 || /^\p{N}$/u.test(word);
  }

  /* Folded words of `text` with their offsets: {w, s, e}. */
  function surfaceWords(text) {
    const out = [];
    for (const m of text.matchAll(WORD_RE)) {
      const raw = m[0];
      const base = m.index;
      if (/^[\p{L}\p{N}\p{M}]+$/u.test(raw)) {
        const w = fold(raw);
        if (keep(w)) out.push({ w, s: base, e: base + raw.length });
        continue;
      }
      if (raw.indexOf("/") >= 0 && SLASH_ACRONYM.test(raw)) {
        out.push({ w: fold(raw.replace(/\//g, "")), s: base, e: base + raw.length });
        continue;
      }
      let pos = 0;
      let previous = null;
      for (const part of raw.split(/[-/]/)) {
        const start = raw.indexOf(part, pos);
        pos = start + part.length;
        const w = fold(part.replace(/['\u2019]/g, ""));
        if (w && w !== previous && keep(w)) out.push({ w, s: base + start, e: base + pos });
        previous = w;
      }
    }
    return out;
  }

  /* ---------------------------------------------------------------- lexicon and postings */

  function prefix(word) {
    const head = Array.from(word).slice(0, 3).join("");
    if (/^[a-z0-9]+$/.test(head)) return head;
    return "u" + word.codePointAt(0).toString(16).padStart(4, "0");
  }

  /* What the lexicon files fetched so far say: term -> [practices, postings file] or, for a rare
     term, [practices, [practice numbers], [impact bytes]]; synonym phrase -> {m: markers, h: forms
     to mark}; term -> [the words whose stem it is (Indonesian), (English, when they differ)]. Every
     file says the same of a term, so they are merged. */
  const where = new Map();
  const synonymTable = new Map();
  const formsOf = new Map();
  let longestPhrase = 1;

  /* The lexicon file of `name` (see prefix()), its terms and synonyms merged into the tables above. */
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

  /* The lexicon's entry of a word ([Indonesian stem, English stem if different]) or undefined. */
  function lexEntry(word) {
    return lexFile(prefix(word)).then((lex) => (lex ? lex.w[word] : undefined));
  }

  const shards = {};

  function parseShard(buffer) {
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

  /* The postings of a term ({ids, imp}) or null; its lexicon file must have been fetched. */
  function postings(term) {
    const at = where.get(term);
    if (!at) return Promise.resolve(null); /* no practice has it: nothing to fetch */
    if (Array.isArray(at[1])) return Promise.resolve({ ids: Uint32Array.from(at[1]), imp: Uint8Array.from(at[2]) });
    const k = at[1];
    if (!shards[k]) shards[k] = fetchPostings(k).then(parseShard);
    return shards[k].then((map) => map.get(term) || null);
  }

  /* Affix candidates for a word the library does not contain in this form, most likely first
     (Sastrawi's order: particles, possessives, derivational suffixes, then prefixes with their
     sound changes). Only candidates that are terms of the index are used. */
  const PREFIXES = [
    [/^meny([aiueo])/, ["s$1", "ny$1"]], [/^peny([aiueo])/, ["s$1", "ny$1"]],
    [/^mem([bfv])/, ["$1"]], [/^pem([bfv])/, ["$1"]],
    [/^mem([aiueo])/, ["m$1", "p$1"]], [/^pem([aiueo])/, ["m$1", "p$1"]],
    [/^men([cdjsz])/, ["$1"]], [/^pen([cdjsz])/, ["$1"]],
    [/^meng([ghqk])/, ["$1"]], [/^peng([ghqk])/, ["$1"]],
    [/^meng([aiueo])/, ["$1", "k$1", "ng$1"]], [/^peng([aiueo])/, ["$1", "k$1", "ng$1"]],
    [/^men([aiueo])/, ["n$1", "t$1"]], [/^pen([aiueo])/, ["n$1", "t$1"]],
    [/^me([lrwy])/, ["$1"]], [/^pe([lrwy])/, ["$1"]],
    [/^(?:ber|be|per|pe|ter|te|di|ke|se)/, [""]],
  ];

  function stripPrefix(word) {
    const out = [];
    for (const [re, forms] of PREFIXES) {
      if (re.test(word)) forms.forEach((f) => out.push(word.replace(re, f)));
    }
    return out;
  }

  /* Stem candidates for a word the library does not contain in this form, in Sastrawi's order:
     the word, then without particle, possessive and derivational suffixes, then without one or two
     prefixes (with their sound changes: "menempatkan" -> "tempat"), most stripped suffix first.
     Only candidates that are terms of the index are used. */
  function indonesianCandidates(word) {
    const out = [];
    const add = (w) => { if (w.length >= 3 && out.indexOf(w) < 0) out.push(w); };
    const suffixed = [word];
    const inflected = word.replace(/(lah|kah|tah|pun)$/, "");
    const possessive = inflected.replace(/(ku|mu|nya)$/, "");
    const derived = possessive.replace(/(kan|an|i)$/, "");
    [inflected, possessive, derived].forEach((w) => { if (suffixed.indexOf(w) < 0) suffixed.push(w); });
    suffixed.forEach(add);
    for (const s of suffixed.slice().reverse()) {
      for (const once of stripPrefix(s)) {
        add(once);
        stripPrefix(once).forEach(add);
      }
    }
    return out;
  }

  function englishCandidates(word) {
    const out = [word];
    for (const [re, to] of [[/ies$/, "i"], [/sses$/, "ss"], [/s$/, ""], [/ing$/, ""], [/ed$/, ""], [/ly$/, ""], [/ment$/, ""]]) {
      if (re.test(word) && word.length > 4) out.push(word.replace(re, to));
    }
    return out;
  }

  /* {id, en}: a word's stems, from the lexicon or, for a form the library lacks, the first affix
     candidate the index knows (a term or a synonym phrase of one word, looked up in the candidate's
     own lexicon file); else the word itself. */
  function stems(word) {
    return lexEntry(word).then((known) => {
      if (known) return { id: known[0], en: known[1] || known[0] };
      if (word.length < 4 || /\p{N}/u.test(word)) return { id: word, en: word };
      const pick = (candidates) => Promise.all(
        candidates.map((c) => lexFile(prefix(c)).then(() => synonymTable.has(c) || where.has(c)))
      ).then((found) => candidates[found.findIndex(Boolean)] || word);
      return Promise.all([pick(indonesianCandidates(word)), pick(englishCandidates(word))])
        .then(([id, en]) => ({ id, en }));
    });
  }

  /* ---------------------------------------------------------------- query plans (search.py's plan()) */

  /* The synonym phrases of `terms`, longest first; every phrase starting with a term of the query is
     in the table, from that term's lexicon file. */
  function findPhrases(terms) {
    const found = {};
    let i = 0;
    while (i < terms.length) {
      let n = Math.min(longestPhrase, terms.length - i);
      for (; n > 0; n--) {
        const hit = synonymTable.get(terms.slice(i, i + n).join(" "));
        if (hit) { found[i] = { end: i + n, hit }; break; }
      }
      i += n > 0 ? n : 1;
    }
    return found;
  }

  /* How an Indonesian word is formed from its stem (search.py's word_class()). */
  function wordClass(word, stem) {
    if (word === stem) return "bare";
    if (word.startsWith("se") && word.slice(2) === stem) return "se";
    return "affixed";
  }

  function plan(config, query) {
    let words = surfaceWords(query).filter((x) => !config.queryStop.has(x.w));
    const truncated = words.length > config.maxQueryWords;
    words = words.slice(0, config.maxQueryWords);
    return Promise.all(words.map((x) => stems(x.w))).then((st) => {
      const ids = st.map((s) => s.id);
      const ens = st.map((s) => s.en);
      const spans = findPhrases(ids);
      const overlaps = (a, b) => a.start < b.end && b.start < a.end;
      const english = findPhrases(ens);
      Object.keys(english).forEach((k) => {
        const m = { start: +k, end: english[k].end };
        const clash = Object.keys(spans).some((s) => overlaps(m, { start: +s, end: spans[s].end }));
        if (!clash) spans[k] = english[k];
      });
      const concepts = [];
      const labels = [];
      /* term -> Set of word classes to mark in snippets, or null for any */
      const highlight = new Map();
      const mark = (term, cls) => {
        if (cls === null || highlight.get(term) === null) { highlight.set(term, null); return; }
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

  /* ---------------------------------------------------------------- ranking (index.py's run()) */

  /* ranking.py's rank(): every practice that matches a concept, its BM25F score times its coverage
     of the query (the idf-weighted share of the concepts it matches) to the power config.coordination. */
  function run(state, p) {
    const { config, docs } = state;
    const n = config.docs;
    const concepts = p.concepts;
    if (!concepts.length) return Promise.resolve({ docs: [], partial: false, missing: [], coverage: 0 });
    const terms = new Set();
    concepts.forEach((alts) => alts.forEach((a) => a.terms.forEach((t) => terms.add(t))));
    const names = Array.from(terms);
    return Promise.all(names.map(postings)).then((lists) => {
      const byTerm = new Map(names.map((t, k) => [t, lists[k]]));
      const bests = concepts.map((alts) => {
        const best = new Float64Array(n).fill(-1);
        for (const alt of alts) {
          const ps = alt.terms.map((t) => byTerm.get(t));
          if (ps.some((x) => !x)) continue;
          const sum = new Float64Array(n);
          const have = new Uint8Array(n);
          for (const x of ps) {
            const idf = Math.log(n / (x.ids.length + 1)) + 1;
            for (let k = 0; k < x.ids.length; k++) {
              sum[x.ids[k]] += idf * config.impact[x.imp[k]];
              have[x.ids[k]]++;
            }
          }
          const weight = alt.w / ps.length;
          for (let d = 0; d < n; d++) {
            if (have[d] === ps.length && weight * sum[d] > best[d]) best[d] = weight * sum[d];
          }
        }
        return best;
      });
      const weights = bests.map((best) => {
        let df = 0;
        for (let d = 0; d < n; d++) if (best[d] >= 0) df++;
        return Math.log(Math.max(n, 1) / (df + 1)) + 1;
      });
      const whole = weights.reduce((a, b) => a + b, 0);
      const total = new Float64Array(n);
      const covered = new Float64Array(n);
      bests.forEach((best, c) => {
        for (let d = 0; d < n; d++) {
          if (best[d] >= 0) { total[d] += best[d]; covered[d] += weights[c]; }
        }
      });
      /* the themes chosen as a mask (a practice needs one of them), the provinces as a set */
      const chosen = [
        selected.tema.reduce((mask, v) => mask | (1 << config.facets.tema.indexOf(v)), 0),
        new Set(selected.provinsi.map((v) => config.facets.provinsi.indexOf(v))),
      ];
      const out = [];
      const score = new Float64Array(n);
      for (let d = 0; d < n; d++) {
        if (!(covered[d] > 0)) continue;
        if (chosen[0] && !(docs.tema[d] & chosen[0])) continue;
        if (chosen[1].size && !chosen[1].has(docs.prov[d])) continue;
        score[d] = total[d] * Math.pow(covered[d] / whole, config.coordination);
        out.push(d);
      }
      out.sort((a, b) => score[b] - score[a] || a - b);
      const top = out.length ? out[0] : -1;
      const missing = top < 0 ? [] : Array.from(new Set(p.labels.filter((_, c) => !(bests[c][top] >= 0))));
      return { docs: out, partial: missing.length > 0, missing, coverage: top < 0 ? 0 : covered[top] / whole };
    });
  }

  /* ---------------------------------------------------------------- did you mean (search.py's did_you_mean()) */

  function distance(a, b, max) {
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

  function letterFile(letter) {
    return /^[a-z0-9]$/.test(letter) ? letter : "u" + letter.codePointAt(0).toString(16).padStart(4, "0");
  }

  function correct(word) {
    return fetchFile("words/" + letterFile(Array.from(word)[0]) + ".json").then((rows) => {
      const max = word.length <= 5 ? 1 : 2;
      let best = null;
      for (const [w, n] of rows || []) {
        const d = distance(word, w, max);
        if (d > 0 && d <= max && (!best || d < best.d || (d === best.d && n > best.n))) best = { w, d, n };
      }
      return best ? best.w : null;
    });
  }

  function didYouMean(state, p) {
    const jobs = p.words.map((x, i) => {
      if (p.covered[i] || /^\p{N}+$/u.test(x.w)) return Promise.resolve(null);
      const s = p.stems[i];
      return where.has(s.id) || where.has(s.en) ? Promise.resolve(null) : correct(x.w);
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

  /* ---------------------------------------------------------------- snippets (search.py's snippet()) */

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  /* Sets p.stemOf: for the practices' texts in Indonesian and in English, word -> its stem for every
     word whose stem is a term to mark (a word of the query, of a synonym, or of a phrase); a word not
     in it is its own term or none to mark. The terms' forms come from their own lexicon files. */
  function markedForms(p) {
    const wanted = new Set(p.highlight.keys());
    p.phrases.forEach((ph) => ph.forEach((t) => wanted.add(t)));
    const terms = Array.from(wanted);
    return Promise.all(terms.map((t) => lexFile(prefix(t)).then((lex) => (lex ? lex.w[t] : undefined))))
      .then((own) => {
        const stemOf = { id: new Map(), en: new Map() };
        for (const t of terms) {
          const forms = formsOf.get(t);
          if (!forms) continue;
          forms[0].forEach((w) => stemOf.id.set(w, t));
          (forms[1] || forms[0]).forEach((w) => stemOf.en.set(w, t));
        }
        /* a term that is also a word with a stem of its own ("pelatih" -> "latih") */
        terms.forEach((t, k) => {
          if (!own[k]) return;
          if (own[k][0] !== t && !stemOf.id.has(t)) stemOf.id.set(t, own[k][0]);
          const en = own[k][1] || own[k][0];
          if (en !== t && !stemOf.en.has(t)) stemOf.en.set(t, en);
        });
        p.stemOf = stemOf;
      });
  }

  /* The passage around the densest cluster of matched words, inside one section ("\f" separates
     them), centred on the matched words it holds. The text is an excerpt (data.c when it was cut). */
  function snippet(config, data, p) {
    const text = data.x || "";
    const english = data.l === "en";
    const toks = [];
    const bounds = [];
    let offset = 0;
    for (const part of text.split("\f")) {
      const first = toks.length;
      for (const t of surfaceWords(part)) {
        if (!config.stop.has(t.w)) toks.push({ w: t.w, s: offset + t.s, e: offset + t.e });
      }
      if (toks.length > first) bounds.push([first, toks.length]);
      offset += part.length + 1;
    }
    const flat = (s) => escapeHtml(s.replace(/\s+/g, " "));
    if (!toks.length) return text.trim() ? flat(text.slice(0, 200)) : "";
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
    const width = SNIPPET_WORDS;
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
        if (v) inside.set(h, v); else inside.delete(h);
      };
      hits.slice(a, Math.min(b, a + inner)).forEach((h) => add(h, 1));
      const better = () => inside.size > bestKey[0] || (inside.size === bestKey[0] && sum > bestKey[1]);
      if (better()) { best = a; bestKey = [inside.size, sum]; section = [a, b]; }
      for (let i = a + 1; i < Math.max(a + 1, b - inner + 1); i++) {
        add(hits[i - 1], -1);
        add(hits[i + inner - 1], 1);
        if (better()) { best = i; bestKey = [inside.size, sum]; section = [a, b]; }
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

  /* ---------------------------------------------------------------- searching */

  /* A query of one concept most likely shows the practices where its main term weighs most: the
     lexicon lists them for a term with a postings file, so their files load with the postings. */
  function speculate(p) {
    if (p.concepts.length !== 1 || selected.tema.length || selected.provinsi.length) return;
    let best = null;
    for (const alt of p.concepts[0]) {
      const at = alt.terms.length === 1 ? where.get(alt.terms[0]) : null;
      if (!at || Array.isArray(at[1]) || !at[2]) continue;
      if (!best || alt.w > best.w || (alt.w === best.w && at[0] > best.df)) best = { w: alt.w, df: at[0], top: at[2] };
    }
    if (best) best.top.forEach((d) => fetchFile("d/" + d + ".json"));
  }

  function search(query, options) {
    options = options || {};
    const id = ++seq;
    query = query.trim();
    if (!query) { hide(); return Promise.resolve(); }
    show();
    region.setAttribute("aria-busy", "true");
    status.textContent = "Mencari\u2026";
    const started = performance.now();
    return load().then((state) => {
      const stale = () => id !== seq;
      return plan(state.config, query).then((p) => {
        /* the postings first, then the forms of the words to mark and the likely results */
        const ranking = run(state, p);
        p.forms = markedForms(p);
        speculate(p);
        return ranking.then((res) => {
          if (stale()) return null;
          /* for tests and benchmarks: when the result set was known, before its practices' files arrived */
          region.setAttribute("data-ranked-ms", String(Math.round(performance.now() - started)));
          if (!p.concepts.length) return render(state, query, p, res, null, false, started);
          /* only a word unknown to the library fetches anything here (its did-you-mean list) */
          return didYouMean(state, p).then((fixed) => {
            if (stale()) return null;
            if (!fixed || fold(fixed) === fold(query)) return render(state, query, p, res, null, false, started);
            return plan(state.config, fixed).then((p2) => run(state, p2).then((res2) => {
              if (stale()) return null;
              /* only a suggestion whose best result has every word replaces the query's own results */
              if (res2.docs.length && !res2.partial && res2.coverage > res.coverage) {
                res2.hadResults = res.docs.length > 0;
                return render(state, query, p2, res2, fixed, true, started);
              }
              return render(state, query, p, res, res2.docs.length > res.docs.length ? fixed : null, false, started);
            }));
          });
        });
      });
    }).catch(() => {
      if (id !== seq) return;
      status.textContent = "Pencarian belum tersedia di sini (indeks pencarian tidak ditemukan).";
      list.textContent = "";
      more.hidden = true;
    }).then(() => {
      if (id !== seq) return;
      region.setAttribute("aria-busy", "false");
      region.setAttribute("data-ms", String(Math.round(performance.now() - started))); /* for tests and benchmarks */
      if (options.updateUrl !== false) updateUrl(query);
    });
  }

  /* Shows a result set at once (count, suggestion, filters) and its first page of practices as their
     files arrive, in rank order: a slot per result, filled when it and every result above it are in. */
  function render(state, query, p, res, suggestion, corrected, started) {
    current = { docs: res.docs, shown: 0, plan: p, state, started };
    list.textContent = "";
    const shown = page(); /* the practices' files first: the count and filters are drawn while they load */
    const shownQuery = corrected ? suggestion : query;
    const long = p.truncated ? "Kueri terlalu panjang: hanya " + state.config.maxQueryWords + " kata pertama yang dicari. " : "";
    if (!res.docs.length) {
      status.textContent = long + "Tidak ada praktik yang cocok dengan \u201c" + query + "\u201d.";
    } else {
      status.textContent = long + res.docs.length + " praktik untuk \u201c" + shownQuery + "\u201d." +
        (res.partial ? " Hasil teratas tidak memuat semua kata yang dicari (tidak ada: " + res.missing.join(", ") + ")." : "");
    }
    renderSuggestion(query, suggestion, corrected, res.hadResults);
    renderFilters(state, res.docs);
    return shown;
  }

  /* The next page of results: resolves when all of it is on screen. */
  function page() {
    const { docs, shown, plan: p, state, started } = current;
    const slice = docs.slice(shown, shown + PAGE_SIZE);
    current.shown += slice.length;
    more.hidden = current.shown >= docs.length;
    const slots = slice.map(() => {
      const li = el("li", "lp-search__result");
      li.hidden = true;
      list.appendChild(li);
      return li;
    });
    const rows = new Array(slice.length);
    let next = 0;
    const fill = () => {
      while (next < slice.length && rows[next] !== undefined) {
        item(state.config, rows[next], shown + next + 1, slots[next]);
        if (!shown && !next) region.setAttribute("data-first-ms", String(Math.round(performance.now() - started)));
        next++;
      }
    };
    if (!p.forms) p.forms = markedForms(p);
    return Promise.all(slice.map((d, i) => Promise.all([fetchFile("d/" + d + ".json"), p.forms]).then(([data]) => {
      if (!data) return { data: {}, html: "" };
      const html = snippet(state.config, data, p);
      /* an excerpt without the words to mark: the snippet comes from the practice's whole text */
      if (!data.c || html.indexOf("<mark>") >= 0) return { data, html };
      return fetchFile("x/" + d + ".json").then((full) =>
        ({ data, html: full === null ? html : snippet(state.config, { x: full, l: data.l }, p) }));
    }).then((row) => {
      rows[i] = row;
      fill();
    })));
  }

  function renderSuggestion(query, suggestion, corrected, hadResults) {
    suggestionEl.textContent = "";
    if (!suggestion) { suggestionEl.hidden = true; return; }
    if (corrected && hadResults) {
      suggestionEl.textContent = "Ejaan disesuaikan: menampilkan hasil untuk \u201c" + suggestion + "\u201d, bukan \u201c" + query + "\u201d.";
    } else if (corrected) {
      suggestionEl.textContent = "Tidak ada hasil untuk \u201c" + query + "\u201d; ditampilkan hasil untuk \u201c" + suggestion + "\u201d.";
    } else {
      const button = el("button", "lp-search__suggest", suggestion);
      button.type = "button";
      button.addEventListener("click", () => { input.value = suggestion; search(suggestion); input.focus(); });
      suggestionEl.appendChild(document.createTextNode("Maksud Anda: "));
      suggestionEl.appendChild(button);
      suggestionEl.appendChild(document.createTextNode("?"));
    }
    suggestionEl.hidden = false;
  }

  function renderFilters(state, docs) {
    const { config } = state;
    const counts = { tema: {}, provinsi: {} };
    for (const d of docs) {
      config.facets.tema.forEach((label, t) => {
        if (state.docs.tema[d] & (1 << t)) counts.tema[label] = (counts.tema[label] || 0) + 1;
      });
      const prov = config.facets.provinsi[state.docs.prov[d]];
      if (prov) counts.provinsi[prov] = (counts.provinsi[prov] || 0) + 1;
    }
    let any = false;
    FACETS.forEach((name) => {
      const fieldset = filtersEl.querySelector('[data-facet="' + name + '"]');
      const ul = fieldset.querySelector("ul");
      ul.textContent = "";
      const values = counts[name];
      /* values of this result set, and the chosen ones even at zero, so they can be unchosen */
      const keys = Object.keys(values);
      selected[name].forEach((v) => { if (keys.indexOf(v) < 0) keys.push(v); });
      keys.sort((a, b) => (values[b] || 0) - (values[a] || 0) || a.localeCompare(b, "id"));
      keys.forEach((value, i) => {
        const li = el("li");
        const id = "lp-f-" + name + "-" + i;
        const check = el("input");
        check.type = "checkbox";
        check.id = id;
        check.value = value;
        check.checked = selected[name].indexOf(value) >= 0;
        check.addEventListener("change", () => {
          const chosen = selected[name];
          const at = chosen.indexOf(value);
          if (check.checked && at < 0) chosen.push(value);
          if (!check.checked && at >= 0) chosen.splice(at, 1);
          search(input.value, { updateUrl: false }).then(() => {
            const again = document.getElementById(id);
            if (again) again.focus();
          });
        });
        const label = el("label", null, value + " (" + (values[value] || 0) + ")");
        label.htmlFor = id;
        li.appendChild(check);
        li.appendChild(label);
        ul.appendChild(li);
      });
      fieldset.hidden = !keys.length;
      any = any || keys.length > 0;
    });
    filtersEl.hidden = !any;
  }

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function item(config, row, rank, li) {
    const data = row.data;
    li.textContent = "";
    li.hidden = false;
    li.value = rank;
    const link = el("a", "lp-search__link", data.t || data.u || "");
    link.href = root.pathname + (data.u || "");
    const title = el("h3", "lp-search__title");
    title.appendChild(link);
    li.appendChild(title);
    const themes = (data.th || []).map((t) => config.facets.tema[t]);
    const facts = [data.p, themes.join(" \u00b7 ")].filter(Boolean).join(" \u00b7 ");
    if (facts) li.appendChild(el("p", "lp-search__meta", facts));
    const snip = el("p", "lp-search__snippet");
    snip.innerHTML = row.html;
    li.appendChild(snip);
    return li;
  }

  /* ---------------------------------------------------------------- UI state */

  function show() { region.hidden = false; }

  function hide() {
    seq++;
    region.hidden = true;
    list.textContent = "";
    status.textContent = "";
    suggestionEl.hidden = true;
    filtersEl.hidden = true;
  }

  function updateUrl(query) {
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  function links() { return Array.from(list.querySelectorAll("a.lp-search__link")); }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });

  /* While the reader types, fetch the lexicon file of each word as soon as its first three letters are
     there (or it is followed by a space), and then the postings of the words still in the box, so the
     search that follows finds them in the cache. */
  let stopwords = null;

  function prefetch(q) {
    const all = surfaceWords(q);
    all.forEach((x, i) => {
      if (stopwords && stopwords.has(x.w)) return;
      if (x.w.length < 3 && (i === all.length - 1 && x.e === q.length)) return;
      lexEntry(x.w).then((known) => {
        if (known && surfaceWords(input.value).some((y) => y.w === x.w)) known.forEach(postings);
      });
    });
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value;
    if (!q.trim()) { hide(); updateUrl(""); return; }
    prefetch(q);
    timer = setTimeout(() => search(q), DEBOUNCE_MS);
  });

  input.addEventListener("focus", () => {
    load().then(({ config }) => { stopwords = config.queryStop; }).catch(() => {});
  }, { once: true });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !region.hidden) {
      const first = links()[0];
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape") {
      hide();
    }
  });

  region.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { hide(); input.focus(); return; }
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
  });

  closeBtn.addEventListener("click", () => { hide(); input.focus(); });

  more.addEventListener("click", () => {
    const before = links().length;
    page().then(() => {
      const next = links()[before];
      if (next) next.focus();
    });
  });

  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial, { updateUrl: false });
  }
})();
