import { z } from "zod";
import { ConnectorError, canonicalKeySchema, currencySchema, localeSchema, systemIdSchema, type Logger, type RateBudget } from "@omnibridge/core-model";
import { tlsSettingsSchema, type RetryOptions } from "@omnibridge/connector-kit";

/** A Shopware id: 32 lower-case hex characters (no hyphens). */
export const shopwareIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "must be a Shopware id (32 lower-case hex characters)");

const budgetSchema = z.custom<RateBudget>((v) => typeof (v as RateBudget | undefined)?.acquire === "function", "must be a RateBudget");

/** How one canonical price list is written to Shopware. */
const priceListTargetSchema = z.object({
  /**
   * Rule of the advanced prices (`product.prices`) the list becomes — the customer group's rule for
   * B2B prices. Absent: the list is the retail price (`product.price`, one entry per currency).
   */
  ruleId: shopwareIdSchema.optional(),
  /** Whether the list's amounts are gross (tax included) or net; the other side is computed with the product's tax rate. */
  taxMode: z.enum(["gross", "net"]).default("gross"),
});

/**
 * Settings of the Shopware 6 connector: Admin API with an integration's client credentials.
 * https://shopware.stoplight.io/docs/admin-api/ (docs/concepts/authentication-authorisation.md)
 */
export const shopwareSettingsSchema = z.object({
  /** Shop base URL without `/api` (`https://shop.example.com`). */
  url: z.url(),
  /** Integration access key id (`SWIA…`). */
  clientId: z.string().min(1, "is required"),
  /** Integration secret access key. */
  clientSecret: z.string().min(1, "is required"),
  system: systemIdSchema.default("shopware"),
  /** Locale the shop's default language texts are read as and written from. */
  locale: localeSchema.default("en-GB"),
  /** Shopware currency id per ISO code (`EUR` defaults to Shopware's default currency id). */
  currencies: z.record(currencySchema, shopwareIdSchema).default({ EUR: "b7d2554b0ce847cd82f3ac9bd1c0dfca" }),
  /** Currency products are created with (Shopware requires a price in its default currency). */
  defaultCurrency: currencySchema.default("EUR"),
  /** Tax of products this connector creates. Required for product writes that create products. */
  taxId: shopwareIdSchema.optional(),
  /** Sales channel id per canonical channel key (product visibilities, order `salesChannelKey`). */
  salesChannels: z.record(canonicalKeySchema, shopwareIdSchema).default({}),
  /** Customer group id per canonical customer-group key. */
  customerGroups: z.record(canonicalKeySchema, shopwareIdSchema).default({}),
  /** Canonical price lists written to Shopware, by price-list key. Prices of other lists fail, naming the list. */
  priceLists: z.record(canonicalKeySchema, priceListTargetSchema).default({}),
  /**
   * Locations whose available stock makes up Shopware's single `stock` per product (their sum).
   * Absent: every location counts. Per-location figures are kept in the product's custom field
   * `omnibridge_stock` so each location's update can recompute the sum.
   */
  stockLocationKeys: z.array(canonicalKeySchema).min(1).optional(),
  /** Create new products inactive until their price is written (default false: PIM status is kept). */
  createInactive: z.boolean().default(false),
  /** Order custom field holding the pickup location key (click & collect); Shopware core has none. */
  pickupLocationField: z.string().min(1).default("omnibridge_pickup_location"),
  /** Records per `_action/sync` request. */
  batchSize: z.int().min(1).max(500).default(100),
  /** Shared request budget of the shop (the Admin API documents no limit; this only paces us). */
  rateBudget: budgetSchema.optional(),
  logger: z.custom<Logger>().optional(),
  retry: z.custom<RetryOptions>().optional(),
  timeoutMs: z.int().positive().optional(),
  /** TLS: verification on; `ca` trusts a private CA; `rejectUnauthorized: false` only explicitly. */
  tls: tlsSettingsSchema.optional(),
});
/** Settings as the caller passes them. */
export type ShopwareSettingsInput = z.input<typeof shopwareSettingsSchema>;
/** Validated settings. */
export type ShopwareSettings = z.output<typeof shopwareSettingsSchema>;
/** How one canonical price list is written to Shopware. */
export type ShopwarePriceListTarget = z.output<typeof priceListTargetSchema>;

/** Validate settings; the error names the offending field and never echoes the secret. */
export function parseShopwareSettings(input: unknown): ShopwareSettings {
  const parsed = shopwareSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError("invalid", `shopware settings: ${issue?.path.join(".") || "(root)"} ${issue?.message ?? "is invalid"}`, { system: "shopware" });
}
