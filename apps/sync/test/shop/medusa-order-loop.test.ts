import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { ConnectorV1, StockLevel } from "@omnibridge/core-model";
import { startOdooEmulator, type OdooEmulator } from "@omnibridge/erp-connector/testing";
import { createMedusaShopper, type MedusaPlacedOrder } from "@omnibridge/shop-connector/testing";
import { createWorld, type World } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "../../src/compose";
import { connectMedusa, medusaLoopFlows, medusaShopSettings, readOrders, shopCustomer, shopSkus, SHOP_LOCATIONS, startRealMedusa,
  writeShopCatalogue, type MedusaFacts } from "../../src/extensions/shop/demo-shop";
import { cli, startCli } from "../support/cli";

/**
 * The shop order loop against the REAL Medusa 2.18.0 (scripts/medusa/start.sh; shared and kept between
 * runs, so every shopper, order and run is unique by a suffix) and the Odoo emulator: a shopper's two
 * orders (delivery; pickup at the store) reach Odoo exactly once although the sync is SIGKILLed while
 * Odoo commits the create, Odoo's shipment (tracking) and pickup readiness come back to Medusa, and
 * Odoo's stock of the ordered SKUs becomes Medusa's inventory levels.
 */
const run = randomBytes(4).toString("hex");
const email = `loop-${run}@example.com`;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function stockOf(connector: ConnectorV1, skus: readonly string[]): Promise<Map<string, StockLevel>> {
  const out = new Map<string, StockLevel>();
  for await (const page of connector.read("stockLevel", { pageSize: 500 })) {
    for (const level of page.items) if (skus.includes(level.sku)) out.set(`${level.sku}@${level.locationKey}`, level);
  }
  return out;
}

describe("shop order loop: real Medusa ⇄ hub ⇄ Odoo", () => {
  let world: World;
  let odoo: OdooEmulator;
  let facts: MedusaFacts;
  let shop: ConnectorV1;
  let dir: string;
  let skus: string[];
  let delivery: MedusaPlacedOrder;
  let pickup: MedusaPlacedOrder;
  let numbers: string[];

  beforeAll(async () => {
    const started = await startRealMedusa();
    if ("reason" in started) throw new Error(`the real Medusa did not start: ${started.reason}`);
    facts = started.facts;
    world = createWorld({ seed: 37, products: 30 });
    odoo = await startOdooEmulator({ world });
    skus = shopSkus(world, 2);
    shop = await connectMedusa(facts);
    const variants = await writeShopCatalogue(shop, facts, world, skus);
    // The shopper is an Odoo customer (res.partner ref = the e-mail Medusa reports as the order's customer).
    const erp = await createConnector("odoo", odoo.settings, { system: "odoo" });
    expect((await erp.write("customer", [shopCustomer(world, email)]))[0]?.status).toBe("created");
    await erp.close();

    const shopper = createMedusaShopper({ url: facts.url, publishableApiKey: facts.publishableApiKey, regionId: facts.regions.eur });
    delivery = await shopper.placeOrder({ email, shippingOptionId: facts.shippingOptions.delivery,
      items: [{ variantId: variants[skus[0]!]!, quantity: 2 }, { variantId: variants[skus[1]!]!, quantity: 1 }] });
    pickup = await shopper.placeOrder({ email, shippingOptionId: facts.shippingOptions.pickup,
      items: [{ variantId: variants[skus[1]!]!, quantity: 1 }] });
    numbers = [String(delivery.display_id), String(pickup.display_id)];

    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-medusa-loop-"));
    dirs.push(dir);
    // JSON is YAML: the config file the CLI reads. Only this run's shopper's orders, only the ordered SKUs' stock.
    writeFileSync(path.join(dir, "omnibridge.config.yaml"), JSON.stringify({
      state: { url: `sqlite:${path.join(dir, "state.db")}` },
      systems: { odoo: { adapter: "odoo", settings: odoo.settings },
        medusa: { adapter: "medusa", role: "shop", settings: medusaShopSettings(facts) } },
      flows: medusaLoopFlows([email], skus),
    }, null, 2));
  }, 900_000);
  afterAll(async () => {
    await odoo?.stop();
    await shop?.close();
  });

  const odooOrdersByRef = () => [...odoo.orm.table("sale.order").values()].filter((row) => numbers.includes(String(row.client_order_ref)));

  it("SIGKILL after Odoo committed the create, before the sync recorded it: the rerun leaves one sale.order per Medusa order", async () => {
    let hit = false;
    odoo.script({ times: 1, commit: true, result: { action: "hang" }, match: (r) => {
      const body = JSON.stringify(r.body ?? "");
      const create = body.includes("\"create\"") && body.includes("sale.order");
      if (create) hit = true;
      return create;
    } });
    const first = startCli(["run", "medusa-orders"], dir);
    for (let i = 0; i < 2400 && !hit; i++) await new Promise((r) => setTimeout(r, 25));
    expect(hit, "the sync reached Odoo's order create").toBe(true);
    first.child.kill("SIGKILL");
    expect((await first.done).signal).toBe("SIGKILL");
    expect(odooOrdersByRef().length, "the create committed before the kill").toBeGreaterThan(0);

    const rerun = await cli(["run", "medusa-orders", "--json"], dir);
    expect(rerun.code, rerun.stderr + rerun.stdout).toBe(0);
    expect(odooOrdersByRef().map((r) => String(r.client_order_ref)).sort()).toEqual([...numbers].sort());
    const again = await cli(["run", "medusa-orders", "--full", "--json"], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(odooOrdersByRef()).toHaveLength(2);

    const erp = await createConnector("odoo", odoo.settings, { system: "odoo" });
    const inOdoo = [...(await readOrders(erp)).values()].filter((o) => numbers.includes(o.number));
    await erp.close();
    const byNumber = new Map(inOdoo.map((o) => [o.number, o]));
    // The pickup is created at the store's warehouse. (Both creates committed before the kill: the rerun finds them
    // by reference and reports them unchanged, so the Odoo writer's confirm-on-create does not run for them.)
    expect(byNumber.get(numbers[0]!)).toMatchObject({ pickupLocationKey: null, currency: "EUR" });
    expect(byNumber.get(numbers[1]!)).toMatchObject({ pickupLocationKey: SHOP_LOCATIONS.store, currency: "EUR" });
    expect(byNumber.get(numbers[0]!)!.lines.filter((l) => skus.includes(l.sku)).map((l) => `${l.sku}×${l.quantity}`).sort())
      .toEqual([`${skus[0]}×2`, `${skus[1]}×1`].sort());
  }, 300_000);

  it("Odoo's shipment (tracking) and the store's readied pickup come back to the Medusa orders", async () => {
    const tracking = `00340434${run}`;
    odoo.shipOrder(numbers[0]!, { carrier: "DHL", trackingRef: tracking });
    odoo.pickOrder(numbers[1]!);
    const status = await cli(["run", "medusa-order-status", "--json"], dir);
    expect(status.code, status.stderr + status.stdout).toBe(0);
    const summary = JSON.parse(status.stdout) as { flows: Array<{ flow: string; written: number; skipped: number }> };
    expect(summary.flows.find((f) => f.flow === "medusa-order-status")?.written).toBeGreaterThanOrEqual(2);

    const inShop = await readOrders(shop);
    const shipped = inShop.get(delivery.id)!;
    expect(shipped.fulfilmentStatus).toBe("shipped");
    expect(shipped.shipments?.flatMap((s) => s.trackingNumbers ?? [])).toContain(tracking);
    const waiting = inShop.get(pickup.id)!;
    expect(waiting).toMatchObject({ fulfilmentStatus: "ready_for_pickup", pickupLocationKey: SHOP_LOCATIONS.store });
    expect(odooOrdersByRef()).toHaveLength(2);
  }, 300_000);

  it("Odoo's stock of the ordered SKUs becomes Medusa's inventory levels", async () => {
    const erp = await createConnector("odoo", odoo.settings, { system: "odoo" });
    const inOdoo = await stockOf(erp, skus);
    await erp.close();
    const key = `${skus[0]}@${SHOP_LOCATIONS.warehouse}`;
    const expected = inOdoo.get(key);
    expect(expected, `Odoo has stock for ${key}`).toBeDefined();
    expect(expected!.onHand, "Odoo's figure differs from the catalogue's 50").not.toBe(50);
    const result = await cli(["run", "medusa-stock", "--json"], dir);
    expect(result.code, result.stderr + result.stdout).toBe(0);
    const inShop = await stockOf(shop, skus);
    // The catalogue wrote 50 on hand; Odoo's figure replaces it.
    expect(inShop.get(key)?.onHand).toBe(expected!.onHand);
  }, 300_000);
});
