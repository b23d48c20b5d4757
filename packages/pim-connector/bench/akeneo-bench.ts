// Benchmarks (not tests): run with `pnpm --filter @omnibridge/pim-connector bench`.
// 1. raw → canonical mapping on one core; 2. full read of N products from the emulator (requests, peak RSS);
// 3. price write throughput as a fraction of the emulator's rate limit.
import { fork } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { mapRecords } from "@omnibridge/connector-kit";
import type { Price } from "@omnibridge/core-model";
import { createWorld } from "@omnibridge/testkit";
import { createAkeneoConnector, type AkeneoSettings } from "../src";
import { akeneoProductModelSchema, akeneoProductSchema } from "../src/akeneo/akeneo-api";
import { createAkeneoClient } from "../src/akeneo/akeneo-client";
import { createLocaleMapper } from "../src/akeneo/akeneo-locales";
import { akeneoSettingsSchema } from "../src/akeneo/akeneo-settings";
import { listAll, loadMappingContext } from "../src/akeneo/streams/load-context";
import { toModelProduct, toSimpleProduct } from "../src/akeneo/mappers/to-product";
import { startAkeneoEmulator } from "../src/testing";

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 100_000);
const RATE = Number(process.env.BENCH_RATE ?? 100);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function mappingBench(): Promise<void> {
  const emulator = await startAkeneoEmulator({ world: createWorld({ seed: 9, products: 2_000 }), rateLimit: false });
  const settings = akeneoSettingsSchema.parse(emulator.settings);
  const client = createAkeneoClient(settings);
  const ctx = await loadMappingContext(client, { system: "akeneo", channel: "ecommerce", locales: createLocaleMapper(), baseUrl: emulator.url });
  const simple = await listAll(client, "/products-uuid", akeneoProductSchema, undefined, { pagination_type: "search_after", search: JSON.stringify({ parent: [{ operator: "EMPTY" }] }) });
  const models = await listAll(client, "/product-models", akeneoProductModelSchema, undefined, { pagination_type: "search_after" });
  const variants = await listAll(client, "/products-uuid", akeneoProductSchema, undefined, { pagination_type: "search_after", search: JSON.stringify({ parent: [{ operator: "NOT EMPTY" }] }) });
  client.close();
  await emulator.stop();
  const byParent = new Map<string, typeof variants>();
  for (const v of variants) byParent.set(v.parent ?? "", [...(byParent.get(v.parent ?? "") ?? []), v]);
  let records = 0;
  let raw = 0;
  const started = performance.now();
  while (performance.now() - started < 5_000) {
    records += mapRecords("product", simple, (p) => toSimpleProduct(p, ctx), (p) => p.uuid).items.length;
    records += mapRecords("product", models, (m) => toModelProduct(m, byParent.get(m.code) ?? [], ctx), (m) => m.code).items.length;
    raw += simple.length + models.length + variants.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`mapping: ${Math.round(records / seconds)} canonical products/s (${Math.round(raw / seconds)} Akeneo records/s: products, models, variants) on one core, schema-validated`);
}

async function startChild(products: number, rate: number) {
  const child = fork(new URL("./emulator-child.ts", import.meta.url), [String(products), String(rate)], {
    execArgv: ["--import", "tsx", "--max-old-space-size=8192"], stdio: ["pipe", "pipe", "inherit", "ipc"],
  });
  const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
  const info = JSON.parse(line) as { settings: Record<string, string>; akeneoProducts: number; models: number; seedMs: number };
  const stats = async () => {
    child.send("stats");
    const [message] = (await once(child, "message")) as [{ requests: number; rateLimited: number }];
    return message;
  };
  return { info, stats, stop: () => child.stdin!.end() };
}

async function readAndWriteBench(): Promise<void> {
  const child = await startChild(PRODUCTS, RATE);
  console.log(`emulator: ${PRODUCTS} world products → ${child.info.models} models + ${child.info.akeneoProducts} Akeneo products, seeded in ${child.info.seedMs} ms, limit ${RATE || "∞"} req/s`);
  const connector = createAkeneoConnector(child.info.settings as unknown as AkeneoSettings);
  let items = 0;
  let issues = 0;
  let peak = process.memoryUsage().rss;
  const started = performance.now();
  for await (const page of connector.read("product", { pageSize: 100 })) {
    items += page.items.length;
    issues += page.issues.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const readSeconds = (performance.now() - started) / 1000;
  const metrics = connector.metrics();
  console.log(`full read: ${items} products (${issues} issues) in ${readSeconds.toFixed(1)} s = ${Math.round(items / readSeconds)} products/s; ${metrics.requests} requests (${(metrics.requests / readSeconds).toFixed(1)} req/s), ${metrics.rateLimited} × 429; peak RSS ${mb(peak)} (connector process)`);

  const world = createWorld({ seed: 42, products: PRODUCTS });
  const skus = [...world.skus()].slice(0, 10_000);
  const prices: Price[] = skus.flatMap((sku) => ["EUR", "USD"].map((currency) => ({ key: `${sku}:${currency}`, externalIds: {}, updatedAt: new Date().toISOString(), priceListKey: "retail", sku, price: { amount: 1999, currency }, tiers: [] })));
  const before = connector.metrics().requests;
  const writeStart = performance.now();
  const outcomes = await connector.write("price", prices);
  const writeSeconds = (performance.now() - writeStart) / 1000;
  const requests = connector.metrics().requests - before;
  const failed = outcomes.filter((o) => o.status === "failed").length;
  const rate = requests / writeSeconds;
  console.log(`price write: ${prices.length} prices for ${skus.length} SKUs (${failed} failed) in ${writeSeconds.toFixed(1)} s = ${Math.round(prices.length / writeSeconds)} prices/s; ${requests} requests = ${rate.toFixed(1)} req/s${RATE ? ` = ${((rate / RATE) * 100).toFixed(0)} % of the ${RATE} req/s limit` : ""}`);
  console.log(`emulator saw ${JSON.stringify(await child.stats())}`);
  await connector.close();
  child.stop();
}

// The read runs first so the connector process's RSS is not inflated by the mapping bench's data.
console.log(`baseline RSS ${mb(process.memoryUsage().rss)}`);
await readAndWriteBench();
await mappingBench();
