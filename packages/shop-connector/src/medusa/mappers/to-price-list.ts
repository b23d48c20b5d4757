import type { EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaPriceList } from "../medusa-api";
import { isoOf, type MedusaMapContext } from "./medusa-context";
import { keyOf } from "./to-customer";

/** Medusa's price-list rule attribute for customer groups. */
export const GROUP_RULE = "customer.groups.id";

/** Customer group ids a price list's rules name. */
export function groupIdsOfPriceList(list: Pick<MedusaPriceList, "rules">): string[] {
  const value = list.rules?.[GROUP_RULE];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : typeof value === "string" ? [value] : [];
}

/**
 * A Medusa price list → canonical price list. Medusa's lists hold prices in any currency; the canonical
 * list has one, kept in `metadata.omnibridge_currency` by this connector (a list without it fails, naming
 * the field). The first customer-group rule is the list's customer group (by group key).
 * https://docs.medusajs.com/api/admin#price-lists_pricelist_schema
 */
export function toPriceList(list: MedusaPriceList, context: MedusaMapContext, groupKeys: Map<string, string>): EntityInputOf<"priceList"> {
  const currency = list.metadata?.omnibridge_currency;
  if (typeof currency !== "string") throw new MappingError("currency", `price list ${list.id} has no metadata.omnibridge_currency`);
  const group = groupIdsOfPriceList(list)[0];
  return {
    key: keyOf(list.metadata, list.id),
    externalIds: { [context.system]: list.id },
    updatedAt: isoOf(list.updated_at),
    name: list.title,
    currency,
    customerGroup: group ? (groupKeys.get(group) ?? group) : null,
    taxMode: list.metadata?.omnibridge_tax_mode === "net" ? "net" : "gross",
    validFrom: list.starts_at ? isoOf(list.starts_at) : null,
    validTo: list.ends_at ? isoOf(list.ends_at) : null,
  };
}
