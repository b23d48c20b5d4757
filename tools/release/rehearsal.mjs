#!/usr/bin/env node
// Publish rehearsal: changeset version → build → publish every public package to a local
// Verdaccio (loopback, no uplinks) → install in a fresh project → ESM, CJS, types, publint,
// attw. Exits non-zero naming the failed step. Verdaccio is stopped by its pid in any case.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyWorkspace, publicPackages, runBin } from "./workspace-copy.mjs";
import { publishTarball, startRegistry } from "./registry.mjs";
import { verifyConsumer } from "./verify.mjs";

const started = Date.now();
const step = (message) => console.log(`[rehearsal ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

async function main() {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-rehearsal-"));
  let registry;
  try {
    const repo = copyWorkspace(path.join(tmp, "repo"));
    const only = process.env.REHEARSAL_ONLY?.split(",").map((s) => `@omnibridge/${s.trim()}`);
    const pick = (list) => (only ? list.filter(({ pkg }) => only.includes(pkg.name)) : list);
    const packages = pick(publicPackages(repo));
    step(`workspace copied; ${packages.length} public packages`);

    const before = Object.fromEntries(packages.map(({ pkg }) => [pkg.name, pkg.version]));
    const front = packages.map(({ pkg }) => `"${pkg.name}": patch`).join("\n");
    writeFileSync(path.join(repo, ".changeset", "rehearsal.md"), `---\n${front}\n---\n\nRehearsal release.\n`);
    runBin("changeset", ["version"], repo);
    const versioned = pick(publicPackages(repo));
    for (const { pkg } of versioned) {
      if (pkg.version === before[pkg.name]) throw new Error(`changeset version did not bump ${pkg.name}`);
    }
    step(`changeset version: ${versioned.map(({ pkg }) => `${pkg.name}@${pkg.version}`).join(", ")}`);

    const tarballs = path.join(tmp, "tarballs");
    mkdirSync(tarballs);
    for (const { dir } of versioned) {
      runBin("tsup", [], path.join(repo, dir));
      execFileSync("pnpm", ["pack", "--pack-destination", tarballs], { cwd: path.join(repo, dir), stdio: ["ignore", "pipe", "pipe"] });
    }
    step("built and packed");

    registry = await startRegistry(path.join(tmp, "registry"));
    step(`verdaccio up at ${registry.url} (pid ${registry.pid})`);
    const published = versioned.map(({ dir, pkg }) => {
      const tarball = path.join(tarballs, `${pkg.name.replace("@", "").replace("/", "-")}-${pkg.version}.tgz`);
      publishTarball(registry, tarball);
      const subpaths = Object.keys(pkg.exports ?? {}).filter((k) => k !== "." && !k.endsWith(".json")).map((k) => k.slice(2));
      return { name: pkg.name, version: pkg.version, tarball, subpaths, dir };
    });
    step(`published ${published.length} packages`);

    verifyConsumer(path.join(tmp, "consumer"), registry, published);
    step("fresh project: ESM import, CJS require (p-retry path), types (node16, bundler), publint --strict, attw: all ok");
  } finally {
    if (registry) {
      await registry.stop();
      step(`verdaccio (pid ${registry.pid}) stopped`);
    }
    if (!process.env.KEEP_REHEARSAL) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`rehearsal FAILED: ${error.message}`);
  process.exit(1);
});
