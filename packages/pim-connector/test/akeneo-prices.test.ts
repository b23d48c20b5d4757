import { afterEach, describe, expect, it } from "vitest";
import { createAkeneoConnector } from "../src";
import { startAkeneoEmulator, type AkeneoEmulator } from "../src/testing";
import { createWorld, mutateWorld, type World } from "@omnibridge/testkit";
import type { Price } from "@omnibridge/core-model";

/**
 * Found by `pnpm chaos`: after an incremental run only the changed currency of a SKU reached
 * Akeneo, and the PATCH replaces the whole price collection (Akeneo's PATCH rules: arrays
 * replace), so the SKU's other currency was lost; and the emulator's world revisions rebuilt a
 * changed product without the prices the ERP wrote. Price writes now merge the current
 * collection; the emulator keeps API-written values like Akeneo keeps untouched values.
 */
describe("ERP prices in Akeneo's price collection", () => {
  let emulator: AkeneoEmulator | undefined;
  afterEach(async () => emulator?.stop());

  const price = (world: World, sku: string, currency: "EUR" | "USD", amount: number): Price => ({
    key: `retail-${currency.toLowerCase()}:${sku}`, externalIds: {}, updatedAt: world.epoch, priceListKey: `retail-${currency.toLowerCase()}`, sku,
    price: { amount, currency }, tiers: [],
  } as unknown as Price);
  const collection = (e: AkeneoEmulator, sku: string) => {
    const data = e.state.products.get(e.state.identifiers.get(sku)!)?.values.price?.[0]?.data ?? [];
    return new Map((data as Array<{ currency: string; amount: string }>).map((d) => [d.currency, d.amount]));
  };

  it("a write of one currency keeps the SKU's other currencies", async () => {
    const world = createWorld({ seed: 5, products: 30 });
    emulator = await startAkeneoEmulator({ world });
    const pim = createAkeneoConnector({ ...emulator.settings });
    const sku = [...world.skus()][0]!;
    await pim.write("price", [price(world, sku, "EUR", 1999), price(world, sku, "USD", 2199)]);
    await pim.write("price", [price(world, sku, "USD", 2299)]);
    await pim.close();
    expect(collection(emulator, sku)).toEqual(new Map([["EUR", "19.99"], ["USD", "22.99"]]));
  });

  it("a PIM edit of a product (world revision) keeps the prices the ERP wrote", async () => {
    const world = createWorld({ seed: 5, products: 30 });
    emulator = await startAkeneoEmulator({ world });
    const pim = createAkeneoConnector({ ...emulator.settings });
    const { changes } = mutateWorld(world, { changeRate: 1 });
    const product = changes.upserted.find((c) => c.entity === "product")!.record as { key: string; variants: Array<{ sku: string }> };
    const sku = product.variants[0]?.sku ?? product.key;
    await pim.write("price", [price(world, sku, "EUR", 1999)]);
    await pim.close();
    await emulator.apply(changes);
    expect(collection(emulator, sku).get("EUR")).toBe("19.99");
  });

  // Issue 19: the SKU lookup and the current price collections came from two searches per batch (3.04× the
  // minimum requests). Now one search per 100 SKUs answers both, and one PATCH carries 100 SKUs' lines.
  it("uses one search and one PATCH per 100 SKUs, whatever the currencies per SKU", async () => {
    const world = createWorld({ seed: 5, products: 150 });
    emulator = await startAkeneoEmulator({ world, rateLimit: false });
    const pim = createAkeneoConnector({ ...emulator.settings });
    // Loads the mapping context (attributes, families) and the token outside the count.
    expect((await pim.write("price", [price(world, "NO-SUCH-SKU", "EUR", 1)]))[0]!.issue).toMatchObject({ field: "sku", reason: "not_found" });
    const skus = [...world.skus()].slice(0, 250);
    expect(skus).toHaveLength(250);
    const prices = skus.flatMap((sku, i) => [price(world, sku, "EUR", 1000 + i), price(world, sku, "USD", 1100 + i)]);
    const requestsOf = async (batch: Price[]) => {
      const before = emulator!.server.requests.length;
      const outcomes = await pim.write("price", batch);
      return { outcomes, requests: emulator!.server.requests.slice(before).map((r) => `${r.method} ${r.path}`) };
    };
    const first = await requestsOf(prices);
    expect(first.outcomes.map((o) => o.status)).toEqual(prices.map(() => "updated"));
    // 500 prices, 250 SKUs: 3 searches (≤ 100 identifiers each) + 3 PATCHes (≤ 100 lines each) = 6 requests, minimum 5 (500 / 100).
    expect(first.requests.filter((r) => r === "GET /api/rest/v1/products-uuid")).toHaveLength(3);
    expect(first.requests.filter((r) => r === "PATCH /api/rest/v1/products-uuid")).toHaveLength(3);
    expect(first.requests).toHaveLength(6);
    expect(collection(emulator, skus[249]!)).toEqual(new Map([["EUR", "12.49"], ["USD", "13.49"]]));

    // The same amounts again: the searches show nothing changes, so nothing is sent.
    const again = await requestsOf(prices);
    expect(again.outcomes.map((o) => o.status)).toEqual(prices.map(() => "unchanged"));
    expect(again.requests).toEqual(["GET /api/rest/v1/products-uuid", "GET /api/rest/v1/products-uuid", "GET /api/rest/v1/products-uuid"]);

    // One currency of 100 SKUs: 1 search + 1 PATCH, the other currency is kept.
    const usd = skus.slice(0, 100).map((sku) => price(world, sku, "USD", 5000));
    const third = await requestsOf(usd);
    expect(third.requests).toEqual(["GET /api/rest/v1/products-uuid", "PATCH /api/rest/v1/products-uuid"]);
    expect(collection(emulator, skus[0]!)).toEqual(new Map([["EUR", "10.00"], ["USD", "50.00"]]));
    await pim.close();
  });
});
