import type { EntityInputOf } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { MedusaAddress, MedusaCustomer } from "../medusa-api";
import { isoOf, type MedusaMapContext } from "./medusa-context";

/** Metadata field holding the canonical key of records this connector writes. */
export const KEY_FIELD = "omnibridge_key";

type CustomerInput = EntityInputOf<"customer">;

/** The canonical key of a Medusa record: our metadata key, else the fallback (email, id). */
export function keyOf(metadata: Record<string, unknown> | null | undefined, fallback: string): string {
  const key = metadata?.[KEY_FIELD];
  return typeof key === "string" && key !== "" ? key : fallback;
}

/** A Medusa address → canonical address (a street and city are required). */
export function addressOf(address: MedusaAddress, type: "billing" | "shipping" | "both" = "both") {
  if (!address.address_1 || !address.city || !address.country_code) return null;
  const name = [address.first_name, address.last_name].filter(Boolean).join(" ");
  return {
    type, name: name || null, street: address.address_1, postalCode: address.postal_code ?? null, city: address.city,
    region: address.province ?? null, countryCode: address.country_code.toUpperCase(),
  };
}

/**
 * A Medusa customer → canonical customer. Key: `metadata.omnibridge_key` (written by this connector),
 * else the email (shop sign-ups and guests), else the id. The first customer group (by the groups' keys
 * in `groupKeys`) is the customer group; a customer without a last name gets its email's local part.
 * https://docs.medusajs.com/api/admin#customers_customer_schema
 */
export function toCustomer(customer: MedusaCustomer, context: MedusaMapContext, groupKeys: Map<string, string>): CustomerInput {
  const key = keyOf(customer.metadata, customer.email ?? customer.id);
  const lastName = customer.last_name || customer.email?.split("@")[0];
  if (!lastName) throw new MappingError("lastName", `customer ${customer.id} has neither a last name nor an email`);
  const group = customer.groups?.[0];
  const number = customer.metadata?.customer_number;
  return {
    key,
    externalIds: { [context.system]: customer.id },
    updatedAt: isoOf(customer.updated_at),
    type: "person",
    email: customer.email ?? null,
    firstName: customer.first_name ?? null,
    lastName,
    phone: customer.phone ?? null,
    customerNumber: typeof number === "string" ? number : null,
    customerGroup: group ? (groupKeys.get(group.id) ?? group.id) : null,
    addresses: (customer.addresses ?? []).map((a) => addressOf(a)).filter((a) => a !== null),
  };
}
