/* Lumbung Praktik: a table wider than the screen scrolls sideways inside Material's wrapper. A
   keyboard user must be able to reach and scroll it, and a screen reader to name it, so each wrapper
   that scrolls becomes a focusable, labelled region (WCAG 2.1.1; axe scrollable-region-focusable).
   It runs on every page, so it imports nothing: one request, no module graph. */

function label(wrap) {
  const caption = wrap.querySelector("caption");
  const head = wrap.querySelector("th");
  const name = caption ? caption.textContent : head ? "Tabel " + head.textContent : "Tabel";
  return name.trim() + " (geser ke samping untuk melihat semua kolom)";
}

function mark() {
  document.querySelectorAll(".md-typeset__scrollwrap").forEach((wrap) => {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label(wrap));
    } else {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  });
}

// Material wraps the tables when its document$ emits (its documented hook for page scripts).
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => window.setTimeout(mark, 0));
} else {
  window.addEventListener("load", mark);
}
window.addEventListener("resize", mark);
