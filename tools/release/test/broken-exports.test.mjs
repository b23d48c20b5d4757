import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRegistry, publishTarball } from "../registry.mjs";
import { verifyConsumer } from "../verify.mjs";
import { root } from "../workspace-copy.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-broken-"));
let registry;

/** Pack core-model from its build with a given version, optionally editing package.json. */
function packCoreModel(version, edit = (pkg) => pkg) {
  const out = path.join(tmp, `pack-${version}`);
  mkdirSync(out, { recursive: true });
  execFileSync("pnpm", ["pack", "--pack-destination", out], { cwd: path.join(root, "packages", "core-model"), stdio: "ignore" });
  const [tgz] = execFileSync("ls", [out], { encoding: "utf8" }).trim().split("\n");
  execFileSync("tar", ["-xzf", path.join(out, tgz), "-C", out]);
  const file = path.join(out, "package", "package.json");
  const pkg = edit({ ...JSON.parse(readFileSync(file, "utf8")), version });
  writeFileSync(file, JSON.stringify(pkg, null, 2));
  const name = execFileSync("npm", ["pack", "--loglevel=error"], { cwd: path.join(out, "package"), encoding: "utf8" }).trim().split("\n").pop();
  return { name: "@omnibridge/core-model", version, tarball: path.join(out, "package", name), subpaths: ["testing"] };
}

beforeAll(async () => {
  registry = await startRegistry(path.join(tmp, "registry"));
});
afterAll(async () => {
  await registry?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe("publish rehearsal checks", () => {
  it("pass for the package as built (control)", () => {
    const good = packCoreModel("0.0.0-good.1");
    publishTarball(registry, good.tarball);
    expect(() => verifyConsumer(path.join(tmp, "consumer-good"), registry, [good])).not.toThrow();
  });

  it("fail when the exports map points at a file that is not there", () => {
    const broken = packCoreModel("0.0.0-broken.1", (pkg) => ({
      ...pkg,
      exports: { ...pkg.exports, ".": { ...pkg.exports["."], require: { types: "./dist/index.d.cts", default: "./dist/missing.cjs" } } },
    }));
    publishTarball(registry, broken.tarball);
    expect(() => verifyConsumer(path.join(tmp, "consumer-broken"), registry, [broken])).toThrow(
      new RegExp(`CJS require on Node ${process.versions.node.replaceAll(".", "\\.")} failed`),
    );
  });

  it("fail when a consumer script runs on another Node than the one asked for", () => {
    const good = packCoreModel("0.0.0-good.2");
    publishTarball(registry, good.tarball);
    // This Node's binary announced as 22.0.0: the version guard must stop the first script.
    const impostor = { version: "22.0.0", bin: process.execPath };
    expect(() => verifyConsumer(path.join(tmp, "consumer-impostor"), registry, [good], { nodes: [impostor] })).toThrow(
      new RegExp(`ESM import on Node 22\\.0\\.0 failed:\\n.*node-version-guard: smoke\\.mjs runs on Node ${process.versions.node.replaceAll(".", "\\.")}`),
    );
  });

  it("fail when the import condition's types point at a missing file", () => {
    const broken = packCoreModel("0.0.0-broken.2", (pkg) => ({
      ...pkg,
      exports: { ...pkg.exports, ".": { ...pkg.exports["."], import: { types: "./dist/missing.d.ts", default: "./dist/index.js" } } },
    }));
    publishTarball(registry, broken.tarball);
    expect(() => verifyConsumer(path.join(tmp, "consumer-types"), registry, [broken])).toThrow(/types under moduleResolution node16 failed|attw|publint/);
  });
});
