import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Customer, Order } from "@omnibridge/core-model";
import { startContentfulEmulator, startWordpressEmulator, type ContentfulEmulator } from "@omnibridge/cms-connector/testing";
import { startHubSpotEmulator, type HubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { startOdooEmulator, type OdooEmulator } from "@omnibridge/erp-connector/testing";
import { akeneoEmulator } from "@omnibridge/pim-connector/testing";
import { createWorld, startEmulators, type EmulatorHost, type World } from "@omnibridge/testkit";
import { BUILTIN_ADAPTERS } from "../../src/compose";
import { resolveConfig, type ConfigInput, type ResolvedConfig } from "../../src/config";
import { startRealWordPress } from "../../src/demo/wordpress";
import { startOfUtcDay } from "@omnibridge/segments";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";

/** A small world whose epoch is today (the CMS and CRM phase promotions by the wall clock), with every system running. */
export interface MarketingWorld {
  dir: string;
  world: World;
  odoo: OdooEmulator;
  hubspot: HubSpotEmulator;
  contentful: ContentfulEmulator;
  host: EmulatorHost;
  wordpress: { settings: Record<string, unknown>; url: string; real: boolean; stop: () => Promise<void> };
  /** A JSON-RPC `execute_kw` on the Odoo emulator, as a user's change through the external API. */
  rpc(model: string, method: string, args: unknown[]): Promise<{ result?: unknown; error?: { data: { name: string; message: string } } }>;
  stop(): Promise<void>;
}

/** Start Odoo, Akeneo, HubSpot, Contentful emulators and the real WordPress (emulated when it cannot start). */
export async function startMarketingWorld(seed: number): Promise<MarketingWorld> {
  const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-marketing-"));
  const world = createWorld({ seed, products: 24, epoch: startOfUtcDay(new Date()) });
  const odoo = await startOdooEmulator({ world });
  const hubspot = await startHubSpotEmulator({ customers: world.customers(), companies: world.companies(), segments: world.segments() });
  const contentful = await startContentfulEmulator({});
  const host = await startEmulators({ world, factories: [akeneoEmulator] });
  const real = await startRealWordPress();
  const wordpress = "settings" in real
    ? { ...real, real: true, stop: async () => undefined }
    : await (async () => {
      const emulated = await startWordpressEmulator({});
      return { settings: emulated.settings as Record<string, unknown>, url: emulated.url, real: false, stop: () => emulated.stop() };
    })();
  const rpc = async (model: string, method: string, args: unknown[]) => {
    const { url, database, apiKey } = odoo.settings as { url: string; database: string; apiKey: string };
    const response = await fetch(`${url}/jsonrpc`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { service: "object", method: "execute_kw", args: [database, 2, apiKey, model, method, args, {}] } }),
    });
    return (await response.json()) as { result?: unknown; error?: { data: { name: string; message: string } } };
  };
  const stop = async () => {
    await Promise.allSettled([odoo.stop(), hubspot.stop(), contentful.stop(), host.stop(), wordpress.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, world, odoo, hubspot, contentful, host, wordpress, rpc, stop };
}

/** Segments of the tests: buyers for marketing (consent needed) and the same rule for analytics (no consent needed). */
export const TEST_SEGMENTS = [
  { key: "mkt-buyers", name: "Buyers (newsletter)", purpose: "marketing", rules: [{ field: "metrics.orderCount", op: "gte", value: 1 }] },
  { key: "all-buyers", name: "Buyers (analytics)", purpose: "analytics", rules: [{ field: "metrics.orderCount", op: "gte", value: 1 }] },
] as const;

/** The config: catalogue to the hub, customers and consent through the CRM, promotions and campaigns to every channel. */
export function marketingConfig(m: MarketingWorld, extra: { promotionKeys?: string[]; campaigns?: unknown[] } = {}): ResolvedConfig {
  const filters = extra.promotionKeys ? [{ field: "key", op: "in" as const, value: extra.promotionKeys }] : [];
  const channels = (entity: "promotion" | "campaign") => [
    { system: "wordpress", entity }, { system: "contentful", entity },
    { system: "hubspot", entity, ...(entity === "promotion" ? { mapping: { set: { segmentKeys: ["mkt-buyers"] } } } : {}) },
  ];
  const input: ConfigInput = {
    state: { url: `sqlite:${path.join(m.dir, "state.db")}` },
    systems: {
      odoo: { adapter: "odoo", settings: m.odoo.settings }, akeneo: { adapter: "akeneo", settings: m.host.get("akeneo").settings },
      hubspot: { adapter: "hubspot", settings: m.hubspot.settings }, contentful: { adapter: "contentful", settings: m.contentful.settings },
      wordpress: { adapter: "wordpress", settings: m.wordpress.settings }, campaigns: { adapter: "campaign-plan", settings: { campaigns: extra.campaigns ?? [] } },
    },
    flows: [
      { name: "products", source: { system: "akeneo", entity: "product" } },
      { name: "customers", source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot", entity: "customer" }] },
      { name: "orders", source: { system: "odoo", entity: "order" } },
      { name: "crm-customers", source: { system: "hubspot", entity: "customer" } },
      { name: "promotions", source: { system: "odoo", entity: "promotion" }, targets: channels("promotion"), filters },
      { name: "campaigns", source: { system: "campaigns", entity: "campaign" }, targets: channels("campaign") },
    ],
    ownership: { campaign: { default: "campaigns" } },
    segments: [...TEST_SEGMENTS],
    marketing: { segmentTargets: ["hubspot"], reportingCurrency: "EUR", rates: { USD: "0.92" } },
  };
  return resolveConfig(input, { baseDir: m.dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
}

/** Expected buyers from the world itself (counted orders: not draft, cancelled or returned). */
export function worldBuyers(
  world: World,
  cancelled: ReadonlySet<string> = new Set(),
): { buyers: Set<string>; granted: Set<string>; orders: Map<string, Order[]> } {
  const orders = new Map<string, Order[]>();
  for (const order of world.orders()) {
    if (!order.customerKey || ["draft", "cancelled", "returned"].includes(order.status) || cancelled.has(order.key)) continue;
    orders.set(order.customerKey, [...(orders.get(order.customerKey) ?? []), order]);
  }
  const customers = new Map<string, Customer>([...world.customers()].map((c) => [c.key, c]));
  const buyers = new Set([...orders.keys()].filter((k) => customers.has(k)));
  const granted = new Set([...buyers].filter((k) => customers.get(k)!.consent.email === "granted"));
  return { buyers, granted, orders };
}
