import { z } from "zod";

/** Where a shopper reaches the store API: the server URL, its publishable key and the region carts are made in. */
export interface MedusaShopperOptions {
  /** Medusa server URL (`http://127.0.0.1:9123`), without `/store`. */
  url: string;
  /** Publishable API key (`pk_…`) of the sales channel the shopper buys in. */
  publishableApiKey: string;
  /** Region (`reg_…`) new carts are created in (its currency is the cart's). */
  regionId: string;
}

/** An address as the store API takes it (`country_code` lower case, ISO 3166-1 alpha-2). */
export interface MedusaShopperAddress {
  first_name: string;
  last_name: string;
  address_1: string;
  city: string;
  postal_code: string;
  country_code: string;
}

/** One order to place: the items by variant id and the shipping option (delivery or a store's pickup option). */
export interface MedusaShopperOrderInput {
  email: string;
  items: ReadonlyArray<{ variantId: string; quantity: number }>;
  shippingOptionId: string;
  address?: MedusaShopperAddress;
}

/** The order a completed cart became (the store API's answer, id and display number checked). */
export type MedusaPlacedOrder = z.infer<typeof placedOrderSchema>;

const jsonObject = z.record(z.string(), z.unknown());
const tokenSchema = z.object({ token: z.string().min(1) });
const customerSchema = z.object({ customer: z.object({ id: z.string().min(1) }).loose() });
const cartSchema = z.object({ cart: z.object({ id: z.string().min(1) }).loose() });
const optionsSchema = z.object({ shipping_options: z.array(z.object({ id: z.string() }).loose()) });
const collectionSchema = z.object({ payment_collection: z.object({ id: z.string().min(1) }).loose() });
const placedOrderSchema = z.object({ id: z.string().min(1), display_id: z.number().int(), email: z.string().nullish(),
  currency_code: z.string() }).loose();
const completedSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("order"), order: placedOrderSchema }).loose(),
  z.object({ type: z.literal("cart"), error: z.unknown().optional() }).loose(),
]);

const DEFAULT_ADDRESS: MedusaShopperAddress = { first_name: "Erika", last_name: "Muster", address_1: "Hauptstraße 5", city: "Berlin",
  postal_code: "10115", country_code: "de" };

/** A shopper's session against a real Medusa v2 store API. */
export interface MedusaShopper {
  /** One store API call (publishable key header, the customer token once registered); the answer must be a JSON object. */
  call(method: string, path: string, body?: unknown): Promise<Record<string, unknown>>;
  /** Register with email + password, create the customer and log in; returns the customer id. */
  register(email: string, password: string, firstName: string, lastName: string): Promise<string>;
  /** Cart → items → address → shipping option → payment session (`pp_system_default`) → complete. */
  placeOrder(input: MedusaShopperOrderInput): Promise<MedusaPlacedOrder>;
}

/**
 * A shopper placing orders through Medusa's store API, as a storefront does (for tests and demos
 * against a real server): https://docs.medusajs.com/resources/storefront-development/checkout and
 * https://docs.medusajs.com/resources/storefront-development/customers/register. Every answer it
 * reads is parsed; a refused step throws with the method, path and status.
 */
export function createMedusaShopper(options: MedusaShopperOptions): MedusaShopper {
  let token: string | undefined;
  const call = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const response = await fetch(`${options.url}${path}`, {
      method,
      headers: { "content-type": "application/json", "x-publishable-api-key": options.publishableApiKey,
        ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`medusa store API ${method} ${path} → ${response.status} ${text.slice(0, 500)}`);
    const parsed = jsonObject.safeParse(text ? JSON.parse(text) : {});
    if (!parsed.success) throw new Error(`medusa store API ${method} ${path}: the answer is not a JSON object`);
    return parsed.data;
  };
  const read = async <T>(schema: z.ZodType<T>, method: string, path: string, body?: unknown): Promise<T> => {
    const answer = await call(method, path, body);
    const parsed = schema.safeParse(answer);
    if (!parsed.success) throw new Error(`medusa store API ${method} ${path}: unexpected answer (${parsed.error.issues[0]?.path.join(".")
      ?? "(root)"} ${parsed.error.issues[0]?.message ?? ""})`);
    return parsed.data;
  };
  return {
    call,
    async register(email, password, firstName, lastName) {
      token = (await read(tokenSchema, "POST", "/auth/customer/emailpass/register", { email, password })).token;
      const { customer } = await read(customerSchema, "POST", "/store/customers", { email, first_name: firstName, last_name: lastName });
      token = (await read(tokenSchema, "POST", "/auth/customer/emailpass", { email, password })).token;
      return customer.id;
    },
    async placeOrder(input) {
      const { cart } = await read(cartSchema, "POST", "/store/carts", { region_id: options.regionId, email: input.email });
      for (const item of input.items) {
        await call("POST", `/store/carts/${cart.id}/line-items`, { variant_id: item.variantId, quantity: item.quantity });
      }
      const address = input.address ?? DEFAULT_ADDRESS;
      await call("POST", `/store/carts/${cart.id}`, { shipping_address: address, billing_address: address });
      const { shipping_options: offered } = await read(optionsSchema, "GET", `/store/shipping-options?cart_id=${cart.id}`);
      if (!offered.some((o) => o.id === input.shippingOptionId)) {
        throw new Error(`medusa shopper: shipping option ${input.shippingOptionId} is not offered for cart ${cart.id} ` +
          `(offered: ${offered.map((o) => o.id).join(", ") || "none"})`);
      }
      await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: input.shippingOptionId });
      const { payment_collection: collection } = await read(collectionSchema, "POST", "/store/payment-collections", { cart_id: cart.id });
      await call("POST", `/store/payment-collections/${collection.id}/payment-sessions`, { provider_id: "pp_system_default" });
      const completed = await read(completedSchema, "POST", `/store/carts/${cart.id}/complete`);
      if (completed.type !== "order") throw new Error(`medusa shopper: cart ${cart.id} did not complete: ${JSON.stringify(completed.error)}`);
      return completed.order;
    },
  };
}
