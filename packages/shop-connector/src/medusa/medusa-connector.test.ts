import { afterAll, describe, expect, it } from "vitest";
import { ConnectorError, stockLevelSchema, type Product } from "@omnibridge/core-model";
import { createMedusaConnector } from "./medusa-connector";
import { startMedusaEmulator, type MedusaEmulator, type MedusaEmulatorRow } from "./testing";

const emulators: MedusaEmulator[] = [];
afterAll(async () => Promise.all(emulators.map((e) => e.stop())));

const T0 = "2026-01-01T10:00:00.000Z";
const T1 = "2026-01-01T10:00:01.000Z";
const T2 = "2026-01-01T10:00:02.000Z";

function product(n: number, updatedAt: string): MedusaEmulatorRow {
  return { id: `prod_${n}`, title: `Product ${n}`, status: "published", external_id: `P-${n}`, updated_at: updatedAt,
    options: [{ id: "opt_default", title: "Default option", values: [{ id: "optval_1", value: "Default option value" }] }],
    variants: [{ id: `variant_${n}`, sku: `P-${n}`, product_id: `prod_${n}`, updated_at: updatedAt, options: [], prices: [] }] };
}

async function start(seed: Parameters<typeof startMedusaEmulator>[0]) {
  const emulator = await startMedusaEmulator(seed);
  emulators.push(emulator);
  const connector = createMedusaConnector({ url: emulator.url, secretApiKey: emulator.secretApiKey, retry: { retries: 2, minDelayMs: 10 },
    locations: { warehouse: "sloc_wh", closed: "sloc_closed" } });
  return { emulator, connector };
}

async function readAll(connector: ReturnType<typeof createMedusaConnector>, pageSize: number, cursor?: string | null) {
  const pages = [];
  for await (const page of connector.read("product", { pageSize, cursor })) pages.push(page);
  return pages;
}

describe("medusa connector against the emulator", () => {
  it("pages by updated_at without losing or repeating a group of records that share the page's last timestamp", async () => {
    // Three products share T1 and straddle the first page boundary at pageSize 2.
    const { emulator, connector } = await start({ products: [product(1, T0), product(2, T1), product(3, T1), product(4, T1), product(5,
      T2)],
      variants: [{ id: "variant_1", product_id: "prod_1", updated_at: T0 }] });
    const pages = await readAll(connector, 2);
    const keys = pages.flatMap((p) => p.items.map((i: Product) => i.key));
    expect(keys).toEqual(["P-1", "P-2", "P-3", "P-4", "P-5"]);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // The tie group was re-read completely by `updated_at[$eq]`, and later pages asked with `$gt`, never the `$`-less form.
    const queries = emulator.server.requests.filter((r) => r.path === "/admin/products").map((r) => decodeURIComponent(r.query));
    expect(queries.some((q) => q.includes(`updated_at[$eq]=${T1}`))).toBe(true);
    expect(queries.some((q) => q.includes(`updated_at[$gt]=${T1}`))).toBe(true);
    expect(queries.every((q) => !/updated_at\[(gt|eq)\]/.test(q))).toBe(true);
    // Resuming from the first page's cursor loses nothing; the final cursor reads nothing.
    const rest = await readAll(connector, 2, pages[0]!.cursor);
    expect(new Set([...pages[0]!.items.map((i: Product) => i.key),
      ...rest.flatMap((p) => p.items.map((i: Product) => i.key))]).size).toBe(5);
    expect((await readAll(connector, 2, pages.at(-1)!.cursor)).flatMap((p) => p.items)).toEqual([]);
  });

  it("a variant changed after the last read (a price) brings its product back, though the product's updated_at is old", async () => {
    const { emulator, connector } = await start({ products: [product(1, T0), product(2, T0)], variants: [{ id: "variant_2",
      product_id: "prod_2", updated_at: T0 }] });
    const pages = await readAll(connector, 10);
    emulator.data.variants[0]!.updated_at = T2;
    const delta = await readAll(connector, 10, pages.at(-1)!.cursor);
    expect(delta.flatMap((p) => p.items.map((i: Product) => i.key))).toEqual(["P-2"]);
  });

  it("waits out a 429 (Retry-After) and goes on; a 401 is not retried and leaks no key", async () => {
    const { emulator, connector } = await start({ products: [product(1, T0)] });
    emulator.rateLimitNext(1, 0);
    expect((await readAll(connector, 10)).flatMap((p) => p.items)).toHaveLength(1);
    expect(connector.metrics()).toMatchObject({ rateLimited: 1, retries: 1 });
    expect(emulator.server.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${emulator.secretApiKey}:`).toString("base64")}`);

    const denied = createMedusaConnector({ url: emulator.url, secretApiKey: "sk_wrong_key" });
    const before = emulator.server.requestCount();
    const error = await readAll(denied, 10).catch((e: unknown) => e);
    expect(ConnectorError.is(error) && error.reason).toBe("unauthorized");
    expect(emulator.server.requestCount() - before).toBe(1);
    expect(String((error as Error).message)).not.toContain("sk_wrong_key");
  });

  it("a stock batch Medusa refuses as a whole is re-sent level by level: only the bad record fails", async () => {
    const { emulator, connector } = await start({
      stock_locations: [{ id: "sloc_wh", name: "Warehouse", updated_at: T0 }],
      inventory_items: [{ id: "iitem_1", sku: "A", updated_at: T0, location_levels: [] }, { id: "iitem_2", sku: "B", updated_at: T0,
        location_levels: [] }],
    });
    const level = (sku: string, locationKey: string) => stockLevelSchema.parse({ key: `${sku}@${locationKey}`, updatedAt: T0, sku,
      locationKey,
      onHand: 7, reserved: 0, available: 7 });
    const outcomes = await connector.write("stockLevel", [level("A", "warehouse"), level("B", "closed")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "failed"]);
    expect(outcomes[1]?.issue).toMatchObject({ recordKey: "B@closed", reason: "invalid", message: expect.stringContaining("sloc_closed") });
    const batches = emulator.server.requests.filter((r) => r.path === "/admin/inventory-items/location-levels/batch").map((r) => r.body);
    expect(batches[0]).toEqual({ create: [{ inventory_item_id: "iitem_1", location_id: "sloc_wh", stocked_quantity: 7 },
      { inventory_item_id: "iitem_2", location_id: "sloc_closed", stocked_quantity: 7 }], update: [], delete: [] });
    expect(batches).toHaveLength(3);
  });
});
