/* Lumbung Praktik: whole numbers as the site writes them (1.020), as Python's site/card.fmt_number. */

const integer = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/** `n` with Indonesian thousands separators: 1020 -> "1.020". */
export function formatNumber(n) {
  return integer.format(n);
}
