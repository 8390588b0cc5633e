/* Lumbung Praktik site search: our own static index (built by lumbung/search/static.py) behind a
 * small, accessible UI. This module is the page's part; what must agree with the Python side lives
 * in lib/: search-analysis (words, as text/analysis.py), search-index (the index files),
 * search-query (query plans and did-you-mean, as search/query.py), search-rank (search/ranking.py)
 * and search-snippet (query.py's snippet), each tested by node against vectors Python writes.
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
 * ranked, by score times its coverage of the query cubed. A word the library does not know gets a
 * did-you-mean from search/words/<letter>.json. Then only the practices on screen are fetched
 * (search/d/<n>.json: an excerpt of each section) for their snippets, whose words are matched
 * through the forms of the query's terms (in the terms' own lexicon files).
 * ?q=QUERY on any page opens the results for QUERY.
 */
import { el } from "./lib/dom.js";
import { cache, getBytes, getJSON, once } from "./lib/fetch.js";

const PAGE_SIZE = 10;
const DEBOUNCE_MS = 200;
const FACETS = ["tema", "provinsi"];

const box = document.querySelector("[data-lp-search]");
if (box) start();

function start() {
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

  // A file of the index, fetched once; null when it is missing (a word's lexicon file is missing when
  // no word of the library starts like it: asked once) or unreachable (asked again at once, for a
  // connection a phone dropped for a moment: a result is never drawn without its practice's file).
  const cached = cache((path) =>
    (path.endsWith(".json") ? getJSON : getBytes)(new URL(path, searchUrl).href).catch((error) => {
      if (error.status === 404) return null;
      throw error;
    })
  );
  const fetchFile = (path) => cached(path).catch(() => cached(path)).catch(() => null);

  // The search's logic (lib/search-*.js) and the index it reads, fetched with config.json when the box
  // gets the focus: a page where nobody searches loads only this module and its two helpers.
  let lib = null;
  let index = null;
  const logic = once(() =>
    Promise.all([
      import("./lib/search-analysis.js"),
      import("./lib/search-index.js"),
      import("./lib/search-query.js"),
      import("./lib/search-rank.js"),
      import("./lib/search-snippet.js"),
    ]).then((modules) => {
      lib = Object.assign({}, ...modules);
      index = lib.searchIndex(fetchFile);
    })
  );

  // config.json: what every query needs. Rejects when the site has no index.
  const load = once(() => Promise.all([fetchFile("config.json"), logic()]).then(([config]) => lib.prepareConfig(config)));

  // The facets chosen, as a test of a practice: the themes as a mask (it needs one of them), the
  // provinces as a set.
  function allowed(state) {
    const { config, docs } = state;
    const mask = selected.tema.reduce((m, v) => m | (1 << config.facets.tema.indexOf(v)), 0);
    const provinces = new Set(selected.provinsi.map((v) => config.facets.provinsi.indexOf(v)));
    if (!mask && !provinces.size) return undefined;
    return (d) => (!mask || docs.tema[d] & mask) && (!provinces.size || provinces.has(docs.prov[d]));
  }

  function run(state, p) {
    return lib.rankQuery(index, state.config, p, allowed(state));
  }

  function markedForms(p) {
    return index.stemsToMark(p).then((stemOf) => {
      p.stemOf = stemOf;
    });
  }

  function snippetOf(config, data, p) {
    return lib.snippet(config.stopOf[data.l === "en" ? "en" : "id"], data, p);
  }

  /* ---------------------------------------------------------------- searching */

  // A query of one concept most likely shows the practices where its main term weighs most: the
  // lexicon lists them for a term with a postings file, so their files load with the postings.
  function speculate(p) {
    if (p.concepts.length !== 1 || selected.tema.length || selected.provinsi.length) return;
    let best = null;
    for (const alt of p.concepts[0]) {
      const at = alt.terms.length === 1 ? index.entry(alt.terms[0]) : null;
      if (!at || Array.isArray(at[1]) || !at[2]) continue;
      if (!best || alt.w > best.w || (alt.w === best.w && at[0] > best.df)) best = { w: alt.w, df: at[0], top: at[2] };
    }
    if (best) best.top.forEach((d) => fetchFile("d/" + d + ".json"));
  }

  function search(query, options) {
    options = options || {};
    const id = ++seq;
    query = query.trim();
    if (!query) {
      hide();
      return Promise.resolve();
    }
    show();
    region.setAttribute("aria-busy", "true");
    status.textContent = "Mencari\u2026";
    const started = performance.now();
    return load()
      .then((state) => {
        const stale = () => id !== seq;
        return lib.plan(index, state.config, query).then((p) => {
          // the postings first, then the forms of the words to mark and the likely results
          const ranking = run(state, p);
          p.forms = markedForms(p);
          speculate(p);
          return ranking.then((res) => {
            if (stale()) return null;
            // for tests and benchmarks: when the result set was known, before its practices' files arrived
            region.setAttribute("data-ranked-ms", String(Math.round(performance.now() - started)));
            if (!p.concepts.length) return render(state, query, p, res, null, false, started);
            // only a word unknown to the library fetches anything here (its did-you-mean list)
            return lib.didYouMean(index, p).then((fixed) => {
              if (stale()) return null;
              if (!fixed || lib.lowerUnaccented(fixed) === lib.lowerUnaccented(query)) {
                return render(state, query, p, res, null, false, started);
              }
              return lib.plan(index, state.config, fixed).then((p2) =>
                run(state, p2).then((res2) => {
                  if (stale()) return null;
                  // only a suggestion whose best result has every word replaces the query's own results
                  if (res2.docs.length && !res2.partial && res2.coverage > res.coverage) {
                    res2.hadResults = res.docs.length > 0;
                    return render(state, query, p2, res2, fixed, true, started);
                  }
                  const better = res2.docs.length > res.docs.length ? fixed : null;
                  return render(state, query, p, res, better, false, started);
                })
              );
            });
          });
        });
      })
      .catch(() => {
        if (id !== seq) return;
        status.textContent = "Pencarian belum tersedia di sini (indeks pencarian tidak ditemukan).";
        list.textContent = "";
        more.hidden = true;
      })
      .then(() => {
        if (id !== seq) return;
        region.setAttribute("aria-busy", "false");
        region.setAttribute("data-ms", String(Math.round(performance.now() - started))); // for tests and benchmarks
        if (options.updateUrl !== false) updateUrl(query);
      });
  }

  // Shows a result set at once (count, suggestion, filters) and its first page of practices as their
  // files arrive, in rank order: a slot per result, filled when it and every result above it are in.
  function render(state, query, p, res, suggestion, corrected, started) {
    current = { docs: res.docs, shown: 0, plan: p, state, started };
    list.textContent = "";
    const shown = page(); // the practices' files first: the count and filters are drawn while they load
    const shownQuery = corrected ? suggestion : query;
    const long = p.truncated
      ? "Kueri terlalu panjang: hanya " + state.config.maxQueryWords + " kata pertama yang dicari. "
      : "";
    if (!res.docs.length) {
      status.textContent = long + "Tidak ada praktik yang cocok dengan \u201c" + query + "\u201d.";
    } else {
      status.textContent =
        long +
        res.docs.length +
        " praktik untuk \u201c" +
        shownQuery +
        "\u201d." +
        (res.partial
          ? " Hasil teratas tidak memuat semua kata yang dicari (tidak ada: " + res.missing.join(", ") + ")."
          : "");
    }
    renderSuggestion(query, suggestion, corrected, res.hadResults);
    renderFilters(state, res.docs);
    return shown;
  }

  // The next page of results: resolves when all of it is on screen.
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
    const fillSlots = () => {
      while (next < slice.length && rows[next] !== undefined) {
        item(state.config, rows[next], shown + next + 1, slots[next]);
        if (!shown && !next) region.setAttribute("data-first-ms", String(Math.round(performance.now() - started)));
        next++;
      }
    };
    if (!p.forms) p.forms = markedForms(p);
    return Promise.all(
      slice.map((d, i) =>
        Promise.all([fetchFile("d/" + d + ".json"), p.forms])
          .then(([data]) => {
            if (!data) return { data: {}, html: "" };
            const html = snippetOf(state.config, data, p);
            // an excerpt without the words to mark: the snippet comes from the practice's whole text
            if (!data.c || html.indexOf("<mark>") >= 0) return { data, html };
            return fetchFile("x/" + d + ".json").then((full) => ({
              data,
              html: full === null ? html : snippetOf(state.config, { x: full, l: data.l }, p),
            }));
          })
          .then((row) => {
            rows[i] = row;
            fillSlots();
          })
      )
    );
  }

  function renderSuggestion(query, suggestion, corrected, hadResults) {
    suggestionEl.textContent = "";
    if (!suggestion) {
      suggestionEl.hidden = true;
      return;
    }
    if (corrected && hadResults) {
      suggestionEl.textContent =
        "Ejaan disesuaikan: menampilkan hasil untuk \u201c" + suggestion + "\u201d, bukan \u201c" + query + "\u201d.";
    } else if (corrected) {
      suggestionEl.textContent =
        "Tidak ada hasil untuk \u201c" + query + "\u201d; ditampilkan hasil untuk \u201c" + suggestion + "\u201d.";
    } else {
      const button = el("button", "lp-search__suggest", suggestion);
      button.type = "button";
      button.addEventListener("click", () => {
        input.value = suggestion;
        search(suggestion);
        input.focus();
      });
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
      // values of this result set, and the chosen ones even at zero, so they can be unchosen
      const keys = Object.keys(values);
      selected[name].forEach((v) => {
        if (keys.indexOf(v) < 0) keys.push(v);
      });
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
    snip.innerHTML = row.html; // lib/search-snippet.js escapes the text and adds only <mark>
    li.appendChild(snip);
    return li;
  }

  /* ---------------------------------------------------------------- UI state */

  function show() {
    region.hidden = false;
  }

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
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  function links() {
    return Array.from(list.querySelectorAll("a.lp-search__link"));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });

  // While the reader types, fetch the lexicon file of each word as soon as its first three letters
  // are there (or it is followed by a space), and then the postings of the words still in the box,
  // so the search that follows finds them in the cache.
  let stopwords = null;

  function prefetch(q) {
    if (!lib) {
      logic().then(() => prefetch(input.value), () => {});
      return;
    }
    const surfaceWords = lib.surfaceWords;
    const all = surfaceWords(lib.stripInvisible(q));
    all.forEach((x, i) => {
      if (stopwords && stopwords.has(x.w)) return;
      if (x.w.length < 3 && i === all.length - 1 && x.e === q.length) return;
      index.lexEntry(x.w).then((known) => {
        if (known && surfaceWords(input.value).some((y) => y.w === x.w)) known.forEach(index.postings);
      });
    });
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value;
    if (!q.trim()) {
      hide();
      updateUrl("");
      return;
    }
    prefetch(q);
    timer = setTimeout(() => search(q), DEBOUNCE_MS);
  });

  input.addEventListener(
    "focus",
    () => {
      load()
        .then(({ config }) => {
          stopwords = config.queryStop;
        })
        .catch(() => {});
    },
    { once: true }
  );

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && !region.hidden) {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Escape") {
      hide();
    }
  });

  region.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      hide();
      input.focus();
      return;
    }
    const all = links();
    const at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1].focus();
    }
    if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    }
  });

  closeBtn.addEventListener("click", () => {
    hide();
    input.focus();
  });

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
}
