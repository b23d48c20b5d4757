import { stockedLocations } from "./gen-commerce";
import { customerKey } from "./gen-party";
import { invalidInfo, isInvalidKey } from "./invalid";
import { liveShapes } from "./resolve";
import { deletedAt, indexCount, type WorldState } from "./revisions";
import type { InvalidRecordInfo } from "./types";

/** Every deliberately broken record of a world, by intended key (streams; no records built). */
export function* invalidRecords(state: WorldState): Generator<InvalidRecordInfo> {
  const { seed } = state.ctx;
  const rate = state.invalidRate;
  if (rate <= 0) return;
  for (const { shape } of liveShapes(state)) {
    if (isInvalidKey(seed, rate, "product", shape.key)) yield invalidInfo(seed, "product", shape.key);
  }
  for (const { shape } of liveShapes(state)) {
    for (const sku of shape.skus) {
      for (const location of stockedLocations(shape)) {
        const key = `${sku}@${location}`;
        if (isInvalidKey(seed, rate, "stockLevel", key)) yield invalidInfo(seed, "stockLevel", key);
      }
    }
  }
  const customers = indexCount(state, "customer");
  for (let i = 0; i < customers; i += 1) {
    const key = customerKey(i);
    if (deletedAt(state, "customer", i) === 0 && isInvalidKey(seed, rate, "customer", key)) yield invalidInfo(seed, "customer", key);
  }
}
