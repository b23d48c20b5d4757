import type { ConfigInput } from "../config";
import { marketingFlows } from "../extensions/marketing";

/** System ids the default flows use. */
export const DEFAULT_SYSTEMS = { erp: "odoo", pim: "akeneo", crm: "hubspot", cms: ["wordpress", "contentful"] } as const;

/**
 * The default flows (issue 8): PIM products → CMS, ERP prices → PIM, shop prices and stock → offers
 * on the CMS product pages (issue 19), ERP customers, companies and orders → CRM (with lifetime
 * figures), CRM customers (consent) and segments → hub only. `cms` lists the CMS systems present (WordPress and/or Contentful).
 */
export function defaultFlows(cms: readonly string[] = DEFAULT_SYSTEMS.cms, options: { marketing?: boolean } = {}): ConfigInput["flows"] {
  const to = (entity: string) => cms.map((system) => ({ system, entity: entity as "product" }));
  return [
    // Prices reach the PIM first: the PIM stores them on its products, so the products flow
    // that follows carries them to the CMS in the same run (and a second run has nothing to do).
    // A PIM price collection holds one amount per currency: the retail lists, not the B2B net
    // list (also EUR) nor customer contract prices, which it cannot store.
    {
      name: "prices", source: { system: "odoo", entity: "price" }, targets: [{ system: "akeneo", entity: "price" }],
      filters: [{ field: "priceListKey", op: "in", value: ["retail-eur", "retail-usd"] }, { field: "customerKey", op: "missing" }],
    },
    // The shop pages show the public retail price and the online warehouse's stock of every
    // sellable SKU (a row per variant, and the price range), not every price list, customer
    // contract price or store shelf. These flows keep them in the hub (`offers: true`) and run
    // before the products, so each product page is written once with its offers; a later price
    // or stock change re-sends only its product's page, and only when the page changed.
    {
      name: "shop-prices", source: { system: "odoo", entity: "price" }, targets: [], offers: true,
      filters: [{ field: "priceListKey", op: "eq", value: "retail-eur" }, { field: "customerKey", op: "missing" }],
    },
    { name: "shop-stock", source: { system: "odoo", entity: "stockLevel" }, targets: [], offers: true, filters: [{ field: "locationKey", op: "eq", value: "WH-DE-01" }] },
    { name: "products", source: { system: "akeneo", entity: "product" }, targets: to("product") },
    { name: "customers", source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot", entity: "customer" }] },
    { name: "companies", source: { system: "odoo", entity: "company" }, targets: [{ system: "hubspot", entity: "company" }] },
    { name: "orders", source: { system: "odoo", entity: "order" }, targets: [{ system: "hubspot", entity: "order" }], lifetime: true },
    { name: "crm-customers", source: { system: "hubspot", entity: "customer" }, targets: [] },
    { name: "crm-segments", source: { system: "hubspot", entity: "segment" }, targets: [] },
    // Issue 11 (opt-in: needs the campaign plan system and segments, see marketing/default-marketing.ts):
    // promotions and campaigns to every channel, computed segments pushed before them.
    ...(options.marketing ? marketingFlows(cms) : []),
  ];
}
