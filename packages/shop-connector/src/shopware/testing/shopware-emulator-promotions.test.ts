import { afterAll, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import type { ConnectorV1, Order } from "@omnibridge/core-model";
import { createShopwareConnector } from "../shopware-connector";
import { startShopwareEmulator, type ShopwareEmulator } from "./index";

const world = createWorld({ seed: 11, products: 12 });
const promoted = [...world.orders()].filter((o) => o.channel === "web" && o.discounts.length > 0).slice(0, 4);
const running: ShopwareEmulator[] = [];
afterAll(async () => Promise.all(running.map((e) => e.stop())));

async function readOrders(connector: ConnectorV1): Promise<Order[]> {
  const items: Order[] = [];
  for await (const page of connector.read("order", { pageSize: 50 })) items.push(...(page.items as Order[]));
  return items;
}

describe("Shopware emulator: promoted orders", () => {
  it("stores a promoted order as Shopware does: full-price product lines and a negative promotion line item read back as the discount", async () => {
    expect(promoted.length).toBeGreaterThan(0);
    const first = promoted[0]!;
    const coded = { ...first, key: "SW-PROMO-1", number: "SW-PROMO-1", discounts: first.discounts.map((d) => ({ ...d, code: "SPRING10" })) };
    const orders = [...promoted, coded];
    const emulator = await startShopwareEmulator({ products: [...world.products()], prices: world.prices(), orders });
    running.push(emulator);
    const raw = emulator.store.list("order").find((o) => o.orderNumber === coded.number)!;
    type RawItem = { type: string; totalPrice: number; referencedId: string | null; payload: Record<string, unknown> };
    const items = raw._lineItems as RawItem[];
    const promotion = items.filter((i) => i.type === "promotion");
    const discount = coded.discounts[0]!.amount.amount;
    expect(promotion.map((i) => [i.totalPrice, i.referencedId, i.payload.code])).toEqual([[-discount / 100, "SPRING10", "SPRING10"]]);

    const connector = createShopwareConnector({ ...emulator.settings, retry: { retries: 2, minDelayMs: 5, maxDelayMs: 20 } });
    const read = await readOrders(connector);
    for (const source of [...promoted, coded]) {
      const mapped = read.find((o) => o.number === source.number)!;
      const full = source.lines.map((l) => l.unitPrice.amount * l.quantity);
      // Lines at full price, the promotion beside them; the totals are the world's.
      expect(mapped.lines.map((l) => l.total.amount)).toEqual(full);
      expect(mapped.discounts.map((d) => d.amount.amount)).toEqual(source.discounts.map((d) => d.amount.amount));
      expect(full.reduce((a, b) => a + b, 0) - mapped.discounts.reduce((a, d) => a + d.amount.amount, 0)).toBe(source.subtotal.amount);
      expect([mapped.subtotal, mapped.taxTotal, mapped.total]).toEqual([source.subtotal, source.taxTotal, source.total]);
    }
    expect(read.find((o) => o.number === coded.number)!.discounts[0]!.code).toBe("SPRING10");
  });
});
