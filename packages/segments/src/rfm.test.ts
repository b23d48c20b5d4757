import { describe, expect, it } from "vitest";
import { AS_OF, CUSTOMERS, RATES, costOf, ordersOf } from "./__fixtures__/segment-world";
import { createMetricsCalculator } from "./customer-metrics";
import type { CustomerMetrics } from "./derive-metrics";
import { computeRfm } from "./rfm";

const calc = createMetricsCalculator({ reportingCurrency: "EUR", rates: RATES, costOf });
const population = CUSTOMERS.map((c) => calc.compute(c.key, c.type === "contact", ordersOf(c.key), AS_OF));

describe("RFM quintiles", () => {
  it("scores the fixed world by hand (N = 7 parties with orders; score = 1 + ⌊5 × worse / 7⌋)", () => {
    // recency days: C2 2, C4 3, C8 5, C1 10, C5 171, C6 211, C3 350 → worse = how many are strictly greater:
    //   C2 6 → ⌊30/7⌋ = 4 → R5; C4 5 → 3 → R4; C8 4 → 2 → R3; C1 3 → 2 → R3; C5 2 → 1 → R2; C6 1 → 0 → R1; C3 0 → R1
    // orders: C3 1, C5 1, C8 1, C2 2, C1 3, C4 4, C6 4 → strictly fewer: 1s 0 → F1; C2 3 → 2 → F3; C1 4 → 2 → F3; C4, C6 5 → 3 → F4
    // revenue: C5 1190, C8 1190, C1 8385, C3 11 040, C6 16 329, C2 17 850, C4 104 720
    //   → strictly less: 0, 0 → M1; C1 2 → 1 → M2; C3 3 → 2 → M3; C6 4 → 2 → M3; C2 5 → 3 → M4; C4 6 → 4 → M5
    const scores = computeRfm(population);
    const codes = Object.fromEntries([...scores].map(([key, s]) => [key, `${s.code} ${s.label}`]));
    expect(codes).toEqual({
      C1: "332 needs_attention", // R3, F ≤ 3
      C2: "534 potential_loyalist", // R ≥ 4 with F 3: neither champions (F ≥ 4) nor new (F = 1)
      C3: "113 hibernating", // R ≤ 2, F ≤ 2
      C4: "445 champions", // R ≥ 4, F ≥ 4, M ≥ 4
      C5: "211 hibernating",
      C6: "143 at_risk", // R ≤ 2, F ≥ 3
      C8: "311 needs_attention",
    });
    expect(scores.has("C7")).toBe(false); // no orders → no RFM score
  });

  it("ties share a score whatever the input order; 5 distinct values score 1…5", () => {
    const party = (subjectKey: string, recencyDays: number, orderCount: number, amount: number) =>
      ({ subjectKey, recencyDays, orderCount, revenue: { amount, currency: "EUR" } }) as CustomerMetrics;
    const five = [party("a", 50, 1, 100), party("b", 40, 2, 200), party("c", 30, 3, 300), party("d", 20, 4, 400), party("e", 10, 5, 500)];
    expect([...computeRfm(five).values()].map((s) => s.code)).toEqual(["111", "222", "333", "444", "555"]);
    const tied = [party("x", 5, 2, 100), party("y", 5, 2, 100), party("z", 9, 1, 50)];
    const forward = computeRfm(tied);
    const backward = computeRfm([...tied].reverse());
    // x, y tie: worse recency = 1 of 3 → 1 + ⌊5/3⌋ = 2; fewer orders = 1 → 2; z is worst everywhere → 1
    expect([forward.get("x")?.code, forward.get("y")?.code, forward.get("z")?.code]).toEqual(["222", "222", "111"]);
    expect(backward).toEqual(forward);
  });
});
