import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { AS_OF, CUSTOMERS, ORDERS, RATES, costOf, order, ordersOf } from "./__fixtures__/segment-world";
import { createMetricsCalculator } from "./customer-metrics";
import { toLifetimeFigures } from "./derive-metrics";

const calc = createMetricsCalculator({ reportingCurrency: "EUR", rates: RATES, costOf });
const metricsOf = (key: string) => calc.compute(key, key === "C4", ordersOf(key), AS_OF);

describe("customer metrics on the fixed world (EUR; 1 USD = 0.90, 1 GBP = 1.15; as of 2026-06-30)", () => {
  it("Alice: three channels, a USD order converted exactly, margin and CLV", () => {
    const m = metricsOf("C1");
    // O1 web 2000 + 380 tax = 2380; O2 store 1000 + 190 = 1190; O3 marketplace USD 5000 + 350 = 5350 × 0.90 = 4815
    expect(m.orderCount).toBe(3);
    expect(m.revenue).toEqual({ amount: 2380 + 1190 + 4815, currency: "EUR" }); // 8385
    // net sales: 2000 + 1000 + 5000 × 0.90 = 7500; cost: 2 × 400 + 1 × 400 + 1000 USD × 0.90 = 2100
    expect(m.netSales.amount).toBe(7500);
    expect(m.cost?.amount).toBe(2100);
    expect(m.margin?.amount).toBe(5400);
    expect(m.marginRate).toBe(0.72); // 5400 / 7500
    // last order 06-20 → 10 days; first 03-02 → 29 + 30 + 31 + 30 (to 06-30) = 120 days
    expect([m.recencyDays, m.tenureDays]).toEqual([10, 120]);
    expect(m.purchaseFrequency).toBe(0.75); // 3 × 30 / 120
    expect(m.averageOrderValue?.amount).toBe(2795); // 8385 / 3
    // CLV = 8385 × 365 × 3 / 120 × 0.72 = 9 181 575 / 120 × 0.72 = 76 513.125 × 0.72 = 55 089.45 → 55 089
    expect(m.clv).toEqual({ amount: 55089, currency: "EUR" });
    expect(m.clvBasis).toBe("margin");
    expect(m.channels).toEqual({ web: 1, store: 1, marketplace: 1 });
    expect(m.isB2B).toBe(false);
  });

  it("Bob: the cancelled order counts nowhere; a span under 30 days is floored to 30", () => {
    const m = metricsOf("C2");
    // O4 10 000 + 1900 = 11 900; O5 5000 + 950 = 5950; O6 (cancelled, 06-29) ignored → recency from O4 (06-28)
    expect([m.orderCount, m.revenue.amount, m.recencyDays, m.tenureDays]).toEqual([2, 17850, 2, 29]);
    expect(m.purchaseFrequency).toBe(2); // 2 × 30 / max(30, 29)
    // CLV = 17 850 × 365 × 3 / 30 × (9000 / 15 000) = 651 525 × 0.6 = 390 915
    expect(m.clv.amount).toBe(390915);
  });

  it("Carol: GBP order, unknown cost price → margin null and CLV on revenue", () => {
    const m = metricsOf("C3");
    expect(m.revenue.amount).toBe(11040); // (8000 + 1600) GBP × 1.15
    expect([m.cost, m.margin, m.marginRate, m.clvBasis]).toEqual([null, null, null, "revenue"]);
    // 2025-07-15 → 2026-06-30 = 365 − 15 = 350 days; CLV = 11 040 × 1095 / 350 = 34 539.43 → 34 539
    expect([m.recencyDays, m.clv.amount]).toEqual([350, 34539]);
  });

  it("Dan: B2B contact across b2b_portal and EDI", () => {
    const m = metricsOf("C4");
    // 47 600 + 28 560 + 19 040 + 9520 = 104 720; net 40 000 + 24 000 + 16 000 + 8000 = 88 000; cost 110 × 400 = 44 000
    expect([m.revenue.amount, m.netSales.amount, m.margin?.amount, m.marginRate]).toEqual([104720, 88000, 44000, 0.5]);
    // first 2025-12-15 → 197 days; CLV = 104 720 × 1095 / 197 × 0.5 = 291 036.55 → 291 037
    expect([m.tenureDays, m.clv.amount, m.isB2B]).toEqual([197, 291037, true]);
  });

  it("Eve's returned order and Grace without orders", () => {
    expect([metricsOf("C5").orderCount, metricsOf("C5").revenue.amount]).toEqual([1, 1190]);
    const grace = metricsOf("C7");
    expect(grace).toMatchObject({ orderCount: 0, recencyDays: null, purchaseFrequency: 0, averageOrderValue: null, clv: { amount: 0 } });
    expect(toLifetimeFigures(metricsOf("C1"))).toEqual({
      orderCount: 3, revenue: { amount: 8385, currency: "EUR" }, firstOrderAt: "2026-03-02T00:00:00.000Z",
      lastOrderAt: "2026-06-20T00:00:00.000Z", clv: { amount: 55089, currency: "EUR" },
    });
  });

  it("replaceOrder updates without rescanning and equals a full recomputation", () => {
    const before = ORDERS.find((o) => o.key === "O1")!;
    const after = order("O1", { customer: "C1", channel: "web", day: "2026-06-20", lines: [["SKU-A", 6, 1000]], tax: 1140 });
    let acc = calc.empty("C1", false);
    for (const o of ordersOf("C1")) acc = calc.applyOrder(acc, o);
    const incremental = calc.metrics(calc.replaceOrder(acc, before, after), AS_OF);
    const full = calc.compute("C1", false, ordersOf("C1").map((o) => (o.key === "O1" ? after : o)), AS_OF);
    expect(incremental).toEqual(full);
    expect(incremental.revenue.amount).toBe(8385 - 2380 + 7140);
    // re-delivering the same order twice changes nothing (idempotent by order key)
    expect(calc.applyOrder(calc.applyOrder(acc, before), before)).toEqual(acc);
  });

  it("an order without an exchange rate is reported with its key and field", () => {
    const yen = order("OJ", { customer: "C1", channel: "web", currency: "JPY", day: "2026-06-01", lines: [["SKU-A", 1, 1000]], tax: 0 });
    expect(() => calc.applyOrder(calc.empty("C1", false), yen)).toThrow(/order OJ total: no exchange rate from JPY to EUR/);
  });

  it("property: applyOrder then removeOrder restores the accumulator, in any order", () => {
    const customers = CUSTOMERS.map((c) => c.key);
    fc.assert(
      fc.property(fc.subarray(ORDERS), fc.constantFrom(...ORDERS), fc.constantFrom(...customers), (base, extra, key) => {
        const theirs = base.filter((o) => o.key !== extra.key);
        let acc = calc.empty(key, false);
        for (const o of theirs) acc = calc.applyOrder(acc, o);
        expect(calc.removeOrder(calc.applyOrder(acc, extra), extra)).toEqual(acc);
        let reversed = calc.empty(key, false);
        for (const o of [...theirs].reverse()) reversed = calc.applyOrder(reversed, o);
        expect(calc.metrics(reversed, AS_OF)).toEqual(calc.metrics(acc, AS_OF));
      }),
    );
  });
});
