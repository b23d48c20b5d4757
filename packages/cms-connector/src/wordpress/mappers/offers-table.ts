import type { WordpressMeta } from "../wordpress-api";
import { formatMoney, formatRange, type OfferSummary } from "../../shared/mappers/offers";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const LABELS = { in_stock: "In stock", out_of_stock: "Out of stock", unknown: "Availability unknown" } as const;

/**
 * The buying part of a product page as HTML WordPress renders after the description: the price
 * range, then a table with a row per SKU (variant options, price, availability). Every value is
 * escaped; the same offers always give the same markup, so an unchanged page compares equal.
 */
export function offersHtml(summary: OfferSummary): string {
  const range = summary.priceRange ? `<p class="omnibridge-price-range">${escape(formatRange(summary.priceRange))}</p>` : "";
  const rows = summary.rows.map((row) => {
    const options = Object.entries(row.options).map(([name, value]) => `${name}: ${value}`).join(", ");
    const cells = [row.sku, options, row.price ? formatMoney(row.price) : "", LABELS[row.availability]];
    return `<tr data-sku="${escape(row.sku)}">${cells.map((cell) => `<td>${escape(cell)}</td>`).join("")}</tr>`;
  });
  const head = "<thead><tr><th>SKU</th><th>Variant</th><th>Price</th><th>Availability</th></tr></thead>";
  return `<!-- omnibridge:offers -->${range}<table class="omnibridge-offers">${head}<tbody>${rows.join("")}</tbody></table>`;
}

/** Meta a theme or shop plugin can query: the lowest price, its currency and overall availability. */
export function offersMeta(summary: OfferSummary): WordpressMeta {
  return {
    ...(summary.priceRange
      ? { omnibridge_price: summary.priceRange.min.amount, omnibridge_currency: summary.priceRange.min.currency }
      : {}),
    omnibridge_availability: summary.availability === "unknown" ? "" : summary.availability,
  };
}
