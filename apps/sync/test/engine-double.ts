import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorld, mutateWorld, type World } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS } from "../src/compose";
import { resolveConfig, type ResolvedConfig } from "../src/config";
import { runSync, type RunSummary } from "../src/engine";
import { StateStore } from "../src/state";
import { archivedInDouble, snapshotDouble, writeCalls } from "./support/double-connector";
import { applyChanges, doubleAdapter, doubleConfig, doubleFiles, seedWorld } from "./support/double-world";
import { business, expectBrokenRecordsHandled, validWorldRecords, worldLifetimes, worldProductsWithOffers } from "./support/expect";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

function written(summary: RunSummary): number {
  return summary.flows.reduce((n, f) => n + f.written, 0);
}

/** The engine's behaviour over the test double, against one kind of state store. */
export function describeEngine(label: string, stateUrl: (dir: string) => Promise<string>, dropState: (url: string) => Promise<void>): void {
describe(`engine over the test double (${label} state)`, () => {
  let dir: string;
  let url: string;
  let world: World;
  let config: ResolvedConfig;
  let first: RunSummary;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-double-"));
    world = createWorld({ seed: 11, products: 120, invalidRate: 0.03 });
    seedWorld(dir, world);
    url = await stateUrl(dir);
    const raw = { ...doubleConfig(dir), state: { url } };
    config = resolveConfig(raw, {
      baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS, adapters: { double: doubleAdapter },
    });
    first = await runSync(config, { collectChanges: true });
  });
  afterAll(async () => {
    await dropState(url);
    rmSync(dir, { recursive: true, force: true });
  });

  it("puts exactly the world's projection into every target, record by record", () => {
    const files = doubleFiles(dir);
    // Product pages carry their offers (retail EUR price and online-warehouse stock per SKU);
    // prices and stock are not written to the CMS as records of their own.
    const products = worldProductsWithOffers(world);
    for (const cms of ["wordpress", "contentful"]) {
      const held = snapshotDouble(files[cms]!, "product");
      expect([...held.keys()].sort()).toEqual([...products.keys()].sort());
      for (const [key, record] of held) expect(business(record), `${cms} product ${key}`).toEqual(products.get(key));
      for (const entity of ["price", "stockLevel"] as const) expect(snapshotDouble(files[cms]!, entity).size, `${cms} ${entity}`).toBe(0);
    }
    const prices = snapshotDouble(files.akeneo!, "price");
    // The PIM gets the public retail lists (EUR, USD), not customer contract prices.
    const retail = [...validWorldRecords(world, "price").values()].filter((p) => ["retail-eur", "retail-usd"].includes(String(p.priceListKey)) && !p.customerKey);
    expect(prices.size).toBe(retail.length);
  });

  it("projects customers with lifetime figures from every channel's orders", () => {
    const held = snapshotDouble(doubleFiles(dir).hubspot!, "customer");
    const customers = validWorldRecords(world, "customer");
    const lifetimes = worldLifetimes(world, "customerKey");
    expect([...held.keys()].filter((k) => customers.has(k)).sort()).toEqual([...customers.keys()].sort());
    for (const [key, record] of held) {
      if (!customers.has(key)) continue; // seeded broken in the CRM itself, never overwritten
      const { lifetime, ...rest } = business(record);
      const { lifetime: _l, ...expected } = customers.get(key)!;
      expect(rest, `customer ${key}`).toEqual(expected);
      const figures = lifetimes.get(key);
      if (!figures) continue;
      const got = lifetime as { orderCount: number; revenue: { amount: number; currency: string } };
      expect({ orderCount: got.orderCount, revenue: got.revenue.amount, currency: got.revenue.currency }, `lifetime of ${key}`).toEqual(figures);
    }
  });

  it("writes in the target's batch size and records per-flow counts", async () => {
    const calls = writeCalls(doubleFiles(dir).wordpress!);
    expect(calls.length).toBeGreaterThan(0);
    expect(Math.max(...calls.map((c) => c.size))).toBeLessThanOrEqual(25);
    const store = await StateStore.open(config.stateUrl!, dir);
    const [run] = await store.repos.runs.list(1);
    const flows = await store.repos.runs.flows(run!.id);
    await store.close();
    expect(flows.map((f) => f.flow)).toEqual(config.flows.map((f) => f.name));
    const products = flows.find((f) => f.flow === "products")!;
    expect(products.read).toBe(world.counts.products);
    expect(products.requests).toBeGreaterThan(0);
  });

  it("dead-letters invalid source records with their reasons while everything else syncs", () => {
    const invalid = [...world.invalidRecords()].filter((i) => ["product", "stockLevel", "customer"].includes(i.entity));
    expect(invalid.length).toBeGreaterThan(0);
    expectBrokenRecordsHandled(invalid, first);
    expect(first.exitCode).toBe(1);
  });

  it("writes nothing on a second run", async () => {
    const second = await runSync(config, {});
    expect(written(second)).toBe(0);
    expect(second.flows.every((f) => f.changed === 0)).toBe(true);
  });

  it("after a 1% mutation writes only the changed records, and a dry run reports exactly those", async () => {
    const { world: next, changes } = mutateWorld(world, { changeRate: 0.01 });
    applyChanges(dir, changes);
    const dry = await runSync(config, { dryRun: true });
    const real = await runSync(config, { collectChanges: true });
    const key = (c: { system: string; entity: string; key: string; op: string }) => `${c.system}/${c.entity}/${c.key}/${c.op}`;
    expect(dry.changes!.map(key).sort()).toEqual(real.changes!.map(key).sort());
    expect(written(dry)).toBe(0);
    // A product page changes when the product changed or one of its offers did (a SKU's shop price or stock).
    const before = worldProductsWithOffers(world);
    const after = worldProductsWithOffers(next);
    const changedPages = [...after].filter(([key, page]) => JSON.stringify(before.get(key)) !== JSON.stringify(page)).map(([key]) => key);
    const changedProducts = new Set(changes.upserted.filter((c) => c.entity === "product").map((c) => c.record.key));
    const expected = new Set([...changedPages, ...[...changedProducts].filter((k) => after.has(k))]);
    const productWrites = real.changes!.filter((c) => c.entity === "product");
    expect(new Set(productWrites.map((c) => c.key))).toEqual(expected);
    expect(written(real)).toBeGreaterThan(0);
    expect(written(real)).toBeLessThan(written(first) / 10);
    world = next;
  });

  it("archives records the source deleted, and the guard stops a mass deletion", async () => {
    const files = doubleFiles(dir);
    const valid = validWorldRecords(world, "product");
    const products = [...snapshotDouble(files.akeneo!, "product").keys()].filter((k) => valid.has(k));
    applyChanges(dir, { upserted: [], deleted: products.slice(0, 2).map((key) => ({ entity: "product", key })) });
    const ok = await runSync(config, { flows: ["products"] });
    expect(ok.flows[0]!.archived).toBe(4);
    expect(archivedInDouble(files.wordpress!, "product")).toEqual(expect.arrayContaining(products.slice(0, 2)));
    applyChanges(dir, { upserted: [], deleted: products.slice(2, 60).map((key) => ({ entity: "product", key })) });
    const guarded = await runSync(config, { flows: ["products"] });
    expect(guarded.exitCode).toBe(3);
    expect(guarded.flows[0]!.status).toBe("guarded");
    expect(archivedInDouble(files.wordpress!, "product")).toHaveLength(2);
  });
});
}

