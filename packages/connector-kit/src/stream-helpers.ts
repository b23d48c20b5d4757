import type { z } from "zod";
import {
  ConnectorError, entitySchemas, issuesFromZod, markupWarnings, type EntityInputOf, type EntityKind, type EntityOf, type RecordIssue,
} from "@omnibridge/core-model";

/** Encode a cursor object as an opaque, URL-safe string. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/** Decode a cursor made by {@link encodeCursor}, validating its shape; a bad one is `invalid`. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>, system = "connector"): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new ConnectorError("invalid", `${system}: cursor is not one this connector produced`, { system });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConnectorError("invalid", `${system}: cursor has an unexpected shape`, { system });
  return parsed.data;
}

/**
 * Thrown by a mapper for a record it cannot map; names the field. Caught per record by
 * {@link mapRecords}, so the rest of the page still flows.
 */
export class MappingError extends Error {
  override readonly name = "MappingError";
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** A ZodError (duck-typed, so a second copy of zod in the tree is still recognised). */
function isZodError(error: unknown): error is z.ZodError {
  return error instanceof Error && error.name === "ZodError" && Array.isArray((error as { issues?: unknown }).issues);
}

/** Mapped records of a page and the issues of those that failed. */
export interface MappedRecords<T> {
  items: T[];
  issues: RecordIssue[];
}

/**
 * Map raw vendor records to canonical ones and validate them with the entity schema. A
 * record whose mapper throws a MappingError or a ZodError (a raw schema's `parse`), or whose
 * result fails the entity schema, becomes a RecordIssue naming the
 * record (its canonical key, or the vendor id when no key was derivable) and the field.
 */
export function mapRecords<K extends EntityKind, R>(
  entity: K,
  raws: readonly R[],
  map: (raw: R) => EntityInputOf<K>,
  idOf: (raw: R) => string,
): MappedRecords<EntityOf<K>> {
  const schema = entitySchemas[entity] as unknown as z.ZodType<EntityOf<K>>;
  const items: EntityOf<K>[] = [];
  const issues: RecordIssue[] = [];
  for (const raw of raws) {
    let input: EntityInputOf<K>;
    try {
      input = map(raw);
    } catch (error) {
      if (error instanceof MappingError) issues.push({ recordKey: idOf(raw), field: error.field, reason: "invalid", message: error.message });
      else if (isZodError(error)) issues.push(...issuesFromZod(idOf(raw), error));
      else throw error;
      continue;
    }
    const parsed = schema.safeParse(input);
    if (parsed.success) {
      items.push(parsed.data);
      // The schema cleaned unsafe markup instead of rejecting the record: say so, naming record and field.
      // Only a string with `<` can carry markup; most records have none, and need no second pass.
      if (carriesAngleBracket(input, 0)) issues.push(...markupWarnings((parsed.data as { key: string }).key, input));
    } else {
      // A key that is itself invalid (empty, 300 chars, bad characters) names nothing: use the vendor id.
      const key = (input as { key?: unknown }).key;
      const keyValid = typeof key === "string" && key !== "" && !parsed.error.issues.some((issue) => issue.path[0] === "key");
      issues.push(...issuesFromZod(keyValid ? key : idOf(raw), parsed.error));
    }
  }
  return { items, issues };
}

/**
 * True when any string in `value` contains `<` (as deep as {@link markupWarnings} looks): the
 * only records from which the rich-text allowlist can remove anything.
 */
function carriesAngleBracket(value: unknown, depth: number): boolean {
  if (typeof value === "string") return value.includes("<");
  if (value === null || typeof value !== "object" || depth > 32) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (carriesAngleBracket(item, depth + 1)) return true;
    return false;
  }
  for (const key in value) {
    if (Object.hasOwn(value, key) && carriesAngleBracket((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Split items into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("chunk size must be an integer ≥ 1");
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
