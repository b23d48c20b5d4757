import type { Price, Product } from "@omnibridge/core-model";
import { createWorld, mutateWorld } from "@omnibridge/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { createAkeneoConnector } from "../src";
import { startAkeneoEmulator, type AkeneoEmulator } from "../src/testing";

// Issue 19: after a 1 % change the products delta of `pnpm bench` re-read every product (219 % of the full read's
// requests). The 1 % itself was read alone; what the bench's delta also met was the full prices flow's writes:
// every SKU's price collection changed since the products read, so Akeneo's `updated` matched every product, and
// a delta reads each changed variant's whole model again (twice a full read's requests). A delta now reads what
// changed plus the models it needs, and reads everything like a full pass when most products changed.
let emulator: AkeneoEmulator | undefined;
afterEach(async () => emulator?.stop());

async function setup() {
  const world = createWorld({ seed: 7, products: 300 });
  emulator = await startAkeneoEmulator({ world, rateLimit: false });
  const pim = createAkeneoConnector({ ...emulator.settings });
  const e = emulator;
  const read = async (cursor: string | null) => {
    const before = e.server.requests.length;
    const keys: string[] = [];
    let next = cursor;
    for await (const page of pim.read("product", { cursor, pageSize: 100 })) {
      keys.push(...page.items.map((i) => i.key));
      next = page.cursor;
    }
    return { keys, cursor: next, requests: e.server.requests.length - before };
  };
  return { world, pim, read };
}

const price = (sku: string, amount: number): Price =>
  ({ key: `retail-eur:${sku}`, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", priceListKey: "retail-eur", sku, price: { amount, currency: "EUR" }, tiers: [] });

describe("akeneo products delta", () => {
  it("reads the 1 % that changed, and the model of a variant that changed alone — not every product", async () => {
    const { world, pim, read } = await setup();
    const full = await read(null);
    expect(full.keys).toHaveLength(300);
    const { changes } = mutateWorld(world, { changeRate: 0.01 });
    const changed = changes.upserted.filter((c) => c.entity === "product").map((c) => c.record.key);
    expect(changed.length).toBeGreaterThan(0);
    await emulator!.apply(changes);
    // A variant of an unchanged model changes alone (the ERP writes its price): its root model is delivered whole.
    const model = [...world.products()].find((p): p is Product => p.variants.length > 1 && !changed.includes(p.key))!;
    expect((await pim.write("price", [price(model.variants[1]!.sku, 4321)]))[0]!.status).toBe("updated");
    const delta = await read(full.cursor);
    expect(delta.keys.sort()).toEqual([...changed, model.key].sort());
    // 2 counts, 1 page of changed models + their variants, 1 page of changed products, the lone variant's model and its
    // variants: 7 requests (the full read of 300 products: 18, the mapping context included).
    expect(delta.requests).toBeLessThanOrEqual(7);
    expect(delta.requests).toBeLessThan(full.requests / 2);
    const quiet = await read(delta.cursor);
    expect(quiet.keys).toEqual([]);
    await pim.close();
  });

  it("reads like a full pass when most products changed (every price written), not twice as much", async () => {
    const { world, pim, read } = await setup();
    const full = await read(null);
    const outcomes = await pim.write("price", [...world.skus()].map((sku, i) => price(sku, 1000 + i)));
    expect(outcomes.every((o) => o.status === "updated")).toBe(true);
    const delta = await read(full.cursor);
    expect(delta.keys.sort()).toEqual([...full.keys].sort());
    // Two counting requests (changed, total), then the same pages as the full read.
    expect(delta.requests).toBeLessThanOrEqual(full.requests + 2);
    expect((await read(delta.cursor)).keys).toEqual([]);
    await pim.close();
  });
});
