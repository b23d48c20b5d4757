import { z } from "zod";
import { canonicalKeySchema, recordBaseShape, refSchema, timestampSchema } from "./primitives";
import { currencySchema, moneySchema } from "./money";
import { isBeforeInstant } from "./instant";
import { fulfilmentStatusSchema, orderStatusSchema, paymentStatusSchema, shipmentSchema } from "./order-lifecycle";

/** A quantity break: from `minQuantity` units on, the unit price is `price`. */
export const tierPriceSchema = z.object({
  minQuantity: z.int().positive(),
  price: moneySchema,
});

/** One SKU's price in a price list, optionally for one customer (B2B contract price). */
export const priceSchema = z
  .object({
    ...recordBaseShape,
    priceListKey: refSchema,
    sku: refSchema,
    /** Unit price at quantity 1. */
    price: moneySchema,
    /** Strike-through / list price shown beside a sale price. */
    compareAt: moneySchema.nullish(),
    tiers: z.array(tierPriceSchema).default([]),
    /** B2B: applies only to this customer (canonical customer or company key). */
    customerKey: refSchema.nullish(),
    validFrom: timestampSchema.nullish(),
    validTo: timestampSchema.nullish(),
  })
  .superRefine((value, ctx) => {
    if (value.compareAt && value.compareAt.currency !== value.price.currency) {
      ctx.addIssue({ code: "custom", path: ["compareAt", "currency"], message: "must match the price's currency" });
    }
    for (const [i, tier] of value.tiers.entries()) {
      if (tier.price.currency !== value.price.currency) {
        ctx.addIssue({ code: "custom", path: ["tiers", i, "price", "currency"], message: "must match the price's currency" });
      }
    }
    if (value.validFrom && value.validTo && isBeforeInstant(value.validTo, value.validFrom)) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "must not be before validFrom" });
    }
  });
/** Price of a SKU in a price list. */
export type Price = z.infer<typeof priceSchema>;

/** Price list: per currency, channel and customer group; gross or net. */
export const priceListSchema = z.object({
  ...recordBaseShape,
  name: z.string().min(1).max(255),
  currency: currencySchema,
  /** Keys of the sales channels (`Channel` records) the list applies in; empty means all. */
  channels: z.array(z.string()).default([]),
  /** Key of the `CustomerGroup` the list is for (B2B / group prices); none means everyone. */
  customerGroup: z.string().nullish(),
  taxMode: z.enum(["gross", "net"]),
  validFrom: timestampSchema.nullish(),
  validTo: timestampSchema.nullish(),
});
/** Price list. */
export type PriceList = z.infer<typeof priceListSchema>;

/** A stock-holding location: warehouse, store (click & collect) or drop-ship supplier. */
export const locationSchema = z.object({
  ...recordBaseShape,
  name: z.string().min(1).max(255),
  type: z.enum(["warehouse", "store", "supplier"]),
  clickAndCollect: z.boolean().default(false),
  countryCode: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code").nullish(),
});
/** Stock location. */
export type Location = z.infer<typeof locationSchema>;

/** Stock of one SKU at one location. Key convention: `${sku}@${locationKey}`. */
export const stockLevelSchema = z
  .object({
    ...recordBaseShape,
    sku: refSchema,
    locationKey: refSchema,
    onHand: z.number().finite().nonnegative("must not be negative"),
    reserved: z.number().finite().nonnegative("must not be negative"),
    available: z.number().finite(),
    incoming: z.number().finite().nonnegative("must not be negative").default(0),
  })
  .superRefine((value, ctx) => {
    if (value.available > value.onHand) {
      ctx.addIssue({ code: "custom", path: ["available"], message: "must not exceed onHand" });
    }
  });
/** Stock level of a SKU at a location. */
export type StockLevel = z.infer<typeof stockLevelSchema>;

/** Canonical key of a stock level. */
export function stockLevelKey(sku: string, locationKey: string): string {
  return `${sku}@${locationKey}`;
}

/** Sales channels an order can come from. */
export const salesChannelSchema = z.enum(["web", "store", "marketplace", "edi", "b2b_portal", "phone"]);
/** Sales channel. */
export type SalesChannel = z.infer<typeof salesChannelSchema>;

/** An order line. Amounts are per line, in the order's currency. */
export const orderLineSchema = z.object({
  lineKey: canonicalKeySchema,
  sku: refSchema,
  name: z.string().max(512).nullish(),
  quantity: z.number().finite().positive("must be positive"),
  unitPrice: moneySchema,
  discount: moneySchema.nullish(),
  tax: moneySchema.nullish(),
  taxRate: z.number().min(0).max(1).nullish(),
  total: moneySchema,
});
/** An order line. */
export type OrderLine = z.infer<typeof orderLineSchema>;

/** Order from any channel with lines, discounts, taxes and totals. */
export const orderSchema = z
  .object({
    ...recordBaseShape,
    /** Order number as the customer sees it; also the idempotency reference for writes. */
    number: z.string().min(1).max(64),
    channel: salesChannelSchema,
    status: orderStatusSchema,
    paymentStatus: paymentStatusSchema.default("unpaid"),
    /** Fulfilment of all shipments together; absent when the source does not say. */
    fulfilmentStatus: fulfilmentStatusSchema.nullish(),
    /** Shipments with carrier and tracking; absent when the source does not say. */
    shipments: z.array(shipmentSchema).nullish(),
    /** Click & collect: the `Location` (a store with `clickAndCollect`) the customer picks the order up at. */
    pickupLocationKey: refSchema.nullish(),
    /** The `Channel` record the order was placed in (the shop's sales channel). */
    salesChannelKey: refSchema.nullish(),
    customerKey: refSchema.nullish(),
    companyKey: refSchema.nullish(),
    currency: currencySchema,
    lines: z.array(orderLineSchema).min(1, "must have at least one line"),
    discounts: z.array(z.object({ code: z.string().nullish(), promotionKey: refSchema.nullish(), amount: moneySchema })).default([]),
    shipping: moneySchema.nullish(),
    subtotal: moneySchema,
    taxTotal: moneySchema,
    total: moneySchema,
    placedAt: timestampSchema,
    storeKey: refSchema.nullish(),
  })
  .superRefine((value, ctx) => {
    const check = (money: { currency: string } | null | undefined, path: (string | number)[]) => {
      if (money && money.currency !== value.currency) ctx.addIssue({ code: "custom", path, message: `must be in ${value.currency}` });
    };
    check(value.total, ["total", "currency"]);
    check(value.subtotal, ["subtotal", "currency"]);
    check(value.taxTotal, ["taxTotal", "currency"]);
    check(value.shipping, ["shipping", "currency"]);
    value.discounts.forEach((discount, i) => check(discount.amount, ["discounts", i, "amount", "currency"]));
    value.lines.forEach((line, i) => {
      for (const field of ["unitPrice", "discount", "tax", "total"] as const) check(line[field], ["lines", i, field, "currency"]);
    });
    checkShipments(value, ctx);
  });
/** Order. */
export type Order = z.infer<typeof orderSchema>;

type ShipmentCheckInput = Pick<Order, "lines" | "shipments" | "fulfilmentStatus" | "pickupLocationKey">;

/** Shipment lines name existing order lines and never ship more than was ordered; pickup needs a location. */
function checkShipments(value: ShipmentCheckInput, ctx: z.RefinementCtx): void {
  const ordered = new Map(value.lines.map((line) => [line.lineKey, line.quantity]));
  const shipped = new Map<string, number>();
  (value.shipments ?? []).forEach((shipment, s) => {
    shipment.lines.forEach((line, l) => {
      const limit = ordered.get(line.lineKey);
      const path = ["shipments", s, "lines", l];
      if (limit === undefined) {
        ctx.addIssue({ code: "custom", path: [...path, "lineKey"], message: `names no line of this order (${line.lineKey})` });
        return;
      }
      if (shipment.status === "cancelled") return;
      const total = (shipped.get(line.lineKey) ?? 0) + line.quantity;
      shipped.set(line.lineKey, total);
      if (total > limit) ctx.addIssue({ code: "custom", path: [...path, "quantity"], message: `ships ${total} of ${limit} ordered` });
    });
  });
  const pickup = value.fulfilmentStatus === "ready_for_pickup" || value.shipments?.some((s) => s.status === "ready_for_pickup");
  if (pickup && !value.pickupLocationKey) {
    ctx.addIssue({ code: "custom", path: ["pickupLocationKey"], message: "is required when the order is ready for pickup" });
  }
}
