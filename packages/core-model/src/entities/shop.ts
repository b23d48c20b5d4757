import { z } from "zod";
import { localeSchema, recordBaseShape, refSchema } from "./primitives";
import { currencySchema } from "./money";
import { salesChannelSchema } from "./commerce";

/**
 * A sales channel the retailer runs as a record (a Shopware sales channel, a Medusa sales
 * channel, a marketplace account): where products are visible, which currencies and language
 * it sells in. Price lists name channels by this key (`PriceList.channels`), orders by
 * `Order.salesChannelKey`; `type` is the kind an order's `channel` field carries.
 */
export const channelSchema = z
  .object({
    ...recordBaseShape,
    name: z.string().min(1).max(255),
    type: salesChannelSchema.default("web"),
    /** Currencies the channel sells in; the first is its default. */
    currencies: z.array(currencySchema).min(1, "must have at least one currency"),
    /** Default language of the channel. */
    locale: localeSchema,
    /** Further languages the channel offers. */
    locales: z.array(localeSchema).default([]),
    /** Customer group new customers of this channel join. */
    customerGroupKey: refSchema.nullish(),
    active: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.currencies.forEach((currency, i) => {
      if (seen.has(currency)) ctx.addIssue({ code: "custom", path: ["currencies", i], message: `lists ${currency} twice` });
      seen.add(currency);
    });
  });
/** A sales channel record. */
export type Channel = z.infer<typeof channelSchema>;
/** A sales channel record as accepted before defaults apply. */
export type ChannelInput = z.input<typeof channelSchema>;

/**
 * A customer group (B2C retail, B2B dealers, …). `Customer.customerGroup`, `Company.customerGroup`
 * and `PriceList.customerGroup` hold a group's `key`; the group names its price lists so a shop
 * can show group prices (Shopware advanced prices per rule, Medusa price lists per group).
 */
export const customerGroupSchema = z.object({
  ...recordBaseShape,
  name: z.string().min(1).max(255),
  /** Whether the group sees gross (B2C) or net (B2B) prices. */
  taxMode: z.enum(["gross", "net"]).default("gross"),
  /** Price lists that apply to the group, most specific first. */
  priceListKeys: z.array(refSchema).default([]),
});
/** A customer group. */
export type CustomerGroup = z.infer<typeof customerGroupSchema>;
/** A customer group as accepted before defaults apply. */
export type CustomerGroupInput = z.input<typeof customerGroupSchema>;

/**
 * Shop records that are not sync entity kinds (yet): shop adapters read and write them beside
 * the entity streams, so adding them leaves `EntityKind`, ownership rules and every exhaustive
 * per-kind table of dependants unchanged.
 */
export const shopSchemas = {
  channel: channelSchema,
  customerGroup: customerGroupSchema,
} as const;
/** Names of shop record kinds. */
export type ShopRecordKind = keyof typeof shopSchemas;
