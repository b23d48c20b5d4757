#!/usr/bin/env node
// Fails when a workspace package has an import cycle between its own source files, or between
// the top-level folders under its src/ (e.g. src/engine ⇄ src/marketing). Issue 15: "no import
// cycle between files or folders of any package".
//
//   node scripts/check-cycles.mjs [--root dir] [--json] [package-dir …]
//
// Edges come from relative specifiers only (`./x`, `../y/z.js`), resolved the way TypeScript's
// bundler resolution does: x.ts, x.tsx, x.mts, x.mjs, x.js, x/index.ts, … (a `.js` specifier
// also tries the `.ts` file). Static imports, re-exports, `import x = require()`, `require()`,
// `import()` and `import("./x").T` in types all count: a type-only or lazy edge still ties two
// modules together, so they count too, but the output marks them `(type)` or `(lazy)` so a
// reader knows which kind of edge to cut.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";

const SOURCE = /\.(?:ts|tsx|mts|cts|mjs|cjs|js)$/;
const SKIP_DIRS = new Set(["node_modules", "dist", "coverage", ".turbo", ".bench", "__fixtures__"]);
const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".mjs", ".js", ".cjs"];

/** Every source file under `dir` (relative paths, `/`-separated, sorted), skipping build output and fixtures. */
export function listSources(dir) {
  const out = [];
  const walk = (relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith(".")) walk(child);
      } else if (SOURCE.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) {
        out.push(child);
      }
    }
  };
  walk("");
  return out.sort();
}

/**
 * The module specifiers a file refers to, with their kind: "static" (import/export … from,
 * import = require, require()), "type" (import type, export type, import("x").T in a type),
 * "lazy" (a dynamic import() expression).
 */
export function importsOf(fileName, text) {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const found = [];
  const add = (literal, kind) => {
    if (literal && ts.isStringLiteralLike(literal)) found.push({ specifier: literal.text, kind });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      add(node.moduleSpecifier, isTypeOnlyImport(node) ? "type" : "static");
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, isTypeOnlyExport(node) ? "type" : "static");
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly ? "type" : "static");
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) add(argument.literal, "type");
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node.arguments[0], "lazy");
      else if (ts.isIdentifier(node.expression) && node.expression.text === "require" && node.arguments.length === 1) {
        add(node.arguments[0], "static");
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function scriptKind(fileName) {
  if (/\.[cm]?tsx?$/.test(fileName)) return fileName.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.ScriptKind.JS;
}

function isTypeOnlyImport(node) {
  const clause = node.importClause;
  if (!clause) return false; // `import "./side-effect"` runs the module
  if (clause.isTypeOnly) return true;
  const named = clause.namedBindings;
  return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function isTypeOnlyExport(node) {
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/**
 * Resolves a relative specifier from `from` (both relative to the package) against the set of
 * package files; undefined for bare specifiers and for targets outside the package.
 */
export function resolveRelative(from, specifier, files) {
  if (!specifier.startsWith("./") && !specifier.startsWith("../") && specifier !== "." && specifier !== "..") return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  if (base.startsWith("../")) return undefined;
  const candidates = [base];
  const jsLike = /\.(m|c)?jsx?$/.exec(base);
  if (jsLike) {
    const stem = base.slice(0, -jsLike[0].length);
    const ext = jsLike[1] ? `.${jsLike[1]}ts` : ".ts";
    candidates.push(stem + ext, `${stem}.tsx`);
  }
  for (const ext of EXTENSIONS) candidates.push(base + ext);
  for (const ext of EXTENSIONS) candidates.push(`${base}/index${ext}`);
  return candidates.find((candidate) => files.has(candidate));
}

/** The file graph of one package: file → Map(target → kind), where "static" beats "lazy" beats "type". */
export function buildFileGraph(dir) {
  const list = listSources(dir);
  const files = new Set(list);
  const graph = new Map();
  for (const file of list) {
    const edges = new Map();
    for (const { specifier, kind } of importsOf(file, readFileSync(path.join(dir, file), "utf8"))) {
      const target = resolveRelative(file, specifier, files);
      if (target === undefined || target === file) continue;
      edges.set(target, strongest(edges.get(target), kind));
    }
    graph.set(file, edges);
  }
  return graph;
}

const STRENGTH = { type: 0, lazy: 1, static: 2 };
const strongest = (a, b) => (a === undefined || STRENGTH[b] > STRENGTH[a] ? b : a);

/** Test files are consumers (nothing imports them), like a user of the package: no folder edge. */
const isTest = (file) => /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(file);

/**
 * The top-level folder graph under src/: each folder directly under src/ is one node, each file
 * directly in src/ is its own node. Every folder edge keeps the file imports that make it.
 */
export function buildFolderGraph(fileGraph) {
  const unit = (file) => {
    if (!file.startsWith("src/") || isTest(file)) return undefined;
    const rest = file.slice(4);
    const slash = rest.indexOf("/");
    return slash < 0 ? `src/${rest}` : `src/${rest.slice(0, slash)}`;
  };
  const graph = new Map();
  const evidence = new Map();
  for (const [file, edges] of fileGraph) {
    const from = unit(file);
    if (from === undefined) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    for (const [target, kind] of edges) {
      const to = unit(target);
      if (to === undefined || to === from) continue;
      graph.get(from).set(to, strongest(graph.get(from).get(to), kind));
      const key = `${from}\u0000${to}`;
      if (!evidence.has(key)) evidence.set(key, []);
      evidence.get(key).push({ from: file, to: target, kind });
    }
  }
  for (const edges of graph.values()) for (const to of edges.keys()) if (!graph.has(to)) graph.set(to, new Map());
  return { graph, evidence };
}

/** Tarjan's strongly connected components (iterative); only components that contain a cycle. */
export function cyclicComponents(graph) {
  const index = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const components = [];
  let next = 0;
  const nodes = [...graph.keys()].sort();
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work = [{ node: root, targets: [...(graph.get(root)?.keys() ?? [])].sort(), i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.targets.length) {
        const target = frame.targets[frame.i++];
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, targets: [...(graph.get(target)?.keys() ?? [])].sort(), i: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(target)));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = [];
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && graph.get(component[0])?.has(component[0]);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Readable cycles for one component: for every member, the shortest cycle through it (breadth
 * first inside the component), without repeats. Each cycle starts and ends at the same node.
 */
export function cyclesOf(graph, component) {
  const inside = new Set(component);
  const seen = new Set();
  const cycles = [];
  for (const start of component) {
    const previous = new Map([[start, undefined]]);
    const queue = [start];
    let closing;
    search: while (queue.length) {
      const node = queue.shift();
      for (const target of [...(graph.get(node)?.keys() ?? [])].sort()) {
        if (!inside.has(target)) continue;
        if (target === start) {
          closing = node;
          break search;
        }
        if (!previous.has(target)) {
          previous.set(target, node);
          queue.push(target);
        }
      }
    }
    if (closing === undefined) continue;
    const chain = [];
    for (let node = closing; node !== undefined; node = previous.get(node)) chain.unshift(node);
    const rotation = chain.indexOf([...chain].sort()[0]); // same cycle, same text, whichever member found it
    const canonical = [...chain.slice(rotation), ...chain.slice(0, rotation)];
    const key = canonical.join("\u0000");
    if (seen.has(key)) continue;
    seen.add(key);
    cycles.push([...canonical, canonical[0]]);
  }
  return cycles;
}

/** File and folder cycles of one package directory. */
export function checkPackage(dir) {
  const fileGraph = buildFileGraph(dir);
  const { graph: folderGraph, evidence } = buildFolderGraph(fileGraph);
  const describe = (graph, chain) =>
    chain.slice(0, -1).map((from, i) => ({ from, to: chain[i + 1], kind: graph.get(from).get(chain[i + 1]) }));
  const files = cyclicComponents(fileGraph).flatMap((component) =>
    cyclesOf(fileGraph, component).map((chain) => describe(fileGraph, chain)),
  );
  const folders = cyclicComponents(folderGraph).flatMap((component) =>
    cyclesOf(folderGraph, component).map((chain) =>
      describe(folderGraph, chain).map((step) => ({ ...step, because: evidence.get(`${step.from}\u0000${step.to}`) ?? [] })),
    ),
  );
  return { files, folders, fileCount: fileGraph.size };
}

/** The workspace's package directories (packages/*, apps/*, tools/* with a package.json). */
export function workspacePackages(root) {
  const out = [];
  for (const group of ["packages", "apps", "tools"]) {
    const groupDir = path.join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir).sort()) {
      const dir = path.join(groupDir, name);
      if (statSync(dir).isDirectory() && existsSync(path.join(dir, "package.json"))) out.push(`${group}/${name}`);
    }
  }
  return out;
}

const arrow = (kind) => (kind === "static" ? " → " : ` →(${kind}) `);
const chainText = (steps) => [steps[0].from, ...steps.map((s) => `${arrow(s.kind)}${s.to}`)].join("");

/** The human report for one package's result; empty when there is nothing to say. */
export function formatPackage(name, result) {
  if (!result.files.length && !result.folders.length) return "";
  const lines = [`${name}: ${result.folders.length} folder cycle(s), ${result.files.length} file cycle(s)`];
  // Each folder step names one file import that makes it (and how many more there are).
  for (const steps of result.folders) {
    lines.push(`  folders: ${chainText(steps)}`);
    for (const step of steps) {
      const [first, ...more] = step.because;
      const via = `${first.from}${arrow(first.kind)}${first.to}`;
      lines.push(`    ${step.from}${arrow(step.kind)}${step.to}: ${via}${more.length ? ` (+${more.length} more import(s))` : ""}`);
    }
  }
  for (const steps of result.files) lines.push(`  files: ${chainText(steps)}`);
  return lines.join("\n");
}

function main(argv) {
  const option = (name) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const root = path.resolve(option("--root") ?? path.join(import.meta.dirname, ".."));
  const json = argv.includes("--json");
  const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--root");
  const packages = positional.length ? positional : workspacePackages(root);
  const results = {};
  let cycles = 0;
  let files = 0;
  for (const name of packages) {
    const dir = path.resolve(root, name);
    if (!existsSync(dir)) {
      console.error(`check-cycles: no such package folder: ${name}`);
      return 2;
    }
    const result = checkPackage(dir);
    results[name] = result;
    files += result.fileCount;
    cycles += result.files.length + result.folders.length;
  }
  if (json) {
    console.log(JSON.stringify(results, null, 2));
  } else {
    const text = Object.entries(results).map(([name, result]) => formatPackage(name, result)).filter(Boolean);
    if (text.length) {
      console.error("→ import, →(type) type-only import, →(lazy) import() expression\n");
      console.error(text.join("\n\n"));
    }
    const summary = `check-cycles: ${cycles} cycle(s) in ${packages.length} package(s), ${files} file(s) read`;
    (cycles ? console.error : console.log)(cycles ? `\n${summary}` : `${summary}: ok`);
  }
  return cycles ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
