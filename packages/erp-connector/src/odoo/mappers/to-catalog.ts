import type { EntityInputOf } from "@omnibridge/core-model";
import type { OdooCategory, OdooPricelist, OdooWarehouse } from "../odoo-api";
import { currencyOf, isoFromOdoo } from "./odoo-values";

/** Keys of related records (external ids or fallbacks), resolved by the stream. */
export interface KeyLookup {
  system: string;
  locale: string;
  keyOf(model: string, id: number): string;
}

/** product.category → Category (tree via parent_id). */
export function toCategory(category: OdooCategory, lookup: KeyLookup): EntityInputOf<"category"> {
  return {
    key: lookup.keyOf("product.category", category.id), externalIds: { [lookup.system]: String(category.id) }, updatedAt: isoFromOdoo(category.write_date),
    parentKey: category.parent_id ? lookup.keyOf("product.category", category.parent_id.id) : null, name: { [lookup.locale]: category.name }, position: 0,
  };
}

/**
 * product.pricelist → PriceList. Odoo pricelists carry no tax mode: prices are tax-excluded
 * unless the sale taxes are "included in price", so lists map to `net`.
 */
export function toPriceList(list: OdooPricelist, lookup: KeyLookup): EntityInputOf<"priceList"> {
  return {
    key: lookup.keyOf("product.pricelist", list.id), externalIds: { [lookup.system]: String(list.id) }, updatedAt: isoFromOdoo(list.write_date),
    name: list.name, currency: currencyOf(list.currency_id, "currency"), channels: [], customerGroup: null, taxMode: "net",
  };
}

/**
 * stock.warehouse → Location. Odoo has no store flag: the integration adds Studio fields
 * `x_location_type` (warehouse/store/supplier) and `x_click_and_collect`; without them every
 * warehouse is a warehouse.
 */
export function toLocation(warehouse: OdooWarehouse, lookup: KeyLookup): EntityInputOf<"location"> {
  const type = warehouse.x_location_type === "store" || warehouse.x_location_type === "supplier" ? warehouse.x_location_type : "warehouse";
  return {
    key: lookup.keyOf("stock.warehouse", warehouse.id), externalIds: { [lookup.system]: String(warehouse.id) }, updatedAt: isoFromOdoo(warehouse.write_date),
    name: warehouse.name, type, clickAndCollect: warehouse.x_click_and_collect, countryCode: warehouse.x_country_code,
  };
}
