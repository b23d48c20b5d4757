import { fieldsGet } from "./odoo-fields-get";
import { OdooFault, type OdooOrm } from "./odoo-orm";
import { actionOf } from "./odoo-orm-actions";
import { createRows, writeRows } from "./odoo-orm-write";

type Kwargs = Record<string, unknown>;

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new OdooFault("builtins.TypeError", `${what} must be a list`);
  return value;
}

/** Record ids as `browse` takes them: one id or a list of ids (call_kw_multi: `model.browse(args[0])`). */
function idsOf(value: unknown): number[] {
  const ids = typeof value === "number" ? [value] : value === false || value === undefined || value === null ? [] : list(value, "ids");
  for (const id of ids) if (!Number.isInteger(id)) throw new OdooFault("builtins.ValueError", `Invalid id: ${JSON.stringify(id)}`);
  return ids as number[];
}

function fieldsOf(orm: OdooOrm, model: string, fields: unknown): string[] | undefined {
  if (fields === undefined || fields === null || fields === false) return undefined;
  const names = list(fields, "fields").map(String);
  for (const name of names) if (!orm.model(model).fields[name]) throw new OdooFault("builtins.ValueError", `Invalid field '${name}' on model '${model}'`);
  return names;
}

function searchOptions(args: unknown[], kwargs: Kwargs, from: number) {
  const context = (kwargs.context ?? {}) as Record<string, unknown>;
  return {
    offset: Number(kwargs.offset ?? args[from] ?? 0) || 0,
    limit: (kwargs.limit ?? args[from + 1] ?? null) as number | null,
    // An empty order ("" / False) means the model's `_order`, as in `_order_to_sql`.
    order: ((kwargs.order ?? args[from + 2]) || null) as string | null,
    activeTest: context.active_test !== false,
  };
}

const NEGATIVE = new Set(["!=", "not like", "not ilike", "not in"]);

/**
 * `name_search(name='', args=None, operator='ilike', limit=100)` (17; `domain` instead of `args`
 * from 18): `[id, display_name]` pairs of records whose searchable names match, in `_order`.
 * res.partner also matches email, ref and vat (`_rec_names_search`).
 */
function nameSearch(orm: OdooOrm, model: string, args: unknown[], kwargs: Kwargs): [number, unknown][] {
  const domainKey = orm.version >= 18 ? "domain" : "args";
  for (const key of Object.keys(kwargs)) {
    if (!["name", domainKey, "operator", "limit", "context"].includes(key)) throw new OdooFault("builtins.TypeError", `BaseModel.name_search() got an unexpected keyword argument '${key}'`);
  }
  const name = String(kwargs.name ?? args[0] ?? "");
  const domain = (kwargs[domainKey] ?? args[1] ?? []) as unknown[];
  const operator = String(kwargs.operator ?? args[2] ?? "ilike");
  const limit = (kwargs.limit ?? args[3] ?? 100) as number | null;
  const fields = model === "res.partner" ? ["complete_name", "email", "ref", "vat"] : ["name" in orm.model(model).fields ? "name" : "display_name"];
  const terms = fields.map((field) => [field, operator, name]);
  const combined = NEGATIVE.has(operator) ? "&" : "|";
  const nameDomain = !name && !NEGATIVE.has(operator) ? [] : [...Array<string>(terms.length - 1).fill(combined), ...terms];
  // Consecutive expressions of a domain are AND-ed (normalize_domain).
  const full = [...list(domain, "domain"), ...nameDomain];
  const context = (kwargs.context ?? {}) as Kwargs;
  return orm.search(model, full, { limit, activeTest: context.active_test !== false }).map((row) => [row.id, orm.readValue(model, row, "display_name")]);
}

/**
 * The public ORM methods the external API exposes (external API reference, "Calling methods"):
 * search, search_count, search_read, read, create, write, unlink, fields_get, name_search.
 * Private methods (leading underscore) raise AccessError as `check_method_name` does.
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html#calling-methods
 */
export function executeKw(orm: OdooOrm, model: string, method: string, args: unknown[], kwargs: Kwargs): unknown {
  if (method.startsWith("_")) throw new OdooFault("odoo.exceptions.AccessError", `Private methods (such as '${model}.${method}') cannot be called remotely.`);
  orm.model(model);
  switch (method) {
    case "search_read": {
      const fields = fieldsOf(orm, model, kwargs.fields ?? args[1]);
      const options = searchOptions(args, kwargs, 2);
      return orm.search(model, kwargs.domain ?? args[0] ?? [], options).map((row) => orm.project(model, row, fields));
    }
    case "search": return orm.search(model, kwargs.domain ?? args[0] ?? [], searchOptions(args, kwargs, 1)).map((row) => row.id);
    case "search_count": {
      const limit = (kwargs.limit ?? args[1] ?? null) as number | null;
      const activeTest = (kwargs.context as Kwargs | undefined)?.active_test !== false;
      return orm.search(model, kwargs.domain ?? args[0] ?? [], { limit, activeTest }).length;
    }
    case "read": {
      orm.checkAccess(model, "read");
      const fields = fieldsOf(orm, model, kwargs.fields ?? args[1]);
      // Missing records are left out of the result, not an error (BaseModel._read_format).
      return idsOf(kwargs.ids ?? args[0]).flatMap((id) => {
        const row = orm.table(model).get(id);
        return row ? [orm.project(model, row, fields)] : [];
      });
    }
    case "create": {
      const vals = kwargs.vals_list ?? args[0];
      const many = Array.isArray(vals);
      const ids = createRows(orm, model, (many ? vals : [vals]) as Record<string, unknown>[]);
      return many ? ids : ids[0];
    }
    case "write": return writeRows(orm, model, idsOf(kwargs.ids ?? args[0]), (kwargs.vals ?? args[1]) as Record<string, unknown>);
    case "unlink": {
      orm.checkAccess(model, "unlink");
      for (const id of idsOf(kwargs.ids ?? args[0])) orm.table(model).delete(id);
      orm.touch(model);
      return true;
    }
    case "fields_get": return fieldsGet(orm, model, kwargs.allfields ?? args[0], kwargs.attributes ?? args[1]);
    case "name_search": return nameSearch(orm, model, args, kwargs);
    default: {
      // Business methods on records (sale.order.action_confirm, stock.picking.button_validate, …).
      const action = actionOf(model, method);
      if (!action) throw new OdooFault("builtins.AttributeError", `The method '${method}' does not exist on the model '${model}'`);
      orm.checkAccess(model, "write");
      return action(orm, idsOf(kwargs.ids ?? args[0]), (kwargs.context ?? {}) as Kwargs);
    }
  }
}
