/* Lumbung Praktik catalogue filters: no framework. Without JavaScript the catalogue is static pages
   of the newest practices (katalog/, katalog/2/, ...) with a pager. With it, the filter form appears;
   the first filter loads katalog/data.json (the form's data-src, fetched once: every practice's filter
   values, no text) and the matching practices are shown in pages of the same size. A page's cards come
   from katalog/data/<filter>/<value>/<n>.json, the chunks of the rarest chosen value that hold them
   (lumbung/opendata.py), so a filter costs a few small files however large the library grows. The
   state lives in the URL query
   (?tema=&provinsi=&sasaran=&tahun=&urut=&halaman=), so a filtered view can be shared and Back returns
   to the previous page of results. With no filter chosen and the newest first, the static page is
   shown as it was built. Once the index is loaded, each option says how many practices it would give
   together with the other filters, and an option that would give none is disabled. On a phone the
   form folds behind one button that says how many filters are active. */
(function () {
  "use strict";

  var form = document.getElementById("lp-filter");
  var list = document.getElementById("lp-catalogue");
  var count = document.getElementById("lp-count");
  var pager = document.getElementById("lp-pages");
  var none = document.getElementById("lp-none");
  if (!form || !list || !count || !pager || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var KEYS = ["tema", "provinsi", "sasaran", "tahun"];
  var PAGE = "halaman";
  var SORT = "urut"; // "" newest first (catalogue order), "judul" by title, "provinsi" by province,
  // "diterapkan" by the number of places that adopted the practice
  var box = document.getElementById("lp-filter-box");
  var toggle = document.getElementById("lp-filter-toggle");
  var activeLabel = document.getElementById("lp-active");
  var size = parseInt(form.getAttribute("data-size"), 10) || 50;
  var total = parseInt(count.getAttribute("data-total"), 10) || 0;
  var root = new URL(form.getAttribute("data-root") || "./", window.location.href);
  var source = new URL(form.getAttribute("data-src"), window.location.href);
  var number = new Intl.NumberFormat("id-ID");
  var fields = {};
  KEYS.concat([SORT]).forEach(function (key) {
    fields[key] = form.elements.namedItem(key);
  });
  // The page as built, put back whenever no filter is active.
  var built = {
    cards: Array.prototype.slice.call(list.childNodes),
    pager: Array.prototype.slice.call(pager.childNodes),
    count: count.textContent
  };
  var data = null; // promise of the catalogue rows
  var shown = 0; // the latest call of show(); an older one that finishes later is dropped
  var filtering = false; // the list shows filter results, not the page as built

  function fmt(n) {
    return number.format(n);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  function fill(parent, children) {
    while (parent.firstChild) {
      parent.removeChild(parent.firstChild);
    }
    children.forEach(function (child) {
      parent.appendChild(child);
    });
  }

  // -- data -------------------------------------------------------------------------------------

  function prepare(doc) {
    var values = doc.values;
    var members = {}; // filter -> value -> the practices (index positions) with it, in catalogue order
    doc.keys.forEach(function (key) {
      members[key] = {};
      values[key].forEach(function (value) {
        members[key][value] = [];
      });
    });
    var rows = doc.practices.map(function (p, i) {
      var row = { i: i };
      doc.keys.forEach(function (key, k) {
        row[key] = p[k].map(function (n) {
          members[key][values[key][n]].push(i);
          return values[key][n];
        });
      });
      return row;
    });
    var at = {};
    doc.cardFields.forEach(function (name, i) {
      at[name] = i;
    });
    var byTitle = {}; // index position -> place in title order
    (doc.titleOrder || []).forEach(function (i, n) {
      byTitle[i] = n;
    });
    rows.forEach(function (row) {
      row.title = byTitle[row.i] !== undefined ? byTitle[row.i] : row.i;
      row.adoptions = (doc.adoptions || [])[row.i] || 0; // places that adopted it (replication reports)
    });
    return {
      rows: rows,
      members: members,
      ranks: {},
      chunks: {},
      size: doc.size || size,
      at: at,
      provinces: doc.provinces || {},
      themes: doc.themes || {}
    };
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    });
  }

  function load() {
    if (!data) {
      data = getJSON(source.href).then(prepare);
      data.catch(function () {
        data = null; // try again on the next change
      });
    }
    return data;
  }

  // Which chunks hold a row's card: those of the chosen value that the fewest practices have, or,
  // with no filter chosen (only a sort), those of the row's province.
  function chunkKey(db, state, row) {
    var key = null;
    KEYS.forEach(function (k) {
      if (state[k] && (key === null || db.members[k][state[k]].length < db.members[key][state[key]].length)) {
        key = k;
      }
    });
    return key ? [key, state[key]] : ["provinsi", row.provinsi[0]];
  }

  // The cards of `rows` (index rows), by index position, each chunk fetched once.
  function cards(db, state, rows) {
    var wanted = {};
    rows.forEach(function (row) {
      var kv = chunkKey(db, state, row);
      var name = kv[0] + "/" + kv[1];
      var rank = db.ranks[name];
      if (!rank) {
        rank = db.ranks[name] = {};
        db.members[kv[0]][kv[1]].forEach(function (i, n) {
          rank[i] = n;
        });
      }
      var n = Math.floor(rank[row.i] / db.size) + 1;
      wanted["data/" + encodeURIComponent(kv[0]) + "/" + encodeURIComponent(kv[1]) + "/" + n + ".json"] = true;
    });
    return Promise.all(
      Object.keys(wanted).map(function (path) {
        if (!db.chunks[path]) {
          db.chunks[path] = getJSON(new URL(path, source).href);
          db.chunks[path].catch(function () {
            delete db.chunks[path];
          });
        }
        return db.chunks[path];
      })
    ).then(function (chunks) {
      var byIndex = {};
      chunks.forEach(function (chunk) {
        chunk.forEach(function (c) {
          byIndex[c[db.at.i]] = c;
        });
      });
      return byIndex;
    });
  }

  function sorted(db, rows, sort) {
    if (sort === "judul") {
      return rows.slice().sort(function (a, b) {
        return a.title - b.title;
      });
    }
    if (sort === "diterapkan") {
      return rows.slice().sort(function (a, b) {
        return b.adoptions - a.adoptions || a.i - b.i;
      });
    }
    if (sort === "provinsi") {
      var name = function (row) {
        return db.provinces[row.provinsi[0]] || row.provinsi[0] || "";
      };
      return rows.slice().sort(function (a, b) {
        return name(a).localeCompare(name(b), "id") || a.i - b.i;
      });
    }
    return rows;
  }

  // How many practices each option would give together with the other chosen filters; an option
  // that would give none is disabled (unless it is the chosen one).
  function updateOptions(db, state) {
    KEYS.forEach(function (key) {
      var field = fields[key];
      if (!field) {
        return;
      }
      var others = {};
      KEYS.forEach(function (k) {
        others[k] = k === key ? "" : state[k];
      });
      var tally = {};
      db.rows.forEach(function (row) {
        if (matches(row, others)) {
          row[key].forEach(function (value) {
            tally[value] = (tally[value] || 0) + 1;
          });
        }
      });
      Array.prototype.forEach.call(field.options, function (option) {
        var label = option.getAttribute("data-label");
        if (!option.value || label === null) {
          return;
        }
        var n = tally[option.value] || 0;
        option.textContent = label + " (" + fmt(n) + ")";
        option.disabled = n === 0 && option.value !== state[key];
      });
    });
  }

  function showActive(state) {
    var n = KEYS.filter(function (key) {
      return state[key];
    }).length;
    if (activeLabel) {
      activeLabel.textContent = n ? "(" + fmt(n) + " aktif)" : "";
    }
  }

  function matches(row, state) {
    return KEYS.every(function (key) {
      return !state[key] || row[key].indexOf(state[key]) !== -1;
    });
  }

  // -- state in the URL ---------------------------------------------------------------------------

  function active(state) {
    return !!state.sort || KEYS.some(function (key) {
      return state[key];
    });
  }

  function fromForm() {
    var state = { page: 1, sort: fields[SORT] ? fields[SORT].value : "" };
    KEYS.forEach(function (key) {
      state[key] = fields[key] ? fields[key].value : "";
    });
    return state;
  }

  function fromUrl() {
    var params = new URLSearchParams(window.location.search);
    KEYS.concat([SORT]).forEach(function (key) {
      var field = fields[key];
      if (field) {
        field.value = params.get(key) || "";
        if (field.selectedIndex < 0) {
          field.value = ""; // an unknown value in a shared link means "all"
        }
      }
    });
    var state = fromForm();
    state.page = Math.max(1, parseInt(params.get(PAGE), 10) || 1);
    return state;
  }

  function address(state) {
    var params = new URLSearchParams(window.location.search);
    KEYS.forEach(function (key) {
      if (state[key]) {
        params.set(key, state[key]);
      } else {
        params.delete(key);
      }
    });
    if (state.sort) {
      params.set(SORT, state.sort);
    } else {
      params.delete(SORT);
    }
    if (active(state) && state.page > 1) {
      params.set(PAGE, String(state.page));
    } else {
      params.delete(PAGE);
    }
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "") + window.location.hash;
  }

  // -- rendering ----------------------------------------------------------------------------------

  function card(row, c, db) {
    var date = c[db.at.date] || "";
    var regency = c[db.at.regency];
    var article = el("article", "lp-card");
    var title = el("h2", "lp-card__title");
    var link = el("a", null, c[db.at.title]);
    link.href = new URL(c[db.at.url], root).href;
    title.appendChild(link);
    var province = row.provinsi[0];
    var meta = el("p", "lp-card__meta", db.provinces[province] || province);
    if (regency) {
      meta.appendChild(document.createTextNode(" · " + regency));
    }
    if (date) {
      meta.appendChild(document.createTextNode(" · "));
      var time = el("time", null, date.slice(0, 4));
      time.setAttribute("datetime", date);
      meta.appendChild(time);
    }
    var themes = el("p", "lp-card__themes");
    themes.appendChild(el("span", "lp-visually-hidden", "Tema: "));
    row.tema.forEach(function (slug) {
      var chip = el("a", "lp-chip lp-chip--theme", db.themes[slug] || slug);
      chip.href = new URL("tema/" + encodeURIComponent(slug) + "/", root).href;
      themes.appendChild(chip);
    });
    [title, meta, el("p", "lp-card__summary", c[db.at.summary]), themes].forEach(function (node) {
      article.appendChild(node);
    });
    return article;
  }

  // Page numbers around `page`, first and last; null is a gap (the same rule as lumbung/paging.py).
  function numbers(page, pages) {
    var wanted = [];
    for (var n = 1; n <= pages; n += 1) {
      if (n === 1 || n === pages || Math.abs(n - page) <= 2) {
        wanted.push(n);
      }
    }
    var out = [];
    wanted.forEach(function (n) {
      var last = out.length ? out[out.length - 1] : 0;
      if (n - last === 2) {
        out.push(n - 1);
      } else if (n - last > 2) {
        out.push(null);
      }
      out.push(n);
    });
    return out;
  }

  function pagerNav(state, page, pages) {
    if (pages <= 1) {
      return [];
    }
    var nav = el("nav", "lp-pager");
    nav.setAttribute("aria-label", "Halaman hasil saringan");
    nav.appendChild(el("p", "lp-pager__status", "Halaman " + fmt(page) + " dari " + fmt(pages)));
    var items = el("ul", "lp-pager__list");
    function add(node) {
      var item = el("li");
      item.appendChild(node);
      items.appendChild(item);
    }
    function link(n, text, className, rel) {
      var a = el("a", className, text);
      var target = { page: n, sort: state.sort };
      KEYS.forEach(function (key) {
        target[key] = state[key];
      });
      a.href = address(target);
      a.setAttribute("data-page", String(n));
      if (rel) {
        a.rel = rel;
      }
      return a;
    }
    if (page > 1) {
      add(link(page - 1, "‹ Sebelumnya", "lp-pager__step", "prev"));
    }
    numbers(page, pages).forEach(function (n) {
      if (n === null) {
        add(el("span", "lp-pager__gap", "…"));
      } else if (n === page) {
        var current = el("span", "lp-pager__page", fmt(n));
        current.setAttribute("aria-current", "page");
        add(current);
      } else {
        var a = link(n, fmt(n), "lp-pager__page");
        a.setAttribute("aria-label", "Halaman " + fmt(n));
        add(a);
      }
    });
    if (page < pages) {
      add(link(page + 1, "Berikutnya ›", "lp-pager__step", "next"));
    }
    nav.appendChild(items);
    return [nav];
  }

  function restoreBuilt() {
    if (filtering) {
      fill(list, built.cards);
      fill(pager, built.pager);
      filtering = false;
    }
    count.textContent = built.count;
    if (none) {
      none.hidden = true;
    }
  }

  function show(state, moveFocus) {
    var mine = (shown += 1);
    showActive(state);
    if (data) {
      data.then(function (db) {
        if (mine === shown) {
          updateOptions(db, state);
        }
      }, function () {});
    }
    if (!active(state)) {
      list.removeAttribute("aria-busy");
      restoreBuilt();
      return;
    }
    list.setAttribute("aria-busy", "true");
    var db, rows, page, pages, start, slice;
    load()
      .then(function (loaded) {
        db = loaded;
        rows = sorted(
          db,
          db.rows.filter(function (row) {
            return matches(row, state);
          }),
          state.sort
        );
        updateOptions(db, state);
        pages = Math.max(1, Math.ceil(rows.length / size));
        page = Math.min(state.page || 1, pages);
        start = (page - 1) * size;
        slice = rows.slice(start, start + size);
        return mine === shown ? cards(db, state, slice) : null;
      })
      .then(function (details) {
        if (mine !== shown) {
          return;
        }
        fill(
          list,
          slice
            .filter(function (row) {
              return details[row.i];
            })
            .map(function (row) {
              return card(row, details[row.i], db);
            })
        );
        fill(pager, pagerNav(state, page, pages));
        filtering = true;
        var text = KEYS.some(function (key) {
          return state[key];
        })
          ? fmt(rows.length) + " dari " + fmt(total) + " praktik"
          : fmt(rows.length) + " praktik";
        if (pages > 1) {
          text += " (menampilkan " + fmt(start + 1) + (slice.length > 1 ? "–" + fmt(start + slice.length) : "") + ")";
        }
        count.textContent = text;
        if (none) {
          none.hidden = rows.length > 0;
        }
        list.removeAttribute("aria-busy");
        if (moveFocus) {
          count.focus({ preventScroll: true });
          count.scrollIntoView({ block: "start" });
        }
      },
      function () {
        if (mine !== shown) {
          return;
        }
        restoreBuilt();
        list.removeAttribute("aria-busy");
        count.textContent =
          "Saringan tidak dapat dimuat. Telusuri halaman di bawah, atau halaman tema, provinsi dan kelompok sasaran.";
      }
    );
  }

  // -- events -------------------------------------------------------------------------------------

  function update() {
    var state = fromForm();
    window.history.replaceState(null, "", address(state));
    show(state, false);
  }

  form.hidden = false;
  if (toggle && box) {
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      box.classList.toggle("lp-filter-box--open", open);
      if (open) {
        load()
          .then(function (db) {
            updateOptions(db, fromForm());
          })
          .catch(function () {});
      }
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", function () {
    // The reset event fires before the fields are cleared.
    window.setTimeout(update, 0);
  });
  // Start loading the data as soon as the reader reaches for a filter.
  form.addEventListener("focusin", function () {
    if (!data) {
      load()
        .then(function (db) {
          updateOptions(db, fromForm());
        })
        .catch(function () {});
    }
  });
  pager.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-page]") : null;
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) {
      return;
    }
    event.preventDefault();
    var state = fromForm();
    state.page = parseInt(link.getAttribute("data-page"), 10) || 1;
    window.history.pushState(null, "", address(state));
    show(state, true);
  });
  window.addEventListener("popstate", function () {
    show(fromUrl(), false);
  });
  show(fromUrl(), false);
})();
