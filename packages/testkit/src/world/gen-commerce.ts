import type { Location, Price, PriceList, StockLevel } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { companyKey } from "./gen-party";
import { productShape, toB2bNet, toUsd, type ProductShape } from "./gen-product-shape";
import { rngFor, STREAM } from "./prng";
import { baseTime } from "./scale";

/** The price lists: retail EUR and USD (gross) and B2B EUR (net, tier and customer prices). */
export const PRICE_LISTS: ReadonlyArray<Omit<PriceList, "updatedAt" | "externalIds">> = [
  { key: "retail-eur", name: "Retail EUR", currency: "EUR", channels: ["web", "store"], customerGroup: null, taxMode: "gross" },
  { key: "retail-usd", name: "Retail USD", currency: "USD", channels: ["web", "marketplace"], customerGroup: null, taxMode: "gross" },
  { key: "b2b-eur", name: "B2B EUR", currency: "EUR", channels: ["b2b_portal", "edi"], customerGroup: "b2b", taxMode: "net" },
];

/** Two warehouses and four click & collect stores. */
export const LOCATIONS: ReadonlyArray<Omit<Location, "updatedAt" | "externalIds">> = [
  { key: "WH-DE-01", name: "Central warehouse Kassel", type: "warehouse", clickAndCollect: false, countryCode: "DE" },
  { key: "WH-US-01", name: "East coast warehouse Newark", type: "warehouse", clickAndCollect: false, countryCode: "US" },
  { key: "ST-BERLIN", name: "Store Berlin Mitte", type: "store", clickAndCollect: true, countryCode: "DE" },
  { key: "ST-MUNICH", name: "Store München", type: "store", clickAndCollect: true, countryCode: "DE" },
  { key: "ST-PARIS", name: "Store Paris Opéra", type: "store", clickAndCollect: true, countryCode: "FR" },
  { key: "ST-NEWYORK", name: "Store New York SoHo", type: "store", clickAndCollect: true, countryCode: "US" },
];

/** Share of companies with contract (customer-specific) prices, and SKUs per contract. */
export const CONTRACT_EVERY = 10;
export const CONTRACT_SKUS = 5;

/** Price list `i` of {@link PRICE_LISTS}. */
export function priceListAt(ctx: GenContext, i: number): PriceList {
  return { ...PRICE_LISTS[i]!, externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.priceList, i, 3, ctx.epochMs) };
}

/** Location `i` of {@link LOCATIONS}. */
export function locationAt(ctx: GenContext, i: number): Location {
  return { ...LOCATIONS[i]!, externalIds: {}, updatedAt: baseTime(ctx.seed, STREAM.location, i, 6, ctx.epochMs) };
}

/** Key of a price row: `<list>:<sku>` or `<list>:<sku>:<company>` for a customer price. */
export function priceKey(list: string, sku: string, customer?: string): string {
  return customer ? `${list}:${sku}:${customer}` : `${list}:${sku}`;
}

/** The three list prices of SKU number `v` of a product. */
export function pricesOfSku(ctx: GenContext, shape: ProductShape, v: number): Price[] {
  const sku = shape.skus[v]!;
  const eur = shape.retailEur[v]!;
  const rng = rngFor(ctx.seed, STREAM.price, shape.index, v);
  const time = (list: number) => baseTime(ctx.seed, STREAM.price, shape.index * 32 + v * 3 + list, ctx.layout.products * 6, ctx.epochMs);
  const sale = rng.chance(0.15);
  const net = toB2bNet(eur);
  const row = (list: number, amount: number, currency: string): Price => ({
    key: priceKey(PRICE_LISTS[list]!.key, sku), externalIds: {}, updatedAt: time(list), priceListKey: PRICE_LISTS[list]!.key, sku,
    price: { amount, currency }, compareAt: null, tiers: [], customerKey: null, validFrom: null, validTo: null,
  });
  const retail = row(0, sale ? Math.round(eur * 0.8) : eur, "EUR");
  if (sale) retail.compareAt = { amount: eur, currency: "EUR" };
  const b2b = row(2, net, "EUR");
  b2b.tiers = [
    { minQuantity: 10, price: { amount: Math.round(net * 0.95), currency: "EUR" } },
    { minQuantity: 50, price: { amount: Math.round(net * 0.9), currency: "EUR" } },
  ];
  return [retail, row(1, toUsd(eur), "USD"), b2b];
}

/** Contract prices of company `c` (only every tenth company has them). */
export function customerPricesOf(ctx: GenContext, c: number): Price[] {
  if (c % CONTRACT_EVERY !== 0) return [];
  const rng = rngFor(ctx.seed, STREAM.customerPrice, c);
  const first = rng.int(0, ctx.layout.products - 1);
  const out: Price[] = [];
  for (let k = 0; k < CONTRACT_SKUS; k += 1) {
    const shape = productShape(ctx, (first + k) % ctx.layout.products);
    const v = rng.int(0, shape.skus.length - 1);
    const sku = shape.skus[v]!;
    out.push({
      key: priceKey("b2b-eur", sku, companyKey(c)), externalIds: {},
      updatedAt: baseTime(ctx.seed, STREAM.customerPrice, c * 8 + k, ctx.layout.companies, ctx.epochMs),
      priceListKey: "b2b-eur", sku, price: { amount: Math.round(toB2bNet(shape.retailEur[v]!) * 0.9), currency: "EUR" },
      compareAt: null, tiers: [], customerKey: companyKey(c), validFrom: ctx.epoch, validTo: null,
    });
  }
  return out;
}

/** Locations that stock a product: both warehouses plus the stores of its mask. */
export function stockedLocations(shape: ProductShape): string[] {
  const keys = [LOCATIONS[0]!.key, LOCATIONS[1]!.key];
  for (let s = 0; s < 4; s += 1) if (shape.storeMask & (1 << s)) keys.push(LOCATIONS[2 + s]!.key);
  return keys;
}

/** Stock of SKU number `v` of a product at each location that stocks it. */
export function stockOfSku(ctx: GenContext, shape: ProductShape, v: number): StockLevel[] {
  const sku = shape.skus[v]!;
  const rng = rngFor(ctx.seed, STREAM.stock, shape.index, v);
  return stockedLocations(shape).map((locationKey, l) => {
    const onHand = rng.chance(0.08) ? 0 : rng.int(1, l < 2 ? 800 : 40);
    const reserved = Math.min(onHand, rng.int(0, 5));
    return {
      key: `${sku}@${locationKey}`, externalIds: {},
      updatedAt: baseTime(ctx.seed, STREAM.stock, shape.index * 64 + v * 6 + l, ctx.layout.products * 8, ctx.epochMs),
      sku, locationKey, onHand, reserved, available: onHand - reserved, incoming: rng.chance(0.1) ? rng.int(10, 200) : 0,
    };
  });
}
