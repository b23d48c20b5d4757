import { describe, expect, it } from "vitest";
import { customerSchema } from "@omnibridge/core-model";
import { AS_OF, DEFINITIONS_INPUT, RATES, costOf, ordersOf } from "./__fixtures__/segment-world";
import { createMetricsCalculator } from "./customer-metrics";
import { evaluateRule, evaluateSegment, type SegmentSubject } from "./evaluate-segment";
import { parseSegmentDefinitions } from "./segment-definition";

const calc = createMetricsCalculator({ reportingCurrency: "EUR", rates: RATES, costOf });

describe("segment definitions from the config", () => {
  it("accepts the fixture definitions", () => {
    const parsed = parseSegmentDefinitions(DEFINITIONS_INPUT);
    expect(parsed.ok && parsed.definitions.map((d) => d.key)).toEqual(["vip", "winback", "newsletter", "high-clv", "b2b", "recent"]);
  });

  it("rejects invalid definitions, naming each path", () => {
    const parsed = parseSegmentDefinitions([
      { key: "a", name: "A", purpose: "marketing", rules: [{ field: "metrics.clv", op: "gte", value: 1 }] },
      { key: "b", name: "B", purpose: "promo", rules: [{ field: "rfm.x", op: "eq", value: 1 }] },
      { key: "c", name: "C", purpose: "service", rules: [{ field: "favouriteColour", op: "eq", value: "red" }, { field: "metrics.lastOrderAt", op: "within_days", value: -3 }] },
      { key: "c", name: "", purpose: "analytics", rules: [] },
      { key: "d", name: "D", purpose: "analytics", rules: [{ field: "consent.email", op: "in", value: "granted" }, { field: "a..b", op: "eq", value: 1 }] },
    ]);
    expect(parsed.ok).toBe(false);
    const errors = parsed.ok ? [] : parsed.errors;
    const at = (path: string) => errors.filter((e) => e.startsWith(`${path}: `));
    expect(at("segments.0.rules.0.field")[0]).toMatch(/unknown metric "clv"; known: .*clv\.amount/);
    expect(at("segments.1.purpose")).toHaveLength(1);
    expect(at("segments.1.rules.0.field")[0]).toMatch(/unknown RFM field "x"/);
    expect(at("segments.2.rules.0.field")[0]).toMatch(/"favouriteColour" is not a field of the canonical customer/);
    expect(at("segments.2.rules.1.value")[0]).toMatch(/within_days needs a positive number/);
    expect(at("segments.3.name")).toHaveLength(1);
    expect(at("segments.3.rules")[0]).toMatch(/at least one rule/);
    expect(at("segments.3.key")[0]).toMatch(/duplicate segment key "c"/);
    expect(at("segments.4.rules.0.value")[0]).toMatch(/in needs a non-empty list/);
    expect(at("segments.4.rules.1.field")[0]).toMatch(/dotted field path/);
  });
});

describe("evaluating rules", () => {
  const customer = customerSchema.parse({
    key: "K1", updatedAt: AS_OF, type: "person", lastName: "Kim", email: "kim@example.com", segments: ["vip-2025"],
    addresses: [{ street: "A 1", city: "Berlin", countryCode: "DE" }, { street: "B 2", city: "Paris", countryCode: "FR" }],
    consent: { email: "granted" },
  });
  const subject: SegmentSubject = { customer, metrics: calc.compute("K1", false, ordersOf("C1"), AS_OF), rfm: null };
  const holds = (field: string, op: string, value?: unknown) => evaluateRule({ field, op, value } as never, subject);

  it("reads canonical fields (arrays fan out, any element matches) and metrics", () => {
    expect(holds("addresses.countryCode", "eq", "FR")).toBe(true);
    expect(holds("addresses.countryCode", "neq", "FR")).toBe(false);
    expect(holds("addresses.countryCode", "in", ["AT", "DE"])).toBe(true);
    expect(holds("segments", "contains", "vip-2025")).toBe(true);
    expect(holds("segments", "contains", "vip")).toBe(false); // list membership, not substring
    expect(holds("email", "contains", "EXAMPLE")).toBe(true); // case-insensitive substring
    expect(holds("phone", "exists")).toBe(false);
    expect(holds("phone", "exists", false)).toBe(true);
    expect(holds("metrics.orderCount", "gte", 3)).toBe(true);
    expect(holds("metrics.marginRate", "gt", 0.72)).toBe(false);
    expect(holds("metrics.lastOrderAt", "gt", "2026-06-19T23:00:00-02:00")).toBe(false); // 06-20 01:00Z is after 06-20 00:00Z
    expect(holds("metrics.firstOrderAt", "within_days", 120)).toBe(true);
    expect(holds("metrics.firstOrderAt", "within_days", 119)).toBe(false);
    expect(holds("metrics.orderCount", "gt", "3")).toBe(false); // a number is never ordered against text
    expect(holds("rfm.r", "gte", 1)).toBe(false); // no RFM score → no value
  });

  it("never puts a customer without e-mail consent in a marketing segment", () => {
    const always = { purpose: "marketing" as const, rules: [{ field: "metrics.orderCount", op: "gte" as const, value: 0 }] };
    expect(evaluateSegment(always, subject)).toBe(true);
    for (const email of ["denied", "unknown"] as const) {
      const without = { ...subject, customer: { ...customer, consent: { ...customer.consent, email, sms: "granted" as const } } };
      expect(evaluateSegment(always, without)).toBe(false);
      expect(evaluateSegment({ ...always, purpose: "analytics" }, without)).toBe(true);
    }
  });
});
