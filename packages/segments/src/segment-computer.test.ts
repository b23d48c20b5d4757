import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { orderSchema, segmentSchema, type Customer, type Order } from "@omnibridge/core-model";
import { AS_OF, CUSTOMERS, DEFINITIONS_INPUT, ORDERS, RATES, costOf, order } from "./__fixtures__/segment-world";
import { applyMembershipDiff, diffMembership } from "./membership";
import { startOfUtcDay } from "./derive-metrics";
import { SegmentComputer } from "./segment-computer";
import { parseSegmentDefinitions, type SegmentDefinition } from "./segment-definition";

const parsed = parseSegmentDefinitions(DEFINITIONS_INPUT);
if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
const definitions: SegmentDefinition[] = parsed.definitions;

function computer(orders: readonly Order[] = ORDERS, customers: readonly Customer[] = CUSTOMERS, initial?: Record<string, string[]>) {
  const c = new SegmentComputer({ reportingCurrency: "EUR", rates: RATES, costOf, definitions, initialMembership: initial });
  for (const customer of customers) c.upsertCustomer(customer);
  for (const o of orders) c.orderChanged(null, o);
  return c;
}
const membership = (c: SegmentComputer) => Object.fromEntries(definitions.map((d) => [d.key, [...c.members(d.key)].sort()]));

/** Expected membership of the fixed world (RFM codes and CLVs: see rfm.test.ts, customer-metrics.test.ts). */
const EXPECTED = {
  vip: ["C4"], // R ≥ 4 and revenue ≥ 100.00: C2 (R5, 178.50) and C4 (R4, 1047.20) — C2 denied consent
  winback: ["C3", "C6"], // at_risk/hibernating: C3 113, C5 211, C6 143 — C5's consent is unknown
  newsletter: ["C1", "C3", "C4", "C6", "C7", "C8"], // everyone has an e-mail; C2 denied, C5 unknown
  "high-clv": ["C2", "C4"], // CLV ≥ 600.00: C2 3909.15, C4 2910.37 (analytics: consent not needed); C1 550.89
  b2b: ["C4"], // the contact of CO-1
  recent: ["C1", "C2", "C4", "C8"], // last counted order within 30 days (C2's cancelled 06-29 order ignored)
};

describe("SegmentComputer", () => {
  it("computes the fixed world's membership and canonical segment records", () => {
    const c = computer();
    const result = c.run(AS_OF);
    expect(membership(c)).toEqual(EXPECTED);
    expect(result.evaluated).toBe(8);
    expect(Object.fromEntries([...result.diffs].map(([key, diff]) => [key, diff.added]))).toEqual(EXPECTED);
    for (const segment of result.segments) expect(segmentSchema.parse(segment)).toEqual(segment);
    expect(result.segments.find((s) => s.key === "vip")).toMatchObject({ purpose: "marketing", memberKeys: ["C4"], updatedAt: AS_OF });
  });

  it("after one order changes, re-evaluates only what moved and writes only the changed member", () => {
    const c = computer();
    c.run(AS_OF);
    const before = ORDERS.find((o) => o.key === "O1")!;
    // Alice's web order edited from 2 to 6 units: revenue 8385 − 2380 + 7140 = 13 145, net 11 500, cost 3700,
    // CLV = 13 145 × 1095 / 120 × 7800 / 11 500 = 81 356.1 → 81 356 ≥ 60 000 → enters high-clv.
    // Her M rises to 3 (2 parties below her); Carol's M drops from 3 to 2 (113 → 112, still hibernating).
    c.orderChanged(before, order("O1", { customer: "C1", channel: "web", day: "2026-06-20", lines: [["SKU-A", 6, 1000]], tax: 1140 }));
    const result = c.run(AS_OF);
    expect([...result.diffs]).toEqual([["high-clv", { added: ["C1"], removed: [] }]]);
    expect(result.segments.map((s) => [s.key, s.memberKeys])).toEqual([["high-clv", ["C1", "C2", "C4"]]]);
    expect(result.evaluated).toBe(2); // C1 (changed) and C3 (RFM score moved)
    expect([...result.changedMetrics.keys()]).toEqual(["C1"]);
    expect(result.changedMetrics.get("C1")?.clv.amount).toBe(81356);
    expect(c.subject("C3").rfm?.code).toBe("112");
    expect(c.run(AS_OF)).toMatchObject({ diffs: new Map(), segments: [], evaluated: 0 });
  });

  it("follows consent: granting adds to marketing segments, withdrawing removes", () => {
    const c = computer();
    c.run(AS_OF);
    const bob = CUSTOMERS.find((x) => x.key === "C2")!;
    const carol = CUSTOMERS.find((x) => x.key === "C3")!;
    c.upsertCustomer({ ...bob, consent: { ...bob.consent, email: "granted" } });
    c.upsertCustomer({ ...carol, consent: { ...carol.consent, email: "denied" } });
    const result = c.run(AS_OF);
    expect(Object.fromEntries(result.diffs)).toEqual({
      vip: { added: ["C2"], removed: [] },
      winback: { added: [], removed: ["C3"] },
      newsletter: { added: ["C2"], removed: ["C3"] },
    });
  });

  it("a new asOf re-evaluates everyone; a day-aligned asOf keeps runs within the day incremental", () => {
    const c = computer();
    c.run(AS_OF);
    const later = c.run(startOfUtcDay("2026-07-31T15:20:00Z")); // every last order is now ≥ 33 days old
    expect(later.evaluated).toBe(8);
    expect(Object.fromEntries(later.diffs)).toEqual({ recent: { added: [], removed: ["C1", "C2", "C4", "C8"] } });
    expect(c.run("2026-07-31T00:00:00.000Z").evaluated).toBe(0);
  });

  it("starts from the membership already pushed, removes deleted customers, ignores anonymous orders", () => {
    const c = computer(ORDERS, CUSTOMERS, { vip: ["C4", "C99"] });
    expect(c.run(AS_OF).diffs.get("vip")).toEqual({ added: [], removed: ["C99"] });
    c.removeCustomer("C4");
    const anonymous = orderSchema.parse({ ...ORDERS[0], key: "O-ANON", number: "O-ANON", customerKey: null });
    c.orderChanged(null, anonymous);
    const result = c.run(AS_OF);
    expect(result.diffs.get("vip")).toEqual({ added: [], removed: ["C4"] });
    expect(result.diffs.get("b2b")).toEqual({ added: [], removed: ["C4"] });
    expect(result.evaluated).toBe(1);
    expect(result.changedMetrics.size).toBe(0); // C4 is gone: no lifetime figures to push
  });
});

type Edit = { index: number; kind: "cancel" | "quantity" | "delete" | "reassign"; quantity: number; to: number };

function edited(previous: Order, edit: Edit): Order | null {
  if (edit.kind === "delete") return null;
  if (edit.kind === "cancel") return { ...previous, status: "cancelled" };
  if (edit.kind === "reassign") return { ...previous, customerKey: CUSTOMERS[edit.to % CUSTOMERS.length]!.key };
  const line = previous.lines[0]!;
  const total = { ...line.total, amount: line.unitPrice.amount * edit.quantity };
  const delta = total.amount - line.total.amount;
  const bump = (m: { amount: number; currency: string }) => ({ ...m, amount: m.amount + delta });
  return {
    ...previous,
    lines: [{ ...line, quantity: edit.quantity, total }],
    subtotal: bump(previous.subtotal),
    total: bump(previous.total),
  };
}

describe("properties", () => {
  it("incremental runs give exactly the membership of a full recomputation, and each diff turns previous into next", () => {
    const edit = fc.record({
      index: fc.nat(ORDERS.length - 1), kind: fc.constantFrom("cancel", "quantity", "delete", "reassign"),
      quantity: fc.integer({ min: 1, max: 40 }), to: fc.nat(20),
    }) as fc.Arbitrary<Edit>;
    fc.assert(
      fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }), (batches) => {
        const live = new Map(ORDERS.map((o) => [o.key, o]));
        const incremental = computer();
        incremental.run(AS_OF);
        for (const batch of batches) {
          const previous = membership(incremental);
          for (const e of batch) {
            const before = live.get(ORDERS[e.index]!.key);
            if (!before) continue;
            const after = edited(before, e);
            incremental.orderChanged(before, after);
            if (after) live.set(after.key, after);
            else live.delete(before.key);
          }
          const result = incremental.run(AS_OF);
          const fresh = computer([...live.values()]);
          fresh.run(AS_OF);
          expect(membership(incremental)).toEqual(membership(fresh));
          for (const d of definitions) {
            const diff = result.diffs.get(d.key) ?? { added: [], removed: [] };
            expect([...applyMembershipDiff(new Set(previous[d.key]), diff)].sort()).toEqual(membership(incremental)[d.key]);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("diffMembership: applying the diff to previous gives next, with no overlap", () => {
    const keys = fc.uniqueArray(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"));
    fc.assert(
      fc.property(keys, keys, (p, n) => {
        const previous = new Set<string>(p);
        const next = new Set<string>(n);
        const diff = diffMembership(previous, next);
        expect(applyMembershipDiff(previous, diff)).toEqual(next);
        expect(diff.added.some((k) => previous.has(k)) || diff.removed.some((k) => next.has(k))).toBe(false);
      }),
    );
  });
});
