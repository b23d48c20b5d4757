import type { EntityKind, EntityOf } from "@omnibridge/core-model";
import { computeCounts } from "./counts";
import { isInvalidKey } from "./invalid";
import { invalidRecords } from "./invalid-records";
import { type IndexedKind } from "./kinds";
import { indexedRecords, priceRecords, recordAt, stockRecords, liveShapes } from "./resolve";
import type { WorldState } from "./revisions";
import { layoutFor } from "./scale";
import type { World, WorldCounts, WorldOptions } from "./types";
import { CURRENCIES, LOCALES } from "./vocab";

const DEFAULT_EPOCH = "2026-01-01T00:00:00.000Z";

function validate(options: WorldOptions): Required<WorldOptions> {
  const { seed, products, epoch = DEFAULT_EPOCH, invalidRate = 0 } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError("seed must be a safe integer");
  if (!Number.isSafeInteger(products) || products < 10) throw new RangeError("products must be an integer of at least 10");
  if (Number.isNaN(Date.parse(epoch))) throw new RangeError(`epoch is not an ISO time: ${epoch}`);
  if (!(invalidRate >= 0 && invalidRate <= 1)) throw new RangeError("invalidRate must be between 0 and 1");
  return { seed, products, epoch: new Date(epoch).toISOString(), invalidRate };
}

/**
 * Create a deterministic retail world: every record derives from (seed, kind, index), so
 * the same options always give byte-identical records and streams hold nothing in memory.
 */
export function createWorld(options: WorldOptions): World {
  const resolved = validate(options);
  const ctx = { seed: resolved.seed, epoch: resolved.epoch, epochMs: Date.parse(resolved.epoch), layout: layoutFor(resolved.products) };
  return worldFromState({ ctx, invalidRate: resolved.invalidRate, revisions: [] }, resolved);
}

const STATES = new WeakMap<World, WorldState>();

/** The state a world was built from (for mutations). */
export function stateOf(world: World): WorldState {
  const state = STATES.get(world);
  if (!state) throw new TypeError("not a world created by createWorld");
  return state;
}

/** Build the World facade over a state (also used for each mutated revision). */
export function worldFromState(state: WorldState, options: Required<WorldOptions>): World {
  let counts: WorldCounts | undefined;
  const indexed = <K extends IndexedKind>(entity: K) => () => indexedRecords(state, entity);
  const streams = {
    category: indexed("category"), attribute: indexed("attribute"), product: indexed("product"),
    priceList: indexed("priceList"), price: () => priceRecords(state), location: indexed("location"),
    stockLevel: () => stockRecords(state), company: indexed("company"), customer: indexed("customer"),
    order: indexed("order"), promotion: indexed("promotion"), campaign: indexed("campaign"),
    segment: indexed("segment"), contentEntry: indexed("contentEntry"),
  } satisfies { [K in EntityKind]: () => Iterable<EntityOf<K>> };
  const world: World = {
    seed: options.seed, epoch: options.epoch, revision: state.revisions.length, options, locales: LOCALES, currencies: CURRENCIES,
    get counts() {
      counts ??= computeCounts(state);
      return counts;
    },
    categories: streams.category, attributes: streams.attribute, products: streams.product, priceLists: streams.priceList,
    prices: streams.price, locations: streams.location, stockLevels: streams.stockLevel, companies: streams.company,
    customers: streams.customer, orders: streams.order, promotions: streams.promotion, campaigns: streams.campaign,
    segments: streams.segment, contentEntries: streams.contentEntry,
    records: <K extends EntityKind>(entity: K) => (streams[entity] as () => Iterable<EntityOf<K>>)(),
    *skus() {
      for (const { shape } of liveShapes(state)) yield* shape.skus;
    },
    productAt: (i) => recordAt(state, "product", i),
    customerAt: (i) => recordAt(state, "customer", i),
    companyAt: (i) => recordAt(state, "company", i),
    orderAt: (i) => recordAt(state, "order", i),
    isInvalid: (entity, key) => isInvalidKey(options.seed, state.invalidRate, entity, key),
    invalidRecords: () => invalidRecords(state),
  };
  STATES.set(world, state);
  return world;
}
