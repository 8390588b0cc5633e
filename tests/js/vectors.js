/* The test vectors the Python side writes (tests/js/vectors.py). `make test-js` writes them once and
   names their folder in LUMBUNG_JS_VECTORS; a test run without it (`node --test tests/js/*.test.js`)
   writes them into a temporary folder with the project's Python. */

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

let folder = process.env.LUMBUNG_JS_VECTORS;

function written() {
  if (!folder) {
    const venv = join(REPO, ".venv", "bin", "python");
    const python = process.env.LUMBUNG_PYTHON || (existsSync(venv) ? venv : "python3");
    folder = mkdtempSync(join(tmpdir(), "lumbung-js-vectors-"));
    execFileSync(python, [join(REPO, "tests", "js", "vectors.py"), folder], { stdio: ["ignore", "ignore", "inherit"] });
  }
  return folder;
}

/** The folder the vectors are in (written first when needed). */
export function vectorFolder() {
  return written();
}

/** The vectors of `topic` (a file name of vectors.py without .json). */
export function vectors(topic) {
  return JSON.parse(readFileSync(join(written(), topic + ".json"), "utf-8"));
}
