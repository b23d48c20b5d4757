import { z } from "zod";
import { localeSchema } from "@omnibridge/core-model";
import { commonSettingsShape, required } from "../shared/settings-common";

/**
 * Settings of the WordPress connector. Auth is an Application Password over HTTP Basic.
 * https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/
 */
export const wordpressSettingsSchema = z.object({
  /** Site URL, e.g. `https://shop.example.com` (the REST API is under `/wp-json/`). */
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }),
  username: required("username"),
  /** The 24-character Application Password (spaces allowed, as WordPress shows it). */
  applicationPassword: required("applicationPassword"),
  /** Canonical locale the site's pages carry (default `en`). */
  locale: localeSchema.default("en"),
  /** REST base of the product page post type (default `product-pages`). */
  postType: z.string().regex(/^[a-z0-9_-]+$/, "postType must be a REST base such as product-pages").default("product-pages"),
  /** REST base of the category page post type (default `category-pages`). */
  categoryPostType: z.string().regex(/^[a-z0-9_-]+$/, "categoryPostType must be a REST base").default("category-pages"),
  ...commonSettingsShape("wordpress"),
});

/** Settings as given by the caller. */
export type WordpressSettingsInput = z.input<typeof wordpressSettingsSchema>;
/** Settings after validation and defaults. */
export type WordpressSettings = z.output<typeof wordpressSettingsSchema>;
/** @deprecated The parsed settings are `WordpressSettings` now (and the input `WordpressSettingsInput`). */
export type ResolvedWordpressSettings = WordpressSettings;
