import type { AkeneoEmulator } from "@omnibridge/pim-connector/testing";
import type { HubSpotEmulator } from "@omnibridge/crm-connector/testing";
import type { ExpectedProjection, ExpectedRecord } from "./expected";

/** Comparison of one target with its expected projection. */
export interface TargetCheck {
  target: string;
  expected: number;
  found: number;
  lost: number;
  duplicated: number;
  wrong: number;
  /** A few offending keys with what differs, for the report. */
  samples: string[];
}

/** Decimal strings (HubSpot amounts) compare as minor units. */
function same(expected: string | number, actual: string | undefined): boolean {
  if (typeof expected === "number") return actual !== undefined && Math.round(Number(actual) * 100) === expected;
  return expected === (actual ?? "");
}

function compare(target: string, expected: Map<string, ExpectedRecord>, found: Map<string, Array<Record<string, string>>>): TargetCheck {
  const check: TargetCheck = { target, expected: expected.size, found: 0, lost: 0, duplicated: 0, wrong: 0, samples: [] };
  const note = (text: string) => void (check.samples.length < 8 && check.samples.push(text));
  for (const [key, records] of found) {
    check.found += records.length;
    if (records.length > 1) {
      check.duplicated += records.length - 1;
      note(`${key}: ${records.length} copies`);
    }
  }
  for (const [key, record] of expected) {
    const actual = found.get(key)?.[0];
    if (!actual) {
      check.lost++;
      note(`${key}: missing`);
      continue;
    }
    const diffs = Object.entries(record.fields).filter(([field, value]) => !same(value, actual[field]));
    if (diffs.length > 0) {
      check.wrong++;
      note(`${key}: ${diffs.map(([f, v]) => `${f} expected ${JSON.stringify(v)} got ${JSON.stringify(actual[f])}`).join(", ")}`);
    }
  }
  return check;
}

function group(store: HubSpotEmulator["store"], type: string, keyProperty: string): Map<string, Array<Record<string, string>>> {
  const out = new Map<string, Array<Record<string, string>>>();
  for (const object of store.type(type).values()) {
    const key = object.properties[keyProperty];
    if (object.archived || !key) continue;
    out.set(key, [...(out.get(key) ?? []), object.properties]);
  }
  return out;
}

/** Contacts sharing one e-mail are duplicates too (the sync must merge into the CRM's contact, not add one). */
function emailTwins(store: HubSpotEmulator["store"]): number {
  const seen = new Map<string, number>();
  for (const object of store.type("contacts").values()) {
    const email = object.properties.email?.toLowerCase();
    if (!object.archived && email) seen.set(email, (seen.get(email) ?? 0) + 1);
  }
  return [...seen.values()].reduce((n, count) => n + count - 1, 0);
}

/** Read HubSpot's in-memory account and compare contacts, companies, deals and line items. */
export function verifyHubSpot(hubspot: HubSpotEmulator, expected: ExpectedProjection): TargetCheck[] {
  const { store } = hubspot;
  const contacts = compare("hubspot.contacts", expected.contacts, group(store, "contacts", "omnibridge_customer_key"));
  const twins = emailTwins(store);
  if (twins > 0) contacts.samples.push(`${twins} contacts share an e-mail`);
  contacts.duplicated += twins;
  return [
    contacts,
    compare("hubspot.companies", expected.companies, group(store, "companies", "omnibridge_company_key")),
    compare("hubspot.deals", expected.deals, group(store, "deals", "omnibridge_order_key")),
    compare("hubspot.line_items", expected.lineItems, group(store, "line_items", "omnibridge_line_key")),
  ];
}

/** Read Akeneo's in-memory PIM: each SKU once, its `price` collection equal to the world's retail prices. */
export function verifyAkeneoPrices(akeneo: AkeneoEmulator, expected: ExpectedProjection): TargetCheck {
  const { state } = akeneo;
  const check: TargetCheck = { target: "akeneo.prices", expected: expected.prices.size, found: 0, lost: 0, duplicated: 0, wrong: 0, samples: [] };
  const note = (text: string) => void (check.samples.length < 8 && check.samples.push(text));
  const bySku = new Map<string, Array<Array<{ amount: string; currency: string }>>>();
  for (const product of state.products.values()) {
    const sku = state.skuOf(product);
    if (!sku) continue;
    const data = product.values.price?.[0]?.data as Array<{ amount: string; currency: string }> | undefined;
    bySku.set(sku, [...(bySku.get(sku) ?? []), data ?? []]);
  }
  for (const [sku, copies] of bySku) {
    if (copies.length > 1) {
      check.duplicated += copies.length - 1;
      note(`${sku}: ${copies.length} products`);
    }
  }
  for (const [sku, currencies] of expected.prices) {
    const data = bySku.get(sku)?.[0];
    if (!data || data.length === 0) {
      check.lost++;
      note(`${sku}: no price`);
      continue;
    }
    check.found++;
    const actual = new Map(data.map((d) => [d.currency, Math.round(Number(d.amount) * 100)]));
    const ok = actual.size === currencies.size && [...currencies].every(([currency, amount]) => actual.get(currency) === amount);
    if (!ok) {
      check.wrong++;
      note(`${sku}: expected ${JSON.stringify([...currencies])} got ${JSON.stringify([...actual])}`);
    }
  }
  return check;
}
