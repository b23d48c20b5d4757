import type { Order, OrderLine, SalesChannel } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { LOCATIONS } from "./gen-commerce";
import { promotionKey } from "./gen-marketing";
import { companyKey, contactKeyOf, customerKey } from "./gen-party";
import { productShape, toB2bNet, toUsd } from "./gen-product-shape";
import { type Rng, pad, rngFor, STREAM } from "./prng";
import { baseTime, contactCount } from "./scale";

const CHANNELS: readonly SalesChannel[] = ["web", "web", "web", "store", "marketplace", "edi", "b2b_portal", "b2b_portal"];
const STORES = LOCATIONS.filter((l) => l.type === "store");

/** Canonical key (and number) of order `o`. */
export function orderKey(o: number): string {
  return `SO-${pad(o + 1, 7)}`;
}

interface Party { customerKey: string | null; companyKey: string | null; currency: "EUR" | "USD"; storeKey: string | null }

function partyOf(ctx: GenContext, rng: Rng, channel: SalesChannel): Party {
  if (channel === "edi" || channel === "b2b_portal") {
    const c = rng.int(0, ctx.layout.companies - 1);
    return { customerKey: contactKeyOf(ctx, c, rng.int(0, contactCount(c) - 1)), companyKey: companyKey(c), currency: "EUR", storeKey: null };
  }
  const person = customerKey(rng.int(0, ctx.layout.persons - 1));
  if (channel === "store") {
    const store = rng.pick(STORES);
    return { customerKey: rng.chance(0.5) ? person : null, companyKey: null, currency: store.countryCode === "US" ? "USD" : "EUR", storeKey: store.key };
  }
  return { customerKey: person, companyKey: null, currency: rng.chance(0.75) ? "EUR" : "USD", storeKey: null };
}

/** Net unit price of a SKU for an order: B2B net list price, or the retail gross price without tax. */
function unitNet(retailEur: number, party: Party, taxRate: number): number {
  if (party.companyKey) return toB2bNet(retailEur);
  const gross = party.currency === "USD" ? toUsd(retailEur) : retailEur;
  return Math.round(gross / (1 + taxRate));
}

function linesOf(ctx: GenContext, rng: Rng, number: string, party: Party, taxRate: number, discountRate: number): OrderLine[] {
  const lines: OrderLine[] = [];
  const count = rng.int(1, 4);
  for (let n = 1; n <= count; n += 1) {
    const shape = productShape(ctx, rng.int(0, ctx.layout.products - 1));
    const v = rng.int(0, shape.skus.length - 1);
    const quantity = party.companyKey ? rng.int(1, 60) : rng.int(1, 3);
    const unit = unitNet(shape.retailEur[v]!, party, taxRate);
    const discount = Math.round(unit * quantity * discountRate);
    const total = unit * quantity - discount;
    const money = (amount: number) => ({ amount, currency: party.currency });
    lines.push({
      lineKey: `${number}-${n}`, sku: shape.skus[v]!, name: shape.skus[v]!, quantity, unitPrice: money(unit),
      discount: money(discount), tax: money(Math.round(total * taxRate)), taxRate, total: money(total),
    });
  }
  return lines;
}

/**
 * Order `o`. Amounts are net per line: `line.total = unitPrice × quantity − discount`,
 * `subtotal = Σ line.total`, `taxTotal = Σ line.tax`, `total = subtotal + taxTotal + shipping`;
 * order-level `discounts` restate the line discounts of the applied promotion.
 */
export function orderAt(ctx: GenContext, o: number): Order {
  const rng = rngFor(ctx.seed, STREAM.order, o);
  const channel = rng.pick(CHANNELS);
  const party = partyOf(ctx, rng, channel);
  const taxRate = party.currency === "USD" ? 0.07 : 0.19;
  const promo = rng.chance(0.2) ? rng.int(0, ctx.layout.promotions - 1) : -1;
  const number = orderKey(o);
  const lines = linesOf(ctx, rng, number, party, taxRate, promo >= 0 ? 0.1 : 0);
  const sum = (pick: (line: OrderLine) => number) => lines.reduce((acc, line) => acc + pick(line), 0);
  const subtotal = sum((l) => l.total.amount);
  const taxTotal = sum((l) => l.tax!.amount);
  const shipping = channel === "web" || channel === "marketplace" ? (subtotal > 5_000 ? 0 : 495) : 0;
  const updatedAt = baseTime(ctx.seed, STREAM.order, o, ctx.layout.orders, ctx.epochMs);
  const age = ctx.epochMs - Date.parse(updatedAt);
  const status = age > 7 * 86_400_000 ? (rng.chance(0.9) ? "fulfilled" : rng.pick(["cancelled", "returned"] as const)) : rng.pick(["pending", "confirmed"] as const);
  const money = (amount: number) => ({ amount, currency: party.currency });
  return {
    key: number, externalIds: {}, updatedAt, number, channel, status,
    paymentStatus: status === "pending" ? "authorized" : status === "returned" ? "refunded" : status === "cancelled" ? "unpaid" : "paid",
    customerKey: party.customerKey, companyKey: party.companyKey, currency: party.currency, lines,
    discounts: promo >= 0 ? [{ code: null, promotionKey: promotionKey(promo), amount: money(sum((l) => l.discount!.amount)) }] : [],
    shipping: money(shipping), subtotal: money(subtotal), taxTotal: money(taxTotal), total: money(subtotal + taxTotal + shipping),
    placedAt: new Date(Date.parse(updatedAt) - rng.int(0, 72) * 3_600_000).toISOString(), storeKey: party.storeKey,
  };
}
