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
});
