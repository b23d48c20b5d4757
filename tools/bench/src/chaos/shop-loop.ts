import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Order } from "@omnibridge/core-model";
import { startOdooEmulator, type OdooEmulator } from "@omnibridge/erp-connector/testing";
import { createWorld, type FaultPlan } from "@omnibridge/testkit";
import { runCli, type CliResult } from "../shared/cli";
import { writeConfig } from "../shared/config-file";
import { seededRandom } from "../shared/rng";
import { SHOP, shopOrder, shopOrderFlows, startShop, type Shop } from "../shared/shop";
import { scanForSecrets, secretForms, type SecretScan } from "./security";
import type { TargetCheck } from "./verify";

/** The Odoo writer's default discount product (erp-connector setting `discountSku`). */
const DISCOUNT_SKU = "DISCOUNT";

/** Options of {@link shopLoopPhase}. */
export interface ShopLoopOptions {
  products: number;
  kills: number;
  seed: number;
  faults: FaultPlan;
  /** Kill points are drawn uniformly from [300, maxKillDelayMs] ms after spawn (default 4 000: a run takes 2–5 s). */
  maxKillDelayMs?: number;
  /** Orders placed in the shop before the first run and after every run (default 3). */
  ordersPerStep?: number;
  /**
   * Place orders with promotions too (default true): the shop sends a `promotion` line item, the Odoo writer a
   * negative line of its discount product (`discountSku`, DISCOUNT), and Odoo's total must equal the shop's.
   */
  promotions?: boolean;
  log?: (line: string) => void;
}

/** What the ERP did to one placed order between runs. */
type ErpState = "open" | "shipped" | "ready" | "collected";

/** A shop order placed by the harness and what the ERP did with it. */
interface Placed {
  order: Order;
  erp: ErpState;
  trackingRef?: string;
}

/** Everything the shop order loop phase measured. */
export interface ShopLoopReport {
  kills: number;
  killPointsMs: number[];
  /** Runs that completed before their kill point (exit code each). */
  completedBeforeKill: number[];
  placed: number;
  clickAndCollect: number;
  /** Orders the ERP shipped with tracking / store orders made ready for pickup / collected, between runs. */
  shipped: number;
  readyForPickup: number;
  collected: number;
  finalExit: number | null;
  /** Uninterrupted runs until one ended with exit 0 or 1 (a run a fault stops ends 3, as the kill loop reruns it). */
  finalAttempts: number;
  replayed: boolean;
  observations: ShopObservations;
  requestsServed: { odoo: number; shopware: number };
  targets: TargetCheck[];
  runStatuses: Record<string, number>;
  stuckRunning: number;
  /** The Odoo key and the shop's client secret searched in every run's output, run history, dead letters and the SQLite bytes. */
  secrets: SecretScan;
}

/** A row of the emulator's in-memory shop. */
type StoredRow = Record<string, unknown>;

const DONE = (code: number | null) => code === 0 || code === 1;
const cents = (decimal: unknown) => Math.round(Number(decimal) * 100);

/** Lines as `sku × qty @ unit` strings (sorted), the comparable shape of an order's goods. */
function placedLines(order: Order): string[] {
  return order.lines.map((l) => `${l.sku}×${l.quantity}@${l.unitPrice.amount}`).sort();
}

/** Every placed order must be one sale.order (by client_order_ref) with the same lines, shipping and total. */
export function verifyOdooOrders(odoo: OdooEmulator, placed: readonly Placed[]): TargetCheck {
  const check: TargetCheck = { target: "odoo sale.order ← shop orders", expected: placed.length, found: 0, lost: 0, duplicated: 0, wrong: 0, samples: [] };
  const note = (text: string) => void (check.samples.length < 8 && check.samples.push(text));
  const orders = [...odoo.orm.table("sale.order").values()];
  const lines = [...odoo.orm.table("sale.order.line").values()];
  const products = odoo.orm.table("product.product");
  const numbers = new Set(placed.map((p) => p.order.number));
  for (const row of orders) {
    const ref = String(row.client_order_ref ?? "");
    if (ref.startsWith("SW-") && !numbers.has(ref)) {
      check.wrong++;
      note(`${ref}: in Odoo, never placed`);
    }
  }
  for (const { order } of placed) {
    const rows = orders.filter((row) => row.client_order_ref === order.number);
    check.found += rows.length;
    if (rows.length === 0) {
      check.lost++;
      note(`${order.number}: missing`);
      continue;
    }
    if (rows.length > 1) {
      check.duplicated += rows.length - 1;
      note(`${order.number}: ${rows.length} sale.orders`);
    }
    const row = rows[0]!;
    const mine = lines.filter((l) => l.order_id === row.id);
    // Goods only: the delivery line and the promotion lines (the discount product) are checked through the totals.
    const goods = mine.filter((l) => !l.is_delivery && products.get(l.product_id as number)?.default_code !== DISCOUNT_SKU)
      .map((l) => `${String(products.get(l.product_id as number)?.default_code)}×${Number(l.product_uom_qty)}@${cents(l.price_unit)}`).sort();
    const shipping = mine.filter((l) => l.is_delivery).reduce((n, l) => n + cents(l.price_unit), 0);
    const diffs: string[] = [];
    if (goods.join(",") !== placedLines(order).join(",")) diffs.push(`lines ${goods.join(",")} ≠ ${placedLines(order).join(",")}`);
    if (shipping !== (order.shipping?.amount ?? 0)) diffs.push(`shipping ${shipping} ≠ ${order.shipping?.amount ?? 0}`);
    if (cents(row.amount_total) !== order.total.amount) diffs.push(`total ${cents(row.amount_total)} ≠ ${order.total.amount}`);
    if (diffs.length > 0) {
      check.wrong++;
      note(`${order.number}: ${diffs.join("; ")}`);
    }
  }
  return check;
}

/**
 * The shop's own view of each placed order after the loop: shipped orders carry the ERP's tracking
 * code and a shipped delivery; collected click & collect orders a shipped delivery; orders made ready
 * for pickup, and open ones, an open delivery; every click & collect order keeps its store.
 */
export function verifyShopFulfilment(shop: Shop, placed: readonly Placed[]): TargetCheck {
  const check: TargetCheck = { target: "shopware order ← ERP status, tracking", expected: placed.length, found: 0, lost: 0, duplicated: 0, wrong: 0, samples: [] };
  const note = (text: string) => void (check.samples.length < 8 && check.samples.push(text));
  const rows = shop.emulator.store.list("order");
  for (const { order, erp, trackingRef } of placed) {
    const mine = rows.filter((row) => row.orderNumber === order.number);
    check.found += mine.length;
    if (mine.length !== 1) {
      if (mine.length === 0) check.lost++;
      else check.duplicated += mine.length - 1;
      note(`${order.number}: ${mine.length} orders in the shop`);
      if (mine.length === 0) continue;
    }
    const deliveries = (mine[0]!._deliveries as StoredRow[] | undefined) ?? [];
    const delivery = deliveries[0];
    const state = (delivery?._state as { technicalName?: string } | undefined)?.technicalName ?? "?";
    const codes = (delivery?.trackingCodes as string[] | undefined) ?? [];
    const pickup = (mine[0]!.customFields as Record<string, unknown> | null)?.omnibridge_pickup_location ?? null;
    const diffs: string[] = [];
    const wantState = erp === "shipped" || erp === "collected" ? "shipped" : "open";
    if (state !== wantState) diffs.push(`delivery ${state}, ERP ${erp}`);
    if (trackingRef && !codes.includes(trackingRef)) diffs.push(`tracking [${codes.join(", ")}] lacks ${trackingRef}`);
    if ((order.pickupLocationKey ?? null) !== pickup) diffs.push(`pickup ${String(pickup)} ≠ ${String(order.pickupLocationKey)}`);
    if (diffs.length > 0) {
      check.wrong++;
      note(`${order.number}: ${diffs.join("; ")}`);
    }
  }
  return check;
}

/** What the status flow did to shop-owned state it was not asked to check (reported, not part of pass/fail). */
export interface ShopObservations {
  /** Orders placed as paid whose latest transaction is no longer `paid` in the shop. */
  paymentReopened: number;
  /** Orders placed `in_progress` (confirmed) that the ERP has not shipped, now back in the order state `open`. */
  orderStateRegressed: number;
  samples: string[];
}

const technical = (row: StoredRow | undefined) => (row?._state as { technicalName?: string } | undefined)?.technicalName ?? "?";

/** Payment and order states of the placed orders in the shop (all placed paid and confirmed). */
export function observeShopStates(shop: Shop, placed: readonly Placed[]): ShopObservations {
  const out: ShopObservations = { paymentReopened: 0, orderStateRegressed: 0, samples: [] };
  const rows = new Map(shop.emulator.store.list("order").map((row) => [String(row.orderNumber), row]));
  for (const { order, erp } of placed) {
    const row = rows.get(order.number);
    if (!row) continue;
    const transactions = (row._transactions as StoredRow[] | undefined) ?? [];
    const payment = technical(transactions.at(-1));
    const state = technical(row);
    if (payment !== "paid") out.paymentReopened++;
    if (erp === "open" && state === "open") out.orderStateRegressed++;
    if ((payment !== "paid" || (erp === "open" && state === "open")) && out.samples.length < 4) {
      out.samples.push(`${order.number}: payment ${payment} (placed paid), order ${state} (placed in_progress), ERP ${erp}`);
    }
  }
  return out;
}

/** The ERP's warehouse between runs: ship some orders that reached it (tracking), ready or hand over some click & collect ones. */
function erpStep(
  odoo: OdooEmulator, placed: Placed[], random: () => number, log: (line: string) => void,
): { shipped: number; ready: number; collected: number } {
  const inErp = new Set([...odoo.orm.table("sale.order").values()].map((row) => String(row.client_order_ref ?? "")));
  const done = { shipped: 0, ready: 0, collected: 0 };
  for (const p of placed) {
    if (!inErp.has(p.order.number) || p.erp === "shipped" || p.erp === "collected" || random() >= 0.35) continue;
    const trackingRef = `00340434${String(Math.floor(random() * 1e10)).padStart(10, "0")}`;
    try {
      if (!p.order.pickupLocationKey) {
        odoo.confirmOrder(p.order.number);
        odoo.shipOrder(p.order.number, { carrier: "DHL Paket", trackingRef });
        Object.assign(p, { erp: "shipped", trackingRef });
        done.shipped++;
      } else if (p.erp === "open") {
        odoo.pickOrder(p.order.number);
        p.erp = "ready";
        done.ready++;
      } else {
        odoo.shipOrder(p.order.number);
        p.erp = "collected";
        done.collected++;
      }
    } catch (error) {
      // The warehouse could not act (e.g. no open delivery): the order stays as it was and is checked as such.
      log(`  shop loop: ERP could not move ${p.order.number} on from ${p.erp}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return done;
}

/**
 * The shop order loop under chaos: the Shopware and Odoo emulators with the suite's faults, shop orders
 * placed between runs (every third a click & collect order at a store), the CLI SIGKILLed at seeded
 * random points and rerun until a run completes, the ERP shipping (tracking) and handing over orders
 * between runs. Then every placed order must be in Odoo exactly once with its lines and totals, and
 * the shop's orders must show what the ERP did (tracking, delivery state, store).
 */
export async function shopLoopPhase(options: ShopLoopOptions): Promise<ShopLoopReport> {
  const log = options.log ?? (() => undefined);
  const world = createWorld({ seed: options.seed + 7, products: options.products });
  const odoo = await startOdooEmulator({ world, faults: options.faults, seed: options.seed + 7 });
  const shop = await startShop({ products: world.products(), prices: world.prices(), faults: options.faults, seed: options.seed + 7 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-chaos-shop-"));
  const random = seededRandom(options.seed + 11);
  const stores = ["ST-BERLIN", "ST-MUNICH", "ST-PARIS"];
  const promoted = (o: Order) => o.discounts.length > 0 || o.lines.some((l) => (l.discount?.amount ?? 0) > 0);
  const templates = [...world.orders()].filter((o) => o.customerKey && o.currency === "EUR" && o.lines.length > 0 && ((options.promotions ?? true) || !promoted(o)));
  if (templates.length === 0) throw new Error("shop loop: the world has no EUR customer orders to place in the shop");
  const placed: Placed[] = [];
  const place = (count: number) => {
    for (let i = 0; i < count; i++) {
      const n = placed.length;
      const template = templates[Math.floor(random() * templates.length)]!;
      const pickup = n % 3 === 2 ? stores[n % stores.length]! : null;
      const order = shopOrder(template, `SW-${String(100001 + n)}`, pickup, new Date().toISOString());
      shop.emulator.placeOrder(order);
      placed.push({ order, erp: "open" });
    }
  };
  const erpTotals = { shipped: 0, ready: 0, collected: 0 };
  const erp = () => {
    const step = erpStep(odoo, placed, random, log);
    erpTotals.shipped += step.shipped;
    erpTotals.ready += step.ready;
    erpTotals.collected += step.collected;
  };
  try {
    const env = { OB_ODOO_APIKEY: odoo.settings.apiKey, ...shop.env };
    const config = writeConfig({
      dir, flows: shopOrderFlows(), extraSettings: { timeoutMs: 1_500 },
      systems: { odoo: { adapter: "odoo", settings: { ...odoo.settings, apiKey: "${OB_ODOO_APIKEY}" } }, [SHOP]: shop.config },
    });
    const db = path.join(dir, "state.db");
    const state = `sqlite:${db}`;
    const base = { config, state, env, cwd: dir };
    const output: string[] = [];
    const run = async (killAfterMs?: number): Promise<CliResult> => {
      const r = await runCli({ ...base, args: ["run", "--json"], ...(killAfterMs === undefined ? {} : { killAfterMs }) });
      output.push(r.stdout, r.stderr);
      return r;
    };
    const perStep = options.ordersPerStep ?? 3;
    const max = options.maxKillDelayMs ?? 4_000;
    place(perStep * 2);
    let kills = 0;
    const killPointsMs: number[] = [];
    const completed: number[] = [];
    // Kill points fall inside a run: a run that completed before its point narrows the range to its own length.
    let ceiling = max;
    while (kills < options.kills && completed.length < 3 * options.kills) {
      const at = Math.round(200 + random() * (ceiling - 200));
      const r = await run(at);
      if (r.killed) {
        kills++;
        killPointsMs.push(at);
        log(`  shop loop: kill ${kills}/${options.kills} at ${at} ms`);
      } else {
        completed.push(r.code ?? -1);
        ceiling = Math.max(300, Math.min(ceiling, Math.round(r.wallMs * 0.9)));
        log(`  shop loop: run completed before its kill point (${at} ms): exit ${r.code}`);
      }
      erp();
      place(perStep);
    }
    let final = await run();
    let finalAttempts = 1;
    for (; !DONE(final.code) && finalAttempts < 10; finalAttempts++) final = await run();
    log(`  shop loop: final run exit ${final.code} in ${(final.wallMs / 1000).toFixed(1)} s; ${placed.length} orders placed`);
    const listed = await runCli({ ...base, args: ["dlq", "list", "--all", "--json", "-n", "100000"] });
    output.push(listed.stdout);
    const letters = JSON.parse(listed.stdout || "[]") as Array<{ status: string }>;
    const replayed = letters.some((l) => l.status === "open");
    if (replayed) {
      log("  shop loop: open dead letters after the final run: omnibridge dlq replay");
      output.push((await runCli({ ...base, args: ["dlq", "replay", "--json"] })).stdout);
    }
    const history = await runCli({ ...base, args: ["runs", "--json", "-n", "1000"] });
    const runStatuses: Record<string, number> = {};
    for (const row of JSON.parse(history.stdout || "[]") as Array<{ status: string }>) runStatuses[row.status] = (runStatuses[row.status] ?? 0) + 1;
    output.push(history.stdout);
    return {
      kills, killPointsMs, completedBeforeKill: completed, placed: placed.length,
      clickAndCollect: placed.filter((p) => p.order.pickupLocationKey).length, shipped: erpTotals.shipped, readyForPickup: erpTotals.ready,
      collected: erpTotals.collected, finalExit: final.code, finalAttempts, replayed, observations: observeShopStates(shop, placed),
      requestsServed: { odoo: odoo.requestCount(), shopware: shop.emulator.server.requestCount() },
      targets: [verifyOdooOrders(odoo, placed), verifyShopFulfilment(shop, placed)], runStatuses, stuckRunning: runStatuses.running ?? 0,
      secrets: scanForSecrets(secretForms([odoo.settings.apiKey, ...shop.secrets]), { "CLI output, run history and dead letters (shop loop)": output.join("\n") },
        [db, `${db}-wal`, `${db}-shm`]),
    };
  } finally {
    await Promise.allSettled([odoo.stop(), shop.emulator.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** True when the phase holds: every kill delivered, a completed final run, nothing lost/duplicated/wrong, nothing left running, no secret. */
export function shopLoopPassed(report: ShopLoopReport, kills: number): boolean {
  return report.kills >= kills && DONE(report.finalExit) && report.stuckRunning === 0 && report.secrets.hits.length === 0 &&
    report.targets.every((t) => t.expected > 0 && t.lost === 0 && t.duplicated === 0 && t.wrong === 0);
}
