/* Lumbung Praktik practice page: the share control, and the link addresses for print. */
(function () {
  "use strict";

  function setupShare(box) {
    var canonical = document.querySelector("link[rel=canonical]");
    var heading = document.querySelector(".md-content h1");
    var url = (canonical && canonical.href) || window.location.href.split("#")[0];
    var title = heading ? heading.textContent.trim() : document.title;
    var status = box.querySelector(".lp-share__status");
    var native = box.querySelector(".lp-share__native");
    var copy = box.querySelector(".lp-share__copy");
    function say(text) {
      if (status) status.textContent = text;
    }
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", function () {
        navigator.share({ title: title, url: url }).catch(function () { /* closed by the reader */ });
      });
    }
    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var done = function () { say("Tautan disalin."); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(done, function () { fallbackCopy(url) ? done() : say(url); });
        } else if (fallbackCopy(url)) {
          done();
        } else {
          say(url);
        }
      });
    }
  }

  /* Copy through a hidden text field, for browsers without the Clipboard API (or over http). */
  function fallbackCopy(text) {
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(field);
    return ok;
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-lp-share]"), setupShare);

  /* Print: the body's links get a number, and their addresses are listed once under "Tautan". */
  window.addEventListener("beforeprint", function () {
    var footer = document.querySelector(".lp-print-footer");
    if (!footer || document.querySelector(".lp-print-links")) return;
    var box = document.createElement("section");
    box.className = "lp-print-only lp-print-links";
    box.setAttribute("aria-hidden", "true");
    box.appendChild(document.createElement("h2")).textContent = "Tautan";
    var list = box.appendChild(document.createElement("ol"));
    var seen = {};
    var n = 0;
    var links = document.querySelectorAll(".lp-body a[href]:not([href^='#'])");
    Array.prototype.forEach.call(links, function (a) {
      var address = a.href;
      if (!seen[address]) {
        n += 1;
        seen[address] = n;
        var item = document.createElement("li");
        item.textContent = address;
        list.appendChild(item);
      }
      a.setAttribute("data-print-ref", String(seen[address]));
    });
    box.hidden = n === 0;
    footer.parentNode.insertBefore(box, footer);
  });
})();
