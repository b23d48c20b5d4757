import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { orderSchema, priceSchema, productSchema, stockLevelSchema, type Order } from "@omnibridge/core-model";
import { admin, connect, readAll, run, storeApi } from "./medusa-test-helpers";

const facts = inject("medusa");
const connector = connect(facts);
afterAll(() => connector.close());
const now = new Date().toISOString();
const skuA = `MUG-${run}`;
const skuB = `CAP-${run}`;
let variants: Record<string, string> = {};

async function variantIds(): Promise<Record<string, string>> {
  const { variants: rows } = await admin(facts, "GET",
    `/admin/product-variants?sku[]=${skuA}&sku[]=${skuB}&fields=id,sku`) as { variants: Array<{ id: string; sku: string }> };
  return Object.fromEntries(rows.map((v) => [v.sku, v.id]));
}

beforeAll(async () => {
  const products = [skuA, skuB].map((sku) => productSchema.parse({ key: sku, updatedAt: now, name: { en: `Product ${sku}` },
    status: "active" }));
  expect((await connector.write("product", products)).map((o) => o.status)).toEqual(["created", "created"]);
  const prices = [[skuA, 1999], [skuB, 1250]].map(([sku, amount]) => priceSchema.parse({ key: `retail-eur/${sku}`, updatedAt: now,
    priceListKey: "retail-eur", sku, price: { amount, currency: "EUR" } }));
  await connector.write("price", prices);
  const stock = [skuA, skuB].flatMap((sku) => ["warehouse",
    "store-munich"].map((location) => stockLevelSchema.parse({ key: `${sku}@${location}`,
    updatedAt: now, sku, locationKey: location, onHand: 20, reserved: 0, available: 20 })));
  await connector.write("stockLevel", stock);
  variants = await variantIds();
});

async function readOrder(id: string): Promise<Order> {
  const { items } = await readAll(connector, "order");
  const order = items.find((o) => o.key === id);
  if (!order) throw new Error(`order ${id} not read`);
  return order;
}

describe("medusa orders placed by a shopper, read and written back by the connector", () => {
  it("delivery: cart → address → shipping → pp_system_default → complete; read with lines, totals and payment", async () => {
    const shopper = storeApi(facts);
    const placed = await shopper.placeOrder({ email: `buyer-${run}@example.com`, shippingOptionId: facts.shippingOptions.delivery,
      items: [{ variantId: variants[skuA]!, quantity: 2 }, { variantId: variants[skuB]!, quantity: 1 }] });
    const order = await readOrder(String(placed.id));
    expect(orderSchema.safeParse(order).success).toBe(true);
    expect(order).toMatchObject({ number: String(placed.display_id), status: "pending", paymentStatus: "authorized",
      fulfilmentStatus: "unfulfilled",
      currency: "EUR", pickupLocationKey: null, salesChannelKey: "webshop", customerKey: `buyer-${run}@example.com` });
    expect(order.lines.map((l) => `${l.sku}×${l.quantity}@${l.unitPrice.amount}`).sort()).toEqual([`${skuA}×2@1999`,
      `${skuB}×1@1250`].sort());
    // 2 × 19.99 + 12.50 = 52.48, shipping 4.95: exact minor units, no float drift.
    expect([order.subtotal.amount, order.shipping?.amount, order.total.amount]).toEqual([5248, 495, 5743]);

    // Write-back: one shipment with tracking (fulfilment + shipment), then paid (capture).
    const shipped: Order = orderSchema.parse({ ...order, paymentStatus: "paid", shipments: [{ key: `${order.key}/1`, status: "shipped",
      trackingNumbers: [`TRACK-${run}`], trackingUrl: `https://tracking.example.com/${run}`, locationKey: "warehouse", lines: [] }] });
    expect((await connector.write("order", [shipped]))[0]).toMatchObject({ status: "updated" });
    expect((await connector.write("order", [shipped]))[0]).toMatchObject({ status: "unchanged" });
    const after = await readOrder(order.key);
    expect(after).toMatchObject({ paymentStatus: "paid", fulfilmentStatus: "shipped" });
    expect(after.shipments?.[0]).toMatchObject({ key: `${order.key}/1`, status: "shipped", trackingNumbers: [`TRACK-${run}`],
      trackingUrl: `https://tracking.example.com/${run}`, locationKey: "warehouse" });
    expect(after.shipments?.[0]?.lines.reduce((n, l) => n + l.quantity, 0)).toBe(3);

    const delivered = orderSchema.parse({ ...shipped, shipments: [{ ...shipped.shipments![0]!, status: "delivered" }] });
    expect((await connector.write("order", [delivered]))[0]).toMatchObject({ status: "updated" });
    expect((await readOrder(order.key)).fulfilmentStatus).toBe("delivered");
  });

  it("pickup in the store: the pickup option's location is the order's pickup location; ready → collected", async () => {
    const shopper = storeApi(facts);
    const placed = await shopper.placeOrder({ email: `pickup-${run}@example.com`, shippingOptionId: facts.shippingOptions.pickup,
      items: [{ variantId: variants[skuB]!, quantity: 1 }] });
    const order = await readOrder(String(placed.id));
    expect(order).toMatchObject({ pickupLocationKey: "store-munich", fulfilmentStatus: "unfulfilled", shipping: { amount: 0,
      currency: "EUR" } });
    expect(order.total.amount).toBe(1250);

    const ready = orderSchema.parse({ ...order, shipments: [{ key: `${order.key}/pickup`, status: "ready_for_pickup", lines: [] }] });
    expect((await connector.write("order", [ready]))[0]).toMatchObject({ status: "updated" });
    const waiting = await readOrder(order.key);
    expect(waiting).toMatchObject({ fulfilmentStatus: "ready_for_pickup", pickupLocationKey: "store-munich" });
    expect(waiting.shipments?.[0]).toMatchObject({ status: "ready_for_pickup", locationKey: "store-munich" });

    const collected = orderSchema.parse({ ...ready, shipments: [{ ...ready.shipments![0]!, status: "delivered" }] });
    await connector.write("order", [collected]);
    expect((await readOrder(order.key)).fulfilmentStatus).toBe("delivered");
  });

  it("cancels an order, and an order the shop does not have fails its record only", async () => {
    const placed = await storeApi(facts).placeOrder({ email: `cancel-${run}@example.com`, shippingOptionId: facts.shippingOptions.delivery,
      items: [{ variantId: variants[skuA]!, quantity: 1 }] });
    const order = await readOrder(String(placed.id));
    const missing = orderSchema.parse({ ...order, key: `order_missing${run}`, externalIds: {} });
    const outcomes = await connector.write("order", [orderSchema.parse({ ...order, status: "cancelled" }), missing]);
    expect(outcomes.map((o) => o.status)).toEqual(["updated", "failed"]);
    expect(outcomes[1]?.issue?.reason).toBe("not_found");
    expect((await readOrder(order.key)).status).toBe("cancelled");
  });

  it("order deltas: reading from the final cursor returns nothing new", async () => {
    const { cursor } = await readAll(connector, "order");
    expect((await readAll(connector, "order", cursor)).items).toEqual([]);
  });
});
