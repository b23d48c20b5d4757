import type { AnyEntity, EntityKind, EntityOf, Price, StockLevel } from "@omnibridge/core-model";
import { customerPricesOf, pricesOfSku, stockOfSku } from "./gen-commerce";
import { productIndexOfSku, productShape } from "./gen-product-shape";
import { breakRecord, isInvalidKey } from "./invalid";
import { type IndexedKind, KIND_SPECS } from "./kinds";
import { mutateRecord } from "./mutators";
import { hashString, Rng } from "./prng";
import {
  createdRevision, deletedAt, fateOf, indexCount, isDeletable, revisionTime, type WorldState,
} from "./revisions";

/** Apply a record's revisions (changes, added-at time) and its deliberate breakage. */
function finish<T extends AnyEntity>(state: WorldState, entity: EntityKind, record: T, created: number, changedAt: number[]): T {
  const key = record.key;
  if (created > 0) record.updatedAt = revisionTime(state, created);
  for (const r of changedAt) {
    mutateRecord(entity, record, new Rng(hashString(state.revisions[r - 1]!.seed, key)), r);
    record.updatedAt = revisionTime(state, r);
  }
  if (isInvalidKey(state.ctx.seed, state.invalidRate, entity, key)) breakRecord(state.ctx.seed, entity, record as never);
  return record;
}

/** Record `i` of an indexed kind at the state's revision, or undefined when absent/deleted. */
export function recordAt<K extends IndexedKind>(state: WorldState, entity: K, i: number): EntityOf<K> | undefined {
  if (!Number.isInteger(i) || i < 0 || i >= indexCount(state, entity)) return undefined;
  if (deletedAt(state, entity, i) > 0) return undefined;
  const spec = KIND_SPECS[entity];
  const created = createdRevision(state, entity, i);
  const fate = fateOf(state, entity, spec.key(i), created, isDeletable(state, entity, i));
  return finish(state, entity, spec.generate(state.ctx, i) as EntityOf<K>, created, fate.changedAt);
}

/** Every record of an indexed kind, in index order. */
export function* indexedRecords<K extends IndexedKind>(state: WorldState, entity: K): Generator<EntityOf<K>> {
  const count = indexCount(state, entity);
  for (let i = 0; i < count; i += 1) {
    const record = recordAt(state, entity, i);
    if (record) yield record;
  }
}

/** Live products' shapes with the revision that created them. */
export function* liveShapes(state: WorldState) {
  const count = indexCount(state, "product");
  for (let j = 0; j < count; j += 1) {
    if (deletedAt(state, "product", j) > 0) continue;
    yield { shape: productShape(state.ctx, j), created: createdRevision(state, "product", j) };
  }
}

/** Apply revisions and breakage to derived rows (prices, stock levels) of a product created at `created`. */
export function resolveDerived<T extends Price | StockLevel>(state: WorldState, entity: "price" | "stockLevel", rows: T[], created: number): T[] {
  return rows.map((row) => finish(state, entity, row, created, fateOf(state, entity, row.key, created, false).changedAt));
}

/** Every price: three list prices per live SKU, then contract prices of live companies. */
export function* priceRecords(state: WorldState): Generator<Price> {
  for (const { shape, created } of liveShapes(state)) {
    for (let v = 0; v < shape.skus.length; v += 1) yield* resolveDerived(state, "price", pricesOfSku(state.ctx, shape, v), created);
  }
  yield* contractPrices(state);
}

/** Contract prices of live companies for live products. */
export function* contractPrices(state: WorldState): Generator<Price> {
  const companies = indexCount(state, "company");
  for (let c = 0; c < companies; c += 1) {
    if (deletedAt(state, "company", c) > 0) continue;
    const rows = customerPricesOf(state.ctx, c).filter((row) => deletedAt(state, "product", productIndexOfSku(row.sku)) === 0);
    yield* resolveDerived(state, "price", rows, 0);
  }
}

/** Every stock level of every live SKU at the locations that stock it. */
export function* stockRecords(state: WorldState): Generator<StockLevel> {
  for (const { shape, created } of liveShapes(state)) {
    for (let v = 0; v < shape.skus.length; v += 1) yield* resolveDerived(state, "stockLevel", stockOfSku(state.ctx, shape, v), created);
  }
}
