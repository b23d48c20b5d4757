import { DEFAULT_OWNERSHIP, type EntityKind, type OwnershipRules, type SystemRole } from "@omnibridge/core-model";
import type { AdapterFactory, ConfigExtension } from "./extension";
import { ConfigError, formatPath, zodProblems } from "./errors";
import { buildConfigSchema, type FilterConfig, type MappingConfig } from "./schema";
import { resolveSecrets } from "./secrets";
import { unknownKeyProblems } from "./unknown-keys";

/** A flow target after validation. */
export interface ResolvedTarget {
  system: string;
  entity: EntityKind;
  mapping: MappingConfig | undefined;
}

/** A flow after validation: named, with every target's entity set. */
export interface ResolvedFlow {
  name: string;
  source: { system: string; entity: EntityKind };
  targets: ResolvedTarget[];
  filters: FilterConfig[];
  pageSize: number;
  schedule: string | undefined;
  /** The flow's keys that extensions declared (`flowConfig`), parsed. */
  options: Readonly<Record<string, unknown>>;
}

/** A validated config with secrets resolved and ownership merged over the defaults. */
export interface ResolvedConfig {
  file: string | undefined;
  baseDir: string;
  stateUrl: string | undefined;
  systems: Record<string, { adapter: string; settings: Record<string, unknown>; role: SystemRole | undefined }>;
  flows: ResolvedFlow[];
  ownership: OwnershipRules;
  deletionGuard: { maxShare: number };
  schedules: Array<{ flows: string[]; cron: string }>;
  /** Adapters a JS/TS config registers itself (`adapters: { name: factory }`), and those extensions add. */
  adapters: Record<string, AdapterFactory>;
  /**
   * The extensions this config was resolved with (the composition root passes the engine's
   * `SyncExtension`s; the config layer sees only their config side).
   */
  extensions: readonly ConfigExtension[];
  /** Each extension's resolved config part, by extension name. */
  parts: Readonly<Record<string, unknown>>;
}

/** Options of {@link resolveConfig}. */
export interface ResolveOptions {
  file?: string | undefined;
  baseDir: string;
  env: NodeJS.ProcessEnv;
  /** Adapter names the app knows. */
  knownAdapters: readonly string[];
  adapters?: Record<string, AdapterFactory>;
  /** Extensions whose config parts this config may use (default: none). */
  extensions?: readonly ConfigExtension[] | undefined;
}

const ROLES = new Set(["erp", "pim", "crm", "cms", "shop"]);

/** Validate raw config data; every problem names its path. */
export function resolveConfig(raw: unknown, options: ResolveOptions): ResolvedConfig {
  // A misspelt key is an error naming its path, with the key it most likely meant, never silently ignored.
  const extensions = options.extensions ?? [];
  const configSchema = buildConfigSchema(extensions);
  const unknownKeys = unknownKeyProblems(configSchema, raw);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success || unknownKeys.length > 0) {
    const rest = parsed.success ? [] : parsed.error.issues.filter((i) => i.code !== "unrecognized_keys").map((i) => `${formatPath(i.path)}: ${i.message}`);
    const all = [...unknownKeys, ...rest];
    throw new ConfigError(all.length > 0 ? all : zodProblems(parsed.error!), options.file);
  }
  const config = parsed.data;
  const problems: string[] = [];
  const adapters = Object.assign({}, ...extensions.map((e) => e.adapters ?? {}), options.adapters ?? {}) as Record<string, AdapterFactory>;
  const known = new Set([...options.knownAdapters, ...Object.keys(adapters)]);
  const systems: ResolvedConfig["systems"] = {};
  for (const [id, system] of Object.entries(config.systems)) {
    if (!known.has(system.adapter)) problems.push(`systems.${id}.adapter: unknown adapter "${system.adapter}" (known: ${[...known].sort().join(", ")})`);
    const settings = resolveSecrets(system.settings, options.env, ["systems", id, "settings"], problems) as Record<string, unknown>;
    systems[id] = { adapter: system.adapter, settings, role: system.role };
  }
  const flows = config.flows.map((flow, i): ResolvedFlow => {
    const check = (system: string, path: string) => {
      if (!Object.hasOwn(systems, system)) problems.push(`${path}: unknown system "${system}"`);
    };
    check(flow.source.system, `flows[${i}].source.system`);
    flow.targets.forEach((t, j) => check(t.system, `flows[${i}].targets[${j}].system`));
    return {
      name: flow.name ?? `${flow.source.system}.${flow.source.entity}`,
      source: flow.source,
      targets: flow.targets.map((t) => ({ system: t.system, entity: t.entity ?? flow.source.entity, mapping: t.mapping })),
      filters: flow.filters, pageSize: flow.pageSize ?? config.pageSize, schedule: flow.schedule,
      options: pick(flow as Record<string, unknown>, extensions.flatMap((e) => Object.keys(e.flowConfig ?? {}))),
    };
  });
  checkNames(flows, problems);
  const ownership = mergeOwnership(config.ownership, new Set(Object.keys(systems)), problems);
  config.schedules.forEach((s, i) => s.flows.forEach((name, j) => {
    if (name !== "all" && !flows.some((f) => f.name === name)) problems.push(`schedules[${i}].flows[${j}]: unknown flow "${name}"`);
  }));
  const parts: Record<string, unknown> = {};
  for (const extension of extensions) {
    const own = pick(config as Record<string, unknown>, Object.keys(extension.config ?? {}));
    parts[extension.name] = extension.resolve ? extension.resolve(own, { systems: new Set(Object.keys(systems)) }, problems) : own;
  }
  if (problems.length > 0) throw new ConfigError(problems, options.file);
  return {
    extensions, parts,
    file: options.file, baseDir: options.baseDir, stateUrl: config.state.url, systems, flows, ownership,
    deletionGuard: config.deletionGuard, schedules: config.schedules, adapters,
  };
}

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => Object.hasOwn(record, key)).map((key) => [key, record[key]]));
}

function checkNames(flows: ResolvedFlow[], problems: string[]): void {
  const seen = new Map<string, number>();
  flows.forEach((flow, i) => {
    const first = seen.get(flow.name);
    if (first !== undefined) problems.push(`flows[${i}].name: "${flow.name}" is already the name of flows[${first}] (give one a name)`);
    else seen.set(flow.name, i);
  });
}

function mergeOwnership(
  overrides: Record<string, { default?: string | undefined; fields: Record<string, string> } | undefined>,
  systems: Set<string>,
  problems: string[],
): OwnershipRules {
  const rules: OwnershipRules = {};
  for (const [entity, base] of Object.entries(DEFAULT_OWNERSHIP) as Array<[EntityKind, (typeof DEFAULT_OWNERSHIP)[EntityKind]]>) {
    const override = overrides[entity];
    rules[entity] = { default: override?.default ?? base.default, fields: { ...(base.fields ?? {}), ...(override?.fields ?? {}) } };
  }
  const valid = (owner: string) => ROLES.has(owner) || systems.has(owner);
  for (const [entity, override] of Object.entries(overrides)) {
    if (override?.default !== undefined && !valid(override.default)) problems.push(`ownership.${entity}.default: "${override.default}" is neither a role (erp, pim, crm, cms, shop) nor a system`);
    for (const [field, owner] of Object.entries(override?.fields ?? {})) {
      if (!valid(owner)) problems.push(`ownership.${entity}.fields.${field}: "${owner}" is neither a role (erp, pim, crm, cms, shop) nor a system`);
    }
  }
  return rules;
}
