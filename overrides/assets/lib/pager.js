/* Lumbung Praktik: the pager of a list of results, drawn as the built listing pages draw it
   (the pager macro of lumbung/templates/_macros.j2 and site/paging.window), so a filtered page
   looks like a built one. */

import { el } from "./dom.js";
import { formatNumber } from "./number.js";

/**
 * Page numbers a pager shows: the first, the last and `around` either side of `page`; null marks a
 * gap, and a gap of one page shows that page instead (the rule of paging.window in Python).
 */
export function pageNumbers(page, pages, around = 2) {
  const out = [];
  for (let n = 1; n <= pages; n += 1) {
    if (n !== 1 && n !== pages && Math.abs(n - page) > around) continue;
    const last = out.length ? out[out.length - 1] : 0;
    if (n - last === 2) out.push(n - 1);
    else if (n - last > 2) out.push(null);
    out.push(n);
  }
  return out;
}

/**
 * The pager of page `page` of `pages` as a list of nodes (none for a single page): a nav named
 * `label`, its status line, previous and next links and the page numbers. `href(n)` is the address
 * of page n; each link carries data-page="n" for a script that shows the page in place.
 */
export function pagerNav(page, pages, label, href) {
  if (pages <= 1) return [];
  const nav = el("nav", "lp-pager");
  nav.setAttribute("aria-label", label);
  nav.appendChild(el("p", "lp-pager__status", "Halaman " + formatNumber(page) + " dari " + formatNumber(pages)));
  const items = el("ul", "lp-pager__list");
  const add = (node) => {
    const item = el("li");
    item.appendChild(node);
    items.appendChild(item);
  };
  const link = (n, text, className, rel) => {
    const a = el("a", className, text);
    a.href = href(n);
    a.setAttribute("data-page", String(n));
    if (rel) a.rel = rel;
    return a;
  };
  if (page > 1) add(link(page - 1, "‹ Sebelumnya", "lp-pager__step", "prev"));
  pageNumbers(page, pages).forEach((n) => {
    if (n === null) {
      add(el("span", "lp-pager__gap", "…"));
    } else if (n === page) {
      const current = el("span", "lp-pager__page", formatNumber(n));
      current.setAttribute("aria-current", "page");
      add(current);
    } else {
      const a = link(n, formatNumber(n), "lp-pager__page");
      a.setAttribute("aria-label", "Halaman " + formatNumber(n));
      add(a);
    }
  });
  if (page < pages) add(link(page + 1, "Berikutnya ›", "lp-pager__step", "next"));
  nav.appendChild(items);
  return [nav];
}
