import { customerSchema, orderSchema, type Customer, type Money, type Order } from "@omnibridge/core-model";
import type { SegmentDefinition } from "../segment-definition";

/** Every figure in the segment tests is measured against this instant. */
export const AS_OF = "2026-06-30T00:00:00.000Z";
/** Reporting in EUR; 1 USD = 0.90 EUR, 1 GBP = 1.15 EUR (exact decimals). */
export const RATES = { USD: "0.90", GBP: "1.15" };
/** Unit costs: SKU-A 4.00 EUR, SKU-B 10.00 USD, SKU-C unknown. */
export function costOf(sku: string): Money | null {
  return sku === "SKU-A" ? { amount: 400, currency: "EUR" } : sku === "SKU-B" ? { amount: 1000, currency: "USD" } : null;
}

type Consent = "granted" | "denied" | "unknown";
function customer(key: string, lastName: string, consent: Consent, b2b = false): Customer {
  return customerSchema.parse({
    key, updatedAt: "2026-01-01T00:00:00.000Z", type: b2b ? "contact" : "person", lastName,
    email: `${lastName.toLowerCase()}@example.com`, customerGroup: b2b ? "b2b" : "retail",
    companyKey: b2b ? "CO-1" : null, consent: { email: consent },
  });
}

/** Eight customers: C2 denied consent, C5 unknown consent, C4 a B2B contact, C7 without orders. */
export const CUSTOMERS: Customer[] = [
  customer("C1", "Alice", "granted"), customer("C2", "Bob", "denied"), customer("C3", "Carol", "granted"),
  customer("C4", "Dan", "granted", true), customer("C5", "Eve", "unknown"), customer("C6", "Frank", "granted"),
  customer("C7", "Grace", "granted"), customer("C8", "Heidi", "granted"),
];

interface OrderSpec {
  customer: string; channel: Order["channel"]; status?: Order["status"]; currency?: string; day: string;
  lines: [sku: string, quantity: number, unitPrice: number][]; tax: number; shipping?: number; company?: string;
}

/** An order whose subtotal is Σ quantity × unit price and total = subtotal + tax + shipping. */
export function order(key: string, spec: OrderSpec): Order {
  const currency = spec.currency ?? "EUR";
  const money = (amount: number) => ({ amount, currency });
  const lines = spec.lines.map(([sku, quantity, unit], i) => ({
    lineKey: `${key}-${i + 1}`, sku, quantity, unitPrice: money(unit), total: money(quantity * unit),
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.total.amount, 0);
  const shipping = spec.shipping ?? 0;
  return orderSchema.parse({
    key, updatedAt: `${spec.day}T00:00:00.000Z`, number: key, channel: spec.channel, status: spec.status ?? "fulfilled",
    customerKey: spec.customer, companyKey: spec.company ?? null, currency, lines,
    subtotal: money(subtotal), taxTotal: money(spec.tax), shipping: money(shipping), total: money(subtotal + spec.tax + shipping),
    placedAt: `${spec.day}T00:00:00.000Z`,
  });
}

/** The orders; amounts in minor units of the order's currency. */
export const ORDERS: Order[] = [
  order("O1", { customer: "C1", channel: "web", day: "2026-06-20", lines: [["SKU-A", 2, 1000]], tax: 380 }),
  order("O2", { customer: "C1", channel: "store", day: "2026-05-01", lines: [["SKU-A", 1, 1000]], tax: 190 }),
  order("O3", { customer: "C1", channel: "marketplace", currency: "USD", day: "2026-03-02", lines: [["SKU-B", 1, 5000]], tax: 350 }),
  order("O4", { customer: "C2", channel: "web", day: "2026-06-28", lines: [["SKU-A", 10, 1000]], tax: 1900 }),
  order("O5", { customer: "C2", channel: "web", day: "2026-06-01", lines: [["SKU-A", 5, 1000]], tax: 950 }),
  order("O6", { customer: "C2", channel: "web", status: "cancelled", day: "2026-06-29", lines: [["SKU-A", 20, 1000]], tax: 3800 }),
  order("O7", { customer: "C3", channel: "web", currency: "GBP", day: "2025-07-15", lines: [["SKU-C", 1, 8000]], tax: 1600 }),
  order("O8", { customer: "C4", channel: "b2b_portal", company: "CO-1", day: "2026-06-27", lines: [["SKU-A", 50, 800]], tax: 7600 }),
  order("O9", { customer: "C4", channel: "edi", company: "CO-1", day: "2026-04-10", lines: [["SKU-A", 30, 800]], tax: 4560 }),
  order("O10", { customer: "C4", channel: "b2b_portal", company: "CO-1", day: "2026-02-01", lines: [["SKU-A", 20, 800]], tax: 3040 }),
  order("O18", { customer: "C4", channel: "edi", company: "CO-1", day: "2025-12-15", lines: [["SKU-A", 10, 800]], tax: 1520 }),
  order("O11", { customer: "C5", channel: "web", day: "2026-01-10", lines: [["SKU-A", 1, 1000]], tax: 190 }),
  order("O12", { customer: "C5", channel: "web", status: "returned", day: "2026-01-20", lines: [["SKU-A", 4, 1000]], tax: 760 }),
  order("O13", { customer: "C6", channel: "store", currency: "USD", day: "2025-12-01", lines: [["SKU-B", 2, 4000]], tax: 560 }),
  order("O14", { customer: "C6", channel: "web", day: "2025-11-01", lines: [["SKU-A", 3, 1000]], tax: 570, shipping: 495 }),
  order("O15", { customer: "C6", channel: "web", day: "2025-10-01", lines: [["SKU-A", 2, 1000]], tax: 380, shipping: 495 }),
  order("O16", { customer: "C6", channel: "web", day: "2025-09-01", lines: [["SKU-A", 1, 1000]], tax: 190, shipping: 495 }),
  order("O17", { customer: "C8", channel: "web", day: "2026-06-25", lines: [["SKU-A", 1, 1000]], tax: 190 }),
];

/** Orders of one customer. */
export function ordersOf(customerKey: string, orders: readonly Order[] = ORDERS): Order[] {
  return orders.filter((o) => o.customerKey === customerKey);
}

/** Config-style segment definitions (validated by the tests through parseSegmentDefinitions). */
export const DEFINITIONS_INPUT: unknown = [
  { key: "vip", name: "VIP", purpose: "marketing", rules: [
    { field: "rfm.r", op: "gte", value: 4 }, { field: "metrics.revenue.amount", op: "gte", value: 10000 }] },
  { key: "winback", name: "Win back", purpose: "marketing", rules: [{ field: "rfm.label", op: "in", value: ["at_risk", "hibernating"] }] },
  { key: "newsletter", name: "Newsletter", purpose: "marketing", rules: [{ field: "email", op: "exists" }] },
  { key: "high-clv", name: "High CLV", purpose: "analytics", rules: [{ field: "metrics.clv.amount", op: "gte", value: 60000 }] },
  { key: "b2b", name: "B2B buyers", purpose: "service", rules: [{ field: "b2b", op: "eq", value: true }] },
  { key: "recent", name: "Bought in the last 30 days", purpose: "analytics", rules: [{ field: "metrics.lastOrderAt", op: "within_days", value: 30 }] },
];

/** Parsed definitions type, for helpers. */
export type Definitions = SegmentDefinition[];
