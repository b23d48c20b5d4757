import { z } from "zod";
import { canonicalKeySchema, safeText, segmentRuleSchema, type SegmentRule } from "@omnibridge/core-model";
import { unknownFieldReason } from "./field-paths";

const scalar = (value: unknown) => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** What value each operator needs; returns a message when `rule.value` does not fit. */
function valueProblem(rule: SegmentRule): string | null {
  const { op, value } = rule;
  switch (op) {
    case "eq": case "neq":
      return scalar(value) ? null : `${op} needs a string, number or boolean value`;
    case "gt": case "gte": case "lt": case "lte":
      return typeof value === "number" || (typeof value === "string" && value !== "") ? null : `${op} needs a number (or an ISO timestamp)`;
    case "in":
      return Array.isArray(value) && value.length > 0 ? null : "in needs a non-empty list of values";
    case "contains":
      return typeof value === "string" || typeof value === "number" ? null : "contains needs a string or number value";
    case "exists":
      return value === undefined || value === null || typeof value === "boolean" ? null : "exists takes true, false or no value";
    case "within_days":
      return typeof value === "number" && value > 0 ? null : "within_days needs a positive number of days";
  }
}

/** A rule of a computed segment: a canonical rule whose field is readable and whose value fits its operator. */
export const segmentDefinitionRuleSchema = segmentRuleSchema.superRefine((rule, ctx) => {
  // A malformed path is already reported by the canonical rule schema.
  const reason = rule.field.split(".").includes("") ? null : unknownFieldReason(rule.field);
  if (reason) ctx.addIssue({ code: "custom", path: ["field"], message: reason });
  const problem = valueProblem(rule);
  if (problem) ctx.addIssue({ code: "custom", path: ["value"], message: problem });
});

/**
 * A segment defined in the sync config: all rules must hold (AND) over the canonical customer,
 * its computed `metrics.*`, its `rfm.*` scores and `b2b`. Marketing segments additionally never
 * contain a customer whose e-mail consent is not "granted", whatever the rules say.
 */
export const segmentDefinitionSchema = z.object({
  key: canonicalKeySchema,
  name: safeText(255).min(1, "must not be empty"),
  purpose: z.enum(["marketing", "service", "analytics"]),
  description: safeText(1000).nullish(),
  rules: z.array(segmentDefinitionRuleSchema).min(1, "a computed segment needs at least one rule"),
});
/** A computed segment's definition. */
export type SegmentDefinition = z.infer<typeof segmentDefinitionSchema>;

/** Several definitions; keys must be unique. */
export const segmentDefinitionsSchema = z.array(segmentDefinitionSchema).superRefine((definitions, ctx) => {
  const seen = new Set<string>();
  for (const [i, definition] of definitions.entries()) {
    if (seen.has(definition.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `duplicate segment key "${definition.key}"` });
    seen.add(definition.key);
  }
});

/** Parse result: the definitions, or one `path: message` line per problem. */
export type ParsedDefinitions = { ok: true; definitions: SegmentDefinition[] } | { ok: false; errors: string[] };

/**
 * Validate segment definitions from the config. Each error names its path from `pathPrefix`
 * (`segments.1.rules.0.field: unknown metric "clv"; known: …`).
 */
export function parseSegmentDefinitions(input: unknown, pathPrefix = "segments"): ParsedDefinitions {
  const result = segmentDefinitionsSchema.safeParse(input);
  if (result.success) return { ok: true, definitions: result.data };
  const line = (path: PropertyKey[], message: string) => `${[pathPrefix, ...path.map(String)].filter(Boolean).join(".")}: ${message}`;
  const errors = new Set(result.error.issues.map((issue) => line(issue.path, issue.message)));
  // zod skips the whole-array refinement once an element is invalid: report duplicates anyway.
  const seen = new Set<unknown>();
  for (const [i, item] of (Array.isArray(input) ? input : []).entries()) {
    const key = typeof item === "object" && item !== null ? (item as { key?: unknown }).key : undefined;
    if (typeof key === "string" && seen.has(key)) errors.add(line([i, "key"], `duplicate segment key "${key}"`));
    seen.add(key);
  }
  return { ok: false, errors: [...errors] };
}
