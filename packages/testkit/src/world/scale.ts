import { rngFor, STREAM } from "./prng";

const DAY_MS = 86_400_000;
const SPAN_MS = 365 * DAY_MS;

/** Base counts derived from the scale (no iteration needed). */
export interface Layout {
  products: number;
  categories: number;
  rootCategories: number;
  companies: number;
  contacts: number;
  persons: number;
  orders: number;
  promotions: number;
  campaigns: number;
  segments: number;
  contentDocuments: number;
}

/** Counts of every index-addressed kind for a number of products. */
export function layoutFor(products: number): Layout {
  const companies = Math.max(3, Math.floor(products / 20));
  const contacts = contactStart(companies);
  return {
    products,
    categories: Math.max(30, Math.floor(products / 50)),
    rootCategories: 6,
    companies,
    contacts,
    persons: Math.max(10, products - contacts),
    orders: products * 2,
    promotions: Math.max(6, Math.floor(products / 200)),
    campaigns: Math.max(3, Math.floor(products / 1_000)),
    segments: 8 + Math.floor(products / 10_000),
    contentDocuments: Math.max(5, Math.ceil(products / 20)),
  };
}

const CONTACT_OFFSET = [0, 2, 5] as const;

/** Company `c` has 2, 3 or 4 contacts (cycling): index of its first contact among all contacts. */
export function contactStart(company: number): number {
  return 9 * Math.floor(company / 3) + CONTACT_OFFSET[company % 3]!;
}

/** Number of contacts of company `c`. */
export function contactCount(company: number): number {
  return 2 + (company % 3);
}

/** The company and position of contact number `k`. */
export function contactOwner(k: number): { company: number; position: number } {
  const block = Math.floor(k / 9);
  const r = k % 9;
  if (r < 2) return { company: 3 * block, position: r };
  if (r < 5) return { company: 3 * block + 1, position: r - 2 };
  return { company: 3 * block + 2, position: r - 5 };
}

/**
 * Base updatedAt of record `index` among `count`: spread over the year before the epoch in
 * whole-second slots shared by about four records each, so cursor ties are common.
 */
export function baseTime(seed: number, stream: number, index: number, count: number, epochMs: number): string {
  const slots = Math.max(1, Math.floor(count / 4));
  const slot = Math.floor(rngFor(seed, STREAM.time, index, stream).next() * slots);
  const ms = epochMs - SPAN_MS + Math.floor((slot * SPAN_MS) / slots / 1_000) * 1_000;
  return new Date(ms).toISOString();
}

/** ISO time `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}
