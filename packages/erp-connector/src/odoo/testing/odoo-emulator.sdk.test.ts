import OdooJSONRpc from "@fernandoslim/odoo-jsonrpc";
import Odoo from "odoo-await";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeKw } from "./odoo-orm-methods";
import { startOdooEmulator, type OdooEmulator } from "./odoo-emulator";
import { parseMethodResponse, serializeMethodCall, XmlRpcDateTime, type XmlRpcValue } from "./odoo-xmlrpc-codec";

/**
 * The emulator driven by the two most-used Node Odoo clients, as an integrator would:
 * `odoo-await` 3.4.1 (XML-RPC `/xmlrpc/2/common` + `/xmlrpc/2/object`) and
 * `@fernandoslim/odoo-jsonrpc` 2.0.2 (JSON-RPC: `/jsonrpc` with an API key, or the web session
 * `/web/session/authenticate` + `/web/dataset/call_kw` with a password).
 */
let emulator: OdooEmulator;
let port: number;

type Partner = { id: number; name: string; email: string | false; parent_id: [number, string] | false; ref: string | false };

beforeAll(async () => {
  emulator = await startOdooEmulator();
  port = emulator.server.port;
  const call = (model: string, method: string, args: unknown[]) => executeKw(emulator.orm, model, method, args, {});
  const be = call("res.country", "create", [{ name: "Belgium", code: "BE" }]) as number;
  const deco = call("res.partner", "create", [{ name: "Deco Addict", is_company: true, email: "deco.addict82@example.com", country_id: be, street: "77 Santa Barbara Rd", city: "Pleasant Hill" }]) as number;
  call("res.partner", "create", [[
    { name: "Addison Olson", parent_id: deco, email: "addison.olson28@example.com" },
    { name: "Azure Interior", is_company: true, email: "azure.Interior24@example.com", ref: "AZ-1" },
    { name: "Brandon Freeman", email: "brandon.freeman55@example.com" },
    { name: "Gemini Furniture", is_company: true, email: "gemini.furniture39@example.com", vat: "BE0477472701" },
  ]]);
});
afterAll(() => emulator?.stop());

function xmlrpcClient(password = emulator.settings.apiKey) {
  return new Odoo({ baseUrl: "http://127.0.0.1", port, db: emulator.settings.database, username: emulator.settings.username, password });
}

describe("odoo-await 3.4.1 over XML-RPC", () => {
  it("authenticates with the API key (uid), and refuses a wrong password with authenticate() = false", async () => {
    const odoo = xmlrpcClient();
    expect(await odoo.connect()).toBe(2);
    await expect(xmlrpcClient("wrong").connect()).rejects.toMatch(/invalid credentials/);
  });

  it("search_read with domain, fields, order, offset/limit; many2one as [id, name], false for empty", async () => {
    const odoo = xmlrpcClient();
    await odoo.connect();
    const companies = await odoo.searchRead<Partner>("res.partner", [["is_company", "=", true]], ["name", "ref", "email"], { order: "name asc", limit: 2, offset: 1 });
    expect(companies.map((p) => [p.name, p.ref])).toEqual([["Deco Addict", false], ["Gemini Furniture", false]]);
    const contact = await odoo.searchRead<Partner>("res.partner", { name: "Addison Olson" }, ["parent_id", "email"]);
    expect(contact[0]!.parent_id).toEqual([1, "Deco Addict"]);
    expect(await odoo.search("res.partner", [["email", "ilike", "example.com"]])).toHaveLength(5);
  });

  it("read by one integer id and by a list; unknown ids are left out", async () => {
    const odoo = xmlrpcClient();
    await odoo.connect();
    const [one] = await odoo.read<Partner>("res.partner", 1, ["name", "email"]);
    expect(one).toEqual({ id: 1, name: "Deco Addict", email: "deco.addict82@example.com" });
    const single = await odoo.execute_kw("res.partner", "read", [[1, ["name"]]]);
    expect(single).toEqual([{ id: 1, name: "Deco Addict" }]);
    expect((await odoo.read<Partner>("res.partner", [3, 999], ["name"])).map((p) => p.name)).toEqual(["Azure Interior"]);
  });

  it("create, write (single id), read back, unlink", async () => {
    const odoo = xmlrpcClient();
    await odoo.connect();
    const id = await odoo.create("res.partner", { name: "Lumber Inc", is_company: true, ref: "LUM-1" });
    expect(typeof id).toBe("number");
    expect(await odoo.update("res.partner", id, { email: "lumber@example.com" })).toBe(true);
    expect((await odoo.read<Partner>("res.partner", id, ["email", "ref"]))[0]).toMatchObject({ email: "lumber@example.com", ref: "LUM-1" });
    expect(await odoo.delete("res.partner", id)).toBe(true);
    expect(await odoo.read("res.partner", id, ["name"])).toEqual([]);
  });

  it("fields_get with and without attributes: string, help, type, selection", async () => {
    const odoo = xmlrpcClient();
    await odoo.connect();
    const some = await odoo.getFields("res.partner", ["string", "help", "type", "selection"]);
    expect(some.vat).toEqual({ string: "Tax ID", type: "char", help: expect.stringContaining("Tax Identification Number") });
    expect(some.type).toMatchObject({ string: "Address Type", type: "selection", selection: expect.arrayContaining([["contact", "Contact"], ["delivery", "Delivery Address"]]) });
    const all = await odoo.getFields("res.partner");
    expect(all.parent_id).toMatchObject({ type: "many2one", relation: "res.partner", string: "Related Company", store: true });
    expect(all.ref).not.toHaveProperty("relation");
  });

  it("name_search and search_count through execute_kw", async () => {
    const odoo = xmlrpcClient();
    await odoo.connect();
    expect(await odoo.execute_kw("res.partner", "name_search", [["deco"]])).toEqual([[1, "Deco Addict"]]);
    expect(await odoo.execute_kw("res.partner", "name_search", [[], { name: "AZ-1", limit: 5 }])).toEqual([[3, "Azure Interior"]]);
    expect(await odoo.execute_kw("res.partner", "search_count", [[[["is_company", "=", true]]]])).toBe(3);
  });

  it("errors arrive as Odoo's faults: 4 AccessError, 2 ValidationError/MissingError, 3 AccessDenied, 1 with a traceback", async () => {
    const odoo = xmlrpcClient();
    await odoo.connect();
    await expect(odoo.execute_kw("res.partner", "_compute_display_name", [[[1]]])).rejects.toMatchObject({ faultCode: 4, faultString: expect.stringContaining("Private methods") });
    await expect(odoo.update("res.partner", 1, { vat: "not a vat" })).rejects.toMatchObject({ faultCode: 2, faultString: expect.stringContaining("does not seem to be valid") });
    await expect(odoo.update("res.partner", 4242, { name: "x" })).rejects.toMatchObject({ faultCode: 2, faultString: expect.stringContaining("Record does not exist") });
    await expect(odoo.searchRead("res.partner", [], ["no_such_field"])).rejects.toMatchObject({ faultCode: 1, faultString: expect.stringMatching(/^Traceback[\s\S]*ValueError: Invalid field 'no_such_field'/) });
    const stale = xmlrpcClient();
    Object.assign(stale, { uid: 2, password: "revoked-key" }); // a session whose API key was revoked since connect()
    await expect(stale.searchRead("res.partner", [], ["name"])).rejects.toMatchObject({ faultCode: 3, faultString: "Access Denied" });
  });
});

function jsonrpcClient(config: { apiKey: string } | { password: string }) {
  return new OdooJSONRpc({ baseUrl: "http://127.0.0.1", port, db: emulator.settings.database, username: emulator.settings.username, ...config });
}

describe("@fernandoslim/odoo-jsonrpc 2.0.2 over JSON-RPC", () => {
  it("API key: /jsonrpc authenticate, search_read, read (single id), create, write, unlink, fields_get, name_search, search_count", async () => {
    const odoo = jsonrpcClient({ apiKey: emulator.settings.apiKey });
    expect(await odoo.connect()).toEqual({ uid: 2 });
    const people = await odoo.searchRead<Partner>("res.partner", [["is_company", "=", false]], ["name", "parent_id"], { order: "name desc" });
    expect(people.map((p) => p.name)).toEqual(["Brandon Freeman", "Addison Olson"]);
    expect(await odoo.read<Partner>("res.partner", 5, ["name"])).toEqual([{ id: 5, name: "Gemini Furniture" }]);
    const id = await odoo.create("res.partner", { name: "Ready Mat", is_company: true });
    expect(await odoo.update("res.partner", id, { ref: "RM-7" })).toBe(true);
    expect((await odoo.read<Partner>("res.partner", [id], ["ref"]))[0]!.ref).toBe("RM-7");
    expect(await odoo.delete("res.partner", id)).toBe(true);
    const fields = await odoo.call_kw("res.partner", "fields_get", [], { attributes: ["string", "type"] });
    expect(fields.is_company).toEqual({ string: "Is a Company", type: "boolean" });
    expect(await odoo.call_kw("res.partner", "name_search", ["gemini"], { limit: 10 })).toEqual([[5, "Gemini Furniture"]]);
    expect(await odoo.call_kw("res.partner", "search_count", [[["parent_id", "!=", false]]])).toBe(1);
    expect((await odoo.getFields("res.partner")).lang.selection).toContainEqual(["de_DE", "German / Deutsch"]);
  });

  it("password: /web/session/authenticate sets session_id, /web/dataset/call_kw uses it, destroy ends it", async () => {
    const odoo = jsonrpcClient({ password: "interactive-password" });
    const info = await odoo.connect();
    expect(info).toMatchObject({ uid: 2, db: emulator.settings.database, server_version_info: [17, 0, 0, "final", 0, ""] });
    expect(odoo.sessionId).toMatch(/^[\w-]{20,}$/);
    expect((await odoo.searchRead<Partner>("res.partner", [["ref", "=", "AZ-1"]], ["name"]))[0]!.name).toBe("Azure Interior");
    expect(await odoo.read<Partner>("res.partner", 3, ["name"])).toEqual([{ id: 3, name: "Azure Interior" }]);
    const id = await odoo.create("res.partner", { name: "Session Made" });
    expect(await odoo.update("res.partner", id, { email: "s@example.com" })).toBe(true);
    expect(await odoo.delete("res.partner", id)).toBe(true);
    expect(await odoo.call_kw("res.partner", "name_search", [], { name: "Brandon" })).toEqual([[4, "Brandon Freeman"]]);
    const sessionId = odoo.sessionId!;
    expect(await odoo.disconnect()).toBe(true);
    const after = jsonrpcClient({ password: "x" });
    (after as unknown as { session_id: string; is_connected: boolean }).session_id = sessionId;
    (after as unknown as { is_connected: boolean }).is_connected = true;
    await expect(after.call_kw("res.partner", "search", [[]])).rejects.toThrow("Session expired");
  });

  it("an API key cannot open a web session; Odoo's error envelope reaches the caller", async () => {
    await expect(jsonrpcClient({ password: emulator.settings.apiKey }).connect()).rejects.toThrow(/Authentication failed|Cookie not found/);
    const odoo = jsonrpcClient({ apiKey: emulator.settings.apiKey });
    await odoo.connect();
    await expect(odoo.call_kw("res.partner", "write", [[1], { vat: "nope" }])).rejects.toThrow(/does not seem to be valid/);
    await expect(odoo.call_kw("res.partner", "frobnicate", [[1]])).rejects.toThrow("The method 'frobnicate' does not exist on the model 'res.partner'");
  });
});

describe("session routes as Odoo answers them", () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("call_kw without a session: HTTP 200, error code 100 'Odoo Session Expired'", async () => {
    const response = await post("/web/dataset/call_kw/res.partner/search_read", { jsonrpc: "2.0", method: "call", id: 9, params: { model: "res.partner", method: "search_read", args: [[]], kwargs: {} } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ jsonrpc: "2.0", id: 9, error: { code: 100, message: "Odoo Session Expired", data: { name: "odoo.http.SessionExpiredException", message: "Session expired" } } });
  });

  it("the session cookie drives /web/dataset/call_kw/<model>/<method>", async () => {
    const login = await post("/web/session/authenticate", { jsonrpc: "2.0", method: "call", id: 1, params: { db: emulator.settings.database, login: emulator.settings.username, password: "interactive-password" } });
    const cookie = login.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^session_id=[\w-]+; Expires=.+; Max-Age=604800; HttpOnly; Path=\/$/);
    const response = await post("/web/dataset/call_kw/res.partner/read", { jsonrpc: "2.0", method: "call", id: 2, params: { model: "res.partner", method: "read", args: [1, ["name"]], kwargs: {} } }, { cookie: cookie.split(";")[0]! });
    expect(await response.json()).toEqual({ jsonrpc: "2.0", id: 2, result: [{ id: 1, name: "Deco Addict" }] });
  });
});

describe("XML-RPC wire as Odoo answers it", () => {
  const xmlrpc = async (service: string, method: string, params: XmlRpcValue[]) => {
    const response = await fetch(`${emulator.url}/xmlrpc/2/${service}`, { method: "POST", headers: { "content-type": "text/xml" }, body: serializeMethodCall(method, params) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    return parseMethodResponse(await response.text());
  };
  const { database, apiKey } = { database: "omnibridge", apiKey: "odoo-test-api-key-0123456789" };

  it("common.version, dateTime.iso8601 parameters in domains, float fields as doubles", async () => {
    expect(await xmlrpc("common", "version", [])).toEqual({ value: { server_version: "17.0", server_version_info: [17, 0, 0, "final", 0, ""], server_serie: "17.0", protocol_version: 1 } });
    const since = new XmlRpcDateTime("20000101T00:00:00");
    const rows = await xmlrpc("object", "execute_kw", [database, 2, apiKey, "res.partner", "search_count", [[["write_date", ">", since]]]]);
    expect(rows).toEqual({ value: 5 });
    const response = await fetch(`${emulator.url}/xmlrpc/2/object`, { method: "POST", body: serializeMethodCall("execute_kw", [database, 2, apiKey, "product.template", "fields_get", [], { attributes: ["type"] }]) });
    expect(parseMethodResponse(await response.text())).toMatchObject({ value: { list_price: { type: "float" } } });
  });

  it("unknown services and methods, and malformed XML, are faults with code 1 and a traceback", async () => {
    expect(await xmlrpc("report", "render_report", [])).toMatchObject({ fault: { faultCode: 1, faultString: expect.stringContaining("KeyError: 'report'") } });
    expect(await xmlrpc("common", "nope", [])).toMatchObject({ fault: { faultCode: 1, faultString: expect.stringContaining("Method not found: nope") } });
    expect(await xmlrpc("object", "execute_kw", [database, 2, "bad-key", "res.partner", "search", [[]]])).toEqual({ fault: { faultCode: 3, faultString: "Access Denied" } });
    const garbled = await fetch(`${emulator.url}/xmlrpc/2/common`, { method: "POST", body: "<methodCall><methodName>version</methodName>" });
    expect(parseMethodResponse(await garbled.text())).toMatchObject({ fault: { faultCode: 1, faultString: expect.stringContaining("ExpatError") } });
  });
});

describe("sales delivery through odoo-await's action() (sale_stock, stock_delivery)", () => {
  type Picking = {
    id: number; name: string; state: string; move_ids: number[]; date_done: string | false; carrier_tracking_url: string | false;
  };
  it("action_confirm creates the outgoing picking; moves picked by write; carrier + ref; button_validate → done, delivery_status full", async () => {
    const call = (model: string, method: string, args: unknown[]) => executeKw(emulator.orm, model, method, args, {});
    const stock = call("stock.location", "create", [{ name: "Stock", complete_name: "SDK/Stock", usage: "internal" }]) as number;
    call("stock.warehouse", "create", [{ name: "SDK warehouse", code: "SDK", lot_stock_id: stock }]);
    call("res.currency", "create", [{ name: "EUR" }]);
    const template = call("product.template", "create", [{ name: "Lamp", type: "product" }]) as number;
    const product = call("product.product", "create", [{ product_tmpl_id: template, default_code: "LAMP-1" }]) as number;
    const odoo = xmlrpcClient();
    await odoo.connect();
    const order = await odoo.create("sale.order", { partner_id: 1, client_order_ref: "SDK-1", order_line: [[0, 0, { product_id: product, product_uom_qty: 2, price_unit: 10 }]] });
    expect(await odoo.action("sale.order", "action_confirm", order)).toBe(true);
    const [picking] = await odoo.searchRead<Picking>("stock.picking", [["sale_id", "=", order]], ["name", "state", "move_ids", "date_done", "carrier_tracking_url"]);
    // No stock at SDK/Stock: nothing reserved, the delivery waits.
    expect(picking).toMatchObject({ name: "SDK/OUT/00001", state: "confirmed", date_done: false });
    await odoo.update("stock.move", picking!.move_ids[0]!, { quantity: 2 });
    expect((await odoo.read<Picking>("stock.picking", picking!.id, ["state"]))[0]!.state).toBe("assigned");
    const carrier = await odoo.create("delivery.carrier", { name: "DHL Paket", tracking_url: "https://www.dhl.de/track?piececode=<shipmenttrackingnumber>" });
    await odoo.update("stock.picking", picking!.id, { carrier_id: carrier, carrier_tracking_ref: "00340434161094042557" });
    expect(await odoo.action("stock.picking", "button_validate", picking!.id)).toBe(true);
    const [done] = await odoo.read<Picking>("stock.picking", picking!.id, ["state", "date_done", "carrier_tracking_url"]);
    expect(done).toMatchObject({ state: "done", date_done: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/), carrier_tracking_url: "https://www.dhl.de/track?piececode=00340434161094042557" });
    expect((await odoo.read<{ delivery_status: string }>("sale.order", order, ["delivery_status", "state"]))[0]).toMatchObject({ delivery_status: "full", state: "sale" });
    await expect(odoo.action("stock.picking", "button_validate", picking!.id)).rejects.toMatchObject({ faultCode: 2 });
  });
});
