import { randomBytes } from "node:crypto";
import { createMedusaConnector, type MedusaConnector, type MedusaSettingsInput } from "../../src";

/** What scripts/medusa/start.sh writes to its connection.json. */
export interface MedusaFacts {
  url: string;
  medusaVersion: string;
  secretApiKey: string;
  publishableApiKey: string;
  salesChannelId: string;
  shippingProfileId: string;
  regions: { eur: string; usd: string };
  stockLocations: { warehouse: string; store: string };
  shippingOptions: { delivery: string; deliveryUs: string; pickup: string };
  customerGroups: { b2b: string; vip: string };
}

/** A run-unique suffix: the server is shared by every file and kept between runs. */
export const run = randomBytes(4).toString("hex");

/** Connector settings for the test server: locations and channel under readable keys, EUR/USD base lists. */
export function medusaSettings(facts: MedusaFacts, extra: Partial<MedusaSettingsInput> = {}): MedusaSettingsInput {
  return {
    url: facts.url, secretApiKey: facts.secretApiKey, shippingProfileId: facts.shippingProfileId,
    salesChannels: { webshop: facts.salesChannelId },
    locations: { warehouse: facts.stockLocations.warehouse, "store-munich": facts.stockLocations.store },
    basePriceLists: { EUR: "retail-eur", USD: "retail-usd" },
    ...extra,
  };
}

export function connect(facts: MedusaFacts, extra: Partial<MedusaSettingsInput> = {}): MedusaConnector {
  return createMedusaConnector(medusaSettings(facts, extra));
}

/** Read every page of an entity (from a cursor) and return its items. */
export async function readAll<K extends Parameters<MedusaConnector["read"]>[0]>(connector: MedusaConnector, entity: K,
  cursor?: string | null) {
  const items = [];
  let last: string | null = cursor ?? null;
  for await (const page of connector.read(entity, { cursor, pageSize: 50 })) {
    items.push(...page.items);
    last = page.cursor;
    if (page.issues.some((i) => i.severity !== "warning")) throw new Error(`issues: ${JSON.stringify(page.issues)}`);
  }
  return { items, cursor: last };
}

type Json = Record<string, unknown>;

/** A shopper's calls to the store API (publishable key header, optional customer token). */
export function storeApi(facts: MedusaFacts) {
  let token: string | undefined;
  const call = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${facts.url}${path}`, {
      method,
      headers: { "content-type": "application/json", "x-publishable-api-key": facts.publishableApiKey,
        ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as Json;
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    call,
    /** Register with email + password and log in (https://docs.medusajs.com/resources/storefront-development/customers/register). */
    async register(email: string, password: string, firstName: string, lastName: string): Promise<string> {
      const registration = (await call("POST", "/auth/customer/emailpass/register", { email, password })) as { token: string };
      token = registration.token;
      const { customer } = (await call("POST", "/store/customers", { email, first_name: firstName,
        last_name: lastName })) as { customer: { id: string } };
      token = ((await call("POST", "/auth/customer/emailpass", { email, password })) as { token: string }).token;
      return customer.id;
    },
    /**
     * Cart → items → address → shipping option → payment collection and session (pp_system_default)
     * → complete. https://docs.medusajs.com/resources/storefront-development/checkout
     */
    async placeOrder(input: { email: string; items: Array<{ variantId: string; quantity: number }>;
      shippingOptionId: string }): Promise<Json> {
      const { cart } = (await call("POST", "/store/carts", { region_id: facts.regions.eur,
        email: input.email })) as { cart: { id: string } };
      for (const item of input.items) await call("POST", `/store/carts/${cart.id}/line-items`, { variant_id: item.variantId,
        quantity: item.quantity });
      const address = { first_name: "Erika", last_name: "Muster", address_1: "Hauptstraße 5", city: "Berlin", postal_code: "10115",
        country_code: "de" };
      await call("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address });
      const { shipping_options: options } = (await call("GET",
        `/store/shipping-options?cart_id=${cart.id}`)) as { shipping_options: Array<{ id: string }> };
      if (!options.some((o) => o.id === input.shippingOptionId)) throw new Error(`shipping option ${input.shippingOptionId} not offered: ${JSON.stringify(options)}`);
      await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: input.shippingOptionId });
      const { payment_collection: collection } = (await call("POST", "/store/payment-collections",
        { cart_id: cart.id })) as { payment_collection: { id: string } };
      await call("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" });
      const completed = (await call("POST", `/store/carts/${cart.id}/complete`)) as { type: string; order?: Json };
      if (completed.type !== "order" || !completed.order) throw new Error(`cart did not complete: ${JSON.stringify(completed)}`);
      return completed.order;
    },
  };
}

/** An admin call with the secret key (to look at what the connector did, independently of its reads). */
export async function admin(facts: MedusaFacts, method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${facts.url}${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${facts.secretApiKey}:`).toString("base64")}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}
