/* Lumbung Praktik catalogue filters: no framework. Without JavaScript the catalogue is static pages
   of the newest practices (katalog/, katalog/2/, ...) with a pager. With it, the filter form appears;
   the first filter loads katalog/data.json (the form's data-src, fetched once: every practice's filter
   values, no text) and the matching practices are shown in pages of the same size. A page's cards come
   from katalog/data/<filter>/<value>/<n>.json, the chunks of the rarest chosen value that hold them
   (lib/catalogue-data.js), so a filter costs a few small files however large the library grows. The
   state lives in the URL query (?tema=&provinsi=&sasaran=&tahun=&urut=&halaman=), so a filtered view
   can be shared and Back returns to the previous page of results. With no filter chosen and the
   newest first, the static page is shown as it was built. Once the index is loaded, each option says
   how many practices it would give together with the other filters, and an option that would give
   none is disabled. On a phone the form folds behind one button that says how many filters are
   active. */

import { KEYS, cardsByIndex, chunkPath, isActive, prepare, queryOf, select, tally } from "./lib/catalogue-data.js";
import { el, fill } from "./lib/dom.js";
import { cache, getJSON, once } from "./lib/fetch.js";
import { formatNumber as fmt } from "./lib/number.js";
import { pagerNav } from "./lib/pager.js";

const SORT = "urut"; // the sort's field and URL parameter
const PAGE = "halaman";

const form = document.getElementById("lp-filter");
const list = document.getElementById("lp-catalogue");
const count = document.getElementById("lp-count");
const pager = document.getElementById("lp-pages");
if (form && list && count && pager && window.fetch && window.URLSearchParams) {
  start();
}

function start() {
  const none = document.getElementById("lp-none");
  const box = document.getElementById("lp-filter-box");
  const toggle = document.getElementById("lp-filter-toggle");
  const activeLabel = document.getElementById("lp-active");
  const size = parseInt(form.getAttribute("data-size"), 10) || 50;
  const total = parseInt(count.getAttribute("data-total"), 10) || 0;
  const root = new URL(form.getAttribute("data-root") || "./", window.location.href);
  const source = new URL(form.getAttribute("data-src"), window.location.href);
  const fields = {};
  KEYS.concat([SORT]).forEach((key) => {
    fields[key] = form.elements.namedItem(key);
  });
  // The page as built, put back whenever no filter is active.
  const built = {
    cards: Array.prototype.slice.call(list.childNodes),
    pager: Array.prototype.slice.call(pager.childNodes),
    count: count.textContent,
  };
  const load = once(() => getJSON(source.href).then((doc) => prepare(doc, size)));
  const chunk = cache((path) => getJSON(new URL(path, source).href));
  let shown = 0; // the latest call of show(); an older one that finishes later is dropped
  let filtering = false; // the list shows filter results, not the page as built

  // The cards of `rows` (index rows), by place in the index, each chunk fetched once.
  function cards(db, state, rows) {
    const paths = new Set(rows.map((row) => chunkPath(db, state, row)));
    return Promise.all(Array.from(paths, chunk)).then((chunks) => cardsByIndex(db, chunks));
  }

  // How many practices each option would give together with the other chosen filters; an option
  // that would give none is disabled (unless it is the chosen one).
  function updateOptions(db, state) {
    KEYS.forEach((key) => {
      const field = fields[key];
      if (!field) return;
      const counts = tally(db, state, key);
      Array.prototype.forEach.call(field.options, (option) => {
        const label = option.getAttribute("data-label");
        if (!option.value || label === null) return;
        const n = counts[option.value] || 0;
        option.textContent = label + " (" + fmt(n) + ")";
        option.disabled = n === 0 && option.value !== state[key];
      });
    });
  }

  function showActive(state) {
    const n = KEYS.filter((key) => state[key]).length;
    if (activeLabel) activeLabel.textContent = n ? "(" + fmt(n) + " aktif)" : "";
  }

  // -- state in the URL ---------------------------------------------------------------------------

  function fromForm() {
    const state = { page: 1, sort: fields[SORT] ? fields[SORT].value : "" };
    KEYS.forEach((key) => {
      state[key] = fields[key] ? fields[key].value : "";
    });
    return state;
  }

  function fromUrl() {
    const params = new URLSearchParams(window.location.search);
    KEYS.concat([SORT]).forEach((key) => {
      const field = fields[key];
      if (field) {
        field.value = params.get(key) || "";
        if (field.selectedIndex < 0) field.value = ""; // an unknown value in a shared link means "all"
      }
    });
    const state = fromForm();
    state.page = Math.max(1, parseInt(params.get(PAGE), 10) || 1);
    return state;
  }

  function address(state) {
    const query = queryOf(state, window.location.search);
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  // -- rendering ----------------------------------------------------------------------------------

  function card(row, c, db) {
    const date = c[db.at.date] || "";
    const regency = c[db.at.regency];
    const article = el("article", "lp-card");
    const title = el("h2", "lp-card__title");
    const link = el("a", null, c[db.at.title]);
    link.href = new URL(c[db.at.url], root).href;
    title.appendChild(link);
    const province = row.provinsi[0];
    const meta = el("p", "lp-card__meta", db.provinces[province] || province);
    if (regency) meta.appendChild(document.createTextNode(" · " + regency));
    if (date) {
      meta.appendChild(document.createTextNode(" · "));
      const time = el("time", null, date.slice(0, 4));
      time.setAttribute("datetime", date);
      meta.appendChild(time);
    }
    const themes = el("p", "lp-card__themes");
    themes.appendChild(el("span", "lp-visually-hidden", "Tema: "));
    row.tema.forEach((slug) => {
      const chip = el("a", "lp-chip lp-chip--theme", db.themes[slug] || slug);
      chip.href = new URL("tema/" + encodeURIComponent(slug) + "/", root).href;
      themes.appendChild(chip);
    });
    [title, meta, el("p", "lp-card__summary", c[db.at.summary]), themes].forEach((node) => {
      article.appendChild(node);
    });
    return article;
  }

  function restoreBuilt() {
    if (filtering) {
      fill(list, built.cards);
      fill(pager, built.pager);
      filtering = false;
    }
    count.textContent = built.count;
    if (none) none.hidden = true;
  }

  function show(state, moveFocus) {
    const mine = (shown += 1);
    showActive(state);
    const loading = load.started();
    if (loading) {
      loading.then(
        (db) => {
          if (mine === shown) updateOptions(db, state);
        },
        () => {}
      );
    }
    if (!isActive(state)) {
      list.removeAttribute("aria-busy");
      restoreBuilt();
      return;
    }
    list.setAttribute("aria-busy", "true");
    let db, rows, page, pages, first, slice;
    load()
      .then((loaded) => {
        db = loaded;
        rows = select(db, state);
        updateOptions(db, state);
        pages = Math.max(1, Math.ceil(rows.length / size));
        page = Math.min(state.page || 1, pages);
        first = (page - 1) * size;
        slice = rows.slice(first, first + size);
        return mine === shown ? cards(db, state, slice) : null;
      })
      .then(
        (details) => {
          if (mine !== shown) return;
          fill(
            list,
            slice.filter((row) => details[row.i]).map((row) => card(row, details[row.i], db))
          );
          fill(
            pager,
            pagerNav(page, pages, "Halaman hasil saringan", (n) => address(Object.assign({}, state, { page: n })))
          );
          filtering = true;
          let text = KEYS.some((key) => state[key])
            ? fmt(rows.length) + " dari " + fmt(total) + " praktik"
            : fmt(rows.length) + " praktik";
          if (pages > 1) {
            text +=
              " (menampilkan " + fmt(first + 1) + (slice.length > 1 ? "–" + fmt(first + slice.length) : "") + ")";
          }
          count.textContent = text;
          if (none) none.hidden = rows.length > 0;
          list.removeAttribute("aria-busy");
          if (moveFocus) {
            count.focus({ preventScroll: true });
            count.scrollIntoView({ block: "start" });
          }
        },
        () => {
          if (mine !== shown) return;
          restoreBuilt();
          list.removeAttribute("aria-busy");
          count.textContent =
            "Saringan tidak dapat dimuat. Telusuri halaman di bawah, atau halaman tema, provinsi dan kelompok sasaran.";
        }
      );
  }

  // -- events -------------------------------------------------------------------------------------

  function update() {
    const state = fromForm();
    window.history.replaceState(null, "", address(state));
    show(state, false);
  }

  function loadOptions() {
    load()
      .then((db) => updateOptions(db, fromForm()))
      .catch(() => {});
  }

  form.hidden = false;
  if (toggle && box) {
    toggle.addEventListener("click", () => {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      box.classList.toggle("lp-filter-box--open", open);
      if (open) loadOptions();
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", () => {
    // The reset event fires before the fields are cleared.
    window.setTimeout(update, 0);
  });
  // Start loading the data as soon as the reader reaches for a filter.
  form.addEventListener("focusin", () => {
    if (!load.started()) loadOptions();
  });
  pager.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a[data-page]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const state = fromForm();
    state.page = parseInt(link.getAttribute("data-page"), 10) || 1;
    window.history.pushState(null, "", address(state));
    show(state, true);
  });
  window.addEventListener("popstate", () => show(fromUrl(), false));
  show(fromUrl(), false);
}
