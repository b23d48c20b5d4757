import { z } from "zod";
import { odooModelDataSchema } from "../odoo-api";
import type { OdooClient } from "../odoo-client";
import { fallbackKey } from "../mappers/odoo-values";

/** Module of external ids that carry canonical keys (`omnibridge.<key>` in ir.model.data). */
export const XMLID_MODULE = "omnibridge";

/**
 * Canonical keys of records that have no natural code in Odoo (categories, pricelists,
 * warehouses, variant families): their external id `omnibridge.<key>` in ir.model.data, or
 * `odoo-<model>-<id>` when none exists. Batched and cached per read.
 * https://www.odoo.com/documentation/17.0/developer/reference/backend/data.html (external identifiers)
 */
export class KeyResolver {
  private readonly cache = new Map<string, Map<number, string | null>>();
  constructor(private readonly client: OdooClient, private readonly signal?: AbortSignal) {}

  /** Resolve external ids of `ids` (one ir.model.data search_read for the unknown ones). */
  async load(model: string, ids: Iterable<number>): Promise<void> {
    const known = this.cache.get(model) ?? new Map<number, string | null>();
    this.cache.set(model, known);
    const missing = [...new Set(ids)].filter((id) => !known.has(id));
    if (!missing.length) return;
    const rows = await this.client.call("ir.model.data", "search_read", {
      domain: [["module", "=", XMLID_MODULE], ["model", "=", model], ["res_id", "in", missing]], fields: ["module", "name", "model", "res_id"],
    }, z.array(odooModelDataSchema), { signal: this.signal });
    for (const id of missing) known.set(id, null);
    for (const row of rows) known.set(row.res_id, row.name);
  }

  /** Ids of records by canonical key (for writes: store warehouse, pricelist). */
  async idsOf(model: string, keys: readonly string[]): Promise<Map<string, number>> {
    if (!keys.length) return new Map();
    const rows = await this.client.call("ir.model.data", "search_read", {
      domain: [["module", "=", XMLID_MODULE], ["model", "=", model], ["name", "in", [...new Set(keys)]]], fields: ["module", "name", "model", "res_id"],
    }, z.array(odooModelDataSchema), { signal: this.signal });
    return new Map(rows.map((row) => [row.name, row.res_id]));
  }

  /** The external-id key, if loaded and present. */
  externalKey(model: string, id: number): string | undefined {
    return this.cache.get(model)?.get(id) ?? undefined;
  }

  /** The key (external id or fallback). Call {@link load} first. */
  keyOf(model: string, id: number): string {
    return this.externalKey(model, id) ?? fallbackKey(model, id);
  }
}

/** Read records by id with a schema (chunks of 500 ids per call). */
export async function readByIds<T>(
  client: OdooClient, model: string, ids: Iterable<number>, fields: string[], schema: z.ZodType<T>, signal?: AbortSignal,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const part = unique.slice(i, i + 500);
    out.push(...(await client.call(model, "search_read", { domain: [["id", "in", part]], fields, context: { active_test: false } }, z.array(schema), { signal })));
  }
  return out;
}
