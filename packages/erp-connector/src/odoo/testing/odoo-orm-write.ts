import { OdooFault, type OdooOrm, type OdooRow } from "./odoo-orm";
import { roundToMinor } from "../mappers/odoo-values";
import { adjustReservation, refreshPicking } from "./odoo-picking-state";

type Vals = Record<string, unknown>;
/**
 * Odoo's `float_round` to the currency's 0.01 (odoo/tools/float_utils.py, HALF-UP with a
 * magnitude-scaled epsilon): a decimal tie such as 42.50 × 19 % = 8.075 rounds up to 8.08, as exact
 * decimal arithmetic would. (A plain `Number.EPSILON` nudge is too small above 1 and rounded it down.)
 */
const round2 = (value: number) => roundToMinor(value, "EUR").amount / 100;

// base_vat's shape check: a 2-letter country prefix then 2–13 digits/letters (res.partner `check_vat`).
const VAT = /^[A-Z]{2}[0-9A-Z]{2,13}$/;
/** Languages installed in the emulated database (res.lang active). */
export const INSTALLED_LANGS = new Set(["en_US", "de_DE", "fr_FR", "en_GB", "es_ES", "it_IT", "nl_NL"]);

/**
 * loyalty SQL/Python constraints (addons/loyalty/models/loyalty_reward.py `discount_positive`,
 * `product_qty_positive`; loyalty_program.py `_check_date_from_date_to`). Rows that break them
 * only exist through imports that bypass the ORM; the connector quarantines those.
 */
function checkLoyalty(model: string, row: OdooRow): void {
  if (model === "loyalty.reward" && row.reward_type === "discount" && !((row.discount as number) > 0)) throw new OdooFault("odoo.exceptions.ValidationError", "The discount must be strictly positive.");
  if (model === "loyalty.reward" && row.reward_type === "product" && !((row.reward_product_qty as number) > 0)) throw new OdooFault("odoo.exceptions.ValidationError", "The reward product quantity must be strictly positive.");
  if (model === "loyalty.program" && row.date_from && row.date_to && String(row.date_to) < String(row.date_from)) {
    throw new OdooFault("odoo.exceptions.ValidationError", "The validity period's start date must be anterior or equal to its end date.");
  }
}

function checkConstraints(orm: OdooOrm, model: string, row: OdooRow): void {
  if (model === "res.partner") {
    if (!row.name && row.type === "contact") throw new OdooFault("odoo.exceptions.ValidationError", "Contacts require a name");
    if (typeof row.lang === "string" && row.lang && !INSTALLED_LANGS.has(row.lang)) throw new OdooFault("builtins.ValueError", `Wrong value for res.partner.lang: '${row.lang}'`);
    if (typeof row.vat === "string" && row.vat && !VAT.test(row.vat)) {
      throw new OdooFault("odoo.exceptions.ValidationError", `The VAT number [${row.vat}] for partner [${String(row.name)}] does not seem to be valid. \nNote: the expected format is BE0477472701`);
    }
  }
  if (model === "sale.order.line" && !row.display_type && !row.product_id) {
    // SQL constraint accountable_required_fields (sale/models/sale_order_line.py).
    throw new OdooFault("odoo.exceptions.ValidationError", "Missing required fields on accountable sale order line.");
  }
  checkLoyalty(model, row);
  const def = orm.model(model);
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.required && (row[name] === undefined || row[name] === false || row[name] === null || row[name] === "")) {
      throw new OdooFault("odoo.exceptions.ValidationError", `The operation cannot be completed: Missing required fields on ${def.description}: ${name}`);
    }
    if (field.type === "many2one" && typeof row[name] === "number" && !orm.tables.get(field.relation!)?.has(row[name] as number)) {
      throw new OdooFault("odoo.exceptions.MissingError", `Record does not exist or has been deleted.\n(Record: ${field.relation}(${String(row[name])},), User: 2)`);
    }
  }
}

/** Apply x2many command tuples: (0,0,vals) create, (1,id,vals) update, (2,id) delete, (4,id) link, (6,0,ids) replace. */
function applyCommands(orm: OdooOrm, model: string, row: OdooRow, field: string, commands: unknown): void {
  const def = orm.model(model).fields[field]!;
  if (!Array.isArray(commands)) throw new OdooFault("builtins.ValueError", `Wrong value for ${model}.${field}: ${JSON.stringify(commands)}`);
  const linked = new Set<number>(Array.isArray(row[field]) ? (row[field] as number[]) : []);
  for (const command of commands as unknown[][]) {
    const [code, id, vals] = command;
    if (code === 0 && def.type === "one2many") createRows(orm, def.relation!, [{ ...(vals as Vals), [def.inverse!]: row.id }]);
    else if (code === 1) writeRows(orm, def.relation!, [id as number], vals as Vals);
    else if (code === 2) orm.table(def.relation!).delete(id as number);
    else if (code === 4) linked.add(id as number);
    else if (code === 6) (linked.clear(), (vals as number[]).forEach((v) => linked.add(v)));
    else throw new OdooFault("builtins.ValueError", `Wrong value for ${model}.${field}: ${JSON.stringify(command)}`);
  }
  if (def.type === "many2many") row[field] = [...linked];
  orm.touch(def.relation!);
}

function assign(orm: OdooOrm, model: string, row: OdooRow, vals: Vals): void {
  const def = orm.model(model);
  for (const [name, value] of Object.entries(vals)) {
    const field = def.fields[name];
    if (!field) throw new OdooFault("builtins.ValueError", `Invalid field '${name}' on model '${model}'`);
    if (field.compute || name === "id" || name === "write_date" || name === "create_date") continue;
    if (field.type === "one2many" || field.type === "many2many") continue;
    row[name] = value;
  }
  row.write_date = orm.clock();
  for (const [name, value] of Object.entries(vals)) {
    const type = def.fields[name]!.type;
    if (type === "one2many" || type === "many2many") applyCommands(orm, model, row, name, value);
  }
}

/** sale.order / sale.order.line computed amounts (stored compute fields in Odoo); stock.move reservations and states. */
function recompute(orm: OdooOrm, model: string, row: OdooRow, before?: OdooRow): void {
  if (model === "sale.order.line") {
    // sale.order.line `_compute_amount` (round_per_line): price_unit × (1 − discount/100), then
    // compute_all rounds price × quantity and each percent tax amount to the currency.
    const reduced = (row.price_unit as number) * (1 - ((row.discount as number) || 0) / 100);
    const subtotal = round2(reduced * (row.product_uom_qty as number));
    const rate = ((row.tax_id as number[] | undefined) ?? []).reduce((acc, id) => acc + ((orm.table("account.tax").get(id)?.amount as number) || 0), 0);
    const tax = round2((subtotal * rate) / 100);
    Object.assign(row, { price_subtotal: subtotal, price_tax: tax, price_total: round2(subtotal + tax) });
  }
  if (model === "sale.order") {
    // 17: currency_id is related to pricelist_id.currency_id (stored).
    const pricelist = row.pricelist_id ? orm.table("product.pricelist").get(row.pricelist_id as number) : undefined;
    if (pricelist) row.currency_id = pricelist.currency_id;
    row.currency_id ??= 1;
    const lines = [...orm.table("sale.order.line").values()].filter((line) => line.order_id === row.id);
    const untaxed = round2(lines.reduce((acc, l) => acc + (l.price_subtotal as number), 0));
    const tax = round2(lines.reduce((acc, l) => acc + (l.price_tax as number), 0));
    Object.assign(row, { amount_untaxed: untaxed, amount_tax: tax, amount_total: round2(untaxed + tax) });
    if (row.name === "New") row.name = `S${String(row.id).padStart(5, "0")}`;
  }
  // A move's state (and its picking's) follows the quantity reserved or picked (stock_move.py `_compute_state`).
  if (model === "stock.move" && before) adjustReservation(orm, row, ((row.quantity as number) || 0) - ((before.quantity as number) || 0));
  if (model === "stock.move" && typeof row.picking_id === "number") refreshPicking(orm, row.picking_id);
}

/** `create(vals_list)`: one transaction — any failing record rolls back the whole call. */
export function createRows(orm: OdooOrm, model: string, valsList: Vals[]): number[] {
  orm.checkAccess(model, "create");
  const table = orm.table(model);
  const created: number[] = [];
  try {
    for (const vals of valsList) {
      if (!vals || typeof vals !== "object" || Array.isArray(vals)) throw new OdooFault("builtins.TypeError", "create() values must be a dict");
      const row: OdooRow = { id: orm.allocateId(model), create_date: orm.clock() };
      for (const [name, field] of Object.entries(orm.model(model).fields)) if (field.default !== undefined) row[name] = field.default;
      table.set(row.id, row);
      created.push(row.id);
      assign(orm, model, row, vals);
      recompute(orm, model, row);
      checkConstraints(orm, model, row);
    }
  } catch (error) {
    for (const id of created) table.delete(id);
    if (model === "sale.order") for (const [id, line] of orm.table("sale.order.line")) if (created.includes(line.order_id as number)) orm.table("sale.order.line").delete(id);
    throw error;
  } finally {
    orm.touch(model);
  }
  return created;
}

/** `write(ids, vals)`: the same values on every record. */
export function writeRows(orm: OdooOrm, model: string, ids: number[], vals: Vals): true {
  orm.checkAccess(model, "write");
  const table = orm.table(model);
  for (const id of ids) {
    const row = table.get(id);
    if (!row) throw new OdooFault("odoo.exceptions.MissingError", `Record does not exist or has been deleted.\n(Record: ${model}(${id},), User: 2)`);
    const before = { ...row };
    assign(orm, model, row, vals);
    recompute(orm, model, row, before);
    try {
      checkConstraints(orm, model, row);
    } catch (error) {
      table.set(id, before);
      throw error;
    }
  }
  orm.touch(model);
  return true;
}
