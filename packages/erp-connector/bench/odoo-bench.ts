// Benchmark (not a test): mapping throughput on one core, and a full product read of a
// 100k-product world from the emulator. Run: pnpm --filter @omnibridge/erp-connector bench
import { fork } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { z } from "zod";
import { createWorld } from "@omnibridge/testkit";
import { mapRecords, TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../dist/index.js";
import { startOdooEmulator } from "../dist/testing.js";
import { odooProductTemplateSchema, odooProductVariantSchema, odooPricelistItemSchema, type OdooProductVariant } from "../src/odoo/odoo-api";
import { toProduct } from "../src/odoo/mappers/to-product";
import { toPrice, type PriceListView } from "../src/odoo/mappers/to-price";
import { executeKw } from "../src/odoo/testing/odoo-orm-methods";
import { templateFields, VARIANT_FIELDS } from "../src/odoo/streams/catalog-streams";
import { ITEM_FIELDS } from "../src/odoo/streams/price-context";
import type { PricingContext } from "../src/odoo/mappers/odoo-pricing";

const rate = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString("en");

async function mappingThroughput(): Promise<void> {
  const emulator = await startOdooEmulator({ world: createWorld({ seed: 1, products: 20_000 }), parts: ["catalog", "prices"] });
  const orm = emulator.orm;
  const templates = executeKw(orm, "product.template", "search_read", [[]], { fields: ["id", "write_date", ...templateFields(17)], context: { active_test: false } }) as unknown[];
  const variants = executeKw(orm, "product.product", "search_read", [[]], { fields: ["id", "write_date", ...VARIANT_FIELDS, "currency_id"], context: { active_test: false } }) as unknown[];
  const items = z.array(odooPricelistItemSchema).parse(executeKw(orm, "product.pricelist.item", "search_read", [[]], { fields: ["id", "write_date", ...ITEM_FIELDS] }));
  await emulator.stop();
  // Products: zod-parse raw rows + map + canonical schema validation, as a stream page does.
  let started = performance.now();
  const parsedVariants = z.array(odooProductVariantSchema).parse(variants);
  const byTemplate = new Map<number, OdooProductVariant[]>();
  for (const v of parsedVariants) byTemplate.set(v.product_tmpl_id!.id, [...(byTemplate.get(v.product_tmpl_id!.id) ?? []), v]);
  const rows = z.array(odooProductTemplateSchema).parse(templates);
  const context = { system: "odoo", version: 17, locale: "en", categoryKey: (id: number) => `CAT-${id}`, templateKey: (id: number) => `T-${id}` };
  const products = mapRecords("product", rows, (t) => toProduct(t, byTemplate.get(t.id) ?? [], context), (t) => String(t.id));
  let ms = performance.now() - started;
  console.log(`map products: ${rows.length} templates (${parsedVariants.length} variants) in ${Math.round(ms)} ms → ${rate(rows.length, ms)} products/s (${rate(parsedVariants.length, ms)} variants/s), ${products.issues.length} issues`);
  // Prices: rule engine per (pricelist, variant) + schema validation.
  const byList = new Map<number, typeof items>();
  for (const item of items) byList.set(item.pricelist_id!.id, [...(byList.get(item.pricelist_id!.id) ?? []), item]);
  const byVariant = new Map<string, typeof items>();
  for (const item of items) if (item.product_id) byVariant.set(`${item.pricelist_id!.id}|${item.product_id.id}`, [...(byVariant.get(`${item.pricelist_id!.id}|${item.product_id.id}`) ?? []), item]);
  const pricing: PricingContext = { now: "2026-06-01 00:00:00", categoryAncestors: (id) => new Set([id]), rulesFor: (list, v) => byVariant.get(`${list}|${v.id}`) ?? [] };
  const lists: PriceListView[] = [{ id: 1, priceListKey: "retail-eur", currency: "EUR", customerKey: null }, { id: 2, priceListKey: "retail-usd", currency: "USD", customerKey: null }, { id: 3, priceListKey: "b2b-eur", currency: "EUR", customerKey: null }];
  const units = parsedVariants.filter((v) => v.active && v.default_code !== "SHIPPING").flatMap((variant) => lists.map((list) => ({ list, variant, productCurrency: "EUR" })));
  started = performance.now();
  const prices = mapRecords("price", units, (u) => toPrice(u, pricing), (u) => String(u.variant.id));
  ms = performance.now() - started;
  console.log(`map prices: ${units.length} (pricelist, variant) pairs in ${Math.round(ms)} ms → ${rate(units.length, ms)} prices/s, ${prices.issues.length} issues`);
}

async function fullRead(products: number): Promise<void> {
  const child = fork(new URL("./odoo-emulator-child.ts", import.meta.url), [String(products)], { execArgv: ["--import", "tsx"], stdio: ["ignore", "pipe", "inherit", "ipc"] });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const info = JSON.parse(line) as { settings: Record<string, unknown>; seedMs: number; templates: number; variants: number };
  console.log(`emulator (child process): ${info.templates} templates, ${info.variants} variants seeded in ${info.seedMs} ms`);
  const settings = { ...info.settings, rateBudget: new TokenBucket({ ratePerSecond: 1_000_000 }) };
  const connector = createOdooConnector(settings as Parameters<typeof createOdooConnector>[0]);
  const started = performance.now();
  let items = 0;
  let issues = 0;
  let pages = 0;
  for await (const page of connector.read("product", { pageSize: 500 })) {
    items += page.items.length;
    issues += page.issues.length;
    pages++;
  }
  const ms = performance.now() - started;
  child.send("count");
  const [{ requests }] = (await once(child, "message")) as [{ requests: number }];
  console.log(`full read of ${products.toLocaleString("en")} products: ${items} products (${issues} issues) in ${pages} pages, ${(ms / 1000).toFixed(1)} s → ${rate(items, ms)} products/s; ${connector.metrics().requests} requests (emulator saw ${requests}); peak RSS of the connector process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  await connector.close();
  child.send("stop");
  await once(child, "exit");
}

/** Full promotion read (programs + rules, rewards, cards, product codes) over HTTP from an emulator in this process. */
async function promotionRead(products: number): Promise<void> {
  const emulator = await startOdooEmulator({ world: createWorld({ seed: 1, products }), parts: ["catalog", "promotions"] });
  const connector = createOdooConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 1_000_000 }) });
  const started = performance.now();
  let items = 0;
  for await (const page of connector.read("promotion", { pageSize: 200 })) items += page.items.length;
  const ms = performance.now() - started;
  console.log(`full read of ${items} promotions (world of ${products.toLocaleString("en")} products): ${Math.round(ms)} ms → ${rate(items, ms)} promotions/s; ${connector.metrics().requests} requests`);
  await connector.close();
  await emulator.stop();
}

// The full read runs first: maxRSS is a lifetime peak, and the mapping part holds raw pages in memory.
await fullRead(Number(process.env.BENCH_PRODUCTS ?? 100_000));
await mappingThroughput();
await promotionRead(Number(process.env.BENCH_PROMOTION_PRODUCTS ?? 20_000));
