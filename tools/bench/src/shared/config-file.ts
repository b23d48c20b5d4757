import { writeFileSync } from "node:fs";
import path from "node:path";
import type { SystemConfig, SystemId } from "./systems";

/** A flow as the sync config takes it. */
export interface FlowConfig {
  name: string;
  source: { system: string; entity: string };
  targets: Array<{ system: string; entity: string }>;
  filters?: Array<{ field: string; op: string; value?: unknown }>;
  lifetime?: boolean;
  pageSize?: number;
  /** Shop extension: ERP order status goes back to this shop's own orders. */
  shopStatus?: string;
}

/**
 * The app's default flows (apps/sync demo/default-flows.ts) without CMS targets, as a user
 * with Odoo, Akeneo and HubSpot configures them: the PIM keeps retail prices only (its price
 * attribute holds one amount per currency; customer-specific B2B prices have no place there).
 */
export function benchFlows(): FlowConfig[] {
  return [
    { name: "products", source: { system: "akeneo", entity: "product" }, targets: [] },
    {
      name: "prices", source: { system: "odoo", entity: "price" }, targets: [{ system: "akeneo", entity: "price" }],
      filters: [{ field: "priceListKey", op: "in", value: ["retail-eur", "retail-usd"] }],
    },
    { name: "stock", source: { system: "odoo", entity: "stockLevel" }, targets: [] },
    { name: "customers", source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot", entity: "customer" }] },
    { name: "companies", source: { system: "odoo", entity: "company" }, targets: [{ system: "hubspot", entity: "company" }] },
    { name: "orders", source: { system: "odoo", entity: "order" }, targets: [{ system: "hubspot", entity: "order" }], lifetime: true },
    { name: "crm-customers", source: { system: "hubspot", entity: "customer" }, targets: [] },
    { name: "crm-segments", source: { system: "hubspot", entity: "segment" }, targets: [] },
  ];
}

/** Options of {@link writeConfig}. */
export interface WriteConfigOptions {
  dir: string;
  systems: Partial<Record<SystemId, SystemConfig>> & Record<string, SystemConfig>;
  flows: FlowConfig[];
  /** Extra settings merged into every system (timeouts, retry policy). */
  extraSettings?: Record<string, unknown>;
  pageSize?: number;
}

/** Write `omnibridge.config.yaml` (JSON is YAML) with secrets as `${ENV}` references; returns its path. */
export function writeConfig(options: WriteConfigOptions): string {
  const systems = Object.fromEntries(
    Object.entries(options.systems).map(([id, s]) => [id, {
      adapter: s.adapter, ...(s.role ? { role: s.role } : {}), settings: { ...s.settings, ...options.extraSettings },
    }]),
  );
  const config = { systems, flows: options.flows, pageSize: options.pageSize ?? 200 };
  const file = path.join(options.dir, "omnibridge.config.yaml");
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
