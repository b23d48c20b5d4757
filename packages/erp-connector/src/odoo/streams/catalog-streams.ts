import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooCategorySchema, odooProductTemplateSchema, odooProductVariantSchema, odooPricelistSchema, odooWarehouseSchema, type OdooProductTemplate, type OdooProductVariant } from "../odoo-api";
import { toCategory, toLocation, toPriceList } from "../mappers/to-catalog";
import { toProduct } from "../mappers/to-product";
import { keysetStream, type Phase } from "./keyset";
import { KeyResolver, readByIds } from "./lookups";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

const CATEGORY_FIELDS = ["name", "parent_id", "complete_name"];
const PRICELIST_FIELDS = ["name", "currency_id", "active", "item_ids"];
const WAREHOUSE_FIELDS = ["name", "code", "lot_stock_id", "partner_id", "x_location_type", "x_click_and_collect", "x_country_code"];
/** Variant fields common to products and prices. */
export const VARIANT_FIELDS = ["product_tmpl_id", "default_code", "barcode", "weight", "active", "lst_price", "standard_price", "categ_id"];

/** Template fields per version: 17 has `detailed_type`, 18+ `is_storable` (asking for the other is a ValueError). */
export function templateFields(version: number): string[] {
  const base = ["name", "default_code", "barcode", "list_price", "active", "sale_ok", "type", "categ_id", "weight", "product_variant_ids", "create_date"];
  return [...base, version >= 18 ? "is_storable" : "detailed_type"];
}

/** Categories (product.category) by keyset. */
export function readCategories(context: StreamContext): AsyncGenerator<Page<EntityOf<"category">>> {
  const keys = new KeyResolver(context.client, context.signal);
  return keysetStream({
    ...context, phases: [{ model: "product.category", fields: CATEGORY_FIELDS }],
    async map(_phase, raw) {
      const { rows, issues } = parseRows("product.category", raw, odooCategorySchema);
      await keys.load("product.category", rows.flatMap((r) => [r.id, ...(r.parent_id ? [r.parent_id.id] : [])]));
      const mapped = mapRecords("category", rows, (r) => toCategory(r, { ...context, keyOf: (m, id) => keys.keyOf(m, id) }), (r) => `product.category:${r.id}`);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}

/** Warehouses and stores (stock.warehouse) by keyset. */
export function readLocations(context: StreamContext): AsyncGenerator<Page<EntityOf<"location">>> {
  const keys = new KeyResolver(context.client, context.signal);
  return keysetStream({
    ...context, phases: [{ model: "stock.warehouse", fields: WAREHOUSE_FIELDS }],
    async map(_phase, raw) {
      const { rows, issues } = parseRows("stock.warehouse", raw, odooWarehouseSchema);
      await keys.load("stock.warehouse", rows.map((r) => r.id));
      const mapped = mapRecords("location", rows, (r) => toLocation(r, { ...context, keyOf: (m, id) => keys.keyOf(m, id) }), (r) => `stock.warehouse:${r.id}`);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}

/** Pricelists (product.pricelist) by keyset; customer pricelists are read as customer prices instead. */
export function readPriceLists(context: StreamContext, isCustomerList: (id: number) => Promise<boolean>): AsyncGenerator<Page<EntityOf<"priceList">>> {
  const keys = new KeyResolver(context.client, context.signal);
  return keysetStream({
    ...context, phases: [{ model: "product.pricelist", fields: PRICELIST_FIELDS }],
    async map(_phase, raw) {
      const { rows, issues } = parseRows("product.pricelist", raw, odooPricelistSchema);
      const lists = [];
      for (const row of rows) if (!(await isCustomerList(row.id))) lists.push(row);
      await keys.load("product.pricelist", lists.map((r) => r.id));
      const mapped = mapRecords("priceList", lists, (r) => toPriceList(r, { ...context, keyOf: (m, id) => keys.keyOf(m, id) }), (r) => `product.pricelist:${r.id}`);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}

/**
 * Products: phase 0 polls product.template, phase 1 product.product (a variant-only change does
 * not touch the template's write_date); both map whole templates with all their variants.
 */
export function readProducts(context: StreamContext): AsyncGenerator<Page<EntityOf<"product">>> {
  const keys = new KeyResolver(context.client, context.signal);
  const fields = templateFields(context.version);
  const phases: Phase[] = [
    { model: "product.template", fields, archived: true },
    { model: "product.product", fields: ["product_tmpl_id"], archived: true },
  ];
  const seen = new Set<number>();
  return keysetStream({
    ...context, phases,
    async map(phase, raw) {
      const parsedIssues = [];
      let templates: OdooProductTemplate[];
      if (phase === 0) {
        const parsed = parseRows("product.template", raw, odooProductTemplateSchema);
        templates = parsed.rows;
        parsedIssues.push(...parsed.issues);
      } else {
        const ids = raw
          .map((r) => (r as { product_tmpl_id?: unknown }).product_tmpl_id)
          .flatMap((m) => (Array.isArray(m) ? [m[0] as number] : []));
        templates = await readByIds(context.client, "product.template", ids.filter((id) => !seen.has(id)), ["id", "write_date", ...fields], odooProductTemplateSchema, context.signal);
      }
      templates = templates.filter((t) => !seen.has(t.id) && seen.add(t.id));
      const variants = templates.length
        ? await context.client.call("product.product", "search_read", { domain: [["product_tmpl_id", "in", templates.map((t) => t.id)]], fields: ["id", "write_date", ...VARIANT_FIELDS], context: { active_test: false } }, z.array(odooProductVariantSchema), { signal: context.signal })
        : [];
      const byTemplate = new Map<number, OdooProductVariant[]>();
      for (const v of variants) byTemplate.set(v.product_tmpl_id!.id, [...(byTemplate.get(v.product_tmpl_id!.id) ?? []), v]);
      await keys.load("product.category", templates.flatMap((t) => (t.categ_id ? [t.categ_id.id] : [])));
      await keys.load("product.template", templates.filter((t) => (byTemplate.get(t.id)?.length ?? 0) > 1).map((t) => t.id));
      const mapContext = { ...context, categoryKey: (id: number) => keys.keyOf("product.category", id), templateKey: (id: number) => keys.externalKey("product.template", id) };
      const mapped = mapRecords("product", templates, (t) => toProduct(t, (byTemplate.get(t.id) ?? []).sort((a, b) => a.id - b.id), mapContext), (t) => `product.template:${t.id}`);
      return { items: mapped.items, issues: [...parsedIssues, ...mapped.issues] };
    },
  });
}
