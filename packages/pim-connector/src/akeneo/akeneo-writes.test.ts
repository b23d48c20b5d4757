import { TokenBucket } from "@omnibridge/connector-kit";
import type { Price, Product } from "@omnibridge/core-model";
import { createWorld, type World } from "@omnibridge/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { startAkeneoEmulator, type AkeneoEmulator } from "../testing";
import { createAkeneoConnector } from "./akeneo-connector";

let emulator: AkeneoEmulator | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  await emulator?.stop();
});

async function setup(products = 40) {
  const world = createWorld({ seed: 5, products });
  emulator = await startAkeneoEmulator({ world });
  const connector = createAkeneoConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 1_000 }) });
  close = () => connector.close();
  return { world, emulator, connector };
}

const simpleOf = (world: World) => [...world.products()].filter((p) => p.variants.length === 0);
const withVariants = (world: World) => [...world.products()].filter((p) => p.variants.length > 0);
const patches = (e: AkeneoEmulator, path: string) => e.server.requests.filter((r) => r.method === "PATCH" && r.path === `/api/rest/v1${path}`);
const price = (sku: string, amount: number, currency: string, key = `${sku}:${currency}`): Price =>
  ({ key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", priceListKey: "retail", sku, price: { amount, currency }, tiers: [] });

describe("akeneo product writes", () => {
  it("reports per-line PATCH failures per record and applies the rest", async () => {
    const { world, emulator: e, connector } = await setup();
    const [a, b] = simpleOf(world);
    const fresh: Product = { ...a!, key: "NEW-SKU-1", externalIds: {}, gtin: "4006381333931" };
    const bad: Product = { ...b!, attributes: { ...b!.attributes, season: [{ type: "select", value: "monsoon" }] } };
    const good: Product = { ...a!, gtin: "4006381333931" };
    const outcomes = await connector.write("product", [good, bad, fresh]);
    expect(outcomes.map((o) => o.status)).toEqual(["updated", "failed", "created"]);
    expect(outcomes[1]!.issue).toMatchObject({ recordKey: b!.key, field: "values.season", reason: "invalid" });
    expect(outcomes[1]!.issue!.message).toContain("monsoon");
    const sent = patches(e, "/products-uuid").at(-1)!;
    expect(sent.headers["content-type"]).toBe("application/vnd.akeneo.collection+json");
    expect(String(sent.body).split("\n")).toHaveLength(3);
    const stored = e.state.products.get(e.state.identifiers.get(a!.key)!)!;
    expect(stored.values.ean?.[0]?.data).toBe("4006381333931");
    expect(e.state.identifiers.has("NEW-SKU-1")).toBe(true);
  });

  it("rejects invalid records before sending, naming record and field, and keeps the valid ones", async () => {
    const { world, connector } = await setup();
    const [a] = simpleOf(world);
    const broken = { ...a!, key: "BROKEN-1", gtin: "123" } as Product;
    const outcomes = await connector.write("product", [broken, { ...a!, brand: "Acme" }]);
    expect(outcomes[0]).toMatchObject({ key: "BROKEN-1", status: "failed", issue: { recordKey: "BROKEN-1", field: "gtin", reason: "invalid" } });
    expect(outcomes[1]!.status).toBe("updated");
  });

  it("is idempotent: writing a new product twice creates it once", async () => {
    const { world, emulator: e, connector } = await setup();
    const [a] = simpleOf(world);
    const fresh: Product = { ...a!, key: "NEW-SKU-2", externalIds: {}, gtin: null };
    const first = await connector.write("product", [fresh]);
    const again = createAkeneoConnector({ ...e.settings }); // a fresh process with no lookup cache
    const second = await again.write("product", [fresh]);
    await again.close();
    expect([first[0]!.status, second[0]!.status]).toEqual(["created", "updated"]);
    expect(first[0]!.externalId).toBe(second[0]!.externalId);
    expect([...e.state.products.values()].filter((p) => e.state.skuOf(p) === "NEW-SKU-2")).toHaveLength(1);
  });

  it("creates a new product with variants: the model (family variant by axes) first, then its variants", async () => {
    const { world, emulator: e, connector } = await setup();
    const template = withVariants(world)[0]!;
    const fresh: Product = {
      ...template, key: "NEW-MODEL-1", externalIds: {},
      variants: template.variants.map((v, i) => ({ ...v, sku: `NEW-MODEL-1-${i}`, externalIds: {} })),
    };
    const [outcome] = await connector.write("product", [fresh]);
    expect(outcome).toMatchObject({ key: "NEW-MODEL-1", status: "created", externalId: "NEW-MODEL-1" });
    expect(e.state.models.get("NEW-MODEL-1")?.family_variant).toBe(`${template.family}_color_size`);
    expect(e.state.children.get("NEW-MODEL-1")?.size).toBe(template.variants.length);
    const read = [];
    for await (const page of connector.read("product", { pageSize: 100 })) read.push(...page.items);
    const back = read.find((p) => p.key === "NEW-MODEL-1")!;
    expect(back.variants.map((v) => v.sku).sort()).toEqual(fresh.variants.map((v) => v.sku).sort());
    expect(back.name).toEqual(fresh.name);
  });

  it("writes variant-level ERP fields under the model and sends only the given fields", async () => {
    const { world, emulator: e, connector } = await setup();
    const model = withVariants(world)[0]!;
    const variant = model.variants[0]!;
    const nameBefore = e.state.models.get(model.key)!.values.name;
    const partial = { key: model.key, variants: [{ sku: variant.sku, gtin: "4006381333931", weight: { value: 321, unit: "GRAM" } }] } as unknown as Product;
    const outcomes = await connector.write("product", [partial]);
    expect(outcomes[0]).toMatchObject({ key: model.key, status: "updated" });
    const body = patches(e, "/products-uuid").at(-1)!.body;
    const line = (typeof body === "string" ? JSON.parse(body) : body) as Record<string, unknown>;
    expect(Object.keys(line).sort()).toEqual(["parent", "uuid", "values"]);
    expect(Object.keys(line.values as object).sort()).toEqual(["ean", "sku", "weight"]);
    expect(e.state.models.get(model.key)!.values.name).toEqual(nameBefore);
  });
});

describe("akeneo write auth", () => {
  it("renews an expired token once during a price write (collection GET, then PATCH) and completes the write", async () => {
    const { world, emulator: e, connector } = await setup();
    const sku = simpleOf(world)[0]!.key;
    await connector.write("price", [price(sku, 1000, "EUR")]);
    e.auth.expireAll();
    const outcomes = await connector.write("price", [price(sku, 1100, "EUR")]);
    expect(outcomes[0]!.status).toBe("updated");
    expect(e.auth.grants.refresh_token).toBe(1);
    // The write first reads the SKU's current price collection (a PATCH replaces it whole), so the expired token meets that GET.
    expect(e.server.requests.filter((r) => r.status === 401).map((r) => r.method)).toEqual(["GET"]);
    expect(patches(e, "/products-uuid").length).toBeGreaterThan(0);
  });
});

describe("akeneo price writes", () => {
  it("groups prices per SKU into the price collection, decimal strings, one entry per currency", async () => {
    const { world, emulator: e, connector } = await setup();
    const sku = simpleOf(world)[0]!.key;
    const variantSku = withVariants(world)[0]!.variants[0]!.sku;
    const outcomes = await connector.write("price", [price(sku, 1999, "EUR"), price(sku, 2199, "USD"), price("NO-SUCH-SKU", 100, "EUR"), price(variantSku, 500, "EUR")]);
    expect(outcomes.map((o) => o.status)).toEqual(["updated", "updated", "failed", "updated"]);
    expect(outcomes[2]!.issue).toMatchObject({ recordKey: "NO-SUCH-SKU:EUR", field: "sku", reason: "not_found" });
    const stored = e.state.products.get(e.state.identifiers.get(sku)!)!;
    expect(stored.values.price).toEqual([{ locale: null, scope: null, data: [{ amount: "19.99", currency: "EUR" }, { amount: "21.99", currency: "USD" }] }]);
    const read = [];
    for await (const page of connector.read("product", { pageSize: 100 })) read.push(...page.items);
    const product = read.find((p) => p.key === sku)!;
    expect(product.attributes.price?.[0]).toMatchObject({ type: "price", value: [{ amount: 1999, currency: "EUR" }, { amount: 2199, currency: "USD" }] });
  });

  it("splits large batches into PATCH collections of at most 100 lines", async () => {
    const { world, emulator: e, connector } = await setup(300);
    const skus = [...world.skus()].slice(0, 250);
    const outcomes = await connector.write("price", skus.map((sku) => price(sku, 1000, "EUR")));
    expect(outcomes.every((o) => o.status === "updated")).toBe(true);
    const sent = patches(e, "/products-uuid");
    expect(sent.length).toBe(3);
    expect(sent.map((r) => String(r.body).split("\n").length).sort((a, b) => a - b)).toEqual([50, 100, 100]);
  });
});
