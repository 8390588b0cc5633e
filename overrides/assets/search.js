/* Lumbung Praktik site search: Pagefind's chunked index behind our own small, accessible UI.
 *
 * The index is loaded on first use. Practice records carry the title, keywords and extra words for
 * matching after a marker word (see lumbung/sitesearch.py); snippets are cut from the readable text
 * before it. A query word Pagefind finds nothing for is looked up in the library's word list (one
 * small file per first letter, fetched when needed) for a did-you-mean; when the query found
 * nothing, the corrected query's results are shown. ?q=QUERY on any page opens the results for QUERY.
 */
(function () {
  "use strict";

  var MARKER = "lumbungxcari";
  var PAGE_SIZE = 10;
  var SNIPPET_WORDS = 30;
  var DEBOUNCE_MS = 200;
  var FACETS = { tema: "Tema", provinsi: "Provinsi" };

  var box = document.querySelector("[data-lp-search]");
  if (!box) return;
  var form = box.querySelector("form");
  var input = box.querySelector(".lp-search__input");
  var region = box.querySelector(".lp-search__results");
  var status = box.querySelector(".lp-search__status");
  var suggestionEl = box.querySelector(".lp-search__suggestion");
  var filtersEl = box.querySelector(".lp-search__filters");
  var list = box.querySelector(".lp-search__list");
  var more = box.querySelector(".lp-search__more");
  var closeBtn = box.querySelector(".lp-search__close");

  var root = new URL(box.getAttribute("data-root") || ".", document.baseURI);
  var bundleUrl = new URL(box.getAttribute("data-bundle") || "pagefind/", document.baseURI);
  var searchUrl = new URL(box.getAttribute("data-search") || "search/", document.baseURI);
  var wordsUrl = new URL("words/", searchUrl);

  var stopwords = {};
  var loading = null;
  var seq = 0;
  var timer = null;
  var selected = { tema: [], provinsi: [] };
  var current = { results: [], shown: 0, query: "" };
  var shards = {};

  var filtersReady = false;
  var filtersLoading = null;

  function loadFilters(pf) {
    if (!filtersLoading) filtersLoading = pf.filters().then(function () { filtersReady = true; });
    return filtersLoading;
  }

  function load() {
    if (!loading) {
      var config = fetch(new URL("config.json", searchUrl).href)
        .then(function (r) { return r.ok ? r.json() : {}; })
        .catch(function () { return {}; })
        .then(function (c) { (c.stopwords || []).forEach(function (w) { stopwords[w] = true; }); });
      loading = import(new URL("pagefind.js", bundleUrl).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () {
          pf.init();
          return config;
        }).then(function () {
          return pf;
        });
      });
    }
    return loading;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function plural(n) {
    return n + " praktik";
  }

  /* ---------------------------------------------------------------- snippets */

  function snippet(data) {
    var words = (data.content || "").split(/\s+/);
    var end = words.findIndex(function (w) { return w.indexOf(MARKER) === 0; });
    if (end < 0) end = words.length;
    var locs = (data.locations || []).filter(function (i) { return i < end; });
    /* Nothing matched in the readable text (only the title or added words did): show its start, the summary. */
    if (!locs.length) {
      return escapeHtml(words.slice(0, Math.min(end, SNIPPET_WORDS)).join(" ")) + (end > SNIPPET_WORDS ? " \u2026" : "");
    }
    var marked = {};
    locs.forEach(function (i) { marked[i] = true; });
    var best = 0;
    var bestCount = -1;
    locs.forEach(function (start) {
      var from = Math.max(0, start - 4);
      var count = locs.filter(function (i) { return i >= from && i < from + SNIPPET_WORDS; }).length;
      if (count > bestCount) { best = from; bestCount = count; }
    });
    var to = Math.min(end, best + SNIPPET_WORDS);
    var out = [];
    for (var i = best; i < to; i++) {
      var w = escapeHtml(words[i]);
      out.push(marked[i] ? "<mark>" + w + "</mark>" : w);
    }
    return (best > 0 ? "… " : "") + out.join(" ") + (to < end ? " …" : "");
  }

  /* ---------------------------------------------------------------- did you mean */

  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null;
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      var rowMin = i;
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var v = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
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

  function shard(letter) {
    var name = /^[a-z0-9]$/.test(letter) ? letter : "u" + ("000" + letter.charCodeAt(0).toString(16)).slice(-4);
    if (!shards[name]) {
      shards[name] = fetch(new URL(name + ".json", wordsUrl).href)
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; });
    }
    return shards[name];
  }

  function correct(word) {
    return shard(word[0]).then(function (rows) {
      var max = word.length <= 5 ? 1 : 2;
      var best = null;
      for (var i = 0; i < rows.length; i++) {
        var w = rows[i][0];
        var d = distance(word, w, max);
        if (d > 0 && d <= max && (!best || d < best.d || (d === best.d && rows[i][1] > best.n))) best = { w: w, d: d, n: rows[i][1] };
      }
      return best ? best.w : null;
    });
  }

  /* ---------------------------------------------------------------- searching */

  var NOTHING = { results: [], filters: {} };

  /* A query word as the library's word list spells it: lowercase, no accents, letters and digits only. */
  function plain(w) {
    return w.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^\p{L}\p{N}]/gu, "");
  }

  function words(query) {
    return query.toLowerCase().split(/\s+/).filter(function (t) {
      return t && !stopwords[t.replace(/[^\p{L}\p{N}]/gu, "")];
    });
  }

  function filterArg() {
    var f = {};
    Object.keys(selected).forEach(function (k) { if (selected[k].length) f[k] = { any: selected[k].slice() }; });
    return f;
  }

  /* Every word must match, as in the CLI: Pagefind silently drops words it has never seen, so each
     word is tried alone first. A query of three or more words may miss one ("partial"). */
  function evaluate(pf, list_) {
    if (list_.length === 1) {  /* one word: its own search says whether it is known */
      return pf.search(list_[0], { filters: filterArg() }).then(function (res) {
        if (res.results.length || !Object.keys(filterArg()).length) {
          return { res: res, unknown: res.results.length ? [] : [0], partial: false };
        }
        return pf.search(list_[0]).then(function (alone) {
          return { res: res, unknown: alone.results.length ? [] : [0], partial: false };
        });
      });
    }
    /* A word of the library's word list is known (some practice has it); only the others are
       tried alone, which keeps long queries on common words fast. */
    return Promise.all(list_.map(function (w) {
      var word = plain(w);
      var listed = word.length > 3 && /^\p{L}+$/u.test(word) ? shard(word[0]) : Promise.resolve([]);
      return listed.then(function (rows) {
        for (var i = 0; i < rows.length; i++) if (rows[i][0] === word) return 1;
        return pf.search(w).then(function (r) { return r.results.length; });
      });
    })).then(function (counts) {
      var unknown = [];
      counts.forEach(function (n, i) { if (!n) unknown.push(i); });
      var known = list_.filter(function (_, i) { return unknown.indexOf(i) < 0; });
      var partial = unknown.length === 1 && list_.length >= 3;
      if (!known.length || (unknown.length && !partial)) return { res: NOTHING, unknown: unknown, partial: false };
      return pf.search(known.join(" "), { filters: filterArg() }).then(function (res) {
        return { res: res, unknown: unknown, partial: partial && res.results.length > 0 };
      });
    });
  }

  /* The words with each unknown one replaced by the closest word of the library, or null. */
  function didYouMean(list_, unknown) {
    return Promise.all(unknown.map(function (i) {
      var word = plain(list_[i]);
      return word.length >= 4 && /^\p{L}+$/u.test(word) ? correct(word) : Promise.resolve(null);
    })).then(function (fixes) {
      if (!fixes.length || fixes.some(function (f) { return !f; })) return null;
      var out = list_.slice();
      unknown.forEach(function (i, k) { out[i] = fixes[k]; });
      return out;
    });
  }

  function search(query, options) {
    options = options || {};
    var id = ++seq;
    query = query.trim();
    var list_ = [];
    if (!query) { hide(); return Promise.resolve(); }
    show();
    region.setAttribute("aria-busy", "true");
    status.textContent = "Mencari\u2026";
    var started = performance.now();
    var pf = null;
    return load().then(function (loaded) {
      pf = loaded;
      list_ = words(query); /* after load(): the stop words come with the index */
      return evaluate(pf, list_).then(function (first) {
        if (id !== seq) return;
        if (!first.unknown.length) return render(query, first.res, null, false, false);
        return didYouMean(list_, first.unknown).then(function (fixed) {
          if (id !== seq) return;
          if (!fixed) return render(query, first.res, null, false, first.partial);
          return evaluate(pf, fixed).then(function (second) {
            if (id !== seq) return;
            var better = second.unknown.length ? NOTHING : second.res;
            var text = fixed.join(" ");
            if (!first.res.results.length && better.results.length) {
              list_ = fixed;
              return render(query, better, text, true, false);
            }
            return render(query, first.res, better.results.length ? text : null, false, first.partial);
          });
        });
      });
    }).catch(function () {
      if (id !== seq) return;
      status.textContent = "Pencarian belum tersedia di sini (indeks pencarian tidak ditemukan).";
      list.textContent = "";
      more.hidden = true;
    }).then(function () {
      if (id !== seq) return;
      region.setAttribute("aria-busy", "false");
      region.setAttribute("data-ms", String(Math.round(performance.now() - started))); /* for tests and benchmarks */
      if (options.updateUrl !== false) updateUrl(query);
      /* Facet counts need Pagefind's filter index. It is not needed to see results, so it is
         fetched after the first ones are on screen; then this search's counts are filled in. */
      if (!pf || filtersReady || !current.results.length) return;
      return loadFilters(pf).then(function () {
        if (id !== seq) return;
        return evaluate(pf, list_).then(function (again) { if (id === seq) renderFilters(again.res.filters || {}); });
      });
    });
  }

  function render(query, res, suggestion, corrected, partial) {
    current = { results: res.results, shown: 0, query: query };
    list.textContent = "";
    var shownQuery = corrected ? suggestion : query;
    if (!res.results.length) {
      status.textContent = "Tidak ada praktik yang cocok dengan \u201c" + query + "\u201d.";
    } else {
      status.textContent = plural(res.results.length) + " untuk \u201c" + shownQuery + "\u201d." +
        (partial ? " Tidak ada yang memuat semua kata; ditampilkan yang memuat hampir semuanya." : "");
    }
    renderSuggestion(query, suggestion, corrected);
    renderFilters(res.filters || {});
    return showMore();
  }

  function renderSuggestion(query, suggestion, corrected) {
    suggestionEl.textContent = "";
    if (!suggestion) { suggestionEl.hidden = true; return; }
    if (corrected) {
      suggestionEl.textContent = "Tidak ada hasil untuk \u201c" + query + "\u201d; ditampilkan hasil untuk \u201c" + suggestion + "\u201d.";
    } else {
      var button = el("button", "lp-search__suggest", suggestion);
      button.type = "button";
      button.addEventListener("click", function () { input.value = suggestion; search(suggestion); input.focus(); });
      suggestionEl.appendChild(document.createTextNode("Maksud Anda: "));
      suggestionEl.appendChild(button);
      suggestionEl.appendChild(document.createTextNode("?"));
    }
    suggestionEl.hidden = false;
  }

  function renderFilters(counts) {
    var any = false;
    Object.keys(FACETS).forEach(function (name) {
      var fieldset = filtersEl.querySelector('[data-facet="' + name + '"]');
      var ul = fieldset.querySelector("ul");
      ul.textContent = "";
      var values = counts[name] || {};
      /* values of this result set, and the chosen ones even at zero, so they can be unchosen */
      var keys = Object.keys(values).filter(function (v) { return values[v] > 0; });
      selected[name].forEach(function (v) { if (keys.indexOf(v) < 0) keys.push(v); });
      keys.sort(function (a, b) { return (values[b] || 0) - (values[a] || 0) || a.localeCompare(b, "id"); });
      keys.forEach(function (value, i) {
        var li = el("li");
        var id = "lp-f-" + name + "-" + i;
        var check = el("input");
        check.type = "checkbox";
        check.id = id;
        check.value = value;
        check.checked = selected[name].indexOf(value) >= 0;
        check.addEventListener("change", function () {
          var chosen = selected[name];
          var at = chosen.indexOf(value);
          if (check.checked && at < 0) chosen.push(value);
          if (!check.checked && at >= 0) chosen.splice(at, 1);
          search(input.value, { updateUrl: false }).then(function () {
            var again = document.getElementById(id);
            if (again) again.focus();
          });
        });
        var label = el("label", null, value + " (" + (values[value] || 0) + ")");
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

  function showMore() {
    var slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    var start = current.shown;
    current.shown += slice.length;
    more.hidden = current.shown >= current.results.length;
    return Promise.all(slice.map(function (r) { return r.data(); })).then(function (items) {
      items.forEach(function (data, i) { list.appendChild(item(data, start + i + 1)); });
    });
  }

  function item(data, rank) {
    var li = el("li", "lp-search__result");
    li.value = rank;
    var meta = data.meta || {};
    var link = el("a", "lp-search__link", meta.title || data.url);
    link.href = data.url;
    var title = el("h3", "lp-search__title");
    title.appendChild(link);
    li.appendChild(title);
    var facts = [meta.province, meta.themes].filter(Boolean).join(" \u00b7 ");
    if (facts) li.appendChild(el("p", "lp-search__meta", facts));
    var p = el("p", "lp-search__snippet");
    p.innerHTML = snippet(data);
    li.appendChild(p);
    return li;
  }

  /* ---------------------------------------------------------------- UI state */

  function show() { region.hidden = false; }

  function hide() {
    region.hidden = true;
    list.textContent = "";
    status.textContent = "";
    suggestionEl.hidden = true;
    filtersEl.hidden = true;
  }

  function updateUrl(query) {
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  function links() { return Array.prototype.slice.call(list.querySelectorAll("a.lp-search__link")); }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value;
    if (!q.trim()) { hide(); updateUrl(""); return; }
    timer = setTimeout(function () { search(q); }, DEBOUNCE_MS);
  });

  input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && !region.hidden) {
      var first = links()[0];
      if (first) { event.preventDefault(); first.focus(); }
    } else if (event.key === "Escape") {
      hide();
    }
  });

  region.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); input.focus(); return; }
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < all.length) { event.preventDefault(); all[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? all[at - 1] : input).focus(); }
  });

  closeBtn.addEventListener("click", function () { hide(); input.focus(); });

  more.addEventListener("click", function () {
    var before = links().length;
    showMore().then(function () { var next = links()[before]; if (next) next.focus(); });
  });

  var initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial, { updateUrl: false });
  }
})();
