import { z } from "zod";

/**
 * Per-system TLS settings every adapter accepts as `tls`. Certificate verification is on by
 * default; `ca` adds a PEM trust anchor (a private CA), and only an explicit
 * `rejectUnauthorized: false` turns verification off for that one system.
 */
export const tlsSettingsSchema = z
  .object({
    rejectUnauthorized: z.boolean().default(true),
    ca: z.string().min(1, "ca must be a PEM certificate").optional(),
  })
  .strict();

/** TLS settings of one system. */
export type TlsSettings = z.infer<typeof tlsSettingsSchema>;
