import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeKw } from "./odoo-orm-methods";
import { OdooFault, OdooOrm } from "./odoo-orm";
import { startOdooEmulator, type OdooEmulator } from "./odoo-emulator";

function orm(): OdooOrm {
  let second = 0;
  const db = new OdooOrm(17, () => `2026-01-01 00:00:${String(second++ % 60).padStart(2, "0")}`);
  const call = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
    executeKw(db, model, method, args, kwargs);
  const root = call("product.category", "create", [{ name: "All" }]) as number;
  call("product.category", "create", [[{ name: "Apparel", parent_id: root }, { name: "Shoes", parent_id: root }]]);
  call("res.partner", "create", [[{ name: "Deco Addict", is_company: true, ref: "B-1" }, { name: "Old Co", is_company: true, active: false }]]);
  return db;
}

describe("emulated ORM (execute_kw semantics)", () => {
  it("search_read: domains in prefix notation, offset/limit/order, false for empty, many2one as [id, name]", () => {
    const db = orm();
    const read = (domain: unknown[], kwargs: Record<string, unknown> = {}) => executeKw(db, "product.category", "search_read", [domain], { fields: ["name", "parent_id"], ...kwargs }) as Array<Record<string, unknown>>;
    expect(read([["parent_id", "=", false]])).toEqual([{ id: 1, name: "All", parent_id: false }]);
    expect(read([["parent_id", "child_of", 1]], { order: "name desc" }).map((r) => r.name)).toEqual(["Shoes", "Apparel"]);
    expect(read(["|", ["name", "=like", "Sh%"], "!", ["name", "ilike", "al"]]).map((r) => r.name)).toEqual(["Apparel", "Shoes"]);
    expect(read([["id", "in", [1, 2, 3]]], { order: "id asc", offset: 1, limit: 1 })).toEqual([{ id: 2, name: "Apparel", parent_id: [1, "All"] }]);
    expect(read([["id", "not in", [1]], ["name", "!=", "Shoes"]]).map((r) => r.id)).toEqual([2]);
  });

  it("active_test hides archived records unless the domain or context asks for them", () => {
    const db = orm();
    const count = (domain: unknown[], context?: Record<string, unknown>) => executeKw(db, "res.partner", "search_count", [domain], { context });
    expect(count([])).toBe(1);
    expect(count([], { active_test: false })).toBe(2);
    expect(count([["active", "=", false]])).toBe(1);
  });

  it("write bumps write_date; create of a list is one transaction (a failing record rolls back all)", () => {
    const db = orm();
    const before = db.table("res.partner").get(1)!.write_date;
    executeKw(db, "res.partner", "write", [[1], { email: "info@deco.example.com" }], {});
    expect(String(db.table("res.partner").get(1)!.write_date) > String(before)).toBe(true);
    const size = db.table("res.partner").size;
    expect(() => executeKw(db, "res.partner", "create", [[{ name: "Good", vat: "DE123456789" }, { name: "Bad", vat: "12" }]], {})).toThrow(OdooFault);
    expect(db.table("res.partner").size).toBe(size);
  });

  it("sale.order create with (0, 0, vals) lines computes Odoo's stored amounts", () => {
    const db = orm();
    executeKw(db, "res.currency", "create", [{ name: "EUR" }], {});
    const tax = executeKw(db, "account.tax", "create", [{ name: "19%", amount: 19 }], {}) as number;
    const tmpl = executeKw(db, "product.template", "create", [{ name: "Shirt" }], {}) as number;
    const product = executeKw(db, "product.product", "create", [{ product_tmpl_id: tmpl, default_code: "S-1" }], {}) as number;
    const id = executeKw(db, "sale.order", "create", [{ partner_id: 1, order_line: [[0, 0, { product_id: product, product_uom_qty: 5, price_unit: 19.99, discount: 10, tax_id: [[6, 0, [tax]]] }]] }], {}) as number;
    const [order] = executeKw(db, "sale.order", "read", [[id], ["name", "amount_untaxed", "amount_tax", "amount_total", "order_line"]], {}) as Array<Record<string, unknown>>;
    expect(order).toMatchObject({ name: "S00001", amount_untaxed: 89.96, amount_tax: 17.09, amount_total: 107.05 });
    expect(() => executeKw(db, "sale.order", "create", [{ partner_id: 1, order_line: [[0, 0, { name: "no product" }]] }], {})).toThrow(/accountable sale order line/);
  });

  it("rounds each line's tax half up like Odoo's float_round (round_per_line): 42.50 × 19 % = 8.075 → 8.08, a negative line away from zero", () => {
    const db = orm();
    executeKw(db, "res.currency", "create", [{ name: "EUR" }], {});
    const tax = executeKw(db, "account.tax", "create", [{ name: "19%", amount: 19 }], {}) as number;
    const tmpl = executeKw(db, "product.template", "create", [{ name: "Shirt" }], {}) as number;
    const product = executeKw(db, "product.product", "create", [{ product_tmpl_id: tmpl, default_code: "S-1" }], {}) as number;
    const line = (price: number) => [0, 0, { product_id: product, product_uom_qty: 1, price_unit: price, tax_id: [[6, 0, [tax]]] }];
    const id = executeKw(db, "sale.order", "create", [{ partner_id: 1, order_line: [line(42.5), line(49.5), line(-86.5)] }], {}) as number;
    const lines = executeKw(db, "sale.order.line", "search_read", [[["order_id", "=", id]]], { fields: ["price_tax"] }) as Array<{ price_tax: number }>;
    // 49.50 × 19 % = 9.405 → 9.41; −86.50 × 19 % = −16.435 → −16.44 (half away from zero).
    expect(lines.map((l) => l.price_tax)).toEqual([8.08, 9.41, -16.44]);
    const [order] = executeKw(db, "sale.order", "read", [[id], ["amount_untaxed", "amount_tax", "amount_total"]], {}) as Array<Record<string, unknown>>;
    expect(order).toMatchObject({ amount_untaxed: 5.5, amount_tax: 1.05, amount_total: 6.55 });
  });

  it("rejects unknown fields, bad operators, unknown methods and private methods like Odoo", () => {
    const db = orm();
    const fault = (fn: () => unknown) => { try { fn(); } catch (error) { return (error as OdooFault).exception; } return undefined; };
    expect(fault(() => executeKw(db, "res.partner", "search_read", [[]], { fields: ["nope"] }))).toBe("builtins.ValueError");
    expect(fault(() => executeKw(db, "res.partner", "search_read", [[["name", "~", "x"]]], {}))).toBe("builtins.ValueError");
    expect(fault(() => executeKw(db, "res.partner", "frobnicate", [], {}))).toBe("builtins.AttributeError");
    expect(fault(() => executeKw(db, "res.partner", "_compute_display_name", [], {}))).toBe("odoo.exceptions.AccessError");
  });
});

describe("emulated sales delivery (sale_stock / stock)", () => {
  type Row = Record<string, unknown>;
  function shop() {
    const db = orm();
    const call = (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
      executeKw(db, model, method, args, kwargs);
    call("res.currency", "create", [{ name: "EUR" }]);
    const stock = call("stock.location", "create", [{ name: "Stock", complete_name: "WH/Stock", usage: "internal" }]) as number;
    call("stock.warehouse", "create", [{ name: "WH", code: "WH", lot_stock_id: stock }]);
    const tmpl = call("product.template", "create", [{ name: "Shirt" }]) as number;
    const product = call("product.product", "create", [{ product_tmpl_id: tmpl, default_code: "S-1" }]) as number;
    call("stock.quant", "create", [{ product_id: product, location_id: stock, quantity: 10 }]);
    const order = call("sale.order", "create", [{ partner_id: 1, order_line: [[0, 0, { product_id: product, product_uom_qty: 4, price_unit: 10 }]] }]) as number;
    const picking = () => (call("stock.picking", "search_read", [[["sale_id", "=", order]]], { fields: ["name", "state", "move_ids", "backorder_id"], order: "id asc" }) as Row[]);
    return { db, call, order, product, stock, picking };
  }
  const fault = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return [(error as OdooFault).exception, (error as OdooFault).message];
    }
    return undefined;
  };

  it("action_confirm: state sale, date_order = now, an outgoing picking reserved from the quants (Ready); confirming twice is a UserError", () => {
    const { db, call, order, picking, product } = shop();
    expect(call("sale.order", "action_confirm", [[order]])).toBe(true);
    const [row] = call("sale.order", "read", [[order], ["state", "date_order", "delivery_status", "picking_ids"]]) as Row[];
    // The emulated clock moves a second per write: date_order is the confirmation's, after the order's creation.
    expect(row).toMatchObject({ state: "sale", delivery_status: "pending" });
    expect(String(row!.date_order) > String(db.table("sale.order").get(order)!.create_date)).toBe(true);
    expect(picking()).toMatchObject([{ name: "WH/OUT/00001", state: "assigned", backorder_id: false }]);
    expect((row!.picking_ids as number[])).toEqual([picking()[0]!.id]);
    const [quant] = call("stock.quant", "search_read", [[["product_id", "=", product]]], { fields: ["quantity", "reserved_quantity"] }) as Row[];
    expect(quant).toMatchObject({ quantity: 10, reserved_quantity: 4 });
    expect(fault(() => call("sale.order", "action_confirm", [[order]]))).toEqual(["odoo.exceptions.UserError", expect.stringContaining("not in a state requiring confirmation")]);
  });

  it("button_validate: partial quantities answer the backorder wizard; with skip_backorder the rest becomes a backorder and delivery_status partial", () => {
    const { call, order, picking, product } = shop();
    call("sale.order", "action_confirm", [[order]]);
    const [first] = picking();
    call("stock.move", "write", [first!.move_ids, { quantity: 3 }]);
    expect(call("stock.picking", "button_validate", [[first!.id]])).toMatchObject({ type: "ir.actions.act_window", res_model: "stock.backorder.confirmation" });
    // Shipping policy "as soon as possible": partly picked is Ready.
    expect(picking()[0]!.state).toBe("assigned");
    expect(call("stock.picking", "button_validate", [[first!.id]], { context: { skip_backorder: true } })).toBe(true);
    expect(picking().map((p) => [p.name, p.state, p.backorder_id])).toEqual([["WH/OUT/00001", "done", false], ["WH/OUT/00002", "assigned", [first!.id, "WH/OUT/00001"]]]);
    const [row] = call("sale.order", "read", [[order], ["delivery_status"]]) as Row[];
    expect(row!.delivery_status).toBe("partial");
    const [quant] = call("stock.quant", "search_read", [[["product_id", "=", product]]], { fields: ["quantity", "reserved_quantity"] }) as Row[];
    expect(quant).toMatchObject({ quantity: 7, reserved_quantity: 1 });
  });

  it("a delivery with nothing reserved or picked cannot be validated; picking_ids_not_to_backorder drops the rest", () => {
    const { call, order, picking } = shop();
    call("stock.quant", "write", [[1], { quantity: 0 }]);
    call("sale.order", "action_confirm", [[order]]);
    const [first] = picking();
    expect(first!.state).toBe("confirmed");
    expect(fault(() => call("stock.picking", "button_validate", [[first!.id]]))).toEqual(["odoo.exceptions.UserError", expect.stringContaining("no quantities are reserved nor done")]);
    call("stock.move", "write", [first!.move_ids, { quantity: 1 }]);
    call("stock.picking", "button_validate", [[first!.id]], { context: { skip_backorder: true, picking_ids_not_to_backorder: [first!.id] } });
    expect(picking().map((p) => p.state)).toEqual(["done"]);
    expect((call("sale.order", "read", [[order], ["delivery_status"]]) as Row[])[0]!.delivery_status).toBe("full");
  });
});

describe("emulated wire protocol", () => {
  let emulator: OdooEmulator;
  beforeAll(async () => {
    emulator = await startOdooEmulator({ version: 19 });
  });
  afterAll(() => emulator.stop());
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("common.authenticate returns the uid or false; /web/session/authenticate refuses API keys", async () => {
    const auth = (password: string) => post("/jsonrpc", { jsonrpc: "2.0", method: "call", id: 1, params: { service: "common", method: "authenticate", args: [emulator.settings.database, emulator.settings.username, password, {}] } });
    expect(await (await auth(emulator.settings.apiKey)).json()).toEqual({ jsonrpc: "2.0", id: 1, result: 2 });
    expect(await (await auth("wrong")).json()).toEqual({ jsonrpc: "2.0", id: 1, result: false });
    const session = await post("/web/session/authenticate", { jsonrpc: "2.0", method: "call", id: 2, params: { db: emulator.settings.database, login: emulator.settings.username, password: emulator.settings.apiKey } });
    expect(session.status).toBe(200);
    expect(((await session.json()) as { error: { data: { name: string } } }).error.data.name).toBe("odoo.exceptions.AccessDenied");
  });

  it("JSON-2 answers HTTP statuses: 200 result, 401 bad key, 422 validation, 403 access", async () => {
    const bearer = { authorization: `bearer ${emulator.settings.apiKey}` };
    const ok = await post("/json/2/res.partner/create", { vals_list: [{ name: "Acme", vat: "DE123456789" }] }, bearer);
    expect([ok.status, await ok.json()]).toEqual([200, [1]]);
    expect((await post("/json/2/res.partner/search_read", {}, { authorization: "bearer nope" })).status).toBe(401);
    const invalid = await post("/json/2/res.partner/create", { vals_list: [{ name: "Bad", vat: "12" }] }, bearer);
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ name: "odoo.exceptions.ValidationError" });
    emulator.orm.denied.add("res.partner:read");
    expect((await post("/json/2/res.partner/search_read", { domain: [] }, bearer)).status).toBe(403);
    expect((await (await fetch(`${emulator.url}/web/version`)).json())).toMatchObject({ version_info: [19, 0, 0, "final", 0, ""] });
  });
});
