import type { Company, Customer, Order, Segment } from "@omnibridge/core-model";

/** A small deterministic CRM world for tests (canonical records, schema-valid). */
export interface FixtureWorld {
  companies: Company[];
  customers: Customer[];
  segments: Segment[];
  orders: Order[];
}

const BASE = Date.parse("2026-01-01T00:00:00.000Z");
/** Timestamps shared by groups of three records, so keyset ties are common. */
const at = (i: number) => new Date(BASE - 86_400_000 + Math.floor(i / 3) * 1_000).toISOString();

/** Build `persons` B2C customers, `companies` companies with two contacts each, 5 segments, `orders` orders. */
export function fixtureWorld(options: { persons: number; companies: number; orders: number }): FixtureWorld {
  const companies: Company[] = [];
  const customers: Customer[] = [];
  for (let c = 0; c < options.companies; c++) {
    const key = `CO-${String(c).padStart(5, "0")}`;
    const contactKeys = [0, 1].map((k) => `CT-${c}-${k}`);
    companies.push({ key, externalIds: {}, updatedAt: at(c), name: `Company ${c} GmbH`, domain: `company${c}.example`, addresses: [], contactKeys, segments: [] });
    contactKeys.forEach((contactKey, k) => customers.push(customer(contactKey, c * 2 + k, key)));
  }
  for (let p = 0; p < options.persons; p++) customers.push(customer(`CU-${String(p).padStart(6, "0")}`, 1_000 + p));
  const segments: Segment[] = ["VIP customers", "Newsletter", "Lapsed buyers", "B2B buyers", "Früh Käufer"].map((name, s) => ({
    key: name.toLowerCase().replace(/ /g, "-"), externalIds: {}, updatedAt: at(s), name, purpose: "marketing", rules: [],
    memberKeys: customers.filter((_, i) => i % (s + 2) === 0).map((c) => c.key),
  }));
  const orders: Order[] = [];
  for (let o = 0; o < options.orders; o++) {
    const buyer = customers[o % customers.length]!;
    orders.push(order(o, buyer));
  }
  return { companies, customers, segments, orders };
}

function customer(key: string, i: number, companyKey?: string): Customer {
  return {
    key, externalIds: {}, updatedAt: at(i), type: companyKey ? "contact" : "person", email: `${key.toLowerCase()}@mail.example`,
    firstName: `First${i}`, lastName: `Last${i}`, phone: `+49 30 ${1000 + i}`, locale: i % 2 ? "de-DE" : "en", customerNumber: null,
    customerGroup: null, companyKey: companyKey ?? null, roles: [], addresses: [],
    consent: { email: i % 3 === 0 ? "granted" : i % 3 === 1 ? "denied" : "unknown", sms: "unknown", updatedAt: at(i), source: "crm" },
    lifetime: null, segments: [],
  };
}

/** An order with two lines in EUR. */
export function order(o: number, buyer: Customer): Order {
  const line = (n: number, price: number, quantity: number) => ({
    lineKey: String(n), sku: `SKU-${(o * 7 + n) % 50}`, name: `Item ${n}`, quantity, unitPrice: { amount: price, currency: "EUR" },
    discount: null, tax: { amount: Math.round(price * quantity * 0.19), currency: "EUR" }, taxRate: 0.19, total: { amount: price * quantity, currency: "EUR" },
  });
  const lines = [line(1, 1999, 2), line(2, 450, 1)];
  const subtotal = lines.reduce((s, l) => s + l.total.amount, 0);
  const tax = lines.reduce((s, l) => s + l.tax.amount, 0);
  return {
    key: `ORD-${String(o).padStart(6, "0")}`, externalIds: {}, updatedAt: at(o), number: `100${o}`, channel: "web", status: "confirmed",
    paymentStatus: "paid", customerKey: buyer.key, companyKey: buyer.companyKey ?? null, currency: "EUR", lines, discounts: [], shipping: null,
    subtotal: { amount: subtotal, currency: "EUR" }, taxTotal: { amount: tax, currency: "EUR" }, total: { amount: subtotal + tax, currency: "EUR" },
    placedAt: at(o), storeKey: null,
  };
}
