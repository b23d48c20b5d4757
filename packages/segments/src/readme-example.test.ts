import { describe, expect, it } from "vitest";
import { createMetricsCalculator } from "./customer-metrics";
import { order } from "./__fixtures__/segment-world";

// The worked example of the README, figure by figure.
describe("README worked example", () => {
  it("computes the documented metrics and CLV", () => {
    const calculator = createMetricsCalculator({ reportingCurrency: "EUR", rates: { USD: "0.90" }, lifespanYears: 3 });
    const orders = [
      order("O-1", { customer: "C-1", day: "2026-01-10", channel: "web", lines: [["SKU-A", 2, 5000]], tax: 1900 }),
      order("O-2", { customer: "C-1", day: "2026-03-01", channel: "store", lines: [["SKU-B", 1, 5000]], tax: 950 }),
      order("O-3", { customer: "C-1", day: "2026-04-01", channel: "web", currency: "USD", lines: [["SKU-A", 1, 10000]], tax: 0 }),
      order("O-4", { customer: "C-1", day: "2026-05-01", channel: "web", status: "cancelled", lines: [["SKU-A", 1, 2500]], tax: 500 }),
    ];
    const metrics = calculator.compute("C-1", false, orders, "2026-06-30T00:00:00.000Z");
    expect(metrics).toMatchObject({
      orderCount: 3, revenue: { amount: 26_850, currency: "EUR" }, tenureDays: 171, recencyDays: 90,
      averageOrderValue: { amount: 8_950, currency: "EUR" }, clv: { amount: 171_934, currency: "EUR" }, clvBasis: "revenue",
    });
  });
});
