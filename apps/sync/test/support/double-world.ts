import path from "node:path";
import type { EntityKind, SystemRole } from "@omnibridge/core-model";
import type { World } from "@omnibridge/testkit";
import type { AdapterFactory } from "../../src/compose";
import type { ConfigInput } from "../../src/config";
import { defaultFlows } from "../../src/demo/default-flows";
import { createDoubleConnector, seedDouble, type DoubleOptions } from "./double-connector";

type DoubleSystem = { role: SystemRole; entities: EntityKind[]; maxBatchSize: number; writeConcurrency?: number };

/** The double systems standing in for the five vendors, with the entities each holds. */
export const DOUBLE_SYSTEMS: Record<string, DoubleSystem> = {
  odoo: { role: "erp", entities: ["price", "stockLevel", "customer", "company", "order"], maxBatchSize: 100 },
  akeneo: { role: "pim", entities: ["product", "price"], maxBatchSize: 100 },
  hubspot: { role: "crm", entities: ["customer", "company", "order", "segment"], maxBatchSize: 100, writeConcurrency: 4 },
  // Pages of 100 make 4 batches of 25: written 3 at a time, so the engine's concurrent batches are exercised.
  wordpress: { role: "cms", entities: ["product", "price", "stockLevel"], maxBatchSize: 25, writeConcurrency: 3 },
  contentful: { role: "cms", entities: ["product", "price", "stockLevel"], maxBatchSize: 50 },
};

/** The adapter factory of the double (settings: file, role, entities, maxBatchSize, …). */
export const doubleAdapter: AdapterFactory = (settings, context) =>
  createDoubleConnector({ ...(settings as unknown as Omit<DoubleOptions, "system">), system: context.system });

/** State files of the doubles in a directory. */
export function doubleFiles(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(DOUBLE_SYSTEMS).map((s) => [s, path.join(dir, `${s}.db`)]));
}

/** A config over the doubles with the default flows. */
export function doubleConfig(dir: string, extra: Partial<Record<string, Partial<DoubleOptions>>> = {}): ConfigInput {
  const files = doubleFiles(dir);
  const systems = Object.fromEntries(Object.entries(DOUBLE_SYSTEMS).map(([id, s]) => [id, {
    adapter: "double", settings: {
      file: files[id], role: s.role, entities: s.entities, maxBatchSize: s.maxBatchSize,
      ...(s.writeConcurrency ? { writeConcurrency: s.writeConcurrency } : {}), ...(extra[id] ?? {}),
    },
  }]));
  return { systems, flows: defaultFlows(), pageSize: 100 };
}

/** Put the world's records where the vendors would hold them. */
export function seedWorld(dir: string, world: World): void {
  const files = doubleFiles(dir);
  const r = (entity: EntityKind) => world.records(entity) as Iterable<Record<string, unknown>>;
  seedDouble(files.akeneo!, "product", r("product"));
  for (const entity of ["price", "stockLevel", "customer", "company", "order"] as const) seedDouble(files.odoo!, entity, r(entity));
  seedDouble(files.hubspot!, "customer", r("customer"));
  seedDouble(files.hubspot!, "segment", r("segment"));
}

/** Apply a world revision's changes to the doubles, per the vendor that holds each kind. */
export function applyChanges(
  dir: string,
  changes: { upserted: Array<{ entity: EntityKind; record: unknown }>; deleted: Array<{ entity: EntityKind; key: string }> },
): void {
  const files = doubleFiles(dir);
  const holders: Partial<Record<EntityKind, string[]>> = {
    product: ["akeneo"], price: ["odoo"], stockLevel: ["odoo"], customer: ["odoo", "hubspot"], company: ["odoo"], order: ["odoo"], segment: ["hubspot"],
  };
  for (const [entity, systems] of Object.entries(holders) as Array<[EntityKind, string[]]>) {
    const upserts = changes.upserted.filter((c) => c.entity === entity).map((c) => c.record as Record<string, unknown>);
    const deletes = changes.deleted.filter((c) => c.entity === entity).map((c) => c.key);
    for (const system of systems) if (upserts.length || deletes.length) seedDouble(files[system]!, entity, upserts, deletes);
  }
}
