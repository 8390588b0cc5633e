/* Lumbung Praktik site search: the ranking rule of lumbung's search/ranking.py. Every practice that
   matches a concept of the query is a result; its score is its BM25F score (the sum over the
   concepts it matches of the best alternative's score) times its coverage of the query (the
   idf-weighted share of the concepts it matches) to the power `coordination`. node tests compare it
   with ranking.rank on the vectors the Python side writes. */

/** The weight of a concept found in `df` of `n` practices (ranking.idf). */
export function idf(df, n) {
  return Math.log(Math.max(n, 1) / (df + 1)) + 1;
}

/**
 * A concept's score for every practice: the best of its alternatives, -1 where none matches. An
 * alternative ({terms, w}) matches a practice that has all its terms; its score is `w` times the
 * mean over its terms of idf times the stored impact. `postings(term)` is {ids, imp} or null (a
 * term no practice has); `impact[b]` is the value of impact byte b.
 */
export function conceptScores(alts, postings, n, impact) {
  const best = new Float64Array(n).fill(-1);
  for (const alt of alts) {
    const ps = alt.terms.map(postings);
    if (ps.some((x) => !x)) continue;
    const sum = new Float64Array(n);
    const have = new Uint8Array(n);
    for (const x of ps) {
      const weight = Math.log(n / (x.ids.length + 1)) + 1;
      for (let k = 0; k < x.ids.length; k++) {
        sum[x.ids[k]] += weight * impact[x.imp[k]];
        have[x.ids[k]]++;
      }
    }
    const weight = alt.w / ps.length;
    for (let d = 0; d < n; d++) {
      if (have[d] === ps.length && weight * sum[d] > best[d]) best[d] = weight * sum[d];
    }
  }
  return best;
}

/**
 * Practices best first (ranking.rank). `bests[c][d]` is practice d's score for concept c, or -1;
 * `allowed(d)`, if given, keeps only those practices (facet filters), after the weights are
 * computed. Returns the practices in order, their scores and coverages (by practice) and the
 * concepts the top result lacks.
 */
export function rank(bests, n, coordination, allowed) {
  const weights = bests.map((best) => {
    let df = 0;
    for (let d = 0; d < n; d++) if (best[d] >= 0) df++;
    return idf(df, n);
  });
  const whole = weights.reduce((a, b) => a + b, 0);
  const total = new Float64Array(n);
  const covered = new Float64Array(n);
  bests.forEach((best, c) => {
    for (let d = 0; d < n; d++) {
      if (best[d] >= 0) {
        total[d] += best[d];
        covered[d] += weights[c];
      }
    }
  });
  const docs = [];
  const score = new Float64Array(n);
  const coverage = new Float64Array(n);
  for (let d = 0; d < n; d++) {
    if (!(covered[d] > 0)) continue;
    if (allowed && !allowed(d)) continue;
    coverage[d] = covered[d] / whole;
    score[d] = total[d] * Math.pow(coverage[d], coordination);
    docs.push(d);
  }
  docs.sort((a, b) => score[b] - score[a] || a - b);
  const top = docs.length ? docs[0] : -1;
  const missing = top < 0 ? [] : bests.map((best, c) => c).filter((c) => !(bests[c][top] >= 0));
  return { docs, score, coverage, missing };
}

/**
 * The results of plan `p` on `index` (lib/search-index.js): every practice that matches a concept,
 * best first, kept by `allowed(d)` if given; `missing` names the query's words (the concepts'
 * labels) the top result lacks, `coverage` is its share of the query.
 */
export function rankQuery(index, config, p, allowed) {
  const n = config.docs;
  const concepts = p.concepts;
  if (!concepts.length) return Promise.resolve({ docs: [], partial: false, missing: [], coverage: 0 });
  const names = Array.from(new Set(concepts.flatMap((alts) => alts.flatMap((a) => a.terms))));
  return Promise.all(names.map(index.postings)).then((lists) => {
    const byTerm = new Map(names.map((t, k) => [t, lists[k]]));
    const bests = concepts.map((alts) => conceptScores(alts, (t) => byTerm.get(t), n, config.impact));
    const ranked = rank(bests, n, config.coordination, allowed);
    const top = ranked.docs.length ? ranked.docs[0] : -1;
    const missing = Array.from(new Set(ranked.missing.map((c) => p.labels[c])));
    return { docs: ranked.docs, partial: missing.length > 0, missing, coverage: top < 0 ? 0 : ranked.coverage[top] };
  });
}
