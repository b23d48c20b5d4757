import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooPricelistItemSchema, odooProductVariantSchema, type OdooPricelistItem, type OdooProductVariant } from "../odoo-api";
import { priceKey, toPrice, type PriceUnit } from "../mappers/to-price";
import { odooFromIso } from "../mappers/odoo-values";
import { VARIANT_FIELDS } from "./catalog-streams";
import { keysetStream, type MappedPage, type Phase } from "./keyset";
import { ITEM_FIELDS, loadPriceSetup, pricingContext, type PriceSetup } from "./price-context";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

const variantFields = ["id", "write_date", ...VARIANT_FIELDS, "currency_id"];
type Price = EntityOf<"price">;

/** Options of {@link readPrices}. */
export interface PriceReadOptions {
  /** SKUs without a selling price (the delivery product). */
  skipSkus?: ReadonlySet<string>;
  now?: () => Date;
}

/** State of one price read: the setup (loaded lazily, reset on restart) and the variants priced so far. */
interface PriceRun {
  context: StreamContext;
  options: PriceReadOptions;
  setup?: PriceSetup;
  /** Variants priced in this read: a variant changed in phase 0 and again via its rules is priced once. */
  seen: Set<number>;
}

/** Variant and template rules of a page of variants (two indexed searches). */
async function pageRules({ client, signal }: StreamContext, variants: readonly OdooProductVariant[]): Promise<OdooPricelistItem[]> {
  if (!variants.length) return [];
  const templates = [...new Set(variants.flatMap((v) => (v.product_tmpl_id ? [v.product_tmpl_id.id] : [])))];
  const fields = ["id", "write_date", ...ITEM_FIELDS];
  return [
    ...(await client.call("product.pricelist.item", "search_read", { domain: [["product_id", "in", variants.map((v) => v.id)]], fields }, z.array(odooPricelistItemSchema), { signal })),
    ...(await client.call("product.pricelist.item", "search_read", { domain: [["product_tmpl_id", "in", templates], ["applied_on", "=", "1_product"]], fields }, z.array(odooPricelistItemSchema), { signal })),
  ];
}

/** Price every (pricelist, variant) of a page; customer lists only where they have explicit rules. */
async function priceVariants(run: PriceRun, variants: OdooProductVariant[]): Promise<MappedPage<Price>> {
  const setup = (run.setup ??= await loadPriceSetup(run.context));
  const rules = await pageRules(run.context, variants);
  const engine = pricingContext(setup, rules, odooFromIso((run.options.now?.() ?? new Date()).toISOString()));
  const explicit = new Set(rules.map((r) => `${r.pricelist_id?.id}|${r.applied_on === "0_product_variant" ? `v${r.product_id?.id}` : `t${r.product_tmpl_id?.id}`}`));
  const units: PriceUnit[] = [];
  const deleted: string[] = [];
  for (const variant of variants) {
    if (!variant.active && variant.default_code) {
      const sku = variant.default_code;
      deleted.push(...setup.lists.filter((l) => !l.customerKey).map((l) => priceKey(l.priceListKey, sku, null)));
    }
    // Archived variants and the delivery product (settings.shippingSku) have no selling price.
    if (!variant.active || run.options.skipSkus?.has(variant.default_code ?? "") || run.seen.has(variant.id)) continue;
    run.seen.add(variant.id);
    for (const list of setup.lists) {
      if (list.customerKey && !explicit.has(`${list.id}|v${variant.id}`) && !explicit.has(`${list.id}|t${variant.product_tmpl_id?.id}`)) continue;
      units.push({ list, variant, productCurrency: variant.currency_id?.name || list.currency });
    }
  }
  const keyOf = (u: PriceUnit) => priceKey(u.list.priceListKey, u.variant.default_code ?? `product.product:${u.variant.id}`, u.list.customerKey);
  return { ...mapRecords("price", units, (u) => toPrice(u, engine), keyOf), deleted };
}

/** Phase 1/2 rows (changed rules or pricelists): re-price the affected variants, or everything. */
async function repriceChanged(run: PriceRun, phase: number, raw: unknown[]): Promise<MappedPage<Price>> {
  const items = raw as Array<{ applied_on?: string; product_id?: unknown; product_tmpl_id?: unknown }>;
  if (phase === 2 || items.some((i) => i.applied_on === "3_global" || i.applied_on === "2_product_category")) {
    run.setup = undefined;
    return { items: [], issues: [], restart: true };
  }
  const idOf = (m: unknown) => (Array.isArray(m) ? [m[0] as number] : []);
  const domain = ["|", ["id", "in", items.flatMap((i) => idOf(i.product_id))], ["product_tmpl_id", "in", items.flatMap((i) => idOf(i.product_tmpl_id))]];
  const { client, signal } = run.context;
  const variants = await client.call("product.product", "search_read", { domain, fields: variantFields, context: { active_test: false } }, z.array(odooProductVariantSchema), { signal });
  return priceVariants(run, variants);
}

/**
 * Prices computed from pricelist rules (Odoo cannot compute them remotely: the methods are
 * private). Phase 0 polls product.product, phase 1 product.pricelist.item, phase 2
 * product.pricelist; a changed global/category rule or pricelist re-prices everything.
 */
export function readPrices(context: StreamContext, options: PriceReadOptions = {}): AsyncGenerator<Page<Price>> {
  const run: PriceRun = { context, options, seen: new Set() };
  const phases: Phase[] = [
    { model: "product.product", fields: [...VARIANT_FIELDS, "currency_id"], archived: true },
    { model: "product.pricelist.item", fields: ["applied_on", "product_id", "product_tmpl_id"] },
    { model: "product.pricelist", fields: ["name"] },
  ];
  return keysetStream({
    ...context, phases,
    async map(phase, raw) {
      if (phase > 0) return repriceChanged(run, phase, raw);
      const { rows, issues } = parseRows("product.product", raw, odooProductVariantSchema);
      const mapped = await priceVariants(run, rows);
      return { ...mapped, issues: [...issues, ...mapped.issues] };
    },
  });
}
