import { afterEach, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import { orderSchema, type ConnectorV1, type Order } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "./index";
import { startOdooEmulator, type OdooEmulator } from "./testing/odoo-emulator";

const world = createWorld({ seed: 21, products: 20 });
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) {
    await connector.close();
    await emulator.stop();
  }
});

async function setup() {
  const emulator = await startOdooEmulator({ world, version: 17 });
  const connector = createOdooConnector({
    ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { minDelayMs: 5, maxDelayMs: 20 },
  });
  started.push({ emulator, connector });
  return { emulator, connector };
}

const renumber = (o: Order, prefix: string): Order => ({ ...o, key: `${prefix}-${o.key}`, number: `${prefix}-${o.number}` });
/** sale.order amount_total in minor units (EUR/USD: 2 decimals), by client_order_ref. */
const totalsOf = (emulator: OdooEmulator, prefix: string) => new Map([...emulator.orm.table("sale.order").values()]
  .filter((o) => String(o.client_order_ref).startsWith(`${prefix}-`)).map((o) => [String(o.client_order_ref), Math.round((o.amount_total as number) * 100)]));

/** Integer half-up of a minor-unit product (exact for the world's 2-decimal rates). */
const halfUp = (value: number) => Math.floor(Math.round(value * 1e6) / 1e6 + 0.5);

/** A world order with a promotion, reshaped the way Shopware reports one: undiscounted lines plus the promotion beside them. */
function shopwareShaped(order: Order): Order {
  const lines = order.lines.map((l) => ({ ...l, discount: null, total: { ...l.total, amount: l.unitPrice.amount * l.quantity } }));
  return orderSchema.parse({ ...order, lines, discounts: order.discounts.map((d) => ({ ...d, code: "SPRING10" })) });
}

describe("Odoo order writes with promotions", () => {
  const promoted = [...world.orders()].filter((o) => o.discounts.length > 0 && o.status !== "cancelled");

  it("an order with a 10 % promotion (Shopware shape: promotion beside the lines) reaches Odoo with the shop's untaxed amount, tax and total", async () => {
    const { connector, emulator } = await setup();
    const orders = promoted.slice(0, 12).map((o) => renumber(shopwareShaped(o), "SW"));
    expect(orders.length).toBeGreaterThan(0);
    const outcomes = await connector.write("order", orders);
    expect(outcomes.map((o) => o.status)).toEqual(orders.map(() => "created"));
    const rows = new Map([...emulator.orm.table("sale.order").values()].map((o) => [String(o.client_order_ref), o]));
    for (const order of orders) {
      const row = rows.get(order.number)!;
      // Untaxed exact (the shop's subtotal is after promotions): full-price lines plus one negative promotion line.
      const untaxed = Math.round((row.amount_untaxed as number) * 100);
      expect([order.number, untaxed]).toEqual([order.number, order.subtotal.amount + (order.shipping?.amount ?? 0)]);
      // round_per_line: Odoo rounds each line's tax, the promotion line's too (half away from zero), where the
      // shop rounded the tax of each already-discounted line; a few cents of the promotion sit untaxed so they agree.
      const rate = order.lines[0]!.taxRate!;
      const mine = [...emulator.orm.table("sale.order.line").values()].filter((l) => l.order_id === row.id);
      const taxOf = (l: Record<string, unknown>) =>
        halfUp(Math.round((l.price_subtotal as number) * 100) * ((l.tax_id as number[]).length ? rate : 0));
      const perLine = mine.reduce((a, l) => a + taxOf(l), 0);
      expect([order.number, Math.round((row.amount_tax as number) * 100)]).toEqual([order.number, perLine]);
      const total = Math.round((row.amount_total as number) * 100);
      expect([order.number, perLine, total]).toEqual([order.number, order.taxTotal.amount, order.total.amount]);
    }
    const promotionLines = [...emulator.orm.table("sale.order.line").values()].filter((l) => String(l.name).startsWith("Promotion SPRING10"));
    const isRounding = (l: Record<string, unknown>) => String(l.name).endsWith("(tax rounding)");
    const [main, rounding] = [promotionLines.filter((l) => !isRounding(l)), promotionLines.filter(isRounding)];
    // Without the moved cents, Odoo's per-line tax would differ from the shop's on some of these orders.
    expect(rounding.length).toBeGreaterThan(0);
    expect(main).toHaveLength(orders.length);
    expect(main.every((l) => (l.price_unit as number) < 0 && (l.tax_id as number[]).length === 1)).toBe(true);
    // The moved cents carry no tax and stay a few cents.
    expect(rounding.every((l) => (l.tax_id as number[]).length === 0 && Math.abs(l.price_unit as number) <= 0.1)).toBe(true);
  });

  it("line-discounted orders (world / Medusa shape: the promotion restated per line) reach Odoo with amount_total = the channel's total", async () => {
    const { connector, emulator } = await setup();
    const orders = promoted.map((o) => renumber(o, "LD"));
    expect(orders.some((o) => o.lines.some((l) => (l.discount?.amount ?? 0) > 0))).toBe(true);
    const outcomes = await connector.write("order", orders);
    expect(outcomes.filter((o) => o.status !== "created")).toEqual([]);
    const totals = totalsOf(emulator, "LD");
    const differing = orders.filter((o) => totals.get(o.number) !== o.total.amount);
    expect(differing.map((o) => [o.number, o.total.amount, totals.get(o.number)])).toEqual([]);
  });

  it("every world order (promoted or not, per-line tax rounding) reaches Odoo with the world's total", async () => {
    const { connector, emulator } = await setup();
    const orders = [...world.orders()].map((o) => renumber(o, "ALL"));
    const outcomes = await connector.write("order", orders);
    expect(outcomes.filter((o) => o.status !== "created")).toEqual([]);
    const totals = totalsOf(emulator, "ALL");
    const differing = orders.filter((o) => totals.get(o.number) !== o.total.amount);
    expect(differing.map((o) => [o.number, o.total.amount, totals.get(o.number)])).toEqual([]);
  });
});
