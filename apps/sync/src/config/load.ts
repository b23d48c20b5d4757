import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as TypeScript from "typescript";
import { parse as parseYaml } from "yaml";
import type { AdapterFactory } from "./extension";
import { ConfigError } from "./errors";
import type { ConfigExtension } from "./extension";
import { resolveConfig, type ResolvedConfig } from "./resolve";
import { yamlSyntaxProblems } from "./yaml-errors";

/** File names looked for when no `--config` is given, in order. */
export const CONFIG_FILES = ["omnibridge.config.ts", "omnibridge.config.mjs", "omnibridge.config.js", "omnibridge.config.yaml", "omnibridge.config.yml"];

/** Options of {@link loadConfig}. */
export interface LoadOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  knownAdapters: readonly string[];
  /** Extensions whose config parts the file may use. */
  extensions?: readonly ConfigExtension[] | undefined;
}

/** Find, read and validate the config (YAML, or a JS/TS module whose default export is the config). */
export async function loadConfig(file: string | undefined, options: LoadOptions): Promise<ResolvedConfig> {
  const cwd = options.cwd ?? process.cwd();
  const found = file ? path.resolve(cwd, file) : CONFIG_FILES.map((name) => path.join(cwd, name)).find((f) => existsSync(f));
  if (!found) throw new ConfigError([`no config file: pass --config or create one of ${CONFIG_FILES.join(", ")}`]);
  if (!existsSync(found)) throw new ConfigError([`config file not found: ${found}`]);
  const raw = /\.(ya?ml)$/.test(found) ? readYaml(found) : await importModule(found);
  const { adapters, rest } = splitAdapters(raw, found);
  return resolveConfig(rest, {
    file: found, baseDir: path.dirname(found), env: options.env ?? process.env, knownAdapters: options.knownAdapters, adapters,
    extensions: options.extensions,
  });
}

function readYaml(file: string): unknown {
  const text = readFileSync(file, "utf8");
  try {
    return parseYaml(text) as unknown;
  } catch (error) {
    // Never the parser's own excerpt: it quotes the offending line verbatim, a token written inline included.
    throw new ConfigError(yamlSyntaxProblems(error, text), file);
  }
}

async function importModule(file: string): Promise<unknown> {
  let url = pathToFileURL(file).href;
  let temp: string | undefined;
  if (file.endsWith(".ts")) {
    temp = await transpile(file);
    url = pathToFileURL(temp).href;
  }
  try {
    const module = (await import(url)) as { default?: unknown };
    const value = module.default ?? module;
    return typeof value === "function" ? await (value as () => unknown)() : value;
  } finally {
    if (temp) rmSync(temp, { force: true });
  }
}

/** `.ts` configs are transpiled with the workspace's TypeScript (Node 20 cannot strip types). */
async function transpile(file: string): Promise<string> {
  let ts: typeof TypeScript;
  try {
    ts = (await import("typescript")).default;
  } catch {
    throw new ConfigError(["a .ts config needs the `typescript` package; install it or use omnibridge.config.mjs / .yaml"], file);
  }
  const output = ts.transpileModule(readFileSync(file, "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const temp = file.replace(/\.ts$/, `.${process.pid}.tmp.mjs`);
  writeFileSync(temp, output.outputText);
  return temp;
}

function splitAdapters(raw: unknown, file: string): { adapters: Record<string, AdapterFactory>; rest: unknown } {
  if (raw === null || typeof raw !== "object" || !("adapters" in raw)) return { adapters: {}, rest: raw };
  const { adapters, ...rest } = raw as { adapters: unknown };
  if (adapters === null || typeof adapters !== "object") throw new ConfigError(["adapters: must map adapter names to factory functions"], file);
  const out: Record<string, AdapterFactory> = {};
  for (const [name, factory] of Object.entries(adapters)) {
    if (typeof factory !== "function") throw new ConfigError([`adapters.${name}: must be a function (settings, context) => connector`], file);
    out[name] = factory as AdapterFactory;
  }
  return { adapters: out, rest };
}
