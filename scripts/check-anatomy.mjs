#!/usr/bin/env node
// Fails when a vendor adapter folder (packages/*-connector/src/<vendor>/) misses a part of the
// anatomy in shared/DESIGN.md §3 (issue 15, "One anatomy"), and prints what is missing per vendor.
//
//   node scripts/check-anatomy.mjs [--root dir] [--json] [package-dir …]
//
// Every folder directly under a connector package's src/ is a vendor folder, except the
// package-wide ones in NOT_VENDOR (the ./testing export, code shared by several vendors).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Folders under a connector's src/ that belong to the package, not to one vendor. */
export const NOT_VENDOR = new Set(["shared", "testing"]);

/** The parts every vendor folder has (DESIGN.md §3); `<v>` is the folder name. */
const FILES = [
  ["index.ts", "exports create<Vendor>Connector and its settings types"],
  ["<v>-connector.ts", "wires client, streams and mappers into the contract"],
  ["<v>-settings.ts", "settings schema"],
  ["<v>-client.ts", "transport: auth, call shape, error classification"],
  ["<v>-api.ts", "raw payload schemas"],
  ["<v>-error.ts", "vendor error body → ConnectorError reason"],
  ["<v>-connector.test.ts", "contract test against the emulator"],
];
const FOLDERS = [
  ["streams", "async generators yielding pages"],
  ["mappers", "pure raw ⇄ canonical"],
  ["writes", "one file per written entity"],
  ["__fixtures__", "vendor-documented payloads"],
  ["testing", "the vendor emulator"],
];

const isDirectory = (file) => existsSync(file) && statSync(file).isDirectory();
const isFile = (file) => existsSync(file) && statSync(file).isFile();

/** Type names a file exports with `export type X` / `export interface X`. */
export function exportedTypeNames(text) {
  return [...text.matchAll(/^\s*export\s+(?:declare\s+)?(?:type|interface)\s+([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]);
}

/**
 * What one vendor folder misses: a list of problems, each `{ part, problem }`, empty when the
 * folder has the whole anatomy.
 */
export function checkVendor(dir, vendor) {
  const problems = [];
  const missing = (part, why, hint) => problems.push({ part, problem: `missing${hint ? ` (${hint})` : ""} — ${why}` });
  const siblings = readdirSync(dir);
  for (const [pattern, why] of FILES) {
    const file = pattern.replace("<v>", vendor);
    if (!isFile(path.join(dir, file))) missing(file, why);
  }
  for (const [folder, why] of FOLDERS) {
    if (isDirectory(path.join(dir, folder))) continue;
    const near = siblings.filter((name) => name !== folder && name.replace(/[-_]/g, "").startsWith(folder.replace(/s$/, "").replace(/_/g, "")));
    missing(`${folder}/`, why, near.length ? `found ${near.join(", ")}` : undefined);
  }

  const testing = path.join(dir, "testing");
  if (isDirectory(testing)) {
    const names = readdirSync(testing).filter((name) => /\.[cm]?ts$/.test(name));
    const prefixed = names.filter((name) => name.startsWith(`${vendor}-emulator`) && !/\.test\.[cm]?ts$/.test(name));
    if (!prefixed.length) missing(`testing/${vendor}-emulator*.ts`, "the emulator, vendor-prefixed");
    const unprefixed = names.filter((name) => /emulator/.test(name) && !name.startsWith(`${vendor}-`));
    if (unprefixed.length) {
      problems.push({ part: "testing/", problem: `emulator files without the "${vendor}-" prefix: ${unprefixed.join(", ")}` });
    }
  }

  const settings = path.join(dir, `${vendor}-settings.ts`);
  if (isFile(settings)) {
    const names = exportedTypeNames(readFileSync(settings, "utf8"));
    const lower = vendor.toLowerCase().replace(/[^a-z0-9]/g, "");
    for (const [suffix, what] of [
      ["SettingsInput", "what a user passes (raw)"],
      ["Settings", "the parsed result"],
    ]) {
      if (!names.some((name) => name.toLowerCase() === `${lower}${suffix.toLowerCase()}`)) {
        const found = names.filter((name) => /settings/i.test(name));
        const hint = found.length ? ` (exports ${found.join(", ")})` : "";
        problems.push({ part: `${vendor}-settings.ts`, problem: `no exported type <Vendor>${suffix} — ${what}${hint}` });
      }
    }
  }
  return problems;
}

/** Connector packages (packages/*-connector) and their vendor folders. */
export function vendorFolders(root, packages) {
  const packagesDir = path.join(root, "packages");
  const names = packages ?? (existsSync(packagesDir) ? readdirSync(packagesDir).sort().map((name) => `packages/${name}`) : []);
  const out = [];
  for (const pkg of names) {
    if (!/-connector$/.test(pkg)) continue;
    const src = path.join(root, pkg, "src");
    if (!isDirectory(src)) continue;
    for (const vendor of readdirSync(src).sort()) {
      if (NOT_VENDOR.has(vendor) || vendor.startsWith(".") || !isDirectory(path.join(src, vendor))) continue;
      out.push({ pkg, vendor, dir: path.join(src, vendor) });
    }
  }
  return out;
}

function main(argv) {
  const option = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = path.resolve(option("--root") ?? path.join(import.meta.dirname, ".."));
  const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--root");
  const vendors = vendorFolders(root, positional.length ? positional : undefined);
  const results = vendors.map(({ pkg, vendor, dir }) => ({ folder: `${pkg}/src/${vendor}`, vendor, problems: checkVendor(dir, vendor) }));
  const failing = results.filter((r) => r.problems.length);
  if (argv.includes("--json")) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    for (const { folder, problems } of failing) {
      console.error(`${folder}: ${problems.length} problem(s)`);
      for (const { part, problem } of problems) console.error(`  ${part}: ${problem}`);
    }
    const summary = `check-anatomy: ${results.length} vendor folder(s) (${results.map((r) => r.vendor).join(", ") || "none"})`;
    if (failing.length) console.error(`\n${summary}, ${failing.length} incomplete (DESIGN.md §3)`);
    else console.log(`${summary}: ok`);
  }
  if (!results.length) {
    console.error("check-anatomy: no vendor folder found (packages/*-connector/src/<vendor>/)");
    return 2;
  }
  return failing.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
