import type { Category, Price, PriceList, Product } from "@omnibridge/core-model";
import { decimal, type SeedState } from "./odoo-seed-base";

/** Currencies and sale taxes every emulated database has (company currency EUR). */
export function seedBasics(state: SeedState, at: string): void {
  for (const code of ["EUR", "USD"]) state.upsert("res.currency", code, { name: code, active: true }, at);
  for (const [key, amount] of [["VAT19", 19], ["VAT7", 7], ["VAT0", 0]] as const) state.upsert("account.tax", key, { name: `${amount}%`, amount, amount_type: "percent", type_tax_use: "sale" }, at);
  const countries: Array<[string, string]> = [["DE", "Germany"], ["US", "United States"], ["FR", "France"], ["GB", "United Kingdom"], ["AT", "Austria"], ["CH", "Switzerland"], ["NL", "Netherlands"], ["IT", "Italy"], ["ES", "Spain"], ["BE", "Belgium"], ["PL", "Poland"], ["DK", "Denmark"], ["SE", "Sweden"]];
  for (const [code, name] of countries) state.upsert("res.country", code, { code, name }, at);
  const shipping = state.upsert("product.template", "SHIPPING", { name: "Standard delivery", default_code: "SHIPPING", list_price: 0, sale_ok: false, active: true, ...serviceType(state.orm.version) }, at);
  state.upsert("product.product", "SHIPPING", { product_tmpl_id: shipping.id, default_code: "SHIPPING", active: true, lst_price: 0 }, at);
  // The discount product of order-level promotions (settings.discountSku), like loyalty's discount_line_product_id: a service without taxes.
  const discount = state.upsert("product.template", "DISCOUNT", { name: "Discount", default_code: "DISCOUNT", list_price: 0, sale_ok: false, active: true, ...serviceType(state.orm.version) }, at);
  state.upsert("product.product", "DISCOUNT", { product_tmpl_id: discount.id, default_code: "DISCOUNT", active: true, lst_price: 0 }, at);
  const walkIn = state.upsert("res.partner", "walk-in", { name: "Walk-in customer", is_company: false, type: "contact" }, at);
  state.xmlid("res.partner", "walk-in", walkIn.id, at);
}

/** product.category with `complete_name` "Parent / Child" and an external id carrying the key. */
export function seedCategory(state: SeedState, category: Category): void {
  const parentId = category.parentKey ? state.idOf("product.category", category.parentKey) : undefined;
  const parent = parentId ? state.orm.table("product.category").get(parentId) : undefined;
  const name = category.name.en ?? Object.values(category.name)[0] ?? category.key;
  const complete = parent ? `${String(parent.complete_name)} / ${name}` : name;
  const row = state.upsert("product.category", category.key, { name, parent_id: parentId ?? false, complete_name: complete }, category.updatedAt);
  state.xmlid("product.category", category.key, row.id, category.updatedAt);
}

function serviceType(version: number): Record<string, unknown> {
  return version >= 18 ? { type: "service", is_storable: false } : { detailed_type: "service", type: "service" };
}

function typeFields(version: number, storable: boolean): Record<string, unknown> {
  // 17: detailed_type 'product' = storable; 18+: type 'consu' + is_storable (odoo/documentation PR 11409).
  return version >= 18 ? { type: "consu", is_storable: storable } : { detailed_type: storable ? "product" : "consu", type: storable ? "product" : "consu" };
}

const kilograms = (weight: { value: number; unit: string } | null | undefined) =>
  !weight ? 0 : weight.unit === "GRAM" ? weight.value / 1000 : weight.unit === "KILOGRAM" ? weight.value : 0;

/** product.template + product.product rows of a canonical product; `listPrices` are retail EUR minor units per SKU. */
export function seedProduct(state: SeedState, product: Product, listPrices: Map<string, number>, invalid = false): void {
  const skus = product.variants.length ? product.variants.map((v) => v.sku) : [product.key];
  const categId = product.categoryKeys[0] ? state.idOf("product.category", product.categoryKeys[0]) : undefined;
  const simple = product.variants.length === 0;
  const template = state.upsert("product.template", product.key, {
    name: product.name.en ?? Object.values(product.name)[0] ?? "", default_code: simple && !invalid ? product.key : false,
    barcode: simple ? product.gtin ?? false : false, list_price: decimal(listPrices.get(skus[0]!) ?? 100), categ_id: categId ?? false,
    active: product.status !== "archived", sale_ok: product.status === "active", weight: kilograms(product.weight), currency_id: state.idOf("res.currency", "EUR"),
    ...typeFields(state.orm.version, true),
  }, product.updatedAt);
  if (!simple && !invalid) state.xmlid("product.template", product.key, template.id, product.updatedAt);
  const variants = simple
    ? [{ sku: product.key, gtin: product.gtin, weight: product.weight, active: product.status !== "archived", code: invalid ? false : product.key }]
    : product.variants.map((v) => ({ sku: v.sku, gtin: v.gtin, weight: v.weight, active: v.status !== "archived", code: v.sku }));
  for (const variant of variants) {
    state.upsert("product.product", variant.sku, {
      product_tmpl_id: template.id, default_code: variant.code, barcode: variant.gtin ?? false, weight: kilograms(variant.weight),
      active: variant.active, lst_price: decimal(listPrices.get(variant.sku) ?? 100),
      standard_price: decimal(Math.round((listPrices.get(variant.sku) ?? 100) * 0.4)),
    }, product.updatedAt);
  }
}

/** product.pricelist with its external id. */
export function seedPriceList(state: SeedState, list: PriceList): void {
  const row = state.upsert("product.pricelist", list.key, { name: list.name, currency_id: state.idOf("res.currency", list.currency), active: true }, list.updatedAt);
  state.xmlid("product.pricelist", list.key, row.id, list.updatedAt);
}

/**
 * Pricelist rules that make Odoo's computation yield the world's price: none when the list price
 * applies, a percentage rule for a sale (compareAt = list price), else a fixed rule; tiers are
 * fixed rules with `min_quantity`; customer prices go to the customer's own pricelist.
 */
export function seedPrice(state: SeedState, price: Price, listPrice: number | undefined, customerListId?: number): void {
  const productId = state.idOf("product.product", price.sku);
  const pricelistId = customerListId ?? state.idOf("product.pricelist", price.priceListKey);
  if (!productId || !pricelistId) return;
  const key = (min: number) => `${pricelistId}|${price.sku}|${min}`;
  const rule = (min: number, vals: Record<string, unknown>) => state.upsert("product.pricelist.item", key(min), {
    pricelist_id: pricelistId, applied_on: "0_product_variant", product_id: productId, min_quantity: min,
    date_start: price.validFrom ? price.validFrom.slice(0, 19).replace("T", " ") : false, date_end: price.validTo ? price.validTo.slice(0, 19).replace("T", " ") : false, ...vals,
  }, price.updatedAt);
  const existing = (min: number) => state.idOf("product.pricelist.item", key(min)) !== undefined;
  const percent = price.compareAt && price.compareAt.amount === listPrice
    ? Math.round((1 - price.price.amount / price.compareAt.amount) * 10_000) / 100
    : undefined;
  const usable = percent !== undefined && Math.round(listPrice! * (1 - percent / 100)) === price.price.amount;
  if (usable) rule(0, { compute_price: "percentage", percent_price: percent });
  else if (price.price.amount !== listPrice || price.price.currency !== "EUR" || customerListId) rule(0, { compute_price: "fixed", fixed_price: decimal(price.price.amount) });
  // A rule no longer needed is neutralised (formula = list price), as a user editing it would; deleting it would leave no trace.
  else if (existing(0)) rule(0, { compute_price: "formula", base: "list_price", price_discount: 0 });
  for (const tier of price.tiers) rule(tier.minQuantity, { compute_price: "fixed", fixed_price: decimal(tier.price.amount) });
}
