import { describe, expect, it } from "vitest";
import { ConnectorError, reasonForStatus } from "@omnibridge/core-model";
import { classifyOdooFailure } from "./odoo-error";

const rpc = (name: string, message: string, code = 200) => ({ jsonrpc: "2.0", id: 1, error: { code, message: "Odoo Server Error", data: { name, message, arguments: [message], context: {}, debug: "Traceback ..." } } });
const json2 = (name: string, message: string) => ({ name, message, arguments: [message], context: {}, debug: "" });

// (HTTP status, body) → reason; JSON-RPC errors come with HTTP 200 (odoo/http.py JsonRPCDispatcher.handle_error).
const table: Array<[string, number, unknown, string | undefined]> = [
  ["JSON-RPC success", 200, { jsonrpc: "2.0", id: 1, result: [] }, undefined],
  ["JSON-RPC AccessDenied (bad key in execute_kw)", 200, rpc("odoo.exceptions.AccessDenied", "Access Denied"), "unauthorized"],
  ["JSON-RPC AccessError (model rights)", 200, rpc("odoo.exceptions.AccessError", "You are not allowed to access 'Sales Order' (sale.order) records."), "forbidden"],
  ["JSON-RPC AccessError (private method)", 200, rpc("odoo.exceptions.AccessError", "Private methods (such as 'product.pricelist._get_product_price') cannot be called remotely."), "forbidden"],
  ["JSON-RPC ValidationError", 200, rpc("odoo.exceptions.ValidationError", "The VAT number [X1] for partner [Y] does not seem to be valid."), "invalid"],
  ["JSON-RPC UserError", 200, rpc("odoo.exceptions.UserError", "You cannot delete a confirmed order"), "invalid"],
  ["JSON-RPC MissingError", 200, rpc("odoo.exceptions.MissingError", "Record does not exist or has been deleted."), "not_found"],
  ["JSON-RPC ValueError (invalid field)", 200, rpc("builtins.ValueError", "Invalid field 'foo' on model 'res.partner'"), "invalid"],
  ["JSON-RPC serialization failure (concurrent update)", 200, rpc("psycopg2.errors.SerializationFailure", "could not serialize access"), "unavailable"],
  ["JSON-RPC session expired (code 100)", 200, rpc("odoo.http.SessionExpiredException", "Session expired", 100), "unauthorized"],
  ["JSON-RPC unknown exception", 200, rpc("builtins.RuntimeError", "boom"), "internal"],
  ["JSON-2 401 invalid apikey", 401, json2("werkzeug.exceptions.Unauthorized", "Invalid apikey"), "unauthorized"],
  ["JSON-2 403 access error", 403, json2("odoo.exceptions.AccessError", "You are not allowed"), "forbidden"],
  ["JSON-2 422 validation", 422, json2("odoo.exceptions.ValidationError", "bad"), "invalid"],
  ["JSON-2 500 unknown", 500, json2("builtins.RuntimeError", "boom"), "unavailable"],
  ["proxy 502 HTML", 502, "<html>Bad Gateway</html>", undefined],
  ["JSON-2 success list whose records have name+message", 200, [{ name: "x", message: "y" }], undefined],
];

describe("classifyOdooFailure", () => {
  for (const [name, status, body, reason] of table) {
    it(`${name} → ${reason ?? "default"}`, () => {
      const result = classifyOdooFailure({ status, body, headers: {}, operation: "res.partner.search_read" });
      expect(result?.reason).toBe(reason);
      if (reason) expect(result?.message).toContain(":");
    });
  }

  it("retryability follows the reason: access errors are final, serialization failures retry", () => {
    const forbidden = classifyOdooFailure({ status: 200, body: rpc("odoo.exceptions.AccessError", "no"), headers: {}, operation: "x" });
    const busy = classifyOdooFailure({ status: 200, body: rpc("psycopg2.errors.SerializationFailure", "retry"), headers: {}, operation: "x" });
    expect(new ConnectorError(forbidden!.reason!, "x").retryable).toBe(false);
    expect(new ConnectorError(busy!.reason!, "x").retryable).toBe(true);
    expect(reasonForStatus(502)).toBe("unavailable");
  });

  it("keeps only the first line of Odoo's message (no traceback) and names the exception class", () => {
    const result = classifyOdooFailure({ status: 200, body: rpc("odoo.exceptions.UserError", "line one\nline two"), headers: {}, operation: "x" });
    expect(result).toMatchObject({ message: "odoo.exceptions.UserError: line one", vendorCode: "odoo.exceptions.UserError" });
  });
});
