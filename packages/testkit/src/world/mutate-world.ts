import type { AnyEntity, EntityKind } from "@omnibridge/core-model";
import { worldFromState, stateOf } from "./create-world";
import { customerPricesOf, PRICE_LISTS, priceKey, pricesOfSku, stockedLocations, stockOfSku } from "./gen-commerce";
import { productIndexOfSku, productShape } from "./gen-product-shape";
import { type IndexedKind, KIND_SPECS } from "./kinds";
import { recordAt, resolveDerived } from "./resolve";
import { createdRevision, deletedAt, fateOf, indexCount, isDeletable, type Revision, type WorldState } from "./revisions";
import { hashInts } from "./prng";
import { addDays } from "./scale";
import type { MutationOptions, World, WorldChangeSet } from "./types";

const INDEXED = Object.keys(KIND_SPECS) as IndexedKind[];

function nextRevision(state: WorldState, epoch: string, options: MutationOptions): Revision {
  const revision = state.revisions.length + 1;
  const rate = (value: number | undefined, name: string) => {
    const r = value ?? 0;
    if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} must be between 0 and 1`);
    return r;
  };
  const previous = state.revisions.at(-1)?.at ?? epoch;
  const at = new Date(options.at ?? addDays(epoch, revision)).toISOString();
  if (!(at > previous)) throw new RangeError(`at (${at}) must be after the previous revision's time (${previous})`);
  return {
    revision, seed: options.seed ?? hashInts(state.ctx.seed, 0x7e51, revision), at,
    changeRate: rate(options.changeRate, "changeRate"), deleteRate: rate(options.deleteRate, "deleteRate"), addRate: rate(options.addRate, "addRate"),
  };
}

/**
 * The next revision of a world: `changeRate` of the records of every kind change values and
 * carry the revision's time as updatedAt, `deleteRate` of deletable ones disappear (with their
 * prices, stock and contacts), `addRate` new products, persons and orders appear. Computed
 * lazily from parameters, so it scales like the world itself.
 */
export function mutateWorld(world: World, options: MutationOptions): { world: World; changes: WorldChangeSet } {
  const before = stateOf(world);
  const revision = nextRevision(before, world.epoch, options);
  const after: WorldState = { ...before, revisions: [...before.revisions, revision] };
  const next = worldFromState(after, world.options);
  const changes: WorldChangeSet = { revision: revision.revision, upserted: [], deleted: [] };
  const r = revision.revision;
  for (const entity of INDEXED) {
    const count = indexCount(after, entity);
    for (let i = 0; i < count; i += 1) {
      if (deletedAt(after, entity, i) === r) changes.deleted.push({ entity, key: KIND_SPECS[entity].key(i) });
      else if (touched(after, entity, i, r)) changes.upserted.push({ entity, record: recordAt(after, entity, i)! as AnyEntity });
    }
  }
  derivedChanges(before, after, r, changes);
  return { world: next, changes };
}

function touched(state: WorldState, entity: IndexedKind, i: number, r: number): boolean {
  const created = createdRevision(state, entity, i);
  if (created === r) return true;
  if (created > r || deletedAt(state, entity, i) > 0) return false;
  return fateOf(state, entity, KIND_SPECS[entity].key(i), created, isDeletable(state, entity, i)).changedAt.includes(r);
}

function derivedChanges(before: WorldState, after: WorldState, r: number, changes: WorldChangeSet): void {
  const push = (entity: EntityKind, record: AnyEntity) => changes.upserted.push({ entity, record });
  const count = indexCount(after, "product");
  for (let j = 0; j < count; j += 1) {
    const gone = deletedAt(after, "product", j);
    if (gone > 0 && gone < r) continue;
    const shape = productShape(after.ctx, j);
    const created = createdRevision(after, "product", j);
    for (let v = 0; v < shape.skus.length; v += 1) {
      const sku = shape.skus[v]!;
      const priceKeys = PRICE_LISTS.map((list) => priceKey(list.key, sku));
      const stockKeys = stockedLocations(shape).map((location) => `${sku}@${location}`);
      if (gone === r) {
        for (const key of priceKeys) changes.deleted.push({ entity: "price", key });
        for (const key of stockKeys) changes.deleted.push({ entity: "stockLevel", key });
        continue;
      }
      const changed = (entity: EntityKind, key: string) =>
        created === r || fateOf(after, entity, key, created, false).changedAt.includes(r);
      if (priceKeys.some((key) => changed("price", key))) {
        for (const row of resolveDerived(after, "price", pricesOfSku(after.ctx, shape, v), created)) if (changed("price", row.key)) push("price", row);
      }
      if (stockKeys.some((key) => changed("stockLevel", key))) {
        for (const row of resolveDerived(after, "stockLevel", stockOfSku(after.ctx, shape, v), created)) if (changed("stockLevel", row.key)) push("stockLevel", row);
      }
    }
  }
  contractChanges(before, after, r, changes);
}

function contractChanges(before: WorldState, after: WorldState, r: number, changes: WorldChangeSet): void {
  const companies = indexCount(after, "company");
  for (let c = 0; c < companies; c += 1) {
    const rows = customerPricesOf(after.ctx, c);
    if (rows.length === 0 || deletedAt(before, "company", c) > 0) continue;
    const companyGone = deletedAt(after, "company", c) === r;
    for (const row of rows) {
      const product = productIndexOfSku(row.sku);
      if (deletedAt(before, "product", product) > 0) continue;
      if (companyGone || deletedAt(after, "product", product) === r) changes.deleted.push({ entity: "price", key: row.key });
      else if (fateOf(after, "price", row.key, 0, false).changedAt.includes(r)) {
        changes.upserted.push({ entity: "price", record: resolveDerived(after, "price", [row], 0)[0]! });
      }
    }
  }
}
