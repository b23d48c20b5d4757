import { z } from "zod";
import { localeSchema } from "@omnibridge/core-model";
import { commonSettingsShape, required } from "../shared/settings-common";

/**
 * Settings of the Contentful connector: the CMA (writes) with a management token, the CDA
 * Sync API (reads) with a delivery token.
 * https://www.contentful.com/developers/docs/references/authentication/
 */
export const contentfulSettingsSchema = z.object({
  spaceId: required("spaceId"),
  environment: z.string().min(1).default("master"),
  managementToken: required("managementToken"),
  deliveryToken: required("deliveryToken"),
  managementUrl: z.url({ protocol: /^https?$/, error: "managementUrl must be an http(s) URL" }).default("https://api.contentful.com"),
  deliveryUrl: z.url({ protocol: /^https?$/, error: "deliveryUrl must be an http(s) URL" }).default("https://cdn.contentful.com"),
  /** Locales to write (default: every locale of the environment). */
  locales: z.array(localeSchema).min(1).optional(),
  /**
   * How a write waits for its bulk publish action: first look after `initialDelayMs`, then at doubling
   * intervals up to `maxDelayMs`; after `timeoutMs` the batch fails retryable (writing it again is safe).
   */
  bulkActionPoll: z.object({
    initialDelayMs: z.int().min(0).default(250),
    maxDelayMs: z.int().positive().default(2_000),
    timeoutMs: z.int().positive().default(120_000),
  }).prefault({}),
  ...commonSettingsShape("contentful"),
});

/** Settings as given by the caller. */
export type ContentfulSettingsInput = z.input<typeof contentfulSettingsSchema>;
/** Settings after validation and defaults. */
export type ContentfulSettings = z.output<typeof contentfulSettingsSchema>;
/** @deprecated The parsed settings are `ContentfulSettings` now (and the input `ContentfulSettingsInput`). */
export type ResolvedContentfulSettings = ContentfulSettings;
