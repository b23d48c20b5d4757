import { z } from "zod";

/**
 * Per-system transport settings every adapter accepts as `tls` and hands to the kit's client
 * factory unchanged, so a new setting here reaches every connector without touching it.
 *
 * - Certificate verification is on by default; `ca` adds a PEM trust anchor (a private CA), and
 *   only an explicit `rejectUnauthorized: false` turns verification off for that one system.
 * - `allowInsecureHttp: true` allows credentials over plain `http://` to a non-loopback host
 *   (refused otherwise).
 * - `totalTimeoutMs` bounds a whole attempt (the per-attempt `timeoutMs` bounds idle time only, so
 *   a server trickling bytes could hold a request forever); `maxResponseBytes` / `maxRequestBytes`
 *   bound bodies. Defaults: {@link HTTP_LIMIT_DEFAULTS}.
 */
export const tlsSettingsSchema = z
  .object({
    rejectUnauthorized: z.boolean().default(true),
    ca: z.string().min(1, "ca must be a PEM certificate").optional(),
    allowInsecureHttp: z.boolean().optional(),
    totalTimeoutMs: z.int().positive().optional(),
    maxResponseBytes: z.int().positive().optional(),
    maxRequestBytes: z.int().positive().optional(),
  })
  .strict();

/** The same schema under the name that says what it has become: every per-system transport setting. */
export const transportSettingsSchema = tlsSettingsSchema;

/** TLS and transport settings of one system. */
export type TlsSettings = z.infer<typeof tlsSettingsSchema>;

/** Transport settings as a caller may pass them (every field optional). */
export type TransportSettings = z.input<typeof tlsSettingsSchema>;

/** Limits applied when a system's settings do not say otherwise. */
export const HTTP_LIMIT_DEFAULTS = {
  /** A whole attempt, whatever the server's pace: 4 × the per-attempt idle timeout, at least 10 s. */
  totalTimeoutFactor: 4,
  /** 64 MiB: a page of the largest vendor payloads we read fits with room to spare. */
  maxResponseBytes: 64 * 1024 * 1024,
  /** 16 MiB: above every vendor's documented batch payload limit. */
  maxRequestBytes: 16 * 1024 * 1024,
} as const;
