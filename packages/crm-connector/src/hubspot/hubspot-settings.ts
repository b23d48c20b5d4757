import { z } from "zod";
import { ConnectorError, systemIdSchema, type Logger, type RateBudget } from "@omnibridge/core-model";
import { tlsSettingsSchema, type RetryOptions } from "@omnibridge/connector-kit";

const windowSchema = z.object({ limit: z.int().positive(), windowMs: z.int().positive() });
const budgetSchema = z.custom<RateBudget>((v) => typeof (v as RateBudget | undefined)?.acquire === "function", "must be a RateBudget");

/**
 * Settings of the HubSpot connector. Private-app (static) token auth.
 * https://developers.hubspot.com/docs/guides/apps/private-apps/overview
 */
export const hubSpotSettingsSchema = z.object({
  /** API base URL (the emulator's in tests). */
  url: z.url().default("https://api.hubapi.com"),
  /** Private-app access token (`pat-…`). */
  token: z.string().min(1, "is required"),
  system: systemIdSchema.default("hubspot"),
  /** Account id, used to share one rate budget per account in the process. */
  portalId: z.string().optional(),
  /**
   * Unique property customers are upserted by: `email` (default: merges into contacts the CRM
   * already has) or `omnibridge_customer_key` (our own unique custom property).
   */
  customerIdProperty: z.enum(["email", "omnibridge_customer_key"]).default("email"),
  /** Send consent properties on customer writes; false by default because the CRM owns consent. */
  writeConsent: z.boolean().default(false),
  /** Burst limit of the account (Free/Starter 100 / 10 s; Pro/Enterprise 190 / 10 s). */
  rateLimit: windowSchema.default({ limit: 100, windowMs: 10_000 }),
  /** Search limit per token (documented 4 req/s). */
  searchRateLimit: windowSchema.default({ limit: 4, windowMs: 1_000 }),
  /** Batch requests a write keeps in flight (the shared budget still paces them). */
  writeConcurrency: z.int().min(1).max(10).default(4),
  /** Shared burst budget of the account; defaults to a sliding window matching `rateLimit`. */
  rateBudget: budgetSchema.optional(),
  /** Shared search budget; defaults to a sliding window matching `searchRateLimit`. */
  searchRateBudget: budgetSchema.optional(),
  logger: z.custom<Logger>().optional(),
  retry: z.custom<RetryOptions>().optional(),
  timeoutMs: z.int().positive().optional(),
  /** TLS: verification on; `ca` trusts a private CA; `rejectUnauthorized: false` only explicitly. */
  tls: tlsSettingsSchema.optional(),
});
/** Settings as the caller passes them. */
export type HubSpotSettingsInput = z.input<typeof hubSpotSettingsSchema>;
/** Validated settings. */
export type HubSpotSettings = z.output<typeof hubSpotSettingsSchema>;

/** Validate settings; the error names the offending field and never echoes the token. */
export function parseHubSpotSettings(input: unknown): HubSpotSettings {
  const parsed = hubSpotSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ConnectorError("invalid", `hubspot settings: ${issue?.path.join(".") || "(root)"} ${issue?.message ?? "is invalid"}`, { system: "hubspot" });
}
