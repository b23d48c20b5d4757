import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { customerSchema, orderSchema, productSchema, priceSchema, stockLevelSchema, type ConnectorV1, type Customer,
  type Order } from "@omnibridge/core-model";
import type { World } from "@omnibridge/testkit";
import { createConnector, BUILTIN_ADAPTERS } from "../../compose";
import { resolveConfig } from "../../config";
import { runSync, type RunSummary } from "../../engine";
import { DEFAULT_EXTENSIONS, shopFlows } from "../index";
import { SHOP_ADAPTERS } from "./shop-adapters";

const exec = promisify(execFile);

/** What scripts/medusa/start.sh writes to its connection.json (the parts the shop loop uses). */
export const medusaFactsSchema = z.object({
  url: z.url(),
  secretApiKey: z.string().min(1),
  publishableApiKey: z.string().min(1),
  salesChannelId: z.string().min(1),
  shippingProfileId: z.string().min(1),
  regions: z.object({ eur: z.string().min(1) }).loose(),
  stockLocations: z.object({ warehouse: z.string().min(1), store: z.string().min(1) }).loose(),
  shippingOptions: z.object({ delivery: z.string().min(1), pickup: z.string().min(1) }).loose(),
}).loose();
export type MedusaFacts = z.infer<typeof medusaFactsSchema>;

/** The ERP's warehouse and store the shop's two Medusa stock locations stand for (the store is the pickup point). */
export const SHOP_LOCATIONS = { warehouse: "WH-DE-01", store: "ST-MUNICH" } as const;

/** Start (or find running) the real Medusa of scripts/medusa/start.sh and read its connection facts, or say why not. */
export async function startRealMedusa(): Promise<{ facts: MedusaFacts } | { reason: string }> {
  const script = findScript();
  if (!script) return { reason: "scripts/medusa/start.sh not found (not running from a clone)" };
  try {
    const { stdout } = await exec("bash", [script], { timeout: 900_000, env: process.env });
    const file = stdout.trim().split("\n").pop() ?? "";
    return { facts: medusaFactsSchema.parse(JSON.parse(readFileSync(file, "utf8"))) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").filter(Boolean).slice(-2).join(" ") : String(error);
    return { reason: `start.sh failed: ${message}` };
  }
}

function findScript(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "scripts", "medusa", "start.sh");
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}

/** Medusa connector settings: the ERP's warehouse and store keys for its two locations, EUR base prices. */
export function medusaShopSettings(facts: MedusaFacts): Record<string, unknown> {
  return {
    url: facts.url, secretApiKey: facts.secretApiKey, shippingProfileId: facts.shippingProfileId,
    salesChannels: { webshop: facts.salesChannelId },
    locations: { [SHOP_LOCATIONS.warehouse]: facts.stockLocations.warehouse, [SHOP_LOCATIONS.store]: facts.stockLocations.store },
    basePriceLists: { EUR: "retail-eur" },
  };
}

/** The Medusa connector over the real server (the shop extension's adapter). */
export function connectMedusa(facts: MedusaFacts): Promise<ConnectorV1> {
  return createConnector("medusa", medusaShopSettings(facts), { system: "medusa" }, { ...SHOP_ADAPTERS });
}

/** `count` SKUs of the world with ERP stock at the shop's warehouse (the ERP knows them: they come from the same world). */
export function shopSkus(world: World, count: number): string[] {
  const skus: string[] = [];
  for (const level of world.stockLevels()) {
    if (level.locationKey !== SHOP_LOCATIONS.warehouse || level.onHand <= 0 || skus.includes(level.sku)) continue;
    skus.push(level.sku);
    if (skus.length === count) break;
  }
  if (skus.length < count) throw new Error(`the world has only ${skus.length} SKUs with stock at ${SHOP_LOCATIONS.warehouse}`);
  return skus;
}

const variantsSchema = z.object({ variants: z.array(z.object({ id: z.string(), sku: z.string().nullish() }).loose()) });

/** An admin API GET with the secret key (Basic auth), parsed. */
export async function medusaAdminGet<T>(facts: MedusaFacts, pathAndQuery: string, schema: z.ZodType<T>): Promise<T> {
  const response = await fetch(`${facts.url}${pathAndQuery}`, {
    headers: { authorization: `Basic ${Buffer.from(`${facts.secretApiKey}:`).toString("base64")}` },
  });
  if (!response.ok) throw new Error(`medusa admin GET ${pathAndQuery.split("?")[0]} → ${response.status}`);
  return schema.parse(await response.json());
}

/**
 * The shop's catalogue for the loop: one simple product per SKU (the SKU is the variant's), its EUR base
 * price from the world's price (else 10.00) and stock at both locations, written with the Medusa connector
 * (idempotent: the shared server keeps them between runs). Returns the variant id of each SKU.
 */
export async function writeShopCatalogue(shop: ConnectorV1, facts: MedusaFacts, world: World,
  skus: readonly string[]): Promise<Record<string, string>> {
  const now = new Date().toISOString();
  const products = skus.map((sku) => productSchema.parse({ key: sku, updatedAt: now, name: { en: `Demo ${sku}` }, status: "active" }));
  const eur = new Map([...world.prices()].filter((p) => p.price.currency === "EUR").map((p) => [p.sku, p.price.amount]));
  const prices = skus.map((sku) => priceSchema.parse({ key: `retail-eur/${sku}`, updatedAt: now, priceListKey: "retail-eur", sku,
    price: { amount: eur.get(sku) ?? 1000, currency: "EUR" } }));
  const stock = skus.flatMap((sku) => Object.values(SHOP_LOCATIONS).map((location) => stockLevelSchema.parse({
    key: `${sku}@${location}`, updatedAt: now, sku, locationKey: location, onHand: 50, reserved: 0, available: 50 })));
  for (const [entity, records] of [["product", products], ["price", prices], ["stockLevel", stock]] as const) {
    const failed = (await shop.write(entity, records)).filter((o) => o.status === "failed");
    if (failed.length) throw new Error(`medusa ${entity}: ${failed.map((o) => `${o.key}: ${o.issue?.message ?? "failed"}`).join("; ")}`);
  }
  const query = skus.map((sku) => `sku[]=${encodeURIComponent(sku)}`).join("&");
  const { variants } = await medusaAdminGet(facts, `/admin/product-variants?${query}&fields=id,sku&limit=100`, variantsSchema);
  const ids = Object.fromEntries(variants.flatMap((v) => (v.sku ? [[v.sku, v.id] as const] : [])));
  const missing = skus.filter((sku) => !ids[sku]);
  if (missing.length) throw new Error(`medusa has no variant for ${missing.join(", ")} after the catalogue write`);
  return ids;
}

/** The shopper as an ERP customer (res.partner ref = the e-mail the shop reports as the order's customer key). */
export function shopCustomer(world: World, email: string): Customer {
  const template = [...world.customers()].find((c) => c.type === "person") ?? [...world.customers()][0]!;
  return customerSchema.parse({ ...template, key: email, email, externalIds: {}, customerNumber: null, companyKey: null,
    updatedAt: new Date().toISOString() });
}

/** Read every order of a connector, by key. */
export async function readOrders(connector: ConnectorV1): Promise<Map<string, Order>> {
  const out = new Map<string, Order>();
  for await (const page of connector.read("order", { pageSize: 200 })) {
    for (const item of page.items) out.set(item.key, orderSchema.parse(item));
  }
  return out;
}

/** The shop loop's flows over Medusa and Odoo, narrowed to the given shoppers' orders and the given SKUs' stock. */
export function medusaLoopFlows(emails: readonly string[], skus: readonly string[]) {
  const locations = Object.values(SHOP_LOCATIONS);
  return shopFlows({ shop: "medusa", erp: "odoo", pim: "akeneo" }).flatMap((flow) => {
    if (flow.name === "medusa-orders") return [{ ...flow, filters: [{ field: "customerKey", op: "in" as const, value: [...emails] }] }];
    if (flow.name === "medusa-stock") {
      return [{ ...flow, filters: [{ field: "sku", op: "in" as const, value: [...skus] },
        { field: "locationKey", op: "in" as const, value: locations }] }];
    }
    return flow.name === "medusa-order-status" ? [flow] : [];
  });
}

/** The Odoo the demo writes to: its connector settings (JSON-RPC: url, database, username, apiKey). */
export interface ShopDemoErp {
  settings: Record<string, unknown>;
}

const odooRpcSettingsSchema = z.object({ url: z.string().min(1), database: z.string().min(1), username: z.string().min(1),
  apiKey: z.string().min(1) }).loose();
const rpcAnswerSchema = z.object({
  result: z.unknown().optional(),
  error: z.object({ message: z.string().optional(), data: z.object({ message: z.string().optional() }).loose().optional() })
    .loose().optional(),
}).loose();
const idsSchema = z.array(z.object({ id: z.number().int() }).loose());
const orderStateSchema = z.array(z.object({ id: z.number().int(), state: z.string() }).loose());
const movesSchema = z.array(z.object({ id: z.number().int(), product_uom_qty: z.number() }).loose());

/**
 * A warehouse worker's steps in Odoo over its external JSON-RPC API (as a person does them in the UI):
 * `ready` = confirm the order if it is a quotation, put the goods of its open delivery together (move
 * quantities; at a store: ready for pickup); `ship` = that, the tracking reference, then validate.
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html
 */
export async function odooWarehouse(input: Record<string, unknown>): Promise<{ ready(reference: string): Promise<void>;
  ship(reference: string, trackingRef: string): Promise<void> }> {
  const settings = odooRpcSettingsSchema.parse(input);
  const rpc = async (service: string, method: string, args: unknown[]): Promise<unknown> => {
    const response = await fetch(`${settings.url.replace(/\/$/, "")}/jsonrpc`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", params: { service, method, args }, id: Date.now() }) });
    if (!response.ok) throw new Error(`odoo ${service}.${method} → HTTP ${response.status}`);
    const answer = rpcAnswerSchema.parse(await response.json());
    if (answer.error) throw new Error(`odoo ${service}.${method}: ${answer.error.data?.message ?? answer.error.message ?? "error"}`);
    return answer.result;
  };
  const uid = z.number().int().parse(await rpc("common", "authenticate", [settings.database, settings.username, settings.apiKey, {}]));
  const exec = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
    rpc("object", "execute_kw", [settings.database, uid, settings.apiKey, model, method, args, kwargs]);
  const openDelivery = async (reference: string): Promise<number[]> => {
    const orders = orderStateSchema.parse(await exec("sale.order", "search_read", [[["client_order_ref", "=", reference]]],
      { fields: ["id", "state"] }));
    const order = orders[0];
    if (!order) throw new Error(`odoo has no sale.order with client_order_ref ${reference}`);
    if (order.state === "draft" || order.state === "sent") await exec("sale.order", "action_confirm", [[order.id]]);
    const pickings = idsSchema.parse(await exec("stock.picking", "search_read", [[["sale_id", "=", order.id],
      ["picking_type_code", "=", "outgoing"], ["state", "not in", ["done", "cancel"]]]], { fields: ["id"] }));
    const ids = pickings.map((p) => p.id);
    const moves = movesSchema.parse(await exec("stock.move", "search_read", [[["picking_id", "in", ids],
      ["state", "not in", ["done", "cancel"]]]], { fields: ["id", "product_uom_qty"] }));
    for (const move of moves) await exec("stock.move", "write", [[move.id], { quantity: move.product_uom_qty }]);
    return ids;
  };
  return {
    async ready(reference) {
      await openDelivery(reference);
    },
    async ship(reference, trackingRef) {
      const ids = await openDelivery(reference);
      await exec("stock.picking", "write", [ids, { carrier_tracking_ref: trackingRef }]);
      await exec("stock.picking", "button_validate", [ids]);
    },
  };
}

/**
 * The shop step of `omnibridge demo`: the real Medusa (scripts/medusa/start.sh), a small catalogue of the
 * world's SKUs written to it, a shopper's two orders (delivery, pickup at the store), the orders into Odoo,
 * Odoo's warehouse work (shipment with tracking, pickup readied) back into the shop, ERP stock to the shop.
 * When Medusa does not start it says so in one line and returns.
 */
export async function runShopDemo(input: { odoo: ShopDemoErp; world: World; log: (line: string) => void;
  stateUrl?: string }): Promise<void> {
  const { odoo, world, log } = input;
  const started = await startRealMedusa();
  if ("reason" in started) return void log(`real shop not available: ${started.reason}`);
  const { facts } = started;
  // The demo's own state, fresh each time (the demo's Odoo is too).
  const stateUrl = input.stateUrl ?? "sqlite:.omnibridge/demo-shop-state.db";
  if (!input.stateUrl) for (const end of ["", "-wal", "-shm"]) rmSync(`.omnibridge/demo-shop-state.db${end}`, { force: true });
  const suffix = Date.now().toString(36);
  const email = `demo-shopper-${suffix}@example.com`;
  const skus = shopSkus(world, 2);
  const shopSettings = medusaShopSettings(facts);
  const shop = await connectMedusa(facts);
  const erp = await createConnector("odoo", odoo.settings, { system: "odoo" });
  try {
    log(`\nShop: real Medusa at ${facts.url}`);
    const variants = await writeShopCatalogue(shop, facts, world, skus);
    await erp.write("customer", [shopCustomer(world, email)]);
    const { createMedusaShopper } = await import("@omnibridge/shop-connector/testing");
    const shopper = createMedusaShopper({ url: facts.url, publishableApiKey: facts.publishableApiKey, regionId: facts.regions.eur });
    const delivery = await shopper.placeOrder({ email, shippingOptionId: facts.shippingOptions.delivery,
      items: skus.map((sku) => ({ variantId: variants[sku]!, quantity: 1 })) });
    const pickup = await shopper.placeOrder({ email, shippingOptionId: facts.shippingOptions.pickup,
      items: [{ variantId: variants[skus[0]!]!, quantity: 2 }] });
    const numbers = [String(delivery.display_id), String(pickup.display_id)];
    log(`  a shopper placed order #${numbers[0]} (delivery) and #${numbers[1]} (pickup at ${SHOP_LOCATIONS.store})`);
    const config = resolveConfig({
      systems: { odoo: { adapter: "odoo", settings: odoo.settings }, medusa: { adapter: "medusa", role: "shop", settings: shopSettings } },
      flows: medusaLoopFlows([email], skus),
      state: { url: stateUrl },
    }, { baseDir: process.cwd(), env: process.env, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
    reportFailures(await runSync(config, { flows: ["medusa-orders"] }), stateUrl, log);
    const inErp = [...(await readOrders(erp)).values()].filter((o) => numbers.includes(o.number));
    for (const order of inErp) {
      log(`  in Odoo: ${order.number} ${order.status}, ${order.lines.length} lines, ${(order.total.amount / 100).toFixed(2)} ` +
        `${order.total.currency}${order.pickupLocationKey ? `, pickup at ${order.pickupLocationKey}` : ""}`);
    }
    const warehouse = await odooWarehouse(odoo.settings);
    await warehouse.ship(numbers[0]!, `DEMO${suffix.toUpperCase()}`);
    await warehouse.ready(numbers[1]!);
    log(`  Odoo's warehouse shipped #${numbers[0]} (tracking DEMO${suffix.toUpperCase()}); the store readied #${numbers[1]} for pickup`);
    reportFailures(await runSync(config, { flows: ["medusa-order-status", "medusa-stock"] }), stateUrl, log);
    const inShop = await readOrders(shop);
    for (const placed of [delivery, pickup]) {
      const order = inShop.get(placed.id);
      const tracking = order?.shipments?.flatMap((s) => s.trackingNumbers ?? []) ?? [];
      log(`  back in the shop: #${placed.display_id} ${order?.fulfilmentStatus ?? "not found"}` +
        `${tracking.length ? ` (tracking ${tracking.join(", ")})` : ""}`);
    }
  } finally {
    await Promise.allSettled([shop.close(), erp.close()]);
  }
}

function reportFailures(summary: RunSummary, stateUrl: string, log: (line: string) => void): void {
  for (const flow of summary.flows) {
    if (flow.failed > 0) log(`  ${flow.flow}: ${flow.failed} records failed (omnibridge dlq list --state ${stateUrl} shows why)`);
  }
}
