import { z } from "zod";
import { isCurrencyCode } from "@omnibridge/core-model";
import { odooCategorySchema, odooMany2one, odooPricelistItemSchema, odooPricelistSchema, odooText, type OdooPricelist, type OdooPricelistItem } from "../odoo-api";
import type { PriceListView } from "../mappers/to-price";
import type { PricingContext, PricedVariant } from "../mappers/odoo-pricing";
import { KeyResolver } from "./lookups";
import type { StreamContext } from "./stream-context";

/** Item fields the engine reads. */
export const ITEM_FIELDS = [
  "pricelist_id", "applied_on", "compute_price", "base", "base_pricelist_id", "fixed_price", "percent_price", "price_discount",
  "price_surcharge", "price_round", "min_quantity", "date_start", "date_end", "product_tmpl_id", "product_id", "categ_id",
];

const assignmentSchema = z.object({ id: z.number(), ref: odooText, property_product_pricelist: odooMany2one });

/** Pricelists, their shared (global/category) rules and customer assignments, loaded once per read. */
export interface PriceSetup {
  lists: PriceListView[];
  customerListIds: Set<number>;
  sharedRules: Map<number, OdooPricelistItem[]>;
  ancestors: Map<number, Set<number>>;
}

function ancestorsOf(categories: Array<{ id: number; parent: number | null }>): Map<number, Set<number>> {
  const parent = new Map(categories.map((c) => [c.id, c.parent]));
  const out = new Map<number, Set<number>>();
  for (const { id } of categories) {
    const chain = new Set<number>();
    for (let at: number | null | undefined = id; at && !chain.has(at); at = parent.get(at)) chain.add(at);
    out.set(id, chain);
  }
  return out;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => number | undefined): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k !== undefined) out.set(k, [...(out.get(k) ?? []), row]);
  }
  return out;
}

/**
 * A customer pricelist is assigned (property_product_pricelist) to exactly one company and
 * falls back to another pricelist through a global "formula based on pricelist" rule; its
 * prices are that partner's contract prices on the base list.
 */
function listViews(
  lists: readonly OdooPricelist[], sharedRules: Map<number, OdooPricelistItem[]>, refsByList: Map<number, string[]>, keys: KeyResolver,
) {
  const customerListIds = new Set<number>();
  const views: PriceListView[] = [];
  for (const list of lists) {
    const refs = refsByList.get(list.id) ?? [];
    const fallback = (sharedRules.get(list.id) ?? []).find((r) => r.applied_on === "3_global" && r.compute_price === "formula" && r.base === "pricelist" && r.base_pricelist_id);
    const customer = refs.length === 1 && refs[0] && fallback ? refs[0] : null;
    if (customer) customerListIds.add(list.id);
    if (!list.currency_id || !isCurrencyCode(list.currency_id.name)) continue;
    views.push({ id: list.id, currency: list.currency_id.name, customerKey: customer, priceListKey: keys.keyOf("product.pricelist", customer ? fallback!.base_pricelist_id!.id : list.id) });
  }
  return { views, customerListIds };
}

/** Pricelists, shared rules, customer assignments and (when category rules exist) the category tree. */
export async function loadPriceSetup(context: StreamContext): Promise<PriceSetup> {
  const { client, signal } = context;
  const lists = await client.call("product.pricelist", "search_read", { domain: [], fields: ["id", "write_date", "name", "currency_id", "active", "item_ids"] }, z.array(odooPricelistSchema), { signal });
  const shared = await client.call("product.pricelist.item", "search_read", { domain: [["applied_on", "in", ["3_global", "2_product_category"]]], fields: ["id", "write_date", ...ITEM_FIELDS] }, z.array(odooPricelistItemSchema), { signal });
  const assigned = await client.call("res.partner", "search_read", { domain: [["is_company", "=", true], ["property_product_pricelist", "!=", false]], fields: ["ref", "property_product_pricelist"], context: { active_test: false } }, z.array(assignmentSchema), { signal });
  const keys = new KeyResolver(client, signal);
  await keys.load("product.pricelist", lists.map((l) => l.id));
  const sharedRules = groupBy(shared, (r) => r.pricelist_id?.id);
  const refsByList = new Map([...groupBy(assigned, (a) => a.property_product_pricelist?.id)].map(([id, rows]) => [id, rows.map((r) => r.ref ?? "")]));
  const { views, customerListIds } = listViews(lists, sharedRules, refsByList, keys);
  let ancestors = new Map<number, Set<number>>();
  if (shared.some((r) => r.applied_on === "2_product_category")) {
    const categories = await client.call("product.category", "search_read", { domain: [], fields: ["id", "write_date", "name", "parent_id"] }, z.array(odooCategorySchema), { signal });
    ancestors = ancestorsOf(categories.map((c) => ({ id: c.id, parent: c.parent_id?.id ?? null })));
  }
  return { lists: views, customerListIds, sharedRules, ancestors };
}

/** The engine context for one page: shared rules plus the page's variant/template rules. */
export function pricingContext(setup: PriceSetup, pageRules: readonly OdooPricelistItem[], now: string): PricingContext {
  const byList = new Map<number, OdooPricelistItem[]>();
  for (const rule of pageRules) {
    if (rule.pricelist_id) byList.set(rule.pricelist_id.id, [...(byList.get(rule.pricelist_id.id) ?? []), rule]);
  }
  return {
    now,
    categoryAncestors: (id) => setup.ancestors.get(id) ?? new Set([id]),
    rulesFor: (listId: number, variant: PricedVariant) => [
      ...(setup.sharedRules.get(listId) ?? []),
      ...(byList.get(listId) ?? []).filter((r) => (r.applied_on === "0_product_variant" && r.product_id?.id === variant.id) || (r.applied_on === "1_product" && r.product_tmpl_id?.id === variant.templateId)),
    ],
  };
}
