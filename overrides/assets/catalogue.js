/* Lumbung Praktik catalogue filters: no framework, no network. Without JavaScript the page is the
   full list; with it, the filter form appears, filters cards by their data-* attributes instantly,
   keeps its state in the URL query (?tema=&provinsi=&sasaran=&tahun=) and restores it on load. */
(function () {
  "use strict";

  var form = document.getElementById("lp-filter");
  var list = document.getElementById("lp-catalogue");
  var count = document.getElementById("lp-count");
  var none = document.getElementById("lp-none");
  if (!form || !list || !count) {
    return;
  }
  var KEYS = ["tema", "provinsi", "sasaran", "tahun"];
  var cards = Array.prototype.slice.call(list.querySelectorAll(".lp-card"));
  var total = cards.length;
  var fields = {};
  KEYS.forEach(function (key) {
    fields[key] = form.elements.namedItem(key);
  });
  // Split every card's attributes once, so filtering 5,000 cards stays instant.
  var values = cards.map(function (card) {
    var v = {};
    KEYS.forEach(function (key) {
      v[key] = (card.getAttribute("data-" + key) || "").split(" ");
    });
    return v;
  });

  function current() {
    var state = {};
    KEYS.forEach(function (key) {
      state[key] = fields[key] ? fields[key].value : "";
    });
    return state;
  }

  function apply(state) {
    var shown = 0;
    cards.forEach(function (card, i) {
      var match = KEYS.every(function (key) {
        return !state[key] || values[i][key].indexOf(state[key]) !== -1;
      });
      if (card.hidden === match) {
        card.hidden = !match;
      }
      if (match) {
        shown += 1;
      }
    });
    var active = KEYS.some(function (key) {
      return state[key];
    });
    count.textContent = active ? shown + " dari " + total + " praktik" : total + " praktik";
    if (none) {
      none.hidden = shown > 0;
    }
  }

  function save(state) {
    var params = new URLSearchParams(window.location.search);
    KEYS.forEach(function (key) {
      if (state[key]) {
        params.set(key, state[key]);
      } else {
        params.delete(key);
      }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function restore() {
    var params = new URLSearchParams(window.location.search);
    KEYS.forEach(function (key) {
      var field = fields[key];
      if (!field) {
        return;
      }
      field.value = params.get(key) || "";
      if (field.selectedIndex < 0) {
        field.value = ""; // an unknown value in a shared link means "all"
      }
    });
  }

  function update() {
    var state = current();
    apply(state);
    save(state);
  }

  form.hidden = false;
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    update();
  });
  form.addEventListener("reset", function () {
    // The reset event fires before the fields are cleared.
    window.setTimeout(update, 0);
  });
  window.addEventListener("popstate", function () {
    restore();
    apply(current());
  });
  restore();
  apply(current());
})();
