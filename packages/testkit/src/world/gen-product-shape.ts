import type { GenContext } from "./context";
import { pad, rngFor, STREAM } from "./prng";
import { COLORS, SIZES } from "./vocab";

/** The cheap skeleton of product `i`: its SKUs, prices and stocked stores, without texts. */
export interface ProductShape {
  index: number;
  key: string;
  hasVariants: boolean;
  /** Sellable SKUs: `[key]` for a simple product, the variant SKUs otherwise. */
  skus: string[];
  /** Option values per SKU (empty for a simple product). */
  options: Array<{ color: string; size: string }>;
  /** Retail EUR price (gross, minor units) per SKU. */
  retailEur: number[];
  /** Bit mask of the four stores that stock this product (warehouses always do). */
  storeMask: number;
}

/** Canonical key (SKU or model code) of product `i`. */
export function productKey(i: number): string {
  return `SKU-${pad(i + 1, 6)}`;
}

/** Product index of a product key or variant SKU (`SKU-000123-RED-M` → 122), or -1. */
export function productIndexOfSku(sku: string): number {
  const match = /^SKU-(\d+)/.exec(sku);
  return match ? Number(match[1]) - 1 : -1;
}

/** The skeleton of product `i` (about 40% have 2–9 color×size variants). */
export function productShape(ctx: GenContext, i: number): ProductShape {
  const rng = rngFor(ctx.seed, STREAM.productShape, i);
  const key = productKey(i);
  const base = rng.int(5, 400) * 100 - 1;
  const hasVariants = rng.chance(0.4);
  const storeMask = rng.int(0, 15);
  if (!hasVariants) return { index: i, key, hasVariants, skus: [key], options: [], retailEur: [base], storeMask };
  const colors = rng.sample(COLORS, rng.int(1, 3));
  const sizes = rng.sample(SIZES, colors.length === 1 ? rng.int(2, 3) : rng.int(1, 3));
  const skus: string[] = [];
  const options: Array<{ color: string; size: string }> = [];
  const retailEur: number[] = [];
  for (const color of colors) {
    for (const size of sizes) {
      skus.push(`${key}-${color}-${size}`);
      options.push({ color, size });
      retailEur.push(base + SIZES.indexOf(size) * 200);
    }
  }
  return { index: i, key, hasVariants, skus, options, retailEur, storeMask };
}

/** USD retail price from the EUR one (rounded to .99). */
export function toUsd(eur: number): number {
  return Math.round((eur * 1.08) / 100) * 100 - 1;
}

/** B2B net EUR price: retail without 19% VAT, minus 15%. */
export function toB2bNet(eur: number): number {
  return Math.round(((eur / 1.19) * 0.85));
}
