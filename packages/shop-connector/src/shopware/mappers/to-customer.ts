import type { Address, EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { ShopwareAddress, ShopwareCustomer } from "../shopware-api";
import type { ShopwareMapContext } from "./shopware-context";
import { normalizeTimestamp } from "./to-product";

function addressOf(raw: ShopwareAddress | null | undefined, type: Address["type"]): Address | undefined {
  const countryCode = raw?.country?.iso?.toUpperCase();
  if (!raw?.street || !raw.city || !countryCode) return undefined;
  const name = [raw.firstName, raw.lastName].filter(Boolean).join(" ");
  return {
    type, name: raw.company ?? (name || null), street: raw.street, street2: raw.additionalAddressLine1 ?? null,
    postalCode: raw.zipcode ?? null, city: raw.city, countryCode,
  };
}

/**
 * A Shopware customer → canonical customer. The customer number is the key. B2B: a customer with a
 * company (or `accountType: business`) is a company contact; the group is the canonical customer group
 * (by `settings.customerGroups`, else the group id). Addresses: default billing and shipping.
 * https://shopware.stoplight.io/docs/admin-api/ (Customer, docs/guides/quick-start/06-customer.md)
 */
export function toCustomer(raw: ShopwareCustomer, context: ShopwareMapContext): EntityInputOf<"customer"> {
  if (!raw.customerNumber) throw new MappingError("customerNumber", `customer ${raw.id} has no customerNumber`);
  if (!raw.lastName) throw new MappingError("lastName", `customer ${raw.customerNumber} has no last name`);
  const billing = addressOf(raw.defaultBillingAddress, "billing");
  const shipping = addressOf(raw.defaultShippingAddress, "shipping");
  const sameAddress = billing && shipping && billing.street === shipping.street && billing.city === shipping.city &&
    billing.postalCode === shipping.postalCode;
  const addresses = sameAddress ? [{ ...billing, type: "both" as const }] : [billing, shipping].filter((a): a is Address => a !== undefined);
  const business = raw.accountType === "business" || Boolean(raw.company);
  const groupId = raw.group?.id ?? raw.groupId;
  return {
    key: raw.customerNumber,
    externalIds: { [context.system]: raw.id },
    updatedAt: normalizeTimestamp(raw.updatedAt ?? raw.createdAt, "updatedAt"),
    type: business ? "contact" : "person",
    email: raw.email ?? null,
    firstName: raw.firstName ?? null,
    lastName: raw.lastName,
    customerNumber: raw.customerNumber,
    customerGroup: groupId ? context.groupKeyOf(groupId) : null,
    locale: raw.language?.locale?.code ?? null,
    addresses,
  };
}
