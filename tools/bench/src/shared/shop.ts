import type { Order } from "@omnibridge/core-model";
import { startShopwareEmulator, type ShopwareEmulator, type ShopwareEmulatorOptions } from "@omnibridge/shop-connector/testing";
import { createRateLimitWindow, rateLimitInterceptor, type RateLimitOptions } from "@omnibridge/testkit";
import type { FlowConfig } from "./config-file";
import type { SystemConfig } from "./systems";

/** The shop's system id in the bench and chaos configs (the flows are named `shopware-*`, as `shopFlows` names them). */
export const SHOP = "shopware";

/**
 * The Admin API limit the bench assumes. Shopware documents none for the Admin API (its SaaS limits only
 * `POST /api/oauth/token`, 10 per minute per IP, and a few storefront routes); a self-hosted shop is limited
 * by whatever sits in front of it. Assumed: a reverse proxy (nginx `limit_req zone=api rate=10r/s` with
 * `limit_req_status 429`) answering 429 with `Retry-After`, the same 10 requests per second the bench holds
 * HubSpot's sustained limit to. `pnpm bench -- --shop-rate <n>` changes it.
 */
export const SHOP_RATE_LIMIT: RateLimitOptions = { limit: 10, windowMs: 1_000, mode: "sliding" };

/** Rule id of the B2B customer group's advanced prices (the shop's rule; the emulator does not check rules). */
export const B2B_RULE_ID = "0b2b0b2b0b2b4b2b8b2b0b2b0b2b0b2b";

/** Options of {@link startShop}. */
export interface ShopOptions extends Omit<ShopwareEmulatorOptions, "port"> {
  /** Admin API limit enforced in front of the emulator (see {@link SHOP_RATE_LIMIT}); none when absent. */
  rateLimit?: RateLimitOptions;
}

/** A running Shopware emulator with its config entry (secret as `${ENV}`) and the requests it refused with 429. */
export interface Shop {
  emulator: ShopwareEmulator;
  config: SystemConfig;
  env: Record<string, string>;
  secrets: string[];
  rateLimited(): number;
}

/** Start the Shopware emulator, optionally behind a rate limit like a reverse proxy's (every request but the token endpoint counts). */
export async function startShop(options: ShopOptions): Promise<Shop> {
  const { rateLimit, ...emulatorOptions } = options;
  const emulator = await startShopwareEmulator(emulatorOptions);
  let refused = 0;
  if (rateLimit) {
    const window = createRateLimitWindow(rateLimit);
    emulator.server.use(rateLimitInterceptor(window, {
      key: () => "reverse-proxy",
      limited: (decision) => {
        refused++;
        return {
          status: 429, headers: { "retry-after": String(Math.max(1, Math.ceil(decision.resetMs / 1000))) },
          body: { errors: [{ status: "429", code: "429", title: "Too Many Requests", detail: "Too many requests" }] },
        };
      },
    }));
  }
  const env = { OB_SHOPWARE_CLIENTSECRET: emulator.settings.clientSecret };
  const settings = {
    ...emulator.settings, clientSecret: "${OB_SHOPWARE_CLIENTSECRET}",
    priceLists: { "retail-eur": {}, "retail-usd": {}, "b2b-eur": { ruleId: B2B_RULE_ID, taxMode: "net" } },
  };
  return { emulator, config: { adapter: SHOP, role: "shop", settings }, env, secrets: Object.values(env), rateLimited: () => refused };
}

/**
 * The shop flows as `shopFlows({ shop: "shopware", erp: "odoo", pim: "akeneo" })` (apps/sync extensions/shop)
 * makes them. Prices leave out customer-specific contract prices: Shopware core prices are per rule, never per
 * customer (shop-connector README, limits), so the B2B group's list and both retail lists go to the shop.
 */
export function shopCatalogueFlows(): FlowConfig[] {
  return [
    { name: `${SHOP}-products`, source: { system: "akeneo", entity: "product" }, targets: [{ system: SHOP, entity: "product" }] },
    {
      name: `${SHOP}-prices`, source: { system: "odoo", entity: "price" }, targets: [{ system: SHOP, entity: "price" }],
      filters: [{ field: "customerKey", op: "missing" }],
    },
    { name: `${SHOP}-stock`, source: { system: "odoo", entity: "stockLevel" }, targets: [{ system: SHOP, entity: "stockLevel" }] },
  ];
}

/** The order loop: shop orders → Odoo (idempotent by order number), Odoo status and shipments → the shop's own orders. */
export function shopOrderFlows(): FlowConfig[] {
  return [
    { name: `${SHOP}-orders`, source: { system: SHOP, entity: "order" }, targets: [{ system: "odoo", entity: "order" }] },
    { name: `${SHOP}-order-status`, source: { system: "odoo", entity: "order" }, targets: [{ system: SHOP, entity: "order" }], shopStatus: SHOP },
  ];
}

/** A shop order as a checkout places it, from a world order's lines and customer (the order-loop test's shape). */
export function shopOrder(template: Order, number: string, pickupLocationKey: string | null, placedAt: string): Order {
  return {
    ...template, key: number, number, externalIds: {}, channel: "web", status: "confirmed", paymentStatus: "paid",
    fulfilmentStatus: null, shipments: null, pickupLocationKey, storeKey: null, placedAt,
  };
}
