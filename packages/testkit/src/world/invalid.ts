import type { EntityKind } from "@omnibridge/core-model";
import type { InvalidRecordInfo } from "./types";
import { kindId } from "./kinds";
import { hashString, Rng } from "./prng";

/** Kinds the invalidRate option breaks. */
export const INVALID_KINDS: ReadonlySet<EntityKind> = new Set(["product", "stockLevel", "customer"]);

/** True when the record with this key is emitted broken. */
export function isInvalidKey(seed: number, rate: number, entity: EntityKind, key: string): boolean {
  if (rate <= 0 || !INVALID_KINDS.has(entity)) return false;
  return hashString(seed ^ 0x0bad_f00d, `${kindId(entity)}|${key}`) / 4_294_967_296 < rate;
}

type Breaker = { field: string; problem: string; apply(record: Record<string, unknown>): void };

const OVERSIZE = "x".repeat(300);

const BREAKERS: Record<string, Breaker[]> = {
  product: [
    { field: "key", problem: "missing SKU", apply: (r) => void (r.key = "") },
    { field: "description.en", problem: "script tag", apply: (r) => void ((r.description as Record<string, string>).en = '<p>Great</p><script>alert("x")</script>') },
    { field: "name.en_US", problem: "broken locale key", apply: (r) => void (r.name = { en_US: (r.name as Record<string, string>).en }) },
    { field: "name.en", problem: "oversize text", apply: (r) => void ((r.name as Record<string, string>).en = OVERSIZE) },
    { field: "attributes.msrp.0.value.0.currency", problem: "bad currency code", apply: (r) => void ((r.attributes as Record<string, unknown>).msrp = [{ type: "price", value: [{ amount: 1999, currency: "EURO" }] }]) },
  ],
  stockLevel: [
    { field: "onHand", problem: "negative stock", apply: (r) => Object.assign(r, { onHand: -5, reserved: 0, available: -5 }) },
  ],
  customer: [
    { field: "locale", problem: "broken locale key", apply: (r) => void (r.locale = "en_US") },
    { field: "firstName", problem: "script tag", apply: (r) => void (r.firstName = "<script>alert(1)</script>") },
    { field: "lastName", problem: "oversize text", apply: (r) => void (r.lastName = OVERSIZE) },
  ],
};

function breakerFor(seed: number, entity: EntityKind, key: string): Breaker {
  const options = BREAKERS[entity]!;
  return options[new Rng(hashString(seed ^ 0x5eed, key)).int(0, options.length - 1)]!;
}

/** What breaking the record with this key does (without the record). */
export function invalidInfo(seed: number, entity: EntityKind, key: string): InvalidRecordInfo {
  const breaker = breakerFor(seed, entity, key);
  return { entity, key, field: breaker.field, problem: breaker.problem };
}

/** Break a record in place in a vendor-realistic way. */
export function breakRecord(seed: number, entity: EntityKind, record: Record<string, unknown>): void {
  breakerFor(seed, entity, String(record.key)).apply(record);
}
