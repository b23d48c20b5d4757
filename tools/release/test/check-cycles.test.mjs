import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkPackage,
  cyclesOf,
  cyclicComponents,
  importsOf,
  resolveRelative,
} from "../../../scripts/check-cycles.mjs";
import { root } from "../workspace-copy.mjs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "omnibridge-cycles-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Writes a fake package: { "src/a.ts": "…" } under tmp/<name>. */
function fakePackage(name, files) {
  const dir = path.join(tmp, name);
  for (const [file, text] of Object.entries({ "package.json": `{"name":"${name}"}`, ...files })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const run = (...argv) => spawnSync(process.execPath, [path.join(root, "scripts", "check-cycles.mjs"), ...argv], { encoding: "utf8" });
const graph = (edges) => new Map(Object.entries(edges).map(([from, to]) => [from, new Map(to.map((t) => [t, "static"]))]));

describe("importsOf", () => {
  it("tells static, type-only and lazy imports apart", () => {
    const text = [
      'import { a } from "./a";',
      'import type { B } from "./b";',
      'import { type C } from "./c";',
      'import d, { type D } from "./d";',
      'export { e } from "./e";',
      'export type { F } from "./f";',
      'import "./g";',
      "const h = () => import('./h');",
      'let i: import("./i").I;',
      'import j = require("./j");',
      'import { k } from "node:fs";',
    ].join("\n");
    expect(importsOf("x.ts", text)).toEqual([
      { specifier: "./a", kind: "static" },
      { specifier: "./b", kind: "type" },
      { specifier: "./c", kind: "type" },
      { specifier: "./d", kind: "static" },
      { specifier: "./e", kind: "static" },
      { specifier: "./f", kind: "type" },
      { specifier: "./g", kind: "static" },
      { specifier: "./h", kind: "lazy" },
      { specifier: "./i", kind: "type" },
      { specifier: "./j", kind: "static" },
      { specifier: "node:fs", kind: "static" },
    ]);
  });

  it("reads require() in CommonJS files", () => {
    expect(importsOf("x.cjs", 'const fs = require("node:fs");\nconst y = require("./y.cjs");')).toEqual([
      { specifier: "node:fs", kind: "static" },
      { specifier: "./y.cjs", kind: "static" },
    ]);
  });
});

describe("resolveRelative", () => {
  const files = new Set(["src/a.ts", "src/b/index.ts", "src/c.mts", "src/d.mjs", "src/engine/run.ts"]);
  it.each([
    ["src/engine/run.ts", "../a", "src/a.ts"],
    ["src/engine/run.ts", "../a.js", "src/a.ts"],
    ["src/a.ts", "./b", "src/b/index.ts"],
    ["src/a.ts", "./b/index.js", "src/b/index.ts"],
    ["src/a.ts", "./c.mjs", "src/c.mts"],
    ["src/a.ts", "./d.mjs", "src/d.mjs"],
    ["src/a.ts", "./engine/run", "src/engine/run.ts"],
  ])("%s imports %s → %s", (from, specifier, expected) => {
    expect(resolveRelative(from, specifier, files)).toBe(expected);
  });

  it("ignores bare specifiers, missing files and paths outside the package", () => {
    expect(resolveRelative("src/a.ts", "zod", files)).toBeUndefined();
    expect(resolveRelative("src/a.ts", "./missing", files)).toBeUndefined();
    expect(resolveRelative("src/a.ts", "../../other/src/a", files)).toBeUndefined();
  });
});

describe("cycles in a graph", () => {
  it("finds each strongly connected component that holds a cycle, and only those", () => {
    const g = graph({ a: ["b"], b: ["c"], c: ["a", "d"], d: ["e"], e: [], f: ["f"], g: ["a"] });
    expect(cyclicComponents(g)).toEqual([["a", "b", "c"], ["f"]]);
  });

  it("gives one shortest chain per member, each cycle once, starting at its smallest member", () => {
    const g = graph({ a: ["b"], b: ["a", "c"], c: ["b"] });
    const [component] = cyclicComponents(g);
    expect(cyclesOf(g, component)).toEqual([
      ["a", "b", "a"],
      ["b", "c", "b"],
    ]);
  });

  it("handles a long chain without recursion limits", () => {
    const size = 20_000;
    const edges = Object.fromEntries(Array.from({ length: size }, (_, i) => [`n${i}`, [`n${(i + 1) % size}`]]));
    const components = cyclicComponents(graph(edges));
    expect(components).toHaveLength(1);
    expect(components[0]).toHaveLength(size);
  });
});

describe("check-cycles on a package tree", () => {
  const dir = fakePackage("cyclic", {
    "src/index.ts": 'export * from "./engine/run";\nexport * from "./marketing/segments";',
    "src/engine/run.ts": 'import { score } from "../marketing/segments";\nexport const run = () => score();',
    "src/engine/page.ts": 'import type { Page } from "./page-types";\nexport const page = (p: Page) => p;',
    "src/engine/page-types.ts": 'import type { page } from "./page";\nexport type Page = ReturnType<typeof page>;',
    "src/marketing/segments.ts": 'import { helper } from "../engine/helper.js";\nexport const score = () => helper();',
    "src/engine/helper.ts": "export const helper = () => 1;",
    "src/marketing/segments.test.ts": 'import { run } from "../index";\nrun();',
  });

  it("reports the folder cycle with the imports that make it, and the file cycle", () => {
    const result = checkPackage(dir);
    expect(result.folders).toEqual([
      [
        { from: "src/engine", to: "src/marketing", kind: "static", because: [{ from: "src/engine/run.ts", to: "src/marketing/segments.ts", kind: "static" }] },
        { from: "src/marketing", to: "src/engine", kind: "static", because: [{ from: "src/marketing/segments.ts", to: "src/engine/helper.ts", kind: "static" }] },
      ],
    ]);
    expect(result.files).toEqual([
      [
        { from: "src/engine/page-types.ts", to: "src/engine/page.ts", kind: "type" },
        { from: "src/engine/page.ts", to: "src/engine/page-types.ts", kind: "type" },
      ],
    ]);
  });

  it("exits 1 and prints each cycle as a chain", () => {
    const result = run("--root", tmp, "cyclic");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("cyclic: 1 folder cycle(s), 1 file cycle(s)");
    expect(result.stderr).toContain("folders: src/engine → src/marketing → src/engine");
    expect(result.stderr).toContain("src/marketing → src/engine: src/marketing/segments.ts → src/engine/helper.ts");
    expect(result.stderr).toContain("files: src/engine/page-types.ts →(type) src/engine/page.ts →(type) src/engine/page-types.ts");
  });

  it("passes a package whose folders import one way (a test importing the index is no cycle)", () => {
    fakePackage("acyclic", {
      "src/index.ts": 'export * from "./engine/run";',
      "src/engine/run.ts": 'import { helper } from "../shared/helper";\nexport const run = () => helper();',
      "src/shared/helper.ts": "export const helper = () => 1;",
      "src/shared/helper.test.ts": 'import { run } from "../index";\nrun();',
    });
    const result = run("--root", tmp, "acyclic");
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("check-cycles: 0 cycle(s) in 1 package(s), 4 file(s) read: ok");
    expect(result.status).toBe(0);
  });

  it("fails with exit 2 for a package folder that does not exist", () => {
    const result = run("--root", tmp, "nowhere");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no such package folder: nowhere");
  });
});
