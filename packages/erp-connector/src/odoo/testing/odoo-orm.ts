import { compileDomain, domainFields, DomainError, parseOrder } from "./odoo-domain";
import { odooModels, type OdooModelDef } from "./odoo-models";
import { firstAbove, firstAtLeast, lowerBound, upperBound } from "./odoo-range";

/** A stored record: many2one as id or false, x2many as id lists. */
export type OdooRow = Record<string, unknown> & { id: number };

/** An Odoo exception raised by the emulated ORM; `exception` is the Python class name. */
export class OdooFault extends Error {
  constructor(readonly exception: string, message: string) {
    super(message);
  }
}

/** Stored non-relational fields the emulator indexes for `=` / `in` (natural keys, external ids). */
const INDEXED_FIELDS = new Set(["ref", "default_code", "client_order_ref", "res_id"]);

/** Odoo's UTC datetime string "YYYY-MM-DD HH:MM:SS" of an instant. */
export function odooStamp(at: Date | string | number = Date.now()): string {
  return new Date(at).toISOString().slice(0, 19).replace("T", " ");
}

/** Rows `from` (inclusive) to `to` (exclusive) without copying them. */
function* between(rows: readonly OdooRow[], from: number, to: number): Generator<OdooRow> {
  for (let at = from; at < to; at++) yield rows[at]!;
}

/** A model's rows in one order, with the first order field's values (for binary search) and each id's position. */
interface SortedIndex {
  rows: OdooRow[];
  first: unknown[];
  field: string;
  descending: boolean;
  position?: Map<number, number>;
}

/** Emulated ORM tables with Odoo's read/search semantics (the write side is in odoo-orm-write.ts). */
export class OdooOrm {
  readonly models: Record<string, OdooModelDef>;
  readonly tables = new Map<string, Map<number, OdooRow>>();
  private readonly sorted = new Map<string, SortedIndex>();
  /** Start ordered scans at the domain's lower bound of the first order field (binary search); false = scan from the top. */
  useRangeIndex = true;
  private readonly indexes = new Map<string, Map<unknown, number[]>>();
  private readonly nextIds = new Map<string, number>();
  /** Models (or `model:operation`) the API user may not access, for AccessError tests. */
  readonly denied = new Set<string>();

  constructor(readonly version: number, readonly clock: () => string = () => odooStamp()) {
    this.models = odooModels(version);
    for (const model of Object.keys(this.models)) this.tables.set(model, new Map());
  }

  model(name: string): OdooModelDef {
    const model = this.models[name];
    if (!model) throw new OdooFault("builtins.KeyError", `'${name}'`);
    return model;
  }

  table(name: string): Map<number, OdooRow> {
    this.model(name);
    return this.tables.get(name)!;
  }

  /** Next id of a model (seeding and create). */
  allocateId(model: string): number {
    const id = this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, id + 1);
    return id;
  }

  /** Forget derived caches after a change to `model`. */
  touch(model: string): void {
    for (const cache of [this.sorted, this.indexes] as Map<string, unknown>[]) {
      for (const key of [...cache.keys()]) if (key.startsWith(`${model}|`)) cache.delete(key);
    }
  }

  /** AccessError as Odoo words it (odoo/models.py `check_access_rights`). */
  checkAccess(model: string, operation: "read" | "write" | "create" | "unlink"): void {
    if (this.denied.has(model) || this.denied.has(`${model}:${operation}`)) {
      throw new OdooFault("odoo.exceptions.AccessError", `You are not allowed to ${operation === "read" ? "access" : operation} '${this.model(model).description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n\t- Sales/Administrator`);
    }
  }

  /** Stored or computed value of a field, for domains and reads. */
  value(model: string, row: OdooRow, field: string): unknown {
    const def = this.model(model).fields[field];
    if (!def) throw new OdooFault("builtins.ValueError", `Invalid field '${field}' on model '${model}'`);
    if (def.compute) return def.compute(row, (m, id) => this.tables.get(m)?.get(id));
    if (field === "display_name") return row.complete_name || row.name || false;
    if (def.type === "one2many") return this.lookup(def.relation!, def.inverse!, row.id);
    const stored = row[field];
    if (stored === undefined || stored === null) return def.type === "many2many" ? [] : false;
    return stored;
  }

  private lookup(model: string, field: string, value: unknown): number[] {
    const key = `${model}|${field}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      for (const row of this.table(model).values()) {
        const v = this.value(model, row, field);
        const list = index.get(v) ?? [];
        list.push(row.id);
        index.set(v, list);
      }
      this.indexes.set(key, index);
    }
    return index.get(value) ?? [];
  }

  /** Value as `read` returns it: many2one `[id, display_name]`, empty values `false`. */
  readValue(model: string, row: OdooRow, field: string): unknown {
    const value = this.value(model, row, field);
    const def = this.model(model).fields[field]!;
    // Datetimes are stored with microseconds (the transaction's timestamp) but read in whole seconds.
    if (def.type === "datetime" && typeof value === "string") return value.slice(0, 19);
    if (def.type !== "many2one" || value === false) return value;
    const target = this.tables.get(def.relation!)?.get(value as number);
    return target ? [target.id, this.value(def.relation!, target, "display_name")] : false;
  }

  project(model: string, row: OdooRow, fields: readonly string[] | undefined): Record<string, unknown> {
    const names = fields && fields.length ? fields : Object.keys(this.model(model).fields);
    const out: Record<string, unknown> = { id: row.id };
    for (const name of names) out[name] = this.readValue(model, row, name);
    return out;
  }

  /** Ids matching a domain, in `order`, after `offset`, at most `limit` (Odoo `_search`). */
  search(
    model: string,
    domain: unknown,
    options: { offset?: number; limit?: number | false | null; order?: string | null; activeTest?: boolean } = {},
  ): OdooRow[] {
    this.checkAccess(model, "read");
    const def = this.model(model);
    let predicate: (read: (f: string) => unknown) => boolean;
    let fields: string[];
    try {
      fields = domainFields(domain);
      predicate = compileDomain(domain, (field, ids) => this.childOf(model, field, ids));
    } catch (error) {
      throw new OdooFault("builtins.ValueError", error instanceof DomainError ? error.message : String(error));
    }
    for (const field of fields) if (!def.fields[field]) throw new OdooFault("builtins.ValueError", `Invalid field ${model}.${field} in leaf ${JSON.stringify(field)}`);
    // active_test: archived records are hidden unless the domain mentions `active` (ORM `_search`).
    const hideArchived = "active" in def.fields && options.activeTest !== false && !fields.includes("active");
    const index = this.ordered(model, options.order ?? def.order);
    const rows = this.candidates(model, domain, index);
    const narrowed = this.narrow(model, domain);
    const out: OdooRow[] = [];
    let skip = options.offset ?? 0;
    const limit = options.limit || Infinity;
    for (const row of rows) {
      if (narrowed && !narrowed.has(row.id)) continue;
      if (hideArchived && row.active === false) continue;
      if (!predicate((f) => this.value(model, row, f))) continue;
      if (skip > 0 && skip--) continue;
      out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The rows a search has to look at, in order. With the range index: a domain bounded below on
   * the first order field starts at its bound (binary search) and ends after its upper bound; a
   * domain bounded on both sides of `write_date` (a keyset bucket) reads only that slice of the
   * `write_date` index, re-sorted in the requested order. Else every row.
   */
  private candidates(model: string, domain: unknown, index: SortedIndex): Iterable<OdooRow> {
    if (!this.useRangeIndex) return index.rows;
    if (index.field !== "write_date" && "write_date" in this.model(model).fields) {
      const low = lowerBound(domain, "write_date");
      const high = upperBound(domain, "write_date");
      if (low !== undefined && high !== undefined) {
        const byDate = this.ordered(model, "write_date asc, id asc");
        index.position ??= new Map(index.rows.map((row, at) => [row.id, at]));
        const position = index.position;
        return byDate.rows
          .slice(firstAtLeast(byDate.first, low), firstAbove(byDate.first, high))
          .sort((a, b) => position.get(a.id)! - position.get(b.id)!);
      }
    }
    if (index.descending) return index.rows;
    const low = lowerBound(domain, index.field);
    const high = upperBound(domain, index.field);
    if (low === undefined && high === undefined) return index.rows;
    const from = low === undefined ? 0 : firstAtLeast(index.first, low);
    const to = high === undefined ? index.rows.length : firstAbove(index.first, high);
    return between(index.rows, from, to);
  }

  /** Candidate ids from an index when a top-level AND term is `field = v` / `field in [...]` on a stored field. */
  private narrow(model: string, domain: unknown): Set<number> | undefined {
    if (!Array.isArray(domain) || !domain.every((t) => Array.isArray(t))) return undefined;
    for (const [field, op, value] of domain as [string, string, unknown][]) {
      const def = this.model(model).fields[field];
      if (!def || def.compute || (op !== "=" && op !== "in") || (field !== "id" && def.type !== "many2one" && !INDEXED_FIELDS.has(field))) continue;
      const values = op === "in" && Array.isArray(value) ? value : [value];
      if (values.includes(false)) continue;
      return new Set(field === "id" ? (values as number[]) : values.flatMap((v) => this.lookup(model, field, v)));
    }
    return undefined;
  }

  private ordered(model: string, order: string): SortedIndex {
    const key = `${model}|${order}`;
    const cached = this.sorted.get(key);
    if (cached) return cached;
    let spec;
    try {
      spec = parseOrder(order);
    } catch (error) {
      throw new OdooFault("builtins.ValueError", (error as Error).message);
    }
    const rows = [...this.table(model).values()];
    const keys = new Map(rows.map((row) => [row.id, spec.map((s) => this.value(model, row, s.field))]));
    rows.sort((a, b) => {
      const ka = keys.get(a.id)!;
      const kb = keys.get(b.id)!;
      for (let i = 0; i < spec.length; i++) {
        const x = ka[i] === false ? "" : ka[i];
        const y = kb[i] === false ? "" : kb[i];
        if (x === y) continue;
        const c = (x as number | string) < (y as number | string) ? -1 : 1;
        return spec[i]!.descending ? -c : c;
      }
      return a.id - b.id;
    });
    if (this.sorted.size > 64) this.sorted.clear();
    const first = spec[0] ? rows.map((row) => keys.get(row.id)![0]) : [];
    const entry = { rows, first, field: spec[0]?.field ?? "id", descending: spec[0]?.descending ?? false };
    this.sorted.set(key, entry);
    return entry;
  }

  private childOf(model: string, field: string, ids: unknown): Set<number> {
    const relation = field === "id" ? model : this.model(model).fields[field]?.relation ?? model;
    const out = new Set<number>(Array.isArray(ids) ? (ids as number[]) : [ids as number]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const row of this.table(relation).values()) {
        if (!out.has(row.id) && out.has(row.parent_id as number)) (out.add(row.id), (grew = true));
      }
    }
    return out;
  }
}
