import type { OdooOrm, OdooRow } from "./odoo-orm";
import { odooStamp } from "./odoo-orm";

/** Module of the external ids (ir.model.data) that carry canonical keys. */
export const XMLID_MODULE = "omnibridge";

/** Seeding state: canonical key → Odoo id per model, on top of the ORM tables. */
export class SeedState {
  private readonly ids = new Map<string, Map<string, number>>();
  constructor(readonly orm: OdooOrm) {}

  idOf(model: string, key: string): number | undefined {
    return this.ids.get(model)?.get(key);
  }

  remember(model: string, key: string, id: number): void {
    let map = this.ids.get(model);
    if (!map) this.ids.set(model, (map = new Map()));
    map.set(key, id);
  }

  /**
   * Insert or update a row as stored data (no ORM side effects) with `write_date` = `updatedAt`;
   * `key` (when given) is remembered for later references and apply().
   */
  upsert(model: string, key: string | null, vals: Record<string, unknown>, updatedAt: string): OdooRow {
    const stamp = odooStamp(updatedAt);
    const existing = key ? this.idOf(model, key) : undefined;
    const table = this.orm.table(model);
    let row = existing ? table.get(existing) : undefined;
    if (!row) {
      row = { id: this.orm.allocateId(model), create_date: stamp };
      for (const [name, field] of Object.entries(this.orm.model(model).fields)) if (field.default !== undefined) row[name] = field.default;
      table.set(row.id, row);
      if (key) this.remember(model, key, row.id);
    }
    Object.assign(row, vals, { write_date: stamp });
    this.orm.touch(model);
    return row;
  }

  /** Register `omnibridge.<key>` as the external id of a record. */
  xmlid(model: string, key: string, resId: number, updatedAt: string): void {
    this.upsert("ir.model.data", `${model}|${key}`, { module: XMLID_MODULE, name: key, model, res_id: resId }, updatedAt);
  }
}

/** Odoo float of integer minor units (2-decimal currencies of the world). */
export const decimal = (minor: number) => minor / 100;
/** BCP 47 → Odoo lang code (`de-DE` → `de_DE`, `en` → `en_US`). */
export const odooLang = (locale: string | null | undefined) => (!locale ? false : locale === "en" ? "en_US" : locale.replace("-", "_"));
