#!/usr/bin/env node
// Fails when a change to a published package has no changeset, or when a change to a
// contract type of @omnibridge/core-model (src/contracts/**) is not released as major.
//   node scripts/check-changesets.mjs --base origin/main [--cwd dir]
import { execFileSync } from "node:child_process";
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const cwd = path.resolve(option("--cwd") ?? ".");
const base = option("--base") ?? process.env.CHANGESET_BASE;
if (!base) {
  console.log("check-changesets: no --base given (not a pull request): nothing to compare");
  process.exit(0);
}

const git = (...argv) => execFileSync("git", argv, { cwd, encoding: "utf8" }).trim();
const mergeBase = git("merge-base", base, "HEAD");
const changed = git("diff", "--name-only", mergeBase, "HEAD").split("\n").filter(Boolean);

/** Files that change what users get (tests, fixtures, benches and docs don't). */
const shipped = (file) => /^packages\/[^/]+\/(src\/|package\.json$)/.test(file) && !/(\.test\.ts|__fixtures__\/|\/test\/)/.test(file);

const packageName = (dir) => JSON.parse(readFileSync(path.join(cwd, "packages", dir, "package.json"), "utf8")).name;
const needs = new Map();
for (const file of changed.filter(shipped)) {
  const dir = file.split("/")[1];
  if (!existsSync(path.join(cwd, "packages", dir, "package.json"))) continue;
  const entry = needs.get(dir) ?? { name: packageName(dir), major: false };
  if (dir === "core-model" && file.startsWith("packages/core-model/src/contracts/")) entry.major = true;
  needs.set(dir, entry);
}

/** Bumps declared by the changesets this branch adds: name → strongest bump. */
const rank = { patch: 1, minor: 2, major: 3 };
const declared = new Map();
for (const file of changed.filter((f) => /^\.changeset\/[^/]+\.md$/.test(f) && !f.endsWith("README.md"))) {
  const full = path.join(cwd, file);
  if (!existsSync(full)) continue;
  const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(full, "utf8"))?.[1] ?? "";
  for (const line of front.split("\n")) {
    const match = /^["']?(@[^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line.trim());
    if (match && (rank[match[2]] ?? 0) > (rank[declared.get(match[1])] ?? 0)) declared.set(match[1], match[2]);
  }
}

const problems = [];
for (const { name, major } of needs.values()) {
  const bump = declared.get(name);
  if (!bump) problems.push(`${name} changed but no changeset names it (run \`pnpm changeset\`)`);
  else if (major && bump !== "major") problems.push(`${name}: a contract type changed (src/contracts) — that is a major bump, the changeset says ${bump}`);
}
if (problems.length) {
  console.error(`check-changesets: ${problems.length} problem(s) since ${base}:\n- ${problems.join("\n- ")}`);
  process.exit(1);
}
console.log(`check-changesets: ok (${needs.size} changed package(s) covered)`);
