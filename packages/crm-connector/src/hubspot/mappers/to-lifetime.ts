import type { LifetimeFigures } from "@omnibridge/core-model";
import type { HubSpotProperties } from "../hubspot-api";
import type { LIFETIME_PROPS } from "../hubspot-schema";
import { toIso, toMoney, toNumber } from "./hubspot-values";
import { MappingError } from "@omnibridge/connector-kit";

/** Lifetime figures from contact/company properties; null when none were ever written. */
export function toLifetime(p: HubSpotProperties, names: typeof LIFETIME_PROPS): LifetimeFigures | null {
  const count = toNumber(p[names.orderCount], "lifetime.orderCount");
  if (count === undefined) return null;
  const currency = p[names.currency];
  if (!currency) throw new MappingError("lifetime.revenue.currency", `${names.currency} is empty while ${names.orderCount} is set`);
  return {
    orderCount: count,
    revenue: toMoney(p[names.revenue] || "0", currency, "lifetime.revenue") ?? { amount: 0, currency },
    firstOrderAt: toIso(p[names.firstOrderAt]) ?? null,
    lastOrderAt: toIso(p[names.lastOrderAt]) ?? null,
    ...(p[names.clv] ? { clv: toMoney(p[names.clv], currency, "lifetime.clv") ?? { amount: 0, currency } } : {}),
  };
}
