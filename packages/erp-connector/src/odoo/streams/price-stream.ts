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

/**
 * Prices computed from pricelist rules (Odoo cannot compute them remotely: the methods are
 * private). Phase 0 polls product.product, phase 1 product.pricelist.item, phase 2
 * product.pricelist; a changed global/category rule or pricelist re-prices everything.
 */
export function readPrices(context: StreamContext, options: { skipSkus?: ReadonlySet<string>; now?: () => Date } = {}): AsyncGenerator<Page<EntityOf<"price">>> {
  const now = options.now ?? (() => new Date());
  const { client, signal } = context;
  let setup: PriceSetup | undefined;
  // Variants priced in this read: a variant changed in phase 0 and again via its rules is priced once.
  const seen = new Set<number>();
  const phases: Phase[] = [
    { model: "product.product", fields: [...VARIANT_FIELDS, "currency_id"], archived: true },
    { model: "product.pricelist.item", fields: ["applied_on", "product_id", "product_tmpl_id"] },
    { model: "product.pricelist", fields: ["name"] },
  ];

  async function priceVariants(variants: OdooProductVariant[]): Promise<MappedPage<EntityOf<"price">>> {
    setup ??= await loadPriceSetup(context);
    const ids = variants.map((v) => v.id);
    const templates = [...new Set(variants.flatMap((v) => (v.product_tmpl_id ? [v.product_tmpl_id.id] : [])))];
    const fields = ["id", "write_date", ...ITEM_FIELDS];
    const rules: OdooPricelistItem[] = ids.length ? [
      ...(await client.call("product.pricelist.item", "search_read", { domain: [["product_id", "in", ids]], fields }, z.array(odooPricelistItemSchema), { signal })),
      ...(await client.call("product.pricelist.item", "search_read", { domain: [["product_tmpl_id", "in", templates], ["applied_on", "=", "1_product"]], fields }, z.array(odooPricelistItemSchema), { signal })),
    ] : [];
    const engine = pricingContext(setup, rules, odooFromIso(now().toISOString()));
    const explicit = new Set(rules.map((r) => `${r.pricelist_id?.id}|${r.applied_on === "0_product_variant" ? `v${r.product_id?.id}` : `t${r.product_tmpl_id?.id}`}`));
    const units: PriceUnit[] = [];
    const deleted: string[] = [];
    for (const variant of variants) {
      if (!variant.active && variant.default_code) deleted.push(...setup.lists.filter((l) => !l.customerKey).map((l) => priceKey(l.priceListKey, variant.default_code!, null)));
      // Archived variants and the delivery product (settings.shippingSku) have no selling price.
      if (!variant.active || options.skipSkus?.has(variant.default_code ?? "") || seen.has(variant.id)) continue;
      seen.add(variant.id);
      for (const list of setup.lists) {
        if (list.customerKey && !explicit.has(`${list.id}|v${variant.id}`) && !explicit.has(`${list.id}|t${variant.product_tmpl_id?.id}`)) continue;
        units.push({ list, variant, productCurrency: variant.currency_id?.name || list.currency });
      }
    }
    const mapped = mapRecords("price", units, (u) => toPrice(u, engine), (u) => priceKey(u.list.priceListKey, u.variant.default_code ?? `product.product:${u.variant.id}`, u.list.customerKey));
    return { ...mapped, deleted };
  }

  return keysetStream({
    ...context, phases,
    async map(phase, raw) {
      if (phase === 0) {
        const { rows, issues } = parseRows("product.product", raw, odooProductVariantSchema);
        const mapped = await priceVariants(rows);
        return { ...mapped, issues: [...issues, ...mapped.issues] };
      }
      const items = raw as Array<{ applied_on?: string; product_id?: unknown; product_tmpl_id?: unknown }>;
      if (phase === 2 || items.some((i) => i.applied_on === "3_global" || i.applied_on === "2_product_category")) {
        setup = undefined;
        return { items: [], issues: [], restart: true };
      }
      const idOf = (m: unknown) => (Array.isArray(m) ? [m[0] as number] : []);
      const productIds = items.flatMap((i) => idOf(i.product_id));
      const templateIds = items.flatMap((i) => idOf(i.product_tmpl_id));
      const variants = await client.call("product.product", "search_read", { domain: ["|", ["id", "in", productIds], ["product_tmpl_id", "in", templateIds]], fields: variantFields, context: { active_test: false } }, z.array(odooProductVariantSchema), { signal });
      return priceVariants(variants);
    },
  });
}
