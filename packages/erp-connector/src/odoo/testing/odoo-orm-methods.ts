import { OdooFault, type OdooOrm } from "./odoo-orm";
import { createRows, writeRows } from "./odoo-orm-write";

type Kwargs = Record<string, unknown>;

function list(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new OdooFault("builtins.TypeError", `${what} must be a list`);
  return value;
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
    order: (kwargs.order ?? args[from + 2] ?? null) as string | null,
    activeTest: context.active_test !== false,
  };
}

/**
 * The public ORM methods the external API exposes (external API reference, "Calling methods"):
 * search, search_count, search_read, read, create, write, unlink, fields_get. Private methods
 * (leading underscore) raise AccessError as `check_method_name` does.
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
    case "search_count": return orm.search(model, kwargs.domain ?? args[0] ?? [], { activeTest: (kwargs.context as Kwargs | undefined)?.active_test !== false }).length;
    case "read": {
      orm.checkAccess(model, "read");
      const fields = fieldsOf(orm, model, kwargs.fields ?? args[1]);
      const ids = list(kwargs.ids ?? args[0], "ids") as number[];
      return ids.flatMap((id) => {
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
    case "write": return writeRows(orm, model, list(kwargs.ids ?? args[0], "ids") as number[], (kwargs.vals ?? args[1]) as Record<string, unknown>);
    case "unlink": {
      orm.checkAccess(model, "unlink");
      for (const id of list(kwargs.ids ?? args[0], "ids") as number[]) orm.table(model).delete(id);
      orm.touch(model);
      return true;
    }
    case "fields_get": return Object.fromEntries(Object.entries(orm.model(model).fields).map(([name, f]) => [name, { type: f.type, relation: f.relation ?? false, required: Boolean(f.required), readonly: Boolean(f.compute) }]));
    default: throw new OdooFault("builtins.AttributeError", `The method '${method}' does not exist on the model '${model}'`);
  }
}
