import type { Address, Company, Customer } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { type Rng, pad, rngFor, STREAM } from "./prng";
import { baseTime, contactCount, contactOwner, contactStart } from "./scale";
import { CITIES, COMPANY_SUFFIX, COMPANY_WORDS, FIRST_NAMES, LAST_NAMES, slugify, STREETS } from "./vocab";

/** Canonical key of company `c`. */
export function companyKey(c: number): string {
  return `B-${pad(c + 1, 5)}`;
}

/** Canonical key (customer number) of customer `i`. */
export function customerKey(i: number): string {
  return `C-${pad(i + 1, 6)}`;
}

/** Segment key `s`. */
export function segmentKey(s: number): string {
  return `SEG-${pad(s + 1, 3)}`;
}

/** Customer key of contact `position` of company `c`. */
export function contactKeyOf(ctx: GenContext, c: number, position: number): string {
  return customerKey(ctx.layout.persons + contactStart(c) + position);
}

function companyBasics(ctx: GenContext, c: number) {
  const rng = rngFor(ctx.seed, STREAM.company, c);
  const word = rng.pick(COMPANY_WORDS);
  const suffix = rng.pick(COMPANY_SUFFIX);
  const city = rng.pick(CITIES);
  return { rng, name: `${word} ${suffix} ${c + 1}`, domain: `${slugify(word)}-${c + 1}.example.com`, city };
}

function address(rng: Rng, city: (typeof CITIES)[number], name?: string): Address {
  return {
    type: "both", name: name ?? null, street: `${rng.pick(STREETS)} ${rng.int(1, 180)}`, street2: null,
    postalCode: city.postalCode, city: city.city, region: null, countryCode: city.countryCode,
  };
}

function segmentsOf(ctx: GenContext, rng: Rng): string[] {
  const count = rng.int(0, 2);
  const keys = new Set<string>();
  for (let k = 0; k < count; k += 1) keys.add(segmentKey(rng.int(0, ctx.layout.segments - 1)));
  return [...keys];
}

/** Company `c` with its 2–4 contacts. */
export function companyAt(ctx: GenContext, c: number): Company {
  const { rng, name, domain, city } = companyBasics(ctx, c);
  const contactKeys: string[] = [];
  for (let p = 0; p < contactCount(c); p += 1) contactKeys.push(contactKeyOf(ctx, c, p));
  return {
    key: companyKey(c), externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.company, c, ctx.layout.companies, ctx.epochMs),
    name, vatId: `${city.countryCode}${pad(rng.int(0, 999_999_999), 9)}`, domain, customerNumber: companyKey(c),
    customerGroup: "b2b", priceListKey: "b2b-eur", paymentTermsDays: rng.pick([14, 30, 60]),
    creditLimit: { amount: rng.int(5, 200) * 100_000, currency: "EUR" },
    addresses: [address(rng, city, name)], contactKeys, lifetime: null, segments: segmentsOf(ctx, rng),
  };
}

/** True when customer `i` is a company contact (persons come first, contacts after them). */
export function isContactIndex(ctx: GenContext, i: number): boolean {
  return i >= ctx.layout.persons && i < ctx.layout.persons + ctx.layout.contacts;
}

/** Customer `i`: a B2C person or a B2B contact of its company. */
export function customerAt(ctx: GenContext, i: number): Customer {
  const rng = rngFor(ctx.seed, STREAM.customer, i);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const local = `${slugify(firstName)}.${slugify(lastName)}.${i + 1}`;
  const base: Customer = {
    key: customerKey(i), externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.customer, i, ctx.layout.persons, ctx.epochMs),
    type: "person", email: `${local}@mail.example.com`, firstName, lastName, phone: `+49 30 ${pad(rng.int(0, 9_999_999), 7)}`,
    locale: "en", customerNumber: customerKey(i), customerGroup: "retail", companyKey: null, roles: [], addresses: [],
    consent: { email: rng.pick(["granted", "denied", "unknown"] as const), sms: rng.chance(0.2) ? "granted" : "unknown", updatedAt: null, source: null },
    lifetime: null, segments: segmentsOf(ctx, rng),
  };
  if (!isContactIndex(ctx, i)) {
    const city = rng.pick(CITIES);
    return { ...base, locale: city.locale, addresses: [address(rng, city, `${firstName} ${lastName}`)] };
  }
  const { company, position } = contactOwner(i - ctx.layout.persons);
  const { domain, city } = companyBasics(ctx, company);
  const roles: Customer["roles"] = position === 0 ? ["admin", "approver", "buyer"] : position === 1 ? ["accounting"] : ["buyer"];
  return { ...base, type: "contact", email: `${local}@${domain}`, locale: city.locale, customerGroup: "b2b", companyKey: companyKey(company), roles };
}
