import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import type { AkeneoValues } from "../akeneo-api";
import type { AkeneoState, StoredModel, StoredProduct } from "./akeneo-emulator-state";
import { mergeValues, validateValues, type Settings, type ValueError } from "./akeneo-emulator-values";

/** One status line of a collection response. */
type StatusLine = Record<string, unknown> & { line: number; status_code: number };
type LineResult = Record<string, unknown> & { status_code: number };

const COLLECTION = "application/vnd.akeneo.collection+json";
const PRODUCT_FIELDS = new Set(["uuid", "enabled", "family", "categories", "groups", "parent", "values", "associations", "quantified_associations", "created", "updated"]);
const MODEL_FIELDS = new Set(["code", "family", "family_variant", "parent", "categories", "values", "associations", "quantified_associations", "created", "updated"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const invalid = (key: Record<string, unknown>, message: string, errors?: ValueError[]): LineResult => ({
  ...key, status_code: 422, message, ...(errors ? { errors } : {}),
});

/**
 * PATCH collection (https://api.akeneo.com/api-reference.html#patch_products_uuid): 415 on another
 * content type, 413 above 100 lines, then one status line per input line (201 created,
 * 204 updated, 400 bad JSON, 422 with `errors[]`).
 */
export function patchCollection(request: EmulatorRequest, upsert: (line: Record<string, unknown>) => LineResult): EmulatorResponse {
  const type = request.headers["content-type"] ?? "";
  if (!type.startsWith(COLLECTION)) {
    return { status: 415, body: { code: 415, message: `"${type}" in "Content-Type" header is not valid. Only "${COLLECTION}" is allowed.` } };
  }
  const rows = request.rawBody.split("\n").filter((row) => row.trim() !== "");
  if (rows.length > 100) return { status: 413, body: { code: 413, message: "Too many resources to process, 100 is the maximum allowed." } };
  const lines: StatusLine[] = rows.map((row, i) => {
    if (row.length > 1_000_000) return { line: i + 1, status_code: 413, message: "Line is too long." };
    let parsed: unknown;
    try {
      parsed = JSON.parse(row);
    } catch {
      return { line: i + 1, status_code: 400, message: "Invalid json message received" };
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { line: i + 1, status_code: 400, message: "Invalid json message received" };
    return { line: i + 1, ...upsert(parsed as Record<string, unknown>) };
  });
  return { status: 200, headers: { "content-type": COLLECTION }, raw: lines.map((l) => JSON.stringify(l)).join("\n") };
}

function commonChecks(
  line: Record<string, unknown>, fields: Set<string>, key: Record<string, unknown>, state: AkeneoState, settings: Settings,
): LineResult | undefined {
  const unknown = Object.keys(line).find((k) => !fields.has(k));
  if (unknown) return invalid(key, `Property "${unknown}" does not exist.`);
  if (line.values !== undefined && (typeof line.values !== "object" || line.values === null || Array.isArray(line.values))) return invalid(key, 'Property "values" expects an array as data.');
  if (line.categories !== undefined && !(Array.isArray(line.categories) && line.categories.every((c) => typeof c === "string"))) return invalid(key, 'Property "categories" expects an array as data.');
  const missingCategory = (line.categories as string[] | undefined)?.find((c) => !state.categories.has(c));
  if (missingCategory) return invalid(key, `Property "categories" expects a valid category code. The category does not exist, "${missingCategory}" given.`);
  if (line.family != null && (typeof line.family !== "string" || !state.families.has(line.family))) return invalid(key, `Property "family" expects a valid family code. The family does not exist, "${String(line.family)}" given.`);
  const errors = validateValues((line.values ?? {}) as AkeneoValues, state, settings);
  return errors.length ? invalid(key, "Validation failed.", errors) : undefined;
}

/** Upsert one `/products-uuid` line. */
export function upsertProduct(line: Record<string, unknown>, state: AkeneoState, settings: Settings, now: number): LineResult {
  const key = { uuid: line.uuid };
  if (typeof line.uuid !== "string" || !UUID.test(line.uuid)) return invalid(key, 'Property "uuid" expects a valid uuid.');
  const failed = commonChecks(line, PRODUCT_FIELDS, key, state, settings);
  if (failed) return failed;
  if (line.enabled !== undefined && typeof line.enabled !== "boolean") return invalid(key, 'Property "enabled" expects a boolean as data.');
  if (line.parent != null && (typeof line.parent !== "string" || !state.models.has(line.parent))) return invalid(key, `Property "parent" expects a valid parent code. The parent product model does not exist, "${String(line.parent)}" given.`);
  const existing = state.products.get(line.uuid);
  const values = mergeValues(existing?.values ?? {}, (line.values ?? {}) as AkeneoValues);
  const sku = values[state.identifierAttribute]?.[0]?.data;
  const holder = typeof sku === "string" ? state.identifiers.get(sku) : undefined;
  if (holder && holder !== line.uuid) return invalid(key, "Validation failed.", [{ property: "identifier", message: "The same identifier is already set on another product" }]);
  const parent = line.parent !== undefined ? (line.parent as string | null) : existing?.parent ?? null;
  const next: StoredProduct = {
    uuid: line.uuid, values, parent,
    enabled: line.enabled !== undefined ? (line.enabled as boolean) : existing?.enabled ?? true,
    family: line.family !== undefined
      ? (line.family as string | null)
      : existing?.family ?? (parent ? state.models.get(parent)?.family ?? null : null),
    categories: (line.categories as string[] | undefined) ?? existing?.categories ?? [],
    created: existing?.created ?? now,
    updated: existing?.updated ?? now,
  };
  if (existing && JSON.stringify({
    ...existing, updated: 0 }) === JSON.stringify({ ...next, updated: 0 })) return { ...key, status_code: 204,
  };
  next.updated = now;
  state.putProduct(next);
  return { ...key, status_code: existing ? 204 : 201 };
}

/** Upsert one `/product-models` line (a new model needs its family variant). */
export function upsertModel(line: Record<string, unknown>, state: AkeneoState, settings: Settings, now: number): LineResult {
  const key = { code: line.code };
  if (typeof line.code !== "string" || line.code === "") return invalid(key, 'Property "code" expects a non empty string.');
  const failed = commonChecks(line, MODEL_FIELDS, key, state, settings);
  if (failed) return failed;
  const existing = state.models.get(line.code);
  const familyVariant = (line.family_variant as string | undefined) ?? existing?.family_variant;
  const family = [...state.familyVariants].find(([, variants]) => variants.some((v) => v.code === familyVariant))?.[0];
  if (!familyVariant || !family) return invalid(key, "Validation failed.", [{ property: "family_variant", message: "The product model family variant must not be empty." }]);
  // A sub-model names its root model (two-level family variants); the root must exist and be a root.
  const parent = line.parent === undefined ? existing?.parent ?? null : (line.parent as string | null);
  if (parent !== null && (typeof parent !== "string" || !state.models.has(parent) || state.models.get(parent)!.parent !== null)) {
    return invalid(key, "Validation failed.", [{ property: "parent", message: `The product model "${String(parent)}" does not exist or is not a root product model.` }]);
  }
  const next: StoredModel = {
    code: line.code, family, family_variant: familyVariant, parent,
    categories: (line.categories as string[] | undefined) ?? existing?.categories ?? [],
    values: mergeValues(existing?.values ?? {}, (line.values ?? {}) as AkeneoValues),
    created: existing?.created ?? now, updated: existing?.updated ?? now,
  };
  if (existing && JSON.stringify({
    ...existing, updated: 0 }) === JSON.stringify({ ...next, updated: 0 })) return { ...key, status_code: 204,
  };
  next.updated = now;
  state.putModel(next);
  return { ...key, status_code: existing ? 204 : 201 };
}
