// Loaded with NODE_OPTIONS="--require …/node-version-guard.cjs" by scripts/test-node-versions.sh
// into every Node process of a run (pnpm, the vitest main process, each vitest fork): proves
// which Node actually ran the tests. A process on another version than OMNIBRIDGE_EXPECT_NODE
// stops at once (exit 70) naming its version and binary; every process appends
// "<pid> <version> <execPath> <script>" to OMNIBRIDGE_NODE_REPORT. Silent on stdout/stderr
// otherwise, so tests that read a child's output are not disturbed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const expected = process.env.OMNIBRIDGE_EXPECT_NODE;
const report = process.env.OMNIBRIDGE_NODE_REPORT;
const script = process.argv[1] ? path.basename(process.argv[1]) : "-";
if (report) {
  try {
    fs.appendFileSync(report, `${process.pid} ${process.versions.node} ${process.execPath} ${script}\n`);
  } catch {
    /* the report is evidence, not a requirement; the version check below still holds */
  }
}
if (expected && process.versions.node !== expected) {
  process.stderr.write(
    `node-version-guard: ${script} runs on Node ${process.versions.node} (${process.execPath}), expected ${expected}\n`,
  );
  process.exit(70);
}
