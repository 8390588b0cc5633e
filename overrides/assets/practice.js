/* Lumbung Praktik practice page: the share control, and the link addresses for print. */

import { el } from "./lib/dom.js";

function setupShare(box) {
  const canonical = document.querySelector("link[rel=canonical]");
  const heading = document.querySelector(".md-content h1");
  const url = (canonical && canonical.href) || window.location.href.split("#")[0];
  const title = heading ? heading.textContent.trim() : document.title;
  const status = box.querySelector(".lp-share__status");
  const native = box.querySelector(".lp-share__native");
  const copy = box.querySelector(".lp-share__copy");
  const say = (text) => {
    if (status) status.textContent = text;
  };
  if (native && typeof navigator.share === "function") {
    native.hidden = false;
    native.addEventListener("click", () => {
      navigator.share({ title, url }).catch(() => {
        /* closed by the reader */
      });
    });
  }
  if (copy) {
    copy.hidden = false;
    copy.addEventListener("click", () => {
      const done = () => say("Tautan disalin.");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, () => (fallbackCopy(url) ? done() : say(url)));
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
  const field = el("textarea");
  field.value = text;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.appendChild(field);
  field.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch (e) {
    ok = false;
  }
  document.body.removeChild(field);
  return ok;
}

document.querySelectorAll("[data-lp-share]").forEach(setupShare);

/* Print: the body's links get a number, and their addresses are listed once under "Tautan". */
window.addEventListener("beforeprint", () => {
  const footer = document.querySelector(".lp-print-footer");
  if (!footer || document.querySelector(".lp-print-links")) return;
  const box = el("section", "lp-print-only lp-print-links");
  box.setAttribute("aria-hidden", "true");
  box.appendChild(el("h2", null, "Tautan"));
  const list = box.appendChild(el("ol"));
  const seen = {};
  let n = 0;
  document.querySelectorAll(".lp-body a[href]:not([href^='#'])").forEach((a) => {
    const address = a.href;
    if (!seen[address]) {
      n += 1;
      seen[address] = n;
      list.appendChild(el("li", null, address));
    }
    a.setAttribute("data-print-ref", String(seen[address]));
  });
  box.hidden = n === 0;
  footer.parentNode.insertBefore(box, footer);
});
