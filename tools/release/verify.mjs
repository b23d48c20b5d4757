// Installs published packages into a fresh project outside the workspace and checks that
// they work as users consume them: ESM import, CJS require (through p-retry), types under
// node16 and bundler resolution, publint --strict and attw.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(command, argv, cwd, label, env = {}) {
  try {
    return execFileSync(command, argv, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NODE_OPTIONS: "", ...env } });
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`.trim().split("\n").slice(-25).join("\n");
    throw new Error(`${label} failed:\n${output}`);
  }
}

const SMOKE = (mode) => {
  const load = mode === "esm" ? (spec) => `await import(${JSON.stringify(spec)})` : (spec) => `require(${JSON.stringify(spec)})`;
  return `
const assert = ${mode === "esm" ? 'await import("node:assert/strict")' : 'require("node:assert/strict")'};
const specs = JSON.parse(process.argv[2]);
for (const spec of specs) {
  const mod = ${load("__SPEC__").replace('"__SPEC__"', "spec")};
  assert.ok(Object.keys(mod).length > 0, spec + " exports nothing");
}
if (specs.includes("@omnibridge/core-model")) {
  const core = ${load("@omnibridge/core-model")};
  assert.equal(core.moneyFromDecimal("19.99", "EUR").amount, 1999);
  const bad = core.stockLevelSchema.safeParse({ key: "S@W", sku: "S", locationKey: "W", onHand: -1, reserved: 0, available: 0, updatedAt: "2026-01-01T00:00:00.000Z" });
  assert.equal(bad.success, false);
  assert.equal(bad.error.issues[0].path.join("."), "onHand");
}
if (specs.includes("@omnibridge/connector-kit")) {
  const core = ${load("@omnibridge/core-model")};
  const kit = ${load("@omnibridge/connector-kit")};
  let calls = 0;
  const value = await kit.withRetry(async () => {
    calls++;
    if (calls < 3) throw new core.ConnectorError("unavailable", "try again", { retryAfterMs: 5 });
    return "ok";
  }, { retries: 3 });
  assert.equal(value, "ok");
  assert.equal(calls, 3);
}
for (const spec of specs.filter((s) => /-connector$/.test(s))) {
  const mod = ${load("__SPEC__").replace('"__SPEC__"', "spec")};
  assert.ok(Object.entries(mod).some(([name, value]) => /^create[A-Z]\\w*Connector$/.test(name) && typeof value === "function"), spec + " has no create…Connector factory");
}
console.log("${mode} ok on Node " + process.versions.node + ": " + specs.length + " entry points");
`;
};

/** The Node that runs this process: the default when no other versions are asked for. */
export const currentNode = () => ({ version: process.versions.node, bin: process.execPath });

/**
 * Environment that runs a consumer's scripts on `node` ({ version, bin }): its folder first on PATH
 * (so a child's `node` is the same one) and scripts/node-version-guard.cjs in every Node process,
 * which stops any process on another version.
 */
function nodeEnv(node) {
  return {
    PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH ?? ""}`,
    NODE_OPTIONS: `--require ${JSON.stringify(path.join(root, "scripts", "node-version-guard.cjs"))}`,
    OMNIBRIDGE_EXPECT_NODE: node.version,
  };
}

/**
 * Verify `packages` ([{ name, version, tarball, subpaths }]) published on `registry`: installed into
 * a fresh project, then ESM import, CJS require and the integrator examples on each of `options.nodes`
 * ([{ version, bin }], default: this process's Node); types, publint and attw once.
 * Throws an Error naming the failed check (and the Node it ran on).
 */
export function verifyConsumer(dir, registry, packages, options = {}) {
  const nodes = options.nodes ?? [currentNode()];
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "rehearsal-consumer", private: true, version: "0.0.0" }, null, 2));
  writeFileSync(path.join(dir, ".npmrc"), `@omnibridge:registry=${registry.url}\n`);
  const specs = packages.map((p) => `${p.name}@${p.version}`);
  run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs, "zod@^4.1.0", "@types/node@^20.19.0"], dir, "npm install from the rehearsal registry");
  const entries = packages.flatMap((p) => [p.name, ...p.subpaths.map((s) => `${p.name}/${s}`)]);
  const core = ["@omnibridge/core-model", "@omnibridge/connector-kit"].filter((n) => packages.some((p) => p.name === n));
  const smokeSpecs = JSON.stringify([...new Set([...core, ...entries])]);
  writeFileSync(path.join(dir, "smoke.mjs"), SMOKE("esm"));
  writeFileSync(path.join(dir, "smoke.cjs"), `(async () => {${SMOKE("cjs")}})().catch((e) => { console.error(e); process.exit(1); });`);
  for (const node of nodes) {
    const env = nodeEnv(node);
    const started = Date.now();
    process.stdout.write(run(node.bin, ["smoke.mjs", smokeSpecs], dir, `ESM import on Node ${node.version}`, env));
    process.stdout.write(run(node.bin, ["smoke.cjs", smokeSpecs], dir, `CJS require on Node ${node.version}`, env));
    const examples = runExamples(dir, packages, node, env);
    console.log(`[Node ${node.version}] ESM, CJS and ${examples} examples in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  checkTypes(dir, entries);
  for (const p of packages) {
    run(bin("publint"), ["--strict", path.join(dir, "node_modules", ...p.name.split("/"))], dir, `publint --strict ${p.name}`);
    run(bin("attw"), [p.tarball, "--profile", "node16", "--format", "ascii"], dir, `attw ${p.name}`);
  }
}

function checkTypes(dir, entries) {
  const imports = entries.map((spec, i) => `import * as m${i} from ${JSON.stringify(spec)};`).join("\n");
  const uses = entries.map((_, i) => `m${i}`).join(", ");
  writeFileSync(path.join(dir, "types-esm.mts"), `${imports}\nexport const all = [${uses}];\n`);
  writeFileSync(path.join(dir, "types-cjs.cts"), `${entries.map((spec, i) => `import m${i} = require(${JSON.stringify(spec)});`).join("\n")}\nexport const all = [${uses}];\n`);
  writeFileSync(path.join(dir, "types-bundler.ts"), `${imports}\nexport const all = [${uses}];\n`);
  const base = { strict: true, noEmit: true, skipLibCheck: false, target: "ES2022", types: ["node"] };
  writeFileSync(path.join(dir, "tsconfig.node16.json"), JSON.stringify({ compilerOptions: { ...base, module: "node16", moduleResolution: "node16" }, files: ["types-esm.mts", "types-cjs.cts"] }));
  writeFileSync(path.join(dir, "tsconfig.bundler.json"), JSON.stringify({ compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler" }, files: ["types-bundler.ts"] }));
  run(bin("tsc"), ["-p", "tsconfig.node16.json"], dir, "types under moduleResolution node16");
  run(bin("tsc"), ["-p", "tsconfig.bundler.json"], dir, "types under moduleResolution bundler");
}

/** The integrator examples (one per connector, used alone) and the packages each needs. */
const EXAMPLES = {
  "odoo.mjs": ["@omnibridge/erp-connector", "@omnibridge/testkit"],
  "akeneo.mjs": ["@omnibridge/pim-connector", "@omnibridge/testkit"],
  "hubspot.mjs": ["@omnibridge/crm-connector", "@omnibridge/testkit"],
  "contentful.mjs": ["@omnibridge/cms-connector", "@omnibridge/testkit"],
  "wordpress.mjs": ["@omnibridge/cms-connector", "@omnibridge/testkit"],
  "shopware.mjs": ["@omnibridge/shop-connector", "@omnibridge/testkit"],
};

/** Run each README example whose packages were published, from the installed packages, on `node`; returns how many ran. */
function runExamples(dir, packages, node, env) {
  const names = new Set(packages.map((p) => p.name));
  let count = 0;
  for (const [file, needs] of Object.entries(EXAMPLES)) {
    if (!needs.every((n) => names.has(n))) continue;
    copyFileSync(path.join(here, "examples", file), path.join(dir, file));
    process.stdout.write(`[Node ${node.version}] ${run(node.bin, [file], dir, `example ${file} on Node ${node.version}`, env)}`);
    count++;
  }
  return count;
}
