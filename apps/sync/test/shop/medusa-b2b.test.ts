import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { customerGroupSchema, customerSchema, moneyToDecimal, priceSchema, type ConnectorV1, type EntityOf, type Money,
  type Price, type WriteOutcome } from "@omnibridge/core-model";
import { startOdooEmulator, type OdooEmulator } from "@omnibridge/erp-connector/testing";
import { createMedusaConnector, medusaSettingsSchema } from "@omnibridge/shop-connector";
import { createMedusaShopper } from "@omnibridge/shop-connector/testing";
import { createWorld, type World } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "../../src/compose";
import { shopFlows } from "../../src/extensions";
import { connectMedusa, medusaAdminGet, medusaShopSettings, shopCustomer, shopSkus, startRealMedusa, writeShopCatalogue,
  type MedusaFacts } from "../../src/extensions/shop/demo-shop";
import { cli } from "../support/cli";

/**
 * Issue 20's B2B check against the REAL Medusa 2.18.0 (scripts/medusa/start.sh; shared between runs and
 * tests, so the shopper is unique per run) and the Odoo emulator: the sync's `medusa-prices` flow writes
 * Odoo's retail EUR price of one SKU as the variant's base price and its B2B EUR price into the Medusa
 * price list of the `b2b` customer group. Through the STORE API a logged-in member of that group then
 * sees the B2B price and an anonymous shopper the retail price, both equal to Odoo's pricelist amounts.
 */
const run = randomBytes(4).toString("hex");
const email = `b2b-${run}@example.com`;
const GROUP = "b2b";
const RETAIL = "retail-eur";
const B2B = "b2b-eur";
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const storeProductsSchema = z.object({ products: z.array(z.object({ id: z.string(), variants: z.array(z.object({
  sku: z.string().nullish(),
  calculated_price: z.object({ calculated_amount: z.number().nullable(), currency_code: z.string().nullish(),
    is_calculated_price_price_list: z.boolean().nullish(),
    calculated_price: z.object({ price_list_id: z.string().nullish() }).loose().nullish() }).loose().nullish(),
}).loose()).nullish() }).loose()) });
const adminVariantsSchema = z.object({ variants: z.array(z.object({ id: z.string(), sku: z.string().nullish(), product_id: z.string() })
  .loose()) });

const priceListsSchema = z.object({ price_lists: z.array(z.object({ id: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish() }).loose()) });

/** The Medusa price list the connector keyed with this canonical key (`metadata.omnibridge_key`). */
async function priceListId(facts: MedusaFacts, key: string): Promise<string | undefined> {
  const { price_lists: lists } = await medusaAdminGet(facts, "/admin/price-lists?fields=id,metadata&limit=500", priceListsSchema);
  return lists.find((l) => l.metadata?.omnibridge_key === key)?.id;
}

/** Medusa's major-unit amount of canonical minor-unit money (exact decimal, as the connector sends it). */
const major = (money: Money) => Number(moneyToDecimal(money));

async function odooPrices(odoo: OdooEmulator, sku: string): Promise<Map<string, Price>> {
  const erp = await createConnector("odoo", odoo.settings, { system: "odoo" });
  const out = new Map<string, Price>();
  try {
    for await (const page of erp.read("price", { pageSize: 500 })) {
      for (const price of page.items) if (price.sku === sku && !price.customerKey) out.set(price.priceListKey, priceSchema.parse(price));
    }
  } finally {
    await erp.close();
  }
  return out;
}

function throwFailed(entity: string, outcomes: readonly WriteOutcome[]): void {
  const failed = outcomes.filter((o) => o.status === "failed");
  if (failed.length) throw new Error(`medusa ${entity}: ${failed.map((o) => `${o.key}: ${o.issue?.message ?? "failed"}`).join("; ")}`);
}

async function writeOrThrow<K extends "priceList" | "price" | "customer">(shop: ConnectorV1, entity: K,
  records: readonly EntityOf<K>[]): Promise<void> {
  throwFailed(entity, await shop.write(entity, records));
}

describe("shop B2B: a customer group's ERP price list price in the real Medusa store", () => {
  let world: World;
  let odoo: OdooEmulator;
  let facts: MedusaFacts;
  let shop: ConnectorV1;
  let dir: string;
  let sku: string;
  let productId: string;
  let expected: { retail: Money; b2b: Money };

  beforeAll(async () => {
    const started = await startRealMedusa();
    if ("reason" in started) throw new Error(`the real Medusa did not start: ${started.reason}`);
    facts = started.facts;
    // The order loop's world (same seed): its retail prices of shared SKUs agree; this test takes a SKU the loop does not order.
    world = createWorld({ seed: 37, products: 30 });
    odoo = await startOdooEmulator({ world });
    const loopSkus = new Set(shopSkus(world, 2));
    const lists = new Map<string, Set<string>>();
    for (const price of world.prices()) {
      if (price.customerKey) continue;
      lists.set(price.sku, (lists.get(price.sku) ?? new Set()).add(price.priceListKey));
    }
    const candidates = [...lists].filter(([s, keys]) => !loopSkus.has(s) && keys.has(RETAIL) && keys.has(B2B)).map(([s]) => s);
    let chosen: { sku: string; retail: Price; b2b: Price } | undefined;
    for (const candidate of candidates.slice(0, 5)) {
      const inOdoo = await odooPrices(odoo, candidate);
      const retail = inOdoo.get(RETAIL);
      const b2b = inOdoo.get(B2B);
      if (retail && b2b && retail.price.amount !== b2b.price.amount) {
        chosen = { sku: candidate, retail, b2b };
        break;
      }
    }
    if (!chosen) throw new Error("no SKU of the world has distinct retail-eur and b2b-eur prices in Odoo");
    sku = chosen.sku;
    expected = { retail: chosen.retail.price, b2b: chosen.b2b.price };
    expect(expected.retail.currency).toBe("EUR");
    expect(expected.b2b.currency).toBe("EUR");

    shop = await connectMedusa(facts);
    await writeShopCatalogue(shop, facts, world, [sku]);
    const { variants } = await medusaAdminGet(facts, `/admin/product-variants?sku[]=${encodeURIComponent(sku)}&fields=id,sku,product_id`,
      adminVariantsSchema);
    productId = variants.find((v) => v.sku === sku)!.product_id;

    // The B2B customer group and its price list in Medusa. Odoo has no customer groups (its priceList read says
    // customerGroup: null), so the group and the list's group rule come from the world's B2B list, written with the connector.
    const now = new Date().toISOString();
    // Customer groups are written with the Medusa connector's own method (no canonical entity handler).
    const groups = createMedusaConnector(medusaSettingsSchema.parse(medusaShopSettings(facts)));
    try {
      throwFailed("customerGroup", await groups.writeCustomerGroups([customerGroupSchema.parse({ key: GROUP, updatedAt: now,
        externalIds: {}, name: "B2B", taxMode: "net" })]));
    } finally {
      await groups.close();
    }
    const list = [...world.priceLists()].find((l) => l.key === B2B);
    if (!list) throw new Error(`the world has no ${B2B} price list`);
    expect(list.customerGroup).toBe(GROUP);
    await writeOrThrow(shop, "priceList", [list]);
    // Stale prices in Medusa (an earlier run left Odoo's): the sync's flow must replace both.
    await writeOrThrow(shop, "price", [RETAIL, B2B].map((key) => priceSchema.parse({ key: `${key}:${sku}`, updatedAt: now,
      priceListKey: key, sku, price: { amount: (key === RETAIL ? expected.retail : expected.b2b).amount + 111, currency: "EUR" } })));

    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-medusa-b2b-"));
    dirs.push(dir);
    // Only this SKU's EUR list prices (customer prices have no Medusa counterpart; USD has no base list here).
    const flows = shopFlows({ shop: "medusa", erp: "odoo", pim: "akeneo" }).filter((f) => f.name === "medusa-prices")
      .map((f) => ({ ...f, filters: [{ field: "sku", op: "in" as const, value: [sku] },
        { field: "priceListKey", op: "in" as const, value: [RETAIL, B2B] }, { field: "customerKey", op: "missing" as const }] }));
    writeFileSync(path.join(dir, "omnibridge.config.yaml"), JSON.stringify({
      state: { url: `sqlite:${path.join(dir, "state.db")}` },
      systems: { odoo: { adapter: "odoo", settings: odoo.settings },
        medusa: { adapter: "medusa", role: "shop", settings: medusaShopSettings(facts) } },
      flows,
    }, null, 2));
  }, 900_000);
  afterAll(async () => {
    await odoo?.stop();
    await shop?.close();
  });

  const storePrice = async (shopper: ReturnType<typeof createMedusaShopper>) => {
    const answer = storeProductsSchema.parse(await shopper.call("GET",
      `/store/products?id[]=${productId}&region_id=${facts.regions.eur}&fields=id,*variants.calculated_price,variants.sku`));
    const variant = answer.products.find((p) => p.id === productId)?.variants?.find((v) => v.sku === sku);
    expect(variant?.calculated_price, `the store shows ${sku} with a calculated price`).toBeTruthy();
    return variant!.calculated_price!;
  };

  it("the sync's medusa-prices flow writes Odoo's retail and B2B prices of the SKU", async () => {
    const result = await cli(["run", "medusa-prices", "--json"], dir);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const summary = JSON.parse(result.stdout) as { flows: Array<{ flow: string; written: number; failed: number }> };
    const flow = summary.flows.find((f) => f.flow === "medusa-prices");
    expect(flow).toMatchObject({ written: 2, failed: 0 });
  }, 300_000);

  it("a logged-in member of the B2B group sees the group's price; an anonymous shopper the retail price", async () => {
    const anonymous = createMedusaShopper({ url: facts.url, publishableApiKey: facts.publishableApiKey, regionId: facts.regions.eur });
    const retail = await storePrice(anonymous);
    expect(retail.currency_code?.toUpperCase()).toBe("EUR");
    expect(retail.calculated_amount).toBe(major(expected.retail));
    expect(retail.is_calculated_price_price_list, "the anonymous price is the variant's base price").toBe(false);

    const member = createMedusaShopper({ url: facts.url, publishableApiKey: facts.publishableApiKey, regionId: facts.regions.eur });
    await member.register(email, `pw-${run}-B2b!`, "Berta", "Business");
    // Before joining the group the registered shopper still sees the retail price.
    expect((await storePrice(member)).calculated_amount).toBe(major(expected.retail));
    // Into the group as the sync writes a customer: the customer write with its customer group.
    const customer = customerSchema.parse({ ...shopCustomer(world, email), customerGroup: GROUP });
    await writeOrThrow(shop, "customer", [customer]);
    const b2b = await storePrice(member);
    expect(b2b.is_calculated_price_price_list, "the member's price comes from a price list").toBe(true);
    expect(b2b.calculated_price?.price_list_id, `the ${B2B} price list`).toBe(await priceListId(facts, B2B));
    expect(b2b.calculated_amount).toBe(major(expected.b2b));
    expect(b2b.calculated_amount).not.toBe(retail.calculated_amount);
    // The anonymous shopper's price is unchanged.
    expect((await storePrice(anonymous)).calculated_amount).toBe(major(expected.retail));
  }, 300_000);
});
