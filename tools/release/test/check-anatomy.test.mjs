import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { checkVendor, exportedTypeNames, vendorFolders } from "../../../scripts/check-anatomy.mjs";
import { root } from "../workspace-copy.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-anatomy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const write = (file, text = "export {};\n") => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

/** A complete vendor folder `acme` in packages/acme-connector (and package-wide shared/, testing/). */
function completeTree(treeRoot) {
  rmSync(treeRoot, { recursive: true, force: true });
  const pkg = path.join(treeRoot, "packages", "acme-connector");
  const vendor = path.join(pkg, "src", "acme");
  write(path.join(pkg, "package.json"), '{"name":"@omnibridge/acme-connector"}');
  write(path.join(pkg, "src", "index.ts"));
  write(path.join(pkg, "src", "shared", "slug.ts"));
  write(path.join(pkg, "src", "testing", "index.ts"));
  for (const file of ["index.ts", "acme-connector.ts", "acme-client.ts", "acme-api.ts", "acme-error.ts", "acme-connector.test.ts"]) {
    write(path.join(vendor, file));
  }
  write(
    path.join(vendor, "acme-settings.ts"),
    "import { z } from 'zod';\nexport const acmeSettingsSchema = z.object({});\n" +
      "export type AcmeSettingsInput = z.input<typeof acmeSettingsSchema>;\nexport interface AcmeSettings { url: string }\n",
  );
  for (const file of ["streams/product-stream.ts", "mappers/to-product.ts", "writes/write-products.ts", "__fixtures__/SOURCES.md"]) {
    write(path.join(vendor, file));
  }
  write(path.join(vendor, "testing", "acme-emulator.ts"));
  write(path.join(vendor, "testing", "acme-emulator-routes.ts"));
  // A second package that is not a connector: never checked.
  write(path.join(treeRoot, "packages", "core-model", "src", "entities", "product.ts"));
  return vendor;
}

const run = (treeRoot, ...argv) =>
  spawnSync(process.execPath, [path.join(root, "scripts", "check-anatomy.mjs"), "--root", treeRoot, ...argv], { encoding: "utf8" });

describe("exportedTypeNames", () => {
  it("lists exported types and interfaces, not values or local types", () => {
    const text = [
      "export type A = string;",
      "export interface B { x: number }",
      "  export declare type C = number;",
      "type D = string;",
      "export const E = 1;",
      "export function F() {}",
    ].join("\n");
    expect(exportedTypeNames(text)).toEqual(["A", "B", "C"]);
  });
});

describe("check-anatomy", () => {
  const treeRoot = path.join(tmp, "tree");
  let vendor;
  beforeEach(() => {
    vendor = completeTree(treeRoot);
  });

  it("finds vendor folders only in connector packages, skipping package-wide shared/ and testing/", () => {
    expect(vendorFolders(treeRoot).map((v) => `${v.pkg}:${v.vendor}`)).toEqual(["packages/acme-connector:acme"]);
  });

  it("passes a vendor folder with the whole anatomy", () => {
    expect(checkVendor(vendor, "acme")).toEqual([]);
    const result = run(treeRoot);
    expect(result.stdout).toContain("check-anatomy: 1 vendor folder(s) (acme): ok");
    expect(result.status).toBe(0);
  });

  it("names every missing file and folder", () => {
    for (const part of ["acme-client.ts", "acme-error.ts", "acme-connector.test.ts", "streams", "__fixtures__"]) {
      rmSync(path.join(vendor, part), { recursive: true });
    }
    expect(checkVendor(vendor, "acme").map((p) => p.part)).toEqual([
      "acme-client.ts",
      "acme-error.ts",
      "acme-connector.test.ts",
      "streams/",
      "__fixtures__/",
    ]);
  });

  it("points at a differently named writes folder", () => {
    renameSync(path.join(vendor, "writes"), path.join(vendor, "writers"));
    expect(checkVendor(vendor, "acme")).toEqual([{ part: "writes/", problem: "missing (found writers) — one file per written entity" }]);
  });

  it("requires vendor-prefixed emulator files", () => {
    rmSync(path.join(vendor, "testing"), { recursive: true });
    write(path.join(vendor, "testing", "emulator.ts"));
    write(path.join(vendor, "testing", "emulator-routes.ts"));
    write(path.join(vendor, "testing", "acme-test-helpers.ts"));
    expect(checkVendor(vendor, "acme")).toEqual([
      { part: "testing/acme-emulator*.ts", problem: "missing — the emulator, vendor-prefixed" },
      { part: "testing/", problem: 'emulator files without the "acme-" prefix: emulator-routes.ts, emulator.ts' },
    ]);
  });

  it("requires <Vendor>SettingsInput and <Vendor>Settings, whatever the vendor's capitalisation", () => {
    write(path.join(vendor, "acme-settings.ts"), "export type AcmeSettings = { url?: string };\nexport type ResolvedAcmeSettings = { url: string };\n");
    expect(checkVendor(vendor, "acme")).toEqual([
      {
        part: "acme-settings.ts",
        problem: "no exported type <Vendor>SettingsInput — what a user passes (raw) (exports AcmeSettings, ResolvedAcmeSettings)",
      },
    ]);
    write(path.join(vendor, "acme-settings.ts"), "export type ACMESettingsInput = { url?: string };\nexport interface ACMESettings { url: string }\n");
    expect(checkVendor(vendor, "acme")).toEqual([]);
  });

  it("exits 1 and prints what is missing per vendor", () => {
    rmSync(path.join(vendor, "acme-api.ts"));
    rmSync(path.join(vendor, "mappers"), { recursive: true });
    const result = run(treeRoot);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("packages/acme-connector/src/acme: 2 problem(s)");
    expect(result.stderr).toContain("  acme-api.ts: missing — raw payload schemas");
    expect(result.stderr).toContain("  mappers/: missing — pure raw ⇄ canonical");
    expect(result.stderr).toContain("1 incomplete (DESIGN.md §3)");
  });

  it("fails with exit 2 when there is no vendor folder at all (a wrong --root)", () => {
    const result = run(path.join(tmp, "empty"));
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no vendor folder found");
  });
});
