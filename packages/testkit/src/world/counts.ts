import { stockedLocations } from "./gen-commerce";
import type { IndexedKind } from "./kinds";
import { contractPrices, liveShapes } from "./resolve";
import { deletedAt, indexCount, type WorldState } from "./revisions";
import type { WorldCounts } from "./types";

function live(state: WorldState, entity: IndexedKind): number {
  const count = indexCount(state, entity);
  let alive = 0;
  for (let i = 0; i < count; i += 1) if (deletedAt(state, entity, i) === 0) alive += 1;
  return alive;
}

/** Count every kind without generating full records (O(products) time, O(1) memory). */
export function computeCounts(state: WorldState): WorldCounts {
  let products = 0;
  let variants = 0;
  let skus = 0;
  let stockLevels = 0;
  for (const { shape } of liveShapes(state)) {
    products += 1;
    skus += shape.skus.length;
    if (shape.hasVariants) variants += shape.skus.length;
    stockLevels += shape.skus.length * stockedLocations(shape).length;
  }
  let contract = 0;
  for (const _price of contractPrices(state)) contract += 1;
  return {
    products, variants, skus, stockLevels, prices: skus * 3 + contract,
    categories: live(state, "category"), attributes: live(state, "attribute"), priceLists: live(state, "priceList"),
    locations: live(state, "location"), companies: live(state, "company"), customers: live(state, "customer"),
    orders: live(state, "order"), promotions: live(state, "promotion"), campaigns: live(state, "campaign"),
    segments: live(state, "segment"), contentEntries: live(state, "contentEntry"),
  };
}
