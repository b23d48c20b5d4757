import { z } from "zod";
import type { Logger, RateBudget } from "@omnibridge/core-model";
import { tlsSettingsSchema, type RetryOptions } from "@omnibridge/connector-kit";

/** Settings shared by every CMS adapter: system id, rate budget, logger, retry, timeout. */
export function commonSettingsShape(defaultSystem: string) {
  return {
    system: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "system must be a lower-case system id").default(defaultSystem),
    rateBudget: z.custom<RateBudget>((v) => typeof (v as RateBudget | undefined)?.acquire === "function", "rateBudget must have acquire()").optional(),
    logger: z.custom<Logger>((v) => typeof (v as Logger | undefined)?.warn === "function", "logger must be a Logger").optional(),
    retry: z.custom<RetryOptions>((v) => typeof v === "object" && v !== null, "retry must be an object").optional(),
    timeoutMs: z.int().positive().optional(),
    /** TLS: verification on; `ca` trusts a private CA; `rejectUnauthorized: false` only explicitly. */
    tls: tlsSettingsSchema.optional(),
  };
}

/** A required non-empty string whose error names the field. */
export const required = (name: string) => z.string({ error: `${name} is required` }).min(1, `${name} must not be empty`);
