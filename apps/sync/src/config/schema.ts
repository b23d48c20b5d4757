import { entityKinds, systemIdSchema, type EntityKind } from "@omnibridge/core-model";
import { z } from "zod";
import type { ConfigExtension } from "./extension";

const entitySchema = z.enum(entityKinds as [EntityKind, ...EntityKind[]]);
const nameSchema = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,79}$/, "must be letters, digits, . _ - (at most 80)");

/** A condition on a canonical source record; all filters of a flow must hold. */
export const filterSchema = z.strictObject({
  field: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*$/, "must be a dotted field path"),
  op: z.enum(["eq", "neq", "in", "nin", "exists", "missing"]),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]).optional(),
}).superRefine((f, ctx) => {
  if ((f.op === "in" || f.op === "nin") && !Array.isArray(f.value)) ctx.addIssue({ code: "custom", path: ["value"], message: `must be a list for "${f.op}"` });
  if ((f.op === "eq" || f.op === "neq") && f.value === undefined) ctx.addIssue({ code: "custom", path: ["value"], message: `is required for "${f.op}"` });
});

/** Field mapping overrides of one target. */
export const mappingSchema = z.strictObject({
  /** Target field ← golden field (`{ description: "seo.description" }` sets description from seo.description). */
  rename: z.record(z.string(), z.string()).default({}),
  /** Fields the target never receives. */
  exclude: z.array(z.string()).default([]),
  /** Constant values (`{ status: "draft" }`). */
  set: z.record(z.string(), z.unknown()).default({}),
});

const targetSchema = z.strictObject({
  system: systemIdSchema,
  entity: entitySchema.optional(),
  mapping: mappingSchema.optional(),
});

/** A flow: one source stream into the hub and on to its targets. */
export const flowSchema = z.strictObject({
  name: nameSchema.optional(),
  source: z.strictObject({ system: systemIdSchema, entity: entitySchema }),
  targets: z.array(targetSchema).default([]),
  filters: z.array(filterSchema).default([]),
  pageSize: z.int().min(1).max(10_000).optional(),
  /** Cron expression (5 fields) for schedulers; `omnibridge status` shows it. */
  schedule: z.string().regex(/^(\S+\s+){4}\S+$/, "must be a 5-field cron expression").optional(),
});

/** A configured system: adapter name plus its settings (secrets as `${ENV}` or `{ env: NAME }`). */
export const systemSchema = z.strictObject({
  adapter: z.string().min(1),
  settings: z.record(z.string(), z.unknown()).default({}),
  role: z.enum(["erp", "pim", "crm", "cms", "shop"]).optional(),
});

/** Field ownership overrides per entity (merged over DESIGN §1's defaults). */
export const ownershipSchema = z.partialRecord(entitySchema, z.strictObject({
  default: z.string().min(1).optional(),
  fields: z.record(z.string(), z.string().min(1)).default({}),
}));

/** The whole config file. */
export const configSchema = z.strictObject({
  state: z.strictObject({ url: z.string().min(1).optional() }).default({}),
  systems: z.record(systemIdSchema, systemSchema),
  flows: z.array(flowSchema).min(1, "needs at least one flow"),
  ownership: ownershipSchema.default({}),
  deletionGuard: z.strictObject({ maxShare: z.number().min(0).max(1).default(0.2) }).default({ maxShare: 0.2 }),
  pageSize: z.int().min(1).max(10_000).default(200),
  schedules: z.array(z.strictObject({ flows: z.array(z.string()).min(1), cron: z.string().regex(/^(\S+\s+){4}\S+$/, "must be a 5-field cron expression") })).default([]),
});

/**
 * The config schema with each extension's parts: its top-level keys, and its per-flow keys in
 * every flow. Still strict: a key no part declares is an error naming its path.
 */
export function buildConfigSchema(extensions: readonly ConfigExtension[]): z.ZodType<ParsedConfig> {
  const flowParts: Record<string, z.ZodType> = {};
  const parts: Record<string, z.ZodType> = {};
  for (const extension of extensions) {
    Object.assign(flowParts, extension.flowConfig ?? {});
    Object.assign(parts, extension.config ?? {});
  }
  // Extension keys are typed by their extensions, which read them back from `parts` / `flow.options`.
  return configSchema.extend({ flows: z.array(flowSchema.extend(flowParts)).min(1, "needs at least one flow"), ...parts }) as unknown as z.ZodType<ParsedConfig>;
}

/** A parsed config: the core keys, with the extension keys beside them. */
export type ParsedConfig = Omit<z.output<typeof configSchema>, "flows"> & {
  flows: Array<z.output<typeof flowSchema> & Record<string, unknown>>;
} & Record<string, unknown>;

/** Config as written: the core keys, plus the keys extensions add (checked when resolved with them). */
export type ConfigInput = Omit<z.input<typeof configSchema>, "flows"> & {
  flows: Array<z.input<typeof flowSchema> & Record<string, unknown>>;
  [extensionKey: string]: unknown;
};
/** A validated target. */
export type TargetConfig = z.infer<typeof targetSchema>;
/** A validated filter. */
export type FilterConfig = z.infer<typeof filterSchema>;
/** A validated mapping override. */
export type MappingConfig = z.infer<typeof mappingSchema>;
