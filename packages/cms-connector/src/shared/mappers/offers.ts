import { moneyToDecimal, type Money, type Product } from "@omnibridge/core-model";

/** Whether a SKU (or a whole product) can be bought now; `unknown` until the hub knows its stock. */
export type Availability = "in_stock" | "out_of_stock" | "unknown";

/** One row of a product page: a sellable SKU with its option values, price and availability. */
export interface OfferRow {
  sku: string;
  /** Option values of a variant (`{ color: "red", size: "M" }`), empty for a simple product. */
  options: Record<string, string>;
  price: Money | null;
  available: number | null;
  availability: Availability;
}

/** What a product page shows about buying: a row per SKU, the price range and overall availability. */
export interface OfferSummary {
  rows: OfferRow[];
  /** Lowest and highest price in the currency of the first priced row; null when no row has a price. */
  priceRange: { min: Money; max: Money } | null;
  availability: Availability;
}

const availabilityOf = (available: number | null): Availability => (available === null ? "unknown" : available > 0 ? "in_stock" : "out_of_stock");

/** The offer summary of a product, or undefined when the product carries no offers (then a page keeps what it has). */
export function offerSummary(product: Product): OfferSummary | undefined {
  if (!product.offers) return undefined;
  const options = new Map(product.variants.map((variant) => [variant.sku, variant.optionValues]));
  const rows = product.offers.map((offer): OfferRow => ({
    sku: offer.sku, options: options.get(offer.sku) ?? {}, price: offer.price, available: offer.available,
    availability: availabilityOf(offer.available),
  }));
  const currency = rows.find((row) => row.price)?.price?.currency;
  const amounts = rows.flatMap((row) => (row.price && row.price.currency === currency ? [row.price.amount] : []));
  const priceRange = currency === undefined ? null
    : { min: { amount: Math.min(...amounts), currency }, max: { amount: Math.max(...amounts), currency } };
  const availability: Availability = rows.some((row) => row.availability === "in_stock") ? "in_stock"
    : rows.length > 0 && rows.every((row) => row.availability === "out_of_stock") ? "out_of_stock" : "unknown";
  return { rows, priceRange, availability };
}

/** `19.99 EUR`. */
export function formatMoney(money: Money): string {
  return `${moneyToDecimal(money)} ${money.currency}`;
}

/** `19.99–29.99 EUR`, or one price when min and max are equal. */
export function formatRange(range: { min: Money; max: Money }): string {
  return range.min.amount === range.max.amount ? formatMoney(range.min) : `${moneyToDecimal(range.min)}–${formatMoney(range.max)}`;
}
