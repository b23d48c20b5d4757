#!/usr/bin/env node
// Publish rehearsal: changeset version → build → publish every public package to a local
// Verdaccio (loopback, no uplinks) → install in a fresh project → ESM, CJS, types, publint,
// attw. The fresh project's ESM import, CJS require and integrator examples run on this machine's
// Node and on the pinned Node 22 and 24 LTS (scripts/node-versions.sh; REHEARSAL_NODES=22 or
// REHEARSAL_NODES=none narrows that). Exits non-zero naming the failed step. Verdaccio is
// stopped by its pid in any case.
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { copyWorkspace, pinWorkspaceRanges, publicPackages, root, runBin } from "./workspace-copy.mjs";
import { publishTarball, startRegistry } from "./registry.mjs";
import { currentNode, verifyConsumer } from "./verify.mjs";

const execFileAsync = promisify(execFile);
const BUILD_JOBS = Number(process.env.REHEARSAL_BUILD_JOBS ?? 2);

/** runBin, without blocking the event loop; a failure names the build and ends with its output. */
async function runBinAsync(name, argv, cwd, label) {
  try {
    await execFileAsync(path.join(root, "node_modules", ".bin", name), argv, { cwd, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim().split("\n").slice(-25).join("\n");
    throw new Error(`${label} failed:\n${output}`);
  }
}

const started = Date.now();
const step = (message) => console.log(`[rehearsal ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

/** This process's Node plus the pinned LTS versions asked for (installed into the cache when missing). */
function integratorNodes() {
  const asked = (process.env.REHEARSAL_NODES ?? "22,24").trim();
  const majors = asked === "none" || asked === "" ? [] : asked.split(",").map((s) => s.trim());
  const nodes = [currentNode()];
  if (majors.length === 0) return nodes;
  const script = path.join(root, "scripts", "node-versions.sh");
  const dirs = execFileSync(script, majors, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n");
  for (const dir of dirs) {
    const bin = path.join(dir, "bin", "node");
    const version = execFileSync(bin, ["-p", "process.versions.node"], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }).trim();
    if (!nodes.some((n) => n.version === version)) nodes.push({ version, bin });
  }
  return nodes;
}

async function main() {
  const nodes = integratorNodes();
  step(`integrator examples will run on Node ${nodes.map((n) => n.version).join(", ")}`);
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
    step(`${pinWorkspaceRanges(repo)} workspace: ranges pinned to the versioned packages`);

    const tarballs = path.join(tmp, "tarballs");
    mkdirSync(tarballs);
    // Two builds at a time (2 cores; tsup's type build is single-threaded). Each package's
    // dependencies resolve to the real workspace's builds, so the order does not matter.
    const queue = [...versioned];
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const cwd = path.join(repo, next.dir);
        const startedAt = Date.now();
        await runBinAsync("tsup", [], cwd, `tsup in ${next.dir}`);
        await execFileAsync("pnpm", ["pack", "--pack-destination", tarballs], { cwd });
        step(`  ${next.pkg.name} built and packed in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BUILD_JOBS, versioned.length) }, worker));
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

    verifyConsumer(path.join(tmp, "consumer"), registry, published, { nodes });
    step(`fresh project: ESM import, CJS require (p-retry path), examples on Node ${nodes.map((n) => n.version).join(", ")}; types (node16, bundler), publint --strict, attw: all ok`);
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
