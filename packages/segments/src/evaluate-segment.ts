import type { Customer, SegmentRule } from "@omnibridge/core-model";
import type { CustomerMetrics } from "./derive-metrics";
import type { RfmScore } from "./rfm";
import type { SegmentDefinition } from "./segment-definition";

const DAY_MS = 86_400_000;

/** What a segment is evaluated against. */
export interface SegmentSubject {
  readonly customer: Customer;
  readonly metrics: CustomerMetrics;
  /** Null when the customer has no counted orders. */
  readonly rfm: RfmScore | null;
}

/** True when the customer may receive marketing e-mail (consent explicitly granted). */
export function hasMarketingConsent(customer: Pick<Customer, "consent">): boolean {
  return customer.consent?.email === "granted";
}

/** A contact of a company, or anyone linked to one, is B2B. */
export function isB2BCustomer(customer: Pick<Customer, "type" | "companyKey">): boolean {
  return customer.type === "contact" || Boolean(customer.companyKey);
}

/**
 * Is the subject a member? Marketing segments first require e-mail consent "granted" (denied or
 * unknown → never a member, whatever the rules); then every rule must hold.
 */
export function evaluateSegment(definition: Pick<SegmentDefinition, "purpose" | "rules">, subject: SegmentSubject): boolean {
  if (definition.purpose === "marketing" && !hasMarketingConsent(subject.customer)) return false;
  return definition.rules.every((rule) => evaluateRule(rule, subject));
}

/**
 * One rule. The field resolves to zero or more values (arrays on the way fan out); comparisons
 * hold when any value matches, `neq` when none equals, `exists` when any is present (non-null,
 * non-empty). Ordering ops compare numbers numerically and strings as instants when both parse
 * as dates (else by code units). `contains` tests list membership, or a case-insensitive substring.
 * `within_days` holds for a timestamp no later than asOf and at most that many days before it.
 */
export function evaluateRule(rule: SegmentRule, subject: SegmentSubject): boolean {
  const values = valuesAt(subject, rule.field);
  const expected = rule.value;
  switch (rule.op) {
    case "eq": return values.some((v) => v === expected);
    case "neq": return !values.some((v) => v === expected);
    case "gt": return values.some((v) => holds(compare(v, expected), (sign) => sign > 0));
    case "gte": return values.some((v) => holds(compare(v, expected), (sign) => sign >= 0));
    case "lt": return values.some((v) => holds(compare(v, expected), (sign) => sign < 0));
    case "lte": return values.some((v) => holds(compare(v, expected), (sign) => sign <= 0));
    case "in": return Array.isArray(expected) && values.some((v) => (expected as unknown[]).includes(v));
    case "contains": return values.some((v) => contains(v, expected));
    case "exists": return values.some(present) === (expected !== false);
    case "within_days": return values.some((v) => withinDays(v, expected, subject.metrics.asOf));
  }
}

function valuesAt(subject: SegmentSubject, field: string): unknown[] {
  if (field === "b2b") return [subject.metrics.isB2B || isB2BCustomer(subject.customer)];
  const [root, ...rest] = field.split(".");
  if (root === "metrics") return walk(subject.metrics, rest);
  if (root === "rfm") return walk(subject.rfm, rest);
  return walk(subject.customer, field.split("."));
}

function walk(value: unknown, parts: readonly string[]): unknown[] {
  if (value === undefined || value === null) return parts.length === 0 ? [value] : [];
  const [head, ...rest] = parts;
  if (head === undefined) return [value];
  if (Array.isArray(value)) return value.flatMap((element) => walk(element, parts));
  if (typeof value !== "object" || !Object.hasOwn(value, head)) return [];
  return walk((value as Record<string, unknown>)[head], rest);
}

function holds(sign: number | null, test: (sign: number) => boolean): boolean {
  return sign !== null && test(sign);
}

/** Sign of a − b, or null when they cannot be ordered. */
function compare(a: unknown, b: unknown): number | null {
  if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
  if (typeof a !== "string" || typeof b !== "string") return null;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  if (!Number.isNaN(ta) && !Number.isNaN(tb)) return Math.sign(ta - tb);
  return a < b ? -1 : a > b ? 1 : 0;
}

function contains(value: unknown, expected: unknown): boolean {
  if (Array.isArray(value)) return value.includes(expected);
  if (typeof value === "string" && (typeof expected === "string" || typeof expected === "number")) {
    return value.toLowerCase().includes(String(expected).toLowerCase());
  }
  return false;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);
}

function withinDays(value: unknown, days: unknown, asOf: string): boolean {
  if (typeof value !== "string" || typeof days !== "number") return false;
  const age = Date.parse(asOf) - Date.parse(value);
  return age >= 0 && age <= days * DAY_MS;
}
