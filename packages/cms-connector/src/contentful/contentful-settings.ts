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
  ...commonSettingsShape("contentful"),
});

/** Settings as given by the caller. */
export type ContentfulSettingsInput = z.input<typeof contentfulSettingsSchema>;
/** Settings after validation and defaults. */
export type ContentfulSettings = z.output<typeof contentfulSettingsSchema>;
/** @deprecated The parsed settings are `ContentfulSettings` now (and the input `ContentfulSettingsInput`). */
export type ResolvedContentfulSettings = ContentfulSettings;
