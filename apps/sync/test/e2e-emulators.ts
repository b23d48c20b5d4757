import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { ConnectorV1, EntityKind } from "@omnibridge/core-model";
import { contentfulEmulator } from "@omnibridge/cms-connector/testing";
import { hubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { odooEmulator } from "@omnibridge/erp-connector/testing";
import { akeneoEmulator } from "@omnibridge/pim-connector/testing";
import { createWorld, mutateWorld, startEmulators, type EmulatorHost, type World } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS, createConnector } from "../src/compose";
import { resolveConfig, type ResolvedConfig } from "../src/config";
import { defaultFlows } from "../src/demo/default-flows";
import { runSync, type RunSummary } from "../src/engine";
import { StateStore } from "../src/state";
import { expectBrokenRecordsHandled, validWorldRecords } from "./support/expect";
import { DEFAULT_EXTENSIONS } from "../src/extensions";
import { orderSchema, type Order } from "@omnibridge/core-model";
import { createMetricsCalculator } from "@omnibridge/segments";

async function readAll(connector: ConnectorV1, entity: EntityKind): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for await (const page of connector.read(entity, { pageSize: 100 })) {
    for (const item of page.items) out.set(item.key, item as Record<string, unknown>);
  }
  return out;
}

/** Lifetime figures from the ERP's own orders, by the segment engine's one CLV definition (default valuation: EUR, no rates). */
async function erpLifetimes(settings: Record<string, unknown>): Promise<Map<string, { orderCount: number; revenue: number }>> {
  const erp = await createConnector("odoo", settings, { system: "odoo" });
  const groups = new Map<string, Order[]>();
  try {
    for (const order of (await readAll(erp, "order")).values()) {
      const parsed = orderSchema.safeParse(order);
      const key = parsed.success ? parsed.data.customerKey : undefined;
      if (parsed.success && key) groups.set(key, [...(groups.get(key) ?? []), parsed.data]);
    }
  } finally {
    await erp.close();
  }
  const calculator = createMetricsCalculator({ reportingCurrency: "EUR", rates: {} });
  const out = new Map<string, { orderCount: number; revenue: number }>();
  for (const [key, orders] of groups) {
    try {
      const metrics = calculator.compute(key, false, orders, new Date().toISOString());
      out.set(key, { orderCount: metrics.orderCount, revenue: metrics.revenue.amount });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error; // an order without a rate to EUR: no figures are pushed
    }
  }
  return out;
}

/** Product pages in the Contentful emulator's space (CDA sync), by product key: their `offers` field. */
type PageOffers = { variants: Array<{ sku: string; price: unknown; available: unknown }> };
async function contentfulOffers(settings: Record<string, unknown>): Promise<Map<string, PageOffers>> {
  const out = new Map<string, PageOffers>();
  const base = `${String(settings.deliveryUrl)}/spaces/${String(settings.spaceId)}/environments/${String(settings.environment ?? "master")}`;
  let url: string | undefined = `${base}/sync?initial=true&limit=200`;
  while (url) {
    const response = await fetch(url, { headers: { authorization: `Bearer ${String(settings.deliveryToken)}` } });
    const page = (await response.json()) as { items: Array<{ fields?: Record<string, Record<string, unknown>> }>; nextPageUrl?: string };
    for (const item of page.items) {
      const key = Object.values(item.fields?.key ?? {})[0];
      const offers = Object.values(item.fields?.offers ?? {})[0] as PageOffers | undefined;
      if (typeof key === "string" && key.startsWith("product-page:") && offers) out.set(key.slice("product-page:".length), offers);
    }
    url = page.nextPageUrl;
  }
  return out;
}

const written = (s: RunSummary) => s.flows.reduce((n, f) => n + f.written, 0);
const changeKey = (c: { system: string; entity: string; key: string; op: string }) => `${c.system}/${c.entity}/${c.key}/${c.op}`;

/** The default flows against the vendor emulators (Contentful as the CMS), with one kind of state store. */
export function describeEmulatorE2E(
  label: string,
  stateUrl: (dir: string) => Promise<string>,
  dropState: (url: string) => Promise<void>,
): void {
  describe(`default flows against the vendor emulators (${label} state)`, () => {
    let dir: string;
    let url: string;
    let world: World;
    let host: EmulatorHost;
    let config: ResolvedConfig;
    let first: RunSummary;

    beforeAll(async () => {
      dir = mkdtempSync(path.join(tmpdir(), "omnibridge-e2e-"));
      world = createWorld({ seed: 2030, products: 40, invalidRate: 0.03 });
      host = await startEmulators({ world, factories: [odooEmulator, akeneoEmulator, hubSpotEmulator, contentfulEmulator] });
      url = await stateUrl(dir);
      const systems = Object.fromEntries(host.emulators.map((e) => [e.name, { adapter: e.name, settings: e.settings }]));
      config = resolveConfig({ systems, flows: defaultFlows(["contentful"]), state: { url } }, { baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
      first = await runSync(config, { collectChanges: true });
    });
    afterAll(async () => {
      await host?.stop();
      await dropState(url);
      rmSync(dir, { recursive: true, force: true });
    });

    it("runs every default flow and puts the world's customers, companies and orders into the CRM, record by record", async () => {
      expect(first.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
      const crm = await createConnector("hubspot", host.get("hubspot").settings, { system: "hubspot" });
      try {
        const customers = await readAll(crm, "customer");
        const lifetimes = await erpLifetimes(host.get("odoo").settings);
        for (const [key, expected] of validWorldRecords(world, "customer")) {
          const got = customers.get(key);
          expect(got, `customer ${key}`).toBeDefined();
          for (const field of ["email", "lastName", "customerNumber"] as const) if (got![field] !== undefined) expect(got![field], `${key}.${field}`).toEqual(expected[field]);
          const figures = lifetimes.get(key);
          const lifetime = got!.lifetime as { orderCount: number; revenue: { amount: number } } | null | undefined;
          if (figures) expect({ count: lifetime?.orderCount, revenue: lifetime?.revenue.amount }, `${key}.lifetime`).toEqual({ count: figures.orderCount, revenue: figures.revenue });
        }
        const companies = await readAll(crm, "company");
        for (const [key, expected] of validWorldRecords(world, "company")) expect(companies.get(key)?.name, `company ${key}`).toEqual(expected.name);
        const orders = await readAll(crm, "order");
        for (const [key, expected] of validWorldRecords(world, "order")) expect(orders.get(key)?.total, `order ${key}`).toEqual(expected.total);
      } finally {
        await crm.close();
      }
    });

    it("records a CMS id for every valid product and dead-letters the invalid ones with reasons", async () => {
      const store = await StateStore.open(url, dir);
      try {
        for (const key of validWorldRecords(world, "product").keys()) {
          const ids = await store.repos.targets.lookup({ entity: "product", key });
          expect(ids.map((i) => i.system), `product ${key}`).toContain("contentful");
        }
      } finally {
        await store.close();
      }
      expectBrokenRecordsHandled([...world.invalidRecords()], first);
    });

    it("carries every SKU's retail price and online stock on its product page, and dead-letters only the broken records", async () => {
      const pages = await contentfulOffers(host.get("contentful").settings);
      const prices = new Map([...world.records("price")].filter((p) => p.priceListKey === "retail-eur" && !p.customerKey).map((p) => [p.sku, p.price]));
      const stock = new Map([...world.records("stockLevel")].filter((s) => s.locationKey === "WH-DE-01").map((s) => [s.sku, s.available]));
      const broken = new Set([...world.invalidRecords()].map((r) => `${r.entity}/${r.key}`));
      // The CRM holds its own copies of the broken customers, keyed by email.
      for (const c of world.records("customer")) if (broken.has(`customer/${c.key}`) && c.email) broken.add(`customer/${c.email}`);
      for (const [key, product] of validWorldRecords(world, "product")) {
        if (product.status !== "active") continue; // a draft's page is not published: the delivery API does not show it
        const variants = product.variants as Array<{ sku: string }>;
        const skus = variants.length > 0 ? variants.map((v) => v.sku) : [key];
        const rows = pages.get(key)?.variants ?? [];
        expect(rows.map((r) => r.sku).sort(), `offers of ${key}`).toEqual(skus.sort());
        for (const row of rows) {
          expect(row.price, `price of ${row.sku}`).toEqual(prices.get(row.sku) ?? null);
          expect(row.available, `stock of ${row.sku}`).toEqual(broken.has(`stockLevel/${row.sku}@WH-DE-01`) ? null : (stock.get(row.sku) ?? null));
        }
      }
      expect(first.deadLetters.filter((l) => !broken.has(`${l.entity}/${l.recordKey}`)).map((l) => `${l.flow} ${l.recordKey}: ${l.message}`)).toEqual([]);
    });

    it("writes nothing on a second run", async () => {
      const second = await runSync(config, {});
      expect(second.flows.map((f) => [f.flow, f.written])).toEqual(second.flows.map((f) => [f.flow, 0]));
    });

    it("after a 1% mutation, a dry run reports exactly what the real run then writes: only the changed records", async () => {
      const { changes } = mutateWorld(world, { changeRate: 0.01 });
      await host.apply(changes);
      const dry = await runSync(config, { dryRun: true });
      const real = await runSync(config, { collectChanges: true });
      expect(written(dry)).toBe(0);
      const touched = new Set(changes.upserted.map((c) => `${c.entity}/${c.record.key}`));
      const parties = new Set(changes.upserted.filter((c) => c.entity === "order").flatMap((c) => {
        const order = c.record as { customerKey?: string | null; companyKey?: string | null };
        return [order.customerKey ? `customer/${order.customerKey}` : "", order.companyKey ? `company/${order.companyKey}` : ""];
      }));
      // A changed price changes the PIM product it is stored on, a changed price or stock the offers on its
      // product's page; records a target rejected before are retried.
      const pricedProducts = changes.upserted.filter((c) => c.entity === "price" || c.entity === "stockLevel").map((c) => String((c.record as { sku: string }).sku));
      const rejected = new Set(first.deadLetters.filter((l) => l.stage !== "read").map((l) => `${l.entity}/${l.recordKey}`));
      const explained = (entity: string, key: string) => touched.has(`${entity}/${key}`) || parties.has(`${entity}/${key}`) || rejected.has(`${entity}/${key}`)
        || (entity === "product" && pricedProducts.some((sku) => sku === key || sku.startsWith(`${key}-`)));
      for (const change of real.changes!) expect(explained(change.entity, change.key), changeKey(change)).toBe(true);
      // Nothing changed is left behind: the delta reads pick up every changed order, and every
      // changed valid product reaches the CMS. (An order change the ERP cannot express, such as a
      // canonical status it has no state for, reads back unchanged and rightly writes nothing.)
      const next = mutateWorld(world, { changeRate: 0.01 }).world;
      const changedOrders = changes.upserted.filter((u) => u.entity === "order").length;
      expect(real.flows.find((f) => f.flow === "orders")!.read).toBeGreaterThanOrEqual(changedOrders);
      for (const [entity, system] of [["product", "contentful"]] as const) {
        const valid = validWorldRecords(next, entity);
        for (const c of changes.upserted.filter((u) => u.entity === entity && valid.has(u.record.key))) {
          expect(real.changes!.some((r) => r.system === system && r.entity === entity && r.key === c.record.key), `${entity} ${c.record.key} → ${system}`).toBe(true);
        }
      }
      // The dry run reports every change the real run makes, except one it cannot foresee: the PIM
      // stores the ERP prices we write on its own products, so those products come back changed
      // within the same real run (an echo of the price change, carried on to the CMS).
      const planned = new Set(dry.changes!.map(changeKey));
      const made = new Set(real.changes!.map(changeKey));
      expect([...planned].filter((c) => !made.has(c))).toEqual([]);
      const echoes = real.changes!.filter((c) => !planned.has(changeKey(c)));
      for (const echo of echoes) {
        expect(echo.entity === "product" && pricedProducts.some((sku) => sku === echo.key || sku.startsWith(`${echo.key}-`)), changeKey(echo)).toBe(true);
      }
      expect(written(real)).toBeLessThan(written(first) / 5);
    });
  });
}
