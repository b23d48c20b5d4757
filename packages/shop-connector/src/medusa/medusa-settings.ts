import { z } from "zod";
import { ConnectorError, canonicalKeySchema, currencySchema, localeSchema, systemIdSchema, type Logger,
  type RateBudget } from "@omnibridge/core-model";
import { tlsSettingsSchema, type RetryOptions } from "@omnibridge/connector-kit";

const budgetSchema = z.custom<RateBudget>((v) => typeof (v as RateBudget | undefined)?.acquire === "function", "must be a RateBudget");
const medusaIdSchema = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[0-9A-Za-z]+$`), `must be a Medusa ${prefix}_… id`);

/**
 * Settings of the Medusa v2 connector: the admin API with a secret API key (Basic auth).
 * https://docs.medusajs.com/api/admin#authentication (secret API keys)
 */
export const medusaSettingsSchema = z.object({
  /** Medusa server URL (`https://shop.example.com`), without `/admin`. */
  url: z.url(),
  /** Secret API key (`sk_…`), created under Settings → Secret API Keys or `POST /admin/api-keys`. */
  secretApiKey: z.string().min(1, "is required"),
  system: systemIdSchema.default("medusa"),
  /** Locale Medusa's single-language texts are read as and written from. */
  locale: localeSchema.default("en"),
  /** Shipping profile new products are created with (Medusa requires one for shippable products). */
  shippingProfileId: medusaIdSchema("sp").optional(),
  /** Sales channels new products are published in, by canonical channel key. */
  salesChannels: z.record(canonicalKeySchema, medusaIdSchema("sc")).default({}),
  /** Stock locations by canonical location key; unmapped locations are read with their Medusa id as key. */
  locations: z.record(canonicalKeySchema, medusaIdSchema("sloc")).default({}),
  /**
   * Canonical price lists that are the variants' own prices (Medusa's base prices), by currency
   * (`{ EUR: "retail-eur" }`). Every other list key is a Medusa price list (written with `priceList`).
   */
  basePriceLists: z.record(currencySchema, canonicalKeySchema).default({}),
  /** Records per write call (Medusa has no bulk upsert for most resources; this bounds one call's work). */
  batchSize: z.int().min(1).max(200).default(50),
  /** Shared request budget of the shop (Medusa documents no limit; this only paces us). */
  rateBudget: budgetSchema.optional(),
  logger: z.custom<Logger>().optional(),
  retry: z.custom<RetryOptions>().optional(),
  timeoutMs: z.int().positive().optional(),
  /** TLS: verification on; `ca` trusts a private CA; `allowInsecureHttp` for a loopback test server. */
  tls: tlsSettingsSchema.optional(),
});
/** Settings as the caller passes them. */
export type MedusaSettingsInput = z.input<typeof medusaSettingsSchema>;
/** Validated settings. */
export type MedusaSettings = z.output<typeof medusaSettingsSchema>;

/** Validate settings; the error names the offending field and never echoes the key. */
export function parseMedusaSettings(input: unknown): MedusaSettings {
  const parsed = medusaSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError("invalid", `medusa settings: ${issue?.path.join(".") || "(root)"} ${issue?.message ?? "is invalid"}`,
    { system: "medusa" });
}
