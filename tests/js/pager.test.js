import assert from "node:assert/strict";
import { test } from "node:test";

import { formatNumber } from "../../overrides/assets/lib/number.js";
import { pageNumbers } from "../../overrides/assets/lib/pager.js";
import { vectors } from "./vectors.js";

test("the pager shows the page numbers paging.window shows", () => {
  const { cases } = vectors("paging");
  assert.ok(cases.length > 100);
  for (const [page, pages, expected] of cases) {
    assert.deepEqual(pageNumbers(page, pages), expected, `page ${page} of ${pages}`);
  }
});

test("a gap of one page shows that page, a longer gap an ellipsis", () => {
  assert.deepEqual(pageNumbers(1, 1), [1]);
  assert.deepEqual(pageNumbers(5, 9), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual(pageNumbers(6, 12), [1, null, 4, 5, 6, 7, 8, null, 12]);
});

test("numbers are written as the built pages write them (text/numbers.fmt_number)", () => {
  const { cases } = vectors("numbers");
  assert.ok(cases.some(([n]) => n >= 1000000));
  for (const [n, text] of cases) assert.equal(formatNumber(n), text, String(n));
});
