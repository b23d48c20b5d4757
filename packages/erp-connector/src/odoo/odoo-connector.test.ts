import { afterEach, describe, expect, it } from "vitest";
import { createWorld, mutateWorld, type World } from "@omnibridge/testkit";
import type { ConnectorV1 } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "./index";
import { startOdooEmulator, type OdooEmulator, type OdooEmulatorOptions } from "./testing/odoo-emulator";
import { loggedCalls } from "./testing/odoo-test-helpers";
import { readAll } from "../../test/read-all";

const world = createWorld({ seed: 5, products: 30 });
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) {
    await connector.close();
    await emulator.stop();
  }
});

async function setup(options: OdooEmulatorOptions & { world?: World } = { world }, settings: Record<string, unknown> = {}) {
  const emulator = await startOdooEmulator(options);
  const connector = createOdooConnector({
    ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { minDelayMs: 5, maxDelayMs: 20 }, ...settings,
  });
  started.push({ emulator, connector });
  return { emulator, connector, calls: () => loggedCalls(emulator.server.requests) };
}

describe("Odoo connector reads (JSON-RPC execute_kw)", () => {
  it("pages products by keyset (write_date, id) and sends documented execute_kw calls", async () => {
    const { connector, calls, emulator } = await setup();
    const { items, pages } = await readAll(connector, "product", { pageSize: 7 });
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(new Set(items.map((p) => p.key)).size).toBe(items.length);
    const auth = emulator.server.requests.filter((r) => (r.body as { params?: { method?: string } }).params?.method === "authenticate");
    expect(auth).toHaveLength(1);
    const reads = calls().filter((c) => c.model === "product.template" && c.method === "search_read");
    expect(reads[0]).toMatchObject({ args: [[]], kwargs: { limit: 8, order: "write_date asc, id asc", context: { active_test: false } } });
    expect(reads[0]!.kwargs.fields).toContain("detailed_type");
    const body = emulator.server.requests.find((r) => r.path === "/jsonrpc" && JSON.stringify(r.body).includes('"product.template","search_read"'))!.body as { params: { args: unknown[] } };
    expect(body.params.args.slice(0, 5)).toEqual([emulator.settings.database, 2, emulator.settings.apiKey, "product.template", "search_read"]);
    // Later windows start at a second boundary, or read the boundary second's "bucket" by id.
    const stamp = expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    for (const read of reads.slice(1)) {
      const domain = read.args[0] as unknown[];
      if (read.kwargs.order === "id asc") expect(domain).toEqual(["&", "&", ["write_date", ">=", stamp], ["write_date", "<", stamp], ["id", ">", expect.any(Number)]]);
      else expect(domain.length === 1 ? domain : domain.slice(1, 2)).toEqual([["write_date", ">=", stamp]]);
    }
  });

  it("resumes from a saved cursor after a crash mid-stream: nothing lost, nothing read twice", async () => {
    const { connector, emulator } = await setup();
    const full = await readAll(connector, "stockLevel", { pageSize: 40 });
    const seen: string[] = [];
    let saved: string | null = null;
    for await (const page of connector.read("stockLevel", { pageSize: 40 })) {
      seen.push(...page.items.map((i) => i.key));
      saved = page.cursor;
      if (seen.length >= 80) break; // the process dies here; only the checkpoint survives
    }
    const resumed = createOdooConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }) });
    const rest = await readAll(resumed, "stockLevel", { pageSize: 40, cursor: saved });
    await resumed.close();
    const keys = [...seen, ...rest.items.map((i) => i.key)];
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(keys)).toEqual(new Set(full.items.map((i) => i.key)));
  });

  it("never skips records that share the boundary write_date, including ones written later in that same second", async () => {
    let now = "2026-03-01 10:00:00";
    const { connector, emulator } = await setup({ clock: () => now });
    for (let i = 1; i <= 9; i++) emulator.seedState.upsert("product.category", `TIE-${i}`, { name: `Tie ${i}`, parent_id: false, complete_name: `Tie ${i}` }, "2026-03-01T10:00:00Z");
    const first = await readAll(connector, "category", { pageSize: 4 });
    expect(first.pages).toHaveLength(3);
    expect(first.items.map((c) => c.name.en).sort()).toEqual(Array.from({ length: 9 }, (_, i) => `Tie ${i + 1}`).sort());
    emulator.seedState.upsert("product.category", "TIE-10", { name: "Tie 10", parent_id: false, complete_name: "Tie 10" }, "2026-03-01T10:00:00Z");
    now = "2026-03-01 10:00:01";
    const delta = await readAll(connector, "category", { pageSize: 4, cursor: first.cursor });
    expect(delta.items.map((c) => c.name.en)).toEqual(["Tie 10"]);
  });

  it("a mass import sharing one microsecond write_date (read back in whole seconds) is paged by id: no loop, no loss, no repeats", async () => {
    const { connector, emulator } = await setup({});
    const rows = emulator.orm.table("product.category");
    for (let i = 1; i <= 15; i++) {
      const id = emulator.orm.allocateId("product.category");
      // One transaction: 12 rows share .500000; three later rows with higher ids were written at .250000.
      rows.set(id, { id, name: `Import ${i}`, parent_id: false, complete_name: `Import ${i}`, create_date: "2026-03-01 10:00:00", write_date: i > 12 ? "2026-03-01 10:00:00.250000" : "2026-03-01 10:00:00.500000" });
    }
    emulator.orm.touch("product.category");
    const first = await readAll(connector, "category", { pageSize: 5 });
    expect(first.items.map((c) => c.name.en).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `Import ${i + 1}`).sort());
    expect(first.pages).toHaveLength(3);
    expect((await readAll(connector, "category", { pageSize: 5, cursor: first.cursor })).items).toEqual([]);
  });

  it("delta after a world revision returns exactly the changed stock, customers and archived (deleted) partners", async () => {
    const { connector, emulator } = await setup();
    const stock = await readAll(connector, "stockLevel", { pageSize: 100 });
    const customers = await readAll(connector, "customer", { pageSize: 100 });
    const { changes } = mutateWorld(world, { changeRate: 0.1, deleteRate: 0.05 });
    emulator.apply(changes);
    const changed = (entity: string) => new Set(changes.upserted.filter((c) => c.entity === entity).map((c) => c.record.key));
    const stockDelta = await readAll(connector, "stockLevel", { pageSize: 100, cursor: stock.cursor });
    expect(new Set(stockDelta.items.map((s) => s.key))).toEqual(changed("stockLevel"));
    const customerDelta = await readAll(connector, "customer", { pageSize: 100, cursor: customers.cursor });
    expect(new Set(customerDelta.items.map((c) => c.key))).toEqual(changed("customer"));
    expect(new Set(customerDelta.deleted)).toEqual(new Set(changes.deleted.filter((d) => d.entity === "customer").map((d) => d.key)));
    // The revision was written in the current second, still open for writes: a re-read may repeat
    // those records (never others); once the second has closed, the cursor moves past it.
    const again = await readAll(connector, "customer", { cursor: customerDelta.cursor });
    for (const customer of again.items) expect(changed("customer").has(customer.key)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3_100)); // the HTTP Date has whole seconds (and Node caches it ≤ 1 s)
    const settled = await readAll(connector, "customer", { cursor: again.cursor });
    expect((await readAll(connector, "customer", { cursor: settled.cursor })).items).toEqual([]);
  });

  it("a variant-only change re-reads its product; a changed variant rule re-prices that SKU; a global rule re-prices all", async () => {
    const { connector, emulator } = await setup({ world, clock: () => "2026-06-01 00:00:00" });
    const products = await readAll(connector, "product", { pageSize: 50 });
    const prices = await readAll(connector, "price", { pageSize: 200 });
    const variant = [...emulator.orm.table("product.product").values()].find((v) => v.default_code === "SKU-000002-BLUE-M" || String(v.default_code).startsWith("SKU-000002"))!;
    emulator.orm.table("product.product").set(variant.id, { ...variant, barcode: "4006381333931", write_date: "2026-06-01 00:00:00" });
    emulator.orm.touch("product.product");
    const productDelta = await readAll(connector, "product", { pageSize: 50, cursor: products.cursor });
    expect(productDelta.items.map((p) => p.key)).toEqual(["SKU-000002"]);
    const priceDelta = await readAll(connector, "price", { pageSize: 200, cursor: prices.cursor });
    expect(new Set(priceDelta.items.map((p) => p.sku))).toEqual(new Set([variant.default_code]));
    const list = emulator.seedState.idOf("product.pricelist", "retail-eur")!;
    emulator.seedState.upsert("product.pricelist.item", "global-10", { pricelist_id: list, applied_on: "3_global", compute_price: "percentage", percent_price: 10, min_quantity: 0 }, "2026-06-01T00:00:00Z");
    const repriced = await readAll(connector, "price", { pageSize: 200, cursor: priceDelta.cursor });
    expect(repriced.items.filter((p) => p.priceListKey === "retail-eur").length).toBe(prices.items.filter((p) => p.priceListKey === "retail-eur").length);
  });

  it("a receipt-only change (stock.move, no quant touched) shows up in the stock delta as new incoming", async () => {
    const { connector, emulator } = await setup();
    const full = await readAll(connector, "stockLevel", { pageSize: 100 });
    const level = full.items.find((s) => s.incoming === 0)!;
    emulator.seedState.upsert("stock.move", `new-receipt-${level.key}`, {
      product_id: emulator.seedState.idOf("product.product", level.sku), location_id: emulator.seedState.idOf("stock.location", "vendors"),
      location_dest_id: emulator.seedState.idOf("stock.location", level.locationKey), product_uom_qty: 25, state: "assigned", picking_code: "incoming",
    }, "2026-06-01T00:00:00Z");
    const delta = await readAll(connector, "stockLevel", { cursor: full.cursor });
    expect(delta.items.map((s) => [s.key, s.onHand, s.incoming])).toEqual([[level.key, level.onHand, 25]]);
  });

  it("reports unmappable records per record (product without SKU, negative stock) while the rest of the page flows", async () => {
    const broken = createWorld({ seed: 5, products: 30, invalidRate: 0.15 });
    const { connector } = await setup({ world: broken });
    const missing = [...broken.invalidRecords()].filter((r) => r.entity === "product" && r.field === "key");
    const products = await readAll(connector, "product", { pageSize: 10 });
    expect(missing.length).toBeGreaterThan(0);
    expect(products.issues.filter((i) => i.field === "default_code")).toHaveLength(missing.length);
    expect(products.issues[0]!.recordKey).toMatch(/^product\.template:\d+$/);
    // 30 world products + the SHIPPING and DISCOUNT service products (sale_ok false → inactive).
    expect(products.items.length + products.issues.length).toBe(32);
    const stock = await readAll(connector, "stockLevel", { pageSize: 100 });
    // Negative stock of a product that also lacks its SKU is reported as the missing SKU.
    const negative = [...broken.invalidRecords()].filter((r) => r.entity === "stockLevel" && !missing.some((m) => r.key.startsWith(`${m.key}@`))).map((r) => r.key);
    expect(stock.issues.filter((i) => i.field === "onHand").map((i) => i.recordKey).sort()).toEqual(negative.sort());
    expect(stock.issues.filter((i) => i.field === "sku").every((i) => /^product\.product:\d+@/.test(i.recordKey))).toBe(true);
  });
});
