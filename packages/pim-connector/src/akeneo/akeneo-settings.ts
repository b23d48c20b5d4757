import { z } from "zod";
import type { Logger, RateBudget } from "@omnibridge/core-model";
import { tlsSettingsSchema, type RetryOptions } from "@omnibridge/connector-kit";

const nonEmpty = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} must not be empty`);

/** Settings of the Akeneo connector; secrets stay here and are never logged. */
export const akeneoSettingsSchema = z.object({
  /** Base URL of the PIM, e.g. `https://acme.cloud.akeneo.com`. */
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }),
  clientId: nonEmpty("clientId"),
  secret: nonEmpty("secret"),
  username: nonEmpty("username"),
  password: nonEmpty("password"),
  /** Akeneo channel (scope) whose scopable values are read and written. */
  channel: z.string().min(1).default("ecommerce"),
  /** Akeneo locale code → BCP 47 tag (defaults: en_US→en, de_DE→de-DE, fr_FR→fr-FR). */
  localeMap: z.record(z.string().min(1), z.string().min(1)).optional(),
  system: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "system must be a lower-case system id").default("akeneo"),
  rateBudget: z.custom<RateBudget>((v) => typeof (v as RateBudget | undefined)?.acquire === "function", "rateBudget must have acquire()").optional(),
  logger: z.custom<Logger>((v) => typeof (v as Logger | undefined)?.warn === "function", "logger must be a Logger").optional(),
  retry: z.custom<RetryOptions>((v) => typeof v === "object" && v !== null, "retry must be an object").optional(),
  timeoutMs: z.int().positive().optional(),
  /** TLS: verification on; `ca` trusts a private CA; `rejectUnauthorized: false` only explicitly. */
  tls: tlsSettingsSchema.optional(),
  /** Fetch media file metadata (MIME type, size) for product assets: one request per new image. */
  mediaMetadata: z.boolean().default(false),
  /** Concurrent calls per connection; Akeneo asks for at most 4. */
  maxConcurrency: z.int().min(1).max(4).default(4),
});

/** Settings as given by the caller. */
export type AkeneoSettingsInput = z.input<typeof akeneoSettingsSchema>;
/** Settings after validation and defaults. */
export type AkeneoSettings = z.output<typeof akeneoSettingsSchema>;
/** @deprecated The parsed settings are `AkeneoSettings` now (and the input `AkeneoSettingsInput`). */
export type ResolvedAkeneoSettings = AkeneoSettings;
