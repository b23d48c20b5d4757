import type { EntityKind } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { isContactIndex } from "./gen-party";
import { type IndexedKind, KIND_SPECS, kindId } from "./kinds";
import { hashString } from "./prng";
import { contactOwner } from "./scale";

/** One mutation step: parameters only, so a revision costs no memory per record. */
export interface Revision {
  revision: number;
  seed: number;
  changeRate: number;
  deleteRate: number;
  addRate: number;
  at: string;
}

/** Everything a world is computed from. */
export interface WorldState {
  ctx: GenContext;
  invalidRate: number;
  revisions: readonly Revision[];
}

/** What the revisions after `from` do to one record. */
export interface Fate {
  deletedAt: number;
  changedAt: number[];
}

const U32 = 4_294_967_296;

/** Whether records of this kind (and index) can be deleted by a revision. */
export function isDeletable(state: WorldState, entity: EntityKind, i: number): boolean {
  if (entity === "price" || entity === "stockLevel") return false;
  if (entity === "customer" && isContactIndex(state.ctx, i)) return false;
  return KIND_SPECS[entity].deletable;
}

/** The revisions (after revision `from`) that change or delete the record with this key. */
export function fateOf(state: WorldState, entity: EntityKind, key: string, from: number, deletable: boolean): Fate {
  const changedAt: number[] = [];
  for (const rev of state.revisions) {
    if (rev.revision <= from) continue;
    const u = hashString(rev.seed ^ Math.imul(kindId(entity), 0x9e3779b1), key) / U32;
    const deleteRate = deletable ? rev.deleteRate : 0;
    if (u < deleteRate) return { deletedAt: rev.revision, changedAt };
    if (u < deleteRate + rev.changeRate) changedAt.push(rev.revision);
  }
  return { deletedAt: 0, changedAt };
}

/** Records added by a revision to an addable kind. */
export function addedBy(rev: Revision, base: number): number {
  return Math.round(rev.addRate * base);
}

/** Number of indices of a kind (including deleted ones) after all revisions. */
export function indexCount(state: WorldState, entity: IndexedKind): number {
  const spec = KIND_SPECS[entity];
  const base = spec.base(state.ctx.layout);
  if (!spec.addable) return base;
  return state.revisions.reduce((sum, rev) => sum + addedBy(rev, base), base);
}

/** Revision that created index `i` of a kind (0 for the base world). */
export function createdRevision(state: WorldState, entity: IndexedKind, i: number): number {
  const base = KIND_SPECS[entity].base(state.ctx.layout);
  let end = base;
  if (i < end) return 0;
  for (const rev of state.revisions) {
    end += addedBy(rev, base);
    if (i < end) return rev.revision;
  }
  return Number.POSITIVE_INFINITY;
}

/** Revision at which record `i` of a kind was deleted, directly or by cascade (0 = exists). */
export function deletedAt(state: WorldState, entity: IndexedKind, i: number): number {
  if (entity === "customer" && isContactIndex(state.ctx, i)) {
    const company = contactOwner(i - state.ctx.layout.persons).company;
    return deletedAt(state, "company", company);
  }
  const created = createdRevision(state, entity, i);
  return fateOf(state, entity, KIND_SPECS[entity].key(i), created, isDeletable(state, entity, i)).deletedAt;
}

/** The ISO time of revision `r`. */
export function revisionTime(state: WorldState, r: number): string {
  return state.revisions[r - 1]!.at;
}
