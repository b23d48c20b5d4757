/**
 * Throughput of the segment computer (not part of `pnpm test`):
 *   pnpm --filter @omnibridge/sync exec vitest bench --run src/segments
 * N customers with 3 orders each; a full run, then an incremental run after 100 orders change.
 */
import { bench, describe } from "vitest";
import { customerSchema, type Customer, type Order } from "@omnibridge/core-model";
import { AS_OF, DEFINITIONS_INPUT, RATES, costOf, order } from "./__fixtures__/segment-world";
import { SegmentComputer } from "./segment-computer";
import { parseSegmentDefinitions } from "./segment-definition";

const parsed = parseSegmentDefinitions(DEFINITIONS_INPUT);
if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
const definitions = parsed.definitions;
const N = Number(process.env.SEGMENT_BENCH_CUSTOMERS ?? 100_000);
const days = ["2025-09-01", "2026-01-10", "2026-04-10", "2026-06-20"];
const base = customerSchema.parse({ key: "X", updatedAt: AS_OF, type: "person", lastName: "X", email: "x@example.com" });

function world(): { customers: Customer[]; orders: Order[] } {
  const customers: Customer[] = [];
  const orders: Order[] = [];
  for (let i = 0; i < N; i += 1) {
    const key = `C${i}`;
    customers.push({ ...base, key, consent: { ...base.consent, email: i % 3 === 0 ? "denied" : "granted" } });
    for (let k = 0; k < 3; k += 1) {
      orders.push(order(`O${i}-${k}`, {
        customer: key, channel: k === 2 ? "store" : "web", currency: k === 1 ? "USD" : "EUR", day: days[(i + k) % 4]!,
        lines: [["SKU-A", 1 + ((i * 7 + k) % 9), 1000]], tax: 190,
      }));
    }
  }
  return { customers, orders };
}

const { customers, orders } = world();
const computer = () => {
  const c = new SegmentComputer({ reportingCurrency: "EUR", rates: RATES, costOf, definitions });
  for (const customer of customers) c.upsertCustomer(customer);
  for (const o of orders) c.orderChanged(null, o);
  return c;
};

describe(`segments, ${N} customers × 3 orders`, () => {
  bench("load orders + full run", () => {
    computer().run(AS_OF);
  }, { iterations: 3, warmupIterations: 0 });

  const warm = computer();
  warm.run(AS_OF);
  let round = 0;
  bench("incremental run after 100 changed orders", () => {
    round += 1;
    for (let j = 0; j < 100; j += 1) {
      const previous = orders[(j * 997 + round) % orders.length]!;
      warm.orderChanged(previous, { ...previous, status: round % 2 ? "cancelled" : "fulfilled" });
    }
    warm.run(AS_OF);
  }, { iterations: 10, warmupIterations: 1 });
});
