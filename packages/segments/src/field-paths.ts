import { customerSchema, salesChannelSchema } from "@omnibridge/core-model";

/** Fields of the computed metrics a rule may read (`metrics.<path>`). */
export const METRIC_FIELDS: ReadonlySet<string> = new Set([
  "orderCount", "revenue.amount", "revenue.currency", "netSales.amount", "cost.amount", "margin.amount",
  "marginRate", "firstOrderAt", "lastOrderAt", "recencyDays", "tenureDays", "purchaseFrequency",
  "averageOrderValue.amount", "clv.amount", "clvBasis", "isB2B",
  ...salesChannelSchema.options.map((channel) => `channels.${channel}`),
]);

/** Fields of the RFM score a rule may read (`rfm.<field>`). */
export const RFM_FIELDS: ReadonlySet<string> = new Set(["r", "f", "m", "code", "label"]);

/**
 * Why a dotted rule field is not readable, or null when it is. Readable: `b2b`, `metrics.*` from
 * {@link METRIC_FIELDS}, `rfm.*` from {@link RFM_FIELDS}, and any path of the canonical customer
 * schema (`consent.email`, `lifetime.orderCount`, `addresses.countryCode` — arrays on the way are
 * looked into, a rule then holds when any element matches).
 */
export function unknownFieldReason(field: string): string | null {
  if (field === "b2b") return null;
  const [root, ...rest] = field.split(".");
  const tail = rest.join(".");
  if (root === "metrics") return METRIC_FIELDS.has(tail) ? null : `unknown metric "${tail}"; known: ${[...METRIC_FIELDS].join(", ")}`;
  if (root === "rfm") return RFM_FIELDS.has(tail) ? null : `unknown RFM field "${tail}"; known: r, f, m, code, label`;
  return hasSchemaPath(customerSchema, field.split(".")) ? null : `"${field}" is not a field of the canonical customer`;
}

interface Introspectable {
  _zod: { def: { type: string; innerType?: unknown; shape?: Record<string, unknown>; element?: unknown; in?: unknown } };
}

/** Walk a zod schema along `parts`, looking through optional/nullable/default wrappers and arrays. */
function hasSchemaPath(schema: unknown, parts: readonly string[]): boolean {
  const def = (schema as Introspectable)._zod.def;
  if (def.innerType) return hasSchemaPath(def.innerType, parts);
  if (def.type === "pipe" && def.in) return hasSchemaPath(def.in, parts);
  if (def.type === "array" && def.element) return hasSchemaPath(def.element, parts);
  const [head, ...rest] = parts;
  if (head === undefined) return true;
  if (def.type !== "object" || !def.shape || !Object.hasOwn(def.shape, head)) return false;
  return hasSchemaPath(def.shape[head], rest);
}
