import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { OdooFault, type OdooOrm } from "./odoo-orm";
import { dispatchRpc, type OdooIdentity } from "./odoo-wire";
import {
  parseMethodCall, serializeFault, serializeMethodResponse, XmlRpcBase64, XmlRpcDateTime, XmlRpcDouble, XmlRpcError, type XmlRpcValue,
} from "./odoo-xmlrpc-codec";

// odoo/addons/base/controllers/rpc.py: RPC_FAULT_CODE_APPLICATION_ERROR 1, _WARNING 2, _ACCESS_DENIED 3, _ACCESS_ERROR 4.
const USER_ERRORS = new Set(["odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.MissingError", "odoo.exceptions.RedirectWarning"]);

function traceback(exception: string, message: string): string {
  const name = exception.startsWith("builtins.") ? exception.slice("builtins.".length) : exception;
  return `Traceback (most recent call last):\n  File "/odoo/odoo/addons/base/controllers/rpc.py", line 163, in xmlrpc_2\n    response = self._xmlrpc(service)\n${name}: ${message}\n`;
}

/** `xmlrpc_handle_exception_int`: the fault code and string Odoo answers for an exception. */
export function xmlRpcFault(error: unknown): { faultCode: number; faultString: string } {
  if (error instanceof OdooFault) {
    if (error.exception === "odoo.exceptions.AccessError") return { faultCode: 4, faultString: error.message };
    if (error.exception === "odoo.exceptions.AccessDenied") return { faultCode: 3, faultString: error.message };
    if (USER_ERRORS.has(error.exception)) return { faultCode: 2, faultString: error.message };
    return { faultCode: 1, faultString: traceback(error.exception, error.message) };
  }
  if (error instanceof XmlRpcError) return { faultCode: 1, faultString: traceback("xml.parsers.expat.ExpatError", error.message) };
  if (error instanceof RangeError) return { faultCode: 1, faultString: traceback("OverflowError", error.message) };
  if (error instanceof TypeError) return { faultCode: 1, faultString: traceback("TypeError", error.message) };
  return { faultCode: 1, faultString: traceback("Exception", error instanceof Error ? error.message : String(error)) };
}

/** XML-RPC values → the plain values the emulated ORM takes (datetimes as Odoo's "YYYY-MM-DD HH:MM:SS"). */
function toPlain(value: XmlRpcValue): unknown {
  if (value instanceof XmlRpcDouble) return value.value;
  if (value instanceof XmlRpcDateTime) return value.text.replace(/^(\d{4})(\d{2})(\d{2})T/, "$1-$2-$3 ");
  if (value instanceof XmlRpcBase64) return value.bytes.toString("base64");
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

/** Float fields stay doubles on the wire even when whole (Python writes `1.0`). */
function typed(orm: OdooOrm, service: string, method: string, args: unknown[], result: unknown): XmlRpcValue {
  const [, , , model, name] = args;
  if (service !== "object" || method !== "execute_kw" || (name !== "read" && name !== "search_read") || !Array.isArray(result)) return result as XmlRpcValue;
  const fields = orm.model(String(model)).fields;
  return (result as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).map(([key, v]) => [key, fields[key]?.type === "float" && typeof v === "number" ? new XmlRpcDouble(v) : v]))) as XmlRpcValue;
}

/**
 * `POST /xmlrpc/2/<service>` (common: version/login/authenticate/about; object: execute_kw/execute):
 * always HTTP 200 `text/xml`, errors as `<fault>` with an integer faultCode.
 * https://www.odoo.com/documentation/17.0/developer/reference/external_api.html
 */
export function handleXmlRpc(orm: OdooOrm, who: OdooIdentity) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const reply = (raw: string): EmulatorResponse => ({ status: 200, headers: { "content-type": "text/xml; charset=utf-8" }, raw });
    try {
      const call = parseMethodCall(request.rawBody);
      const service = request.params.service ?? "";
      const args = call.params.map(toPlain) as unknown[];
      const result = dispatchRpc(orm, who, service, call.methodName, args);
      return reply(serializeMethodResponse(typed(orm, service, call.methodName, args, result)));
    } catch (error) {
      const fault = xmlRpcFault(error);
      return reply(serializeFault(fault.faultCode, fault.faultString));
    }
  };
}
