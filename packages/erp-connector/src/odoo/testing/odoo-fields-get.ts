import { OdooFault, type OdooOrm } from "./odoo-orm";
import type { OdooFieldDef } from "./odoo-models";

type Info = { string?: string; help?: string; selection?: [string, string][] };

const PARTNER_TYPES: [string, string][] = [["contact", "Contact"], ["invoice", "Invoice Address"], ["delivery", "Delivery Address"], ["other", "Other Address"]];
const LANGS: [string, string][] = [["en_US", "English (US)"], ["de_DE", "German / Deutsch"], ["fr_FR", "French / Français"], ["en_GB", "English (UK)"], ["es_ES", "Spanish / Español"], ["it_IT", "Italian / Italiano"], ["nl_NL", "Dutch / Nederlands"]];

/**
 * Labels, help texts and selection values of the emulated fields, as Odoo declares them
 * (odoo/odoo `odoo/addons/base/models/res_partner.py`, `addons/product/models/product_template.py`,
 * `addons/sale/models/sale_order.py`, `addons/product/models/product_pricelist_item.py`).
 * Fields not listed get Odoo's derived label (see {@link defaultString}).
 */
const INFO: Record<string, Info> = {
  id: { string: "ID" }, display_name: { string: "Display Name" }, create_date: { string: "Created on" }, write_date: { string: "Last Updated on" },
  "res.partner.name": { string: "Name" }, "res.partner.complete_name": { string: "Complete Name" },
  "res.partner.parent_id": { string: "Related Company" }, "res.partner.child_ids": { string: "Contact" }, "res.partner.ref": { string: "Reference" },
  "res.partner.lang": { string: "Language", help: "All the emails and documents sent to this contact will be translated in this language.", selection: LANGS },
  "res.partner.vat": { string: "Tax ID", help: "The Tax Identification Number. Values here will be validated based on the country format. You can use '/' to indicate that the partner is not subject to tax." },
  "res.partner.website": { string: "Website Link" }, "res.partner.type": { string: "Address Type", selection: PARTNER_TYPES },
  "res.partner.is_company": { string: "Is a Company", help: "Check if the contact is a company, otherwise it is a person" },
  "res.partner.country_code": { string: "Country Code" }, "res.partner.property_product_pricelist": { string: "Pricelist", help: "This pricelist will be used, instead of the default one, for sales to the current partner" },
  "product.template.name": { string: "Name" }, "product.template.list_price": { string: "Sales Price", help: "Price at which the product is sold to customers." },
  "product.template.standard_price": { string: "Cost" }, "product.template.default_code": { string: "Internal Reference" },
  "product.template.sale_ok": { string: "Can be Sold" }, "product.template.categ_id": { string: "Product Category" },
  "product.template.detailed_type": { string: "Product Type", selection: [["consu", "Consumable"], ["service", "Service"], ["product", "Storable Product"]] },
  "product.template.priority": { string: "Favorite", selection: [["0", "Normal"], ["1", "Favorite"]] },
  "product.template.is_storable": { string: "Track Inventory" },
  "product.product.default_code": { string: "Internal Reference" }, "product.product.lst_price": { string: "Sales Price" }, "product.product.product_tmpl_id": { string: "Product Template" },
  "product.pricelist.item.applied_on": { string: "Apply On", selection: [["3_global", "All Products"], ["2_product_category", "Product Category"], ["1_product", "Product"], ["0_product_variant", "Product Variant"]] },
  "product.pricelist.item.compute_price": { string: "Computation", selection: [["fixed", "Fixed Price"], ["percentage", "Discount"], ["formula", "Formula"]] },
  "product.pricelist.item.base": { string: "Based on", selection: [["list_price", "Sales Price"], ["standard_price", "Cost"], ["pricelist", "Other Pricelist"]] },
  "product.pricelist.item.min_quantity": { string: "Min. Quantity" },
  "sale.order.name": { string: "Order Reference" }, "sale.order.client_order_ref": { string: "Customer Reference" }, "sale.order.partner_id": { string: "Customer" },
  "sale.order.state": { string: "Status", selection: [["draft", "Quotation"], ["sent", "Quotation Sent"], ["sale", "Sales Order"], ["cancel", "Cancelled"]] },
  "sale.order.date_order": { string: "Order Date" }, "sale.order.amount_total": { string: "Total" }, "sale.order.origin": { string: "Source Document" },
};

function productTypeInfo(version: number): Record<string, Info> {
  return version >= 18
    ? { "product.template.type": { string: "Product Type", selection: [["consu", "Goods"], ["service", "Service"], ["combo", "Combo"]] } }
    : { "product.template.type": { string: "Type", selection: [["consu", "Consumable"], ["service", "Service"], ["product", "Storable Product"]] } };
}

/** Odoo's derived label: `_id`/`_ids` dropped, underscores to spaces, title case (fields.py `_setup_attrs`). */
export function defaultString(name: string): string {
  const base = name.endsWith("_ids") ? name.slice(0, -4) : name.endsWith("_id") ? name.slice(0, -3) : name;
  return base.replace(/_/g, " ").replace(/\b\w/g, (c) => c.toUpperCase()).replace(/(\w)(\w*)/g, (_, a: string, b: string) => a + b.toLowerCase());
}

function describe(orm: OdooOrm, model: string, name: string, def: OdooFieldDef): Record<string, unknown> {
  const info = { ...INFO[name], ...productTypeInfo(orm.version)[`${model}.${name}`], ...INFO[`${model}.${name}`] };
  const stored = !def.compute && def.type !== "one2many" && name !== "display_name";
  const out: Record<string, unknown> = {
    change_default: false, company_dependent: false, depends: [], exportable: true, groupable: stored && def.type !== "text" && def.type !== "many2many",
    manual: name.startsWith("x_"), name, readonly: Boolean(def.compute) || ["id", "display_name", "create_date", "write_date"].includes(name),
    required: Boolean(def.required), searchable: true, sortable: stored && !["many2many"].includes(def.type), store: stored,
    string: def.string ?? info.string ?? defaultString(name), type: def.type,
  };
  const help = def.help ?? info.help;
  if (help) out.help = help;
  if (def.type === "selection") out.selection = def.selection ?? info.selection ?? [];
  if (def.type === "char" || def.type === "text") out.translate = false;
  if (def.relation) Object.assign(out, { relation: def.relation, context: {}, domain: [] });
  if (def.type === "one2many") out.relation_field = def.inverse;
  return out;
}

/**
 * `fields_get(allfields=None, attributes=None)`: every field (or those in `allfields`) with its
 * description; `attributes` keeps only the named keys (an empty list keeps all).
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#listing-record-fields
 */
export function fieldsGet(orm: OdooOrm, model: string, allfields: unknown, attributes: unknown): Record<string, Record<string, unknown>> {
  const fields = orm.model(model).fields;
  const wanted = Array.isArray(allfields) && allfields.length ? new Set(allfields.map(String)) : undefined;
  if (attributes !== undefined && attributes !== null && attributes !== false && !Array.isArray(attributes)) throw new OdooFault("builtins.TypeError", "'attributes' must be a list of attribute names");
  const keep = Array.isArray(attributes) && attributes.length ? new Set(attributes.map(String)) : undefined;
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, def] of Object.entries(fields)) {
    if (wanted && !wanted.has(name)) continue;
    const description = describe(orm, model, name, def);
    out[name] = keep ? Object.fromEntries(Object.entries(description).filter(([key]) => keep.has(key))) : description;
  }
  return out;
}
