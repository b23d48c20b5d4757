// Field and model definitions of the emulated Odoo schema, shared by every model file.

/** Field types the emulator models (a subset of Odoo's ORM field types). */
export type OdooFieldType = "char" | "text" | "float" | "integer" | "boolean" | "selection" | "date" | "datetime" | "many2one" | "one2many" | "many2many";

/** A field definition of an emulated model. */
export interface OdooFieldDef {
  type: OdooFieldType;
  /** Target model of relational fields. */
  relation?: string;
  /** one2many: the many2one field on `relation` pointing back. */
  inverse?: string;
  required?: boolean;
  /** Default for create when the value is absent. */
  default?: unknown;
  /** Label (`string`); default derived from the name as Odoo does. */
  string?: string;
  /** Tooltip (`help`), only on fields that have one. */
  help?: string;
  /** Selection values `[value, label]`. */
  selection?: [string, string][];
  /** Computed on read from the stored record (read-only). */
  compute?: (record: Record<string, unknown>, lookup: (model: string, id: number) => Record<string, unknown> | undefined) => unknown;
}

/** A model definition: its fields and human name (used in AccessError messages). */
export interface OdooModelDef {
  description: string;
  fields: Record<string, OdooFieldDef>;
  /** Default `_order`. */
  order: string;
}

/** Field definition helper. */
export const f = (type: OdooFieldType, extra: Partial<OdooFieldDef> = {}): OdooFieldDef => ({ type, ...extra });
/** many2one helper. */
export const m2o = (relation: string, extra: Partial<OdooFieldDef> = {}) => f("many2one", { relation, ...extra });
/** one2many helper. */
export const o2m = (relation: string, inverse: string) => f("one2many", { relation, inverse });
/** Fields every model has. */
export const common = { id: f("integer"), display_name: f("char"), create_date: f("datetime"), write_date: f("datetime") };
