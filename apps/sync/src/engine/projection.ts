import { diff, goldenToRecord, ownerOf, stableHash, type EntityKind, type GoldenRecord, type OwnershipRules } from "@omnibridge/core-model";
import type { ResolvedTarget } from "../config";
import { getPath } from "./filters";

/** What a target receives for one golden record. */
export interface Projection {
  key: string;
  /** The record sent to the target (complete, so the target's schema holds). */
  record: Record<string, unknown>;
  /** The part the hub is responsible for: fields the target does not own. Its hash decides whether to write. */
  body: Record<string, unknown>;
  hash: string;
}

/** Members that are bookkeeping, not data: never trigger a write. */
const META = new Set(["externalIds", "updatedAt"]);

/**
 * Project a golden record for a target. The target receives every field; only the fields it does
 * not own are its business (the owner is their source of truth), so only they enter the hash: a
 * change to a field the target owns never causes a write to it.
 */
export function project(golden: GoldenRecord, target: ResolvedTarget, targetRole: string, rules: OwnershipRules): Projection {
  const record = goldenToRecord(golden);
  const mapping = target.mapping;
  if (mapping) {
    for (const [to, from] of Object.entries(mapping.rename)) record[to] = getPath(record, from);
    for (const field of mapping.exclude) delete record[field];
    Object.assign(record, mapping.set);
  }
  const body: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (META.has(field) || value === undefined) continue;
    const owner = field === "key" ? "" : ownerOf(target.entity as EntityKind, field, rules);
    if (owner === target.system || owner === targetRole) continue;
    body[field] = value;
  }
  return { key: golden.key, record, body, hash: stableHash(body) };
}

/** Top-level fields that differ between the last written body and a new one. */
export function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  if (!before) return Object.keys(after).sort();
  return [...new Set(diff(before, after).map((c) => c.path.split(".")[0] ?? c.path))].sort();
}
