import { z } from "zod";
import { ConnectorError, systemIdSchema, type Logger, type RateBudget } from "@omnibridge/core-model";
import { tlsSettingsSchema, type RetryOptions } from "@omnibridge/connector-kit";

/**
 * Settings of the Odoo adapter. `apiKey` replaces the password in JSON-RPC `authenticate` /
 * `execute_kw` (Odoo ≥ 14) and is the bearer token of Odoo 19's `/json/2`.
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#api-keys
 */
export const odooSettingsSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
  database: z.string().min(1),
  username: z.string().min(1),
  apiKey: z.string().min(1),
  /** `jsonrpc` (`/jsonrpc` execute_kw, Odoo 17/18) or `json2` (Odoo 19 `/json/2`). */
  protocol: z.enum(["jsonrpc", "json2"]).default("jsonrpc"),
  /** Server major version; detected through `common.version` when absent. */
  version: z.union([z.literal(17), z.literal(18), z.literal(19)]).optional(),
  /** Odoo language of translatable fields (sent as context `lang`). */
  lang: z.string().default("en_US"),
  /** Canonical locale (BCP 47) that Odoo's texts are read as. */
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "must be a BCP 47 tag such as en or de-DE").default("en"),
  /** default_code of the delivery product used for shipping lines of written orders. */
  shippingSku: z.string().min(1).default("SHIPPING"),
  /**
   * default_code of the discount product of written orders' order-level promotions (a negative line
   * per tax group, named after the promotion code, as sale_loyalty's discount reward lines are).
   */
  discountSku: z.string().min(1).default("DISCOUNT"),
  /**
   * Which created orders are confirmed (`action_confirm`: quotation → sales order, delivery created):
   * `paid` (default) those the channel reports paid or authorised, `always`, or `never` (left as
   * quotations for a person to confirm).
   */
  confirmOrders: z.enum(["paid", "always", "never"]).default("paid"),
  /**
   * Instant that promotion validity (date_from/date_to → active/ended/draft) is evaluated at;
   * default the current time. Replays and the testkit world (valid around its epoch) pin it.
   */
  asOf: z.iso.datetime({ offset: true }).optional(),
  system: systemIdSchema.default("odoo"),
  timeoutMs: z.int().positive().optional(),
  /** TLS: verification on; `ca` trusts a private CA; `rejectUnauthorized: false` only explicitly. */
  tls: tlsSettingsSchema.optional(),
  rateBudget: z.custom<RateBudget>((v) => typeof (v as RateBudget | undefined)?.acquire === "function").optional(),
  logger: z.custom<Logger>((v) => typeof v === "object" && v !== null).optional(),
  retry: z.custom<RetryOptions>((v) => typeof v === "object" && v !== null).optional(),
});

/** Validated Odoo settings. */
export type OdooSettings = z.infer<typeof odooSettingsSchema>;
/** Odoo settings as passed by callers (defaults not yet applied). */
export type OdooSettingsInput = z.input<typeof odooSettingsSchema>;

/** Validate settings; the error names each bad field and never echoes the API key. */
export function parseOdooSettings(input: unknown): OdooSettings {
  const parsed = odooSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(settings)"}: ${i.message}`).join("; ");
  throw new ConnectorError("invalid", `odoo settings are invalid: ${detail}`, { system: "odoo" });
}
