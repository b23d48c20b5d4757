import { afterAll, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import type { ConnectorV1, Order, Page, Price, Product, StockLevel } from "@omnibridge/core-model";
import { createShopwareConnector } from "./shopware-connector";
import { startShopwareEmulator, type ShopwareEmulator } from "./testing";

const world = createWorld({ seed: 11, products: 12 });
const products = [...world.products()];
const orders = [...world.orders()].filter((o) => o.channel === "web").slice(0, 6);
const customers = [...world.customers()].slice(0, 10);
const running: ShopwareEmulator[] = [];
afterAll(async () => Promise.all(running.map((e) => e.stop())));

async function setup(options: Parameters<typeof startShopwareEmulator>[0] = {}, extra: Record<string, unknown> = {}) {
  const emulator = await startShopwareEmulator({ products, prices: world.prices(), customers, orders, ...options });
  running.push(emulator);
  const connector = createShopwareConnector({
    ...emulator.settings, retry: { retries: 4, minDelayMs: 5, maxDelayMs: 20 },
    priceLists: { "retail-eur": {}, "b2b-eur": { ruleId: "0c4ad4a7b3c94d0e8e8e1b1f6a3c9d01", taxMode: "net" } },
    stockLocationKeys: ["WH-1", "WH-2"], ...extra,
  });
  return { emulator, connector };
}

async function readAll<T>(connector: ConnectorV1, entity: "product" | "customer" | "order", cursor?: string | null, pageSize = 4) {
  const pages: Page<T>[] = [];
  for await (const page of connector.read(entity, { pageSize, cursor })) pages.push(page as Page<T>);
  return pages;
}

describe("shopware connector against the emulator", () => {
  it("checks credentials and the version", async () => {
    const { connector } = await setup();
    const result = await connector.check();
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toMatch(/authenticated on Shopware 6\.6/);
  });

  it("reads products with variants over several pages, then only what changed after the cursor", async () => {
    const { emulator, connector } = await setup();
    const pages = await readAll<Product>(connector, "product");
    const read = pages.flatMap((p) => p.items);
    expect(pages.length).toBeGreaterThan(2);
    expect(read.map((p) => p.key).sort()).toEqual(products.map((p) => p.key).sort());
    const withVariants = products.find((p) => p.variants.length > 0)!;
    const mapped = read.find((p) => p.key === withVariants.key)!;
    expect(mapped.variants.map((v) => [v.sku, v.optionValues])).toEqual(withVariants.variants.map((v) => [v.sku, v.optionValues]));
    // A variant-only change brings its product back in the next delta read.
    const childId = emulator.store.worldIds.get(`product:${withVariants.variants[0]!.sku}`)!;
    emulator.store.write("product", { id: childId, ean: null });
    const delta = await readAll<Product>(connector, "product", pages.at(-1)!.cursor);
    expect(delta.flatMap((p) => p.items.map((i) => i.key))).toEqual([withVariants.key]);
    const searches = emulator.server.requests.filter((r) => r.path === "/api/search/product");
    expect(searches[0]!.headers.accept).toMatch(/application\/json/);
    expect(searches[0]!.body).toMatchObject({ "total-count-mode": "none", sort: [{ field: "createdAt", order: "ASC" }, { field: "id", order: "ASC" }] });
  });

  it("reads customers with their group and orders with deliveries and payments", async () => {
    const { connector } = await setup();
    const customerItems = (await readAll(connector, "customer")).flatMap((p) => p.items);
    expect(customerItems).toHaveLength(customers.length);
    const orderPages = await readAll<Order>(connector, "order", null, 2);
    const read = orderPages.flatMap((p) => p.items);
    expect(read.map((o) => o.number).sort()).toEqual(orders.map((o) => o.number).sort());
    const source = orders[0]!;
    const mapped = read.find((o) => o.number === source.number)!;
    expect(mapped.total).toEqual(source.total);
    expect(mapped.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual(source.lines.map((l) => [l.sku, l.quantity, l.unitPrice]));
    expect(mapped.shipments).toHaveLength(1);
    expect(mapped.salesChannelKey).toBe("web");
  });

  it("authenticates again before a token expires and once after a 401", async () => {
    const { emulator, connector } = await setup({ tokenTtlMs: 2_000 });
    await connector.check();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await connector.check();
    expect(emulator.tokensIssued()).toBe(2);
    expect(emulator.server.requests.filter((r) => r.status === 401)).toHaveLength(0);
    emulator.expireTokens();
    expect((await connector.check()).ok).toBe(true);
    expect(emulator.server.requests.filter((r) => r.status === 401)).toHaveLength(1);
    expect(emulator.tokensIssued()).toBe(3);
  });

  it("rejects wrong credentials without retrying and without echoing the secret", async () => {
    const { emulator } = await setup();
    const connector = createShopwareConnector({ ...emulator.settings, clientSecret: "wrong-secret-value" });
    const result = await connector.check();
    expect(result.ok).toBe(false);
    expect(result.message).not.toContain("wrong-secret-value");
    expect(emulator.server.requests.filter((r) => r.path === "/api/oauth/token")).toHaveLength(1);
  });

  it("waits out 429s and still reads everything", async () => {
    const { connector } = await setup({ faults: { routes: [{ path: /\/api\/search\//, rates: { rateLimited: 0.3 } }] }, seed: 3 });
    const read = (await readAll<Product>(connector, "product")).flatMap((p) => p.items);
    expect(read).toHaveLength(products.length);
    expect(connector.metrics().retries).toBeGreaterThan(0);
  });
});

describe("shopware writes", () => {
  const fresh = (key: string, sku: string): Product => ({
    ...products.find((p) => p.variants.length > 0)!, key, externalIds: {}, channels: [{ channel: "web", enabled: true }],
    variants: [{ sku, gtin: null, optionValues: { color: "teal" }, attributes: {}, weight: null, status: "active", externalIds: {} }],
  });

  it("upserts products idempotently with derived ids, and fails only the record Shopware refuses", async () => {
    const { emulator, connector } = await setup();
    const tooLong = `NEW-2-${"X".repeat(70)}`;
    const outcomes = await connector.write("product", [fresh("NEW-1", "NEW-1-TEAL"), fresh("NEW-2", tooLong), fresh("NEW-3", "NEW-3-TEAL")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "failed", "created"]);
    expect(outcomes[1]!.issue).toMatchObject({ field: "productNumber", vendorCode: "FRAMEWORK__WRITE_CONSTRAINT_VIOLATION" });
    const syncs = emulator.server.requests.filter((r) => r.path === "/api/_action/sync");
    expect(syncs.map((r) => r.status)).toEqual([400, 200]);
    expect(syncs[0]!.headers["fail-on-error"]).toBe("true");
    const again = await connector.write("product", [fresh("NEW-1", "NEW-1-TEAL")]);
    expect(again[0]).toMatchObject({ status: "updated", externalId: outcomes[0]!.externalId });
    expect(emulator.store.list("product").filter((p) => p.productNumber === "NEW-1")).toHaveLength(1);
  });

  it("writes retail and B2B prices, refusing what Shopware core cannot hold", async () => {
    const { emulator, connector } = await setup();
    const sku = products.find((p) => p.variants.length === 0)!.key;
    const base = { externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", sku, compareAt: null, tiers: [], customerKey: null, validFrom: null, validTo: null };
    const prices: Price[] = [
      { ...base, key: `retail-eur/${sku}`, priceListKey: "retail-eur", price: { amount: 11_900, currency: "EUR" } },
      { ...base, key: `b2b-eur/${sku}`, priceListKey: "b2b-eur", price: { amount: 8_000, currency: "EUR" }, tiers: [{ minQuantity: 10, price: { amount: 7_000, currency: "EUR" } }] },
      { ...base, key: `contract/${sku}`, priceListKey: "b2b-eur", price: { amount: 7_500, currency: "EUR" }, customerKey: "CO-1" },
    ];
    const outcomes = await connector.write("price", prices);
    expect(outcomes.map((o) => o.status)).toEqual(["updated", "updated", "failed"]);
    expect(outcomes[2]!.issue?.field).toBe("customerKey");
    const row = emulator.store.list("product").find((p) => p.productNumber === sku)!;
    expect(row.price).toEqual([expect.objectContaining({ gross: 119, net: 100 })]);
    const advanced = emulator.store.list("product_price").filter((p) => p.productId === row.id);
    expect(advanced.map((p) => [p.quantityStart, p.quantityEnd, (p.price as Array<{ net: number; gross: number }>)[0]])).toEqual([
      [1, 9, expect.objectContaining({ net: 80, gross: 95.2 })], [10, null, expect.objectContaining({ net: 70, gross: 83.3 })],
    ]);
  });

  it("sums the configured locations' stock into Shopware's single stock", async () => {
    const { emulator, connector } = await setup();
    const sku = products.find((p) => p.variants.length === 0)!.key;
    const level = (locationKey: string, available: number): StockLevel => ({
      key: `${sku}@${locationKey}`, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", sku, locationKey, onHand: available, reserved: 0, available, incoming: 0,
    });
    const outcomes = await connector.write("stockLevel", [level("WH-1", 5), level("WH-2", 7), level("STORE-9", 3)]);
    expect(outcomes.map((o) => o.status)).toEqual(["updated", "updated", "failed"]);
    expect(outcomes[2]!.issue?.field).toBe("locationKey");
    const row = emulator.store.list("product").find((p) => p.productNumber === sku)!;
    expect(row.stock).toBe(12);
    await connector.write("stockLevel", [level("WH-1", 1)]);
    expect(emulator.store.list("product").find((p) => p.productNumber === sku)!.stock).toBe(8);
  });

  it("writes tracking codes and walks the state machines; an unreachable state fails the record", async () => {
    const { emulator, connector } = await setup();
    const pending = orders.find((o) => o.status === "pending" || o.status === "confirmed") ?? orders[0]!;
    const shipped: Order = {
      ...pending, status: "fulfilled", paymentStatus: "paid", fulfilmentStatus: "shipped",
      shipments: [{ key: `${pending.key}/1`, externalIds: {}, status: "shipped", carrier: "DHL", trackingNumbers: ["00340434161094042557"], lines: [] }],
    };
    const [outcome] = await connector.write("order", [shipped]);
    expect(outcome).toMatchObject({ status: "updated" });
    const stored = emulator.store.list("order").find((o) => o.orderNumber === pending.number)!;
    const delivery = (stored._deliveries as Array<Record<string, unknown>>)[0]!;
    expect(delivery.trackingCodes).toEqual(["00340434161094042557"]);
    expect((delivery._state as { technicalName: string }).technicalName).toBe("shipped");
    expect((stored._state as { technicalName: string }).technicalName).toBe("completed");
    const [again] = await connector.write("order", [shipped]);
    expect(again!.status).toBe("unchanged");
    const refunded = await connector.write("order", [{ ...shipped, paymentStatus: "refunded" }]);
    expect(refunded[0]!.status).toBe("updated");
    const [back] = await connector.write("order", [{ ...shipped, paymentStatus: "paid" }]);
    expect(back).toMatchObject({ status: "failed", issue: { field: "paymentStatus", reason: "conflict" } });
    const [missing] = await connector.write("order", [{ ...shipped, key: "NOPE", number: "NOPE-1" }]);
    expect(missing).toMatchObject({ status: "failed", issue: { reason: "not_found" } });
  });

  it("sends a transition answered 429 again after Retry-After; a 503 fails only its order, the others move on", async () => {
    const { emulator, connector } = await setup();
    const [first, second] = ["SW-429-1", "SW-429-2"].map((number): Order => ({ ...orders[0]!, key: number, number, status: "confirmed", paymentStatus: "unpaid" }));
    for (const order of [first!, second!]) emulator.placeOrder(order);
    const ship = (order: Order): Order => ({ ...order, status: "fulfilled", paymentStatus: "paid", fulfilmentStatus: "shipped" });
    let limited = 0;
    let broken = 0;
    const firstId = emulator.store.list("order").find((o) => o.orderNumber === first!.number)!.id as string;
    emulator.server.use((request) => {
      if (!request.path.startsWith("/api/_action/order_delivery/")) return undefined;
      if (limited < 2) {
        limited++;
        return { status: 429, headers: { "retry-after": "0" }, body: { errors: [{ status: "429", code: "FRAMEWORK__RATE_LIMIT_EXCEEDED", title: "Too Many Requests", detail: "" }] } };
      }
      return undefined;
    });
    emulator.server.use((request) => {
      const delivery = emulator.store.list("order").find((o) => o.id === firstId)!._deliveries as Array<{ id: string }>;
      if (request.path.startsWith(`/api/_action/order_delivery/${delivery[0]!.id}/`) && broken < 1) {
        broken++;
        return { status: 503, body: { errors: [{ status: "503", code: "UNAVAILABLE", title: "Service Unavailable", detail: "" }] } };
      }
      return undefined;
    });
    const outcomes = await connector.write("order", [ship(first!), ship(second!)]);
    expect(limited).toBe(2);
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "updated"]);
    expect(outcomes[0]!.issue).toMatchObject({ field: "fulfilmentStatus", reason: "unavailable" });
    // The next write recomputes the path from the state Shopware reports and completes it.
    expect((await connector.write("order", [ship(first!)]))[0]!.status).toBe("updated");
  });
});
