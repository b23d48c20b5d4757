import type { EmulatorRequest, EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { executeKw } from "./odoo-orm-methods";
import { OdooFault, type OdooOrm } from "./odoo-orm";

/** Credentials and identity of the emulated database. */
export interface OdooIdentity {
  database: string;
  username: string;
  apiKey: string;
  /** The user's interactive password (only `/web/session/authenticate` takes it). */
  password: string;
  uid: number;
  version: number;
}

/** `serialize_exception` + `JsonRPCDispatcher.handle_error` (odoo/odoo `odoo/http.py`): HTTP 200, code 200. */
export function rpcError(id: unknown, error: unknown): EmulatorResponse {
  const fault = error instanceof OdooFault ? error : new OdooFault("builtins.Exception", error instanceof Error ? error.message : String(error));
  const data = { name: fault.exception, debug: `Traceback (most recent call last):\n  ...\n${fault.exception}: ${fault.message}`, message: fault.message, arguments: [fault.message], context: {} };
  const code = fault.exception === "odoo.http.SessionExpiredException" ? 100 : 200;
  return { status: 200, body: { jsonrpc: "2.0", id: id ?? null, error: { code, message: code === 100 ? "Odoo Session Expired" : "Odoo Server Error", data } } };
}

const accessDenied = () => new OdooFault("odoo.exceptions.AccessDenied", "Access Denied");

/** `common.version()` (odoo/service/common.py `exp_version`). */
export function versionInfo(version: number) {
  return { server_version: `${version}.0`, server_version_info: [version, 0, 0, "final", 0, ""], server_serie: `${version}.0`, protocol_version: 1 };
}

function arity(method: string, args: unknown[], min: number, max: number): void {
  if (args.length < min) throw new OdooFault("builtins.TypeError", `${method}() missing ${min - args.length} required positional argument(s)`);
  if (args.length > max) throw new OdooFault("builtins.TypeError", `${method}() takes from ${min} to ${max} positional arguments but ${args.length} were given`);
}

/** True when db/login/password name the emulated user (API key or interactive password). */
export function credentialsMatch(who: OdooIdentity, db: unknown, login: unknown, password: unknown): boolean {
  return db === who.database && login === who.username && (password === who.apiKey || password === who.password);
}

// odoo/service/common.py: login, authenticate (uid or False, never an error), version, about.
function common(who: OdooIdentity, method: string, args: unknown[]): unknown {
  switch (method) {
    case "version": return versionInfo(who.version);
    case "about": return "See http://openerp.com";
    case "login": arity("exp_login", args, 3, 3); return credentialsMatch(who, args[0], args[1], args[2]) ? who.uid : false;
    case "authenticate": arity("exp_authenticate", args, 4, 4); return credentialsMatch(who, args[0], args[1], args[2]) ? who.uid : false;
    default: throw new OdooFault("builtins.Exception", `Method not found: ${method}`);
  }
}

// odoo/service/model.py `dispatch`: credentials first (security.check), then execute / execute_kw.
function object(orm: OdooOrm, who: OdooIdentity, method: string, args: unknown[]): unknown {
  const [db, uid, password] = args;
  if (db !== who.database || Number(uid) !== who.uid || (password !== who.apiKey && password !== who.password)) throw accessDenied();
  if (method === "execute_kw") {
    arity("execute_kw", args.slice(3), 3, 4);
    const [model, name, positional, kwargs] = args.slice(3);
    if (!Array.isArray(positional)) throw new OdooFault("builtins.TypeError", "execute_kw() args must be a list");
    return executeKw(orm, String(model), String(name), positional, (kwargs ?? {}) as Record<string, unknown>);
  }
  if (method === "execute") {
    const [model, name, ...positional] = args.slice(3);
    return executeKw(orm, String(model), String(name), positional, {});
  }
  throw new OdooFault("builtins.NameError", `Method not available ${method}`);
}

/** `dispatch_rpc(service, method, params)` shared by `/jsonrpc` and `/xmlrpc/2/<service>` (odoo/http.py). */
export function dispatchRpc(orm: OdooOrm, who: OdooIdentity, service: string, method: string, args: unknown[]): unknown {
  if (service === "common") return common(who, method, args);
  if (service === "object") return object(orm, who, method, args);
  // The `db` service (create/drop/list databases) is not emulated; other names are a KeyError in dispatch_rpc.
  throw new OdooFault("builtins.KeyError", `'${service}'`);
}

/** `POST /jsonrpc`: {"jsonrpc":"2.0","method":"call","params":{service,method,args}} → result or error, always HTTP 200. */
export function handleJsonRpc(orm: OdooOrm, who: OdooIdentity) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const body = request.body as { id?: unknown; params?: { service?: unknown; method?: unknown; args?: unknown } } | undefined;
    if (!body || typeof body !== "object" || !body.params) return rpcError(null, new OdooFault("werkzeug.exceptions.BadRequest", "Invalid JSON-RPC request"));
    try {
      const { service, method, args } = body.params;
      const result = dispatchRpc(orm, who, String(service), String(method), Array.isArray(args) ? args : []);
      return { status: 200, body: { jsonrpc: "2.0", id: body.id ?? null, result } };
    } catch (error) {
      return rpcError(body.id, error);
    }
  };
}

// JSON-2 maps exceptions to HTTP statuses ([docs] external_api.rst master; 422 for user errors [2nd] odoo.com forum 294366).
const JSON2_STATUS: Record<string, number> = {
  "odoo.exceptions.AccessDenied": 401, "odoo.exceptions.AccessError": 403, "odoo.exceptions.MissingError": 404,
  "odoo.exceptions.ValidationError": 422, "odoo.exceptions.UserError": 422, "builtins.ValueError": 422, "builtins.TypeError": 422,
  "builtins.KeyError": 404, "builtins.AttributeError": 404,
};

function json2Error(status: number, name: string, message: string): EmulatorResponse {
  return { status, body: { name, message, arguments: [message, status], context: {}, debug: `Traceback (most recent call last):\n  ...\n${name}: ${message}` } };
}

/** `POST /json/2/<model>/<method>` (Odoo 19): bearer API key, named arguments, errors as HTTP status + JSON. */
export function handleJson2(orm: OdooOrm, who: OdooIdentity) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const auth = /^bearer\s+(.+)$/i.exec(String(request.headers.authorization ?? ""));
    if (!auth || auth[1] !== who.apiKey) return json2Error(401, "werkzeug.exceptions.Unauthorized", "Invalid apikey");
    const database = request.headers["x-odoo-database"];
    if (database !== undefined && database !== who.database) return json2Error(404, "werkzeug.exceptions.NotFound", `database ${String(database)} not found`);
    if (request.bodyError) return json2Error(400, "werkzeug.exceptions.BadRequest", request.bodyError);
    try {
      const result = executeKw(orm, request.params.model!, request.params.method!, [], (request.body ?? {}) as Record<string, unknown>);
      return { status: 200, body: result };
    } catch (error) {
      const fault = error instanceof OdooFault ? error : new OdooFault("builtins.Exception", String(error));
      return json2Error(JSON2_STATUS[fault.exception] ?? 500, fault.exception, fault.message);
    }
  };
}

/** `GET /web/version`. */
export function handleVersion(who: OdooIdentity) {
  return (): EmulatorResponse => ({ status: 200, body: { version_info: [who.version, 0, 0, "final", 0, ""], version: `${who.version}.0` } });
}
