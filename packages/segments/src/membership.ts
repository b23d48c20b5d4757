import type { Segment } from "@omnibridge/core-model";
import type { SegmentDefinition } from "./segment-definition";

/** Members to add to and remove from a segment, each sorted. */
export interface MembershipDiff {
  readonly added: string[];
  readonly removed: string[];
}

/** What changes from `previous` to `next`: `next = previous − removed + added`, both lists sorted. */
export function diffMembership(previous: ReadonlySet<string>, next: ReadonlySet<string>): MembershipDiff {
  const added = [...next].filter((key) => !previous.has(key)).sort();
  const removed = [...previous].filter((key) => !next.has(key)).sort();
  return { added, removed };
}

/** Apply a diff to a membership, returning a new set (the inverse of {@link diffMembership}). */
export function applyMembershipDiff(previous: ReadonlySet<string>, diff: MembershipDiff): Set<string> {
  const next = new Set(previous);
  for (const key of diff.removed) next.delete(key);
  for (const key of diff.added) next.add(key);
  return next;
}

/** True when a diff changes nothing. */
export function isEmptyDiff(diff: MembershipDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0;
}

/** The canonical segment record (members sorted) to push to the CRM as a list. */
export function toSegmentRecord(definition: SegmentDefinition, members: Iterable<string>, updatedAt: string): Segment {
  return {
    key: definition.key,
    externalIds: {},
    updatedAt,
    name: definition.name,
    purpose: definition.purpose,
    rules: definition.rules.map((rule) => ({ ...rule })),
    memberKeys: [...members].sort(),
  };
}
