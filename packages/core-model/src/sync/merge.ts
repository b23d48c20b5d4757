import type { EntityKind } from "../entities";
import { ownerOf, type OwnershipRules } from "../contracts/ownership";
import { canonicalJson } from "./stable-hash";

/** A field value with the system that set it and when. */
export interface FieldValue {
  value: unknown;
  /** System id that set it. */
  source: string;
  /** When the source changed it (the record's updated-at in that system). */
  at: string;
  /** True when the source is the field's owner; provisional values yield to the owner. */
  owned: boolean;
}

/** The merged, cross-system record of one canonical key. */
export interface GoldenRecord {
  entity: EntityKind;
  key: string;
  /** Top-level fields with provenance. */
  fields: Record<string, FieldValue>;
  /** Ids per system. */
  externalIds: Record<string, string>;
}

/** Identity of the system a record came from: its id and its role. */
export interface MergeSource {
  system: string;
  role?: string;
}

/** Fields every record has that are not business data. */
const META_FIELDS = new Set(["key", "externalIds", "updatedAt"]);

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

/**
 * Merge an incoming record into the golden record by field ownership.
 *
 * - The owner of a field always sets it (unless its value is older than what it set before).
 * - A non-owner may only fill a field that is empty or was itself filled by a non-owner, so
 *   a value from the owner is never overwritten by anyone else.
 *
 * Pure: returns a new golden record and the names of the fields whose value changed.
 */
export function mergeByOwnership(
  golden: GoldenRecord | undefined,
  incoming: { entity: EntityKind; record: Record<string, unknown> & { key: string; updatedAt?: string }; source: MergeSource },
  rules?: OwnershipRules,
): { golden: GoldenRecord; changed: string[] } {
  const { entity, record, source } = incoming;
  const at = record.updatedAt ?? new Date(0).toISOString();
  const fields: Record<string, FieldValue> = { ...(golden?.fields ?? {}) };
  const externalIds = { ...(golden?.externalIds ?? {}), ...((record.externalIds as Record<string, string> | undefined) ?? {}) };
  const changed: string[] = [];
  for (const [field, value] of Object.entries(record)) {
    if (META_FIELDS.has(field) || value === undefined) continue;
    const owner = ownerOf(entity, field, rules);
    const owned = owner === source.system || owner === source.role;
    const current = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (!accepts(current, { owned, value, at, source: source.system })) continue;
    if (current === undefined || !sameValue(current.value, value)) changed.push(field);
    fields[field] = { value, source: source.system, at, owned };
  }
  return { golden: { entity, key: record.key, fields, externalIds }, changed };
}

/** Equal as data: identical, two different strings told apart at once, anything else by canonical JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "string" && typeof b === "string") return false;
  return canonicalJson(a) === canonicalJson(b);
}

function accepts(current: FieldValue | undefined, next: { owned: boolean; value: unknown; at: string; source: string }): boolean {
  if (current === undefined) return true;
  if (next.owned) {
    // The owner wins, except over its own newer value (an out-of-order replay).
    return !(current.owned && current.source === next.source && isLater(current.at, next.at));
  }
  if (current.owned) return false;
  if (isEmpty(next.value) && !isEmpty(current.value)) return false;
  return !(current.source === next.source && isLater(current.at, next.at));
}

/** True when timestamp `a` is later than `b` as an instant (`10:00+02:00` is before `09:00Z`). */
function isLater(a: string, b: string): boolean {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isNaN(ta) || Number.isNaN(tb) ? a > b : ta > tb;
}

/** The plain record a golden record stands for (fields plus key and external ids). */
export function goldenToRecord(golden: GoldenRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { key: golden.key, externalIds: { ...golden.externalIds } };
  let latest = "";
  for (const [field, { value, at }] of Object.entries(golden.fields)) {
    out[field] = value;
    // Fields of one source share their timestamp: parse only when it differs from the latest so far.
    if (at !== latest && (!latest || isLater(at, latest))) latest = at;
  }
  out.updatedAt = latest || new Date(0).toISOString();
  return out;
}
