/* Lumbung Praktik: whole numbers as the site writes them (1.020), the same as Python's card.fmt_number. */

const integer = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });

/** `n` with Indonesian thousands separators: 1020 -> "1.020". */
export function formatNumber(n) {
  return integer.format(n);
}
