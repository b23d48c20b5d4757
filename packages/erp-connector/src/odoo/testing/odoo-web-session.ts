import { randomBytes } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { executeKw } from "./odoo-orm-methods";
import { OdooFault, type OdooOrm } from "./odoo-orm";
import { rpcError, versionInfo, type OdooIdentity } from "./odoo-wire";

type JsonRpcBody = { id?: unknown; params?: Record<string, unknown> };

// odoo/http.py: SESSION_LIFETIME (one week); the cookie is HttpOnly on path /.
const SESSION_LIFETIME_S = 7 * 24 * 3600;

function sessionInfo(who: OdooIdentity) {
  // ir.http `session_info()` (the keys clients read: uid, db, user_context, server_version_info, partner).
  return {
    uid: who.uid, is_system: true, is_admin: true, is_internal_user: true, user_context: { lang: "en_US", tz: "Europe/Brussels", uid: who.uid },
    db: who.database, ...versionInfo(who.version), support_url: "https://www.odoo.com/help", name: "Integration", username: who.username,
    partner_display_name: "Integration", partner_id: 3, "web.base.url": "http://127.0.0.1", active_ids_limit: 20000,
    max_file_upload_size: 134217728, home_action_id: false, currencies: {}, user_companies: { current_company: 1, allowed_companies: { 1: { id: 1, name: "My Company", sequence: 10, child_ids: [], parent_id: false } } },
  };
}

function cookieSid(request: EmulatorRequest): string | undefined {
  const header = request.headers["x-openerp-session-id"];
  if (typeof header === "string" && header) return header;
  return /(?:^|;\s*)session_id=([^;]+)/.exec(String(request.headers.cookie ?? ""))?.[1];
}

function ok(id: unknown, result: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status: 200, body: { jsonrpc: "2.0", id: id ?? null, result }, ...(headers ? { headers } : {}) };
}

/**
 * The web client's session routes (type='json'): `/web/session/authenticate` opens a session
 * (cookie `session_id`; API keys cannot log in interactively), `get_session_info`, `destroy`, and
 * `/web/dataset/call_kw[/<path>]` (auth='user': without a valid session → "Odoo Session Expired", code 100).
 * odoo/odoo `addons/web/controllers/session.py`, `addons/web/controllers/dataset.py`.
 */
export function webSessionRoutes(orm: OdooOrm, who: OdooIdentity): EmulatorRoute[] {
  const sessions = new Set<string>();
  type JsonHandler = (body: JsonRpcBody, request: EmulatorRequest) => EmulatorResponse;
  const json = (handler: JsonHandler) => (request: EmulatorRequest): EmulatorResponse => {
    const body = request.body as JsonRpcBody | undefined;
    if (request.bodyError || !body || typeof body !== "object") return rpcError(null, new OdooFault("werkzeug.exceptions.BadRequest", "Invalid JSON data"));
    try {
      return handler(body, request);
    } catch (error) {
      return rpcError(body.id, error);
    }
  };
  const user = (request: EmulatorRequest) => {
    const sid = cookieSid(request);
    if (!sid || !sessions.has(sid)) throw new OdooFault("odoo.http.SessionExpiredException", "Session expired");
    return sid;
  };
  return [
    { method: "POST", path: "/web/session/authenticate", handler: json((body) => {
      const { db, login, password } = body.params ?? {};
      if (db !== who.database || login !== who.username || password !== who.password) throw new OdooFault("odoo.exceptions.AccessDenied", "Access Denied");
      const sid = randomBytes(30).toString("base64url");
      sessions.add(sid);
      const expires = new Date(Date.now() + SESSION_LIFETIME_S * 1000).toUTCString();
      return ok(body.id, sessionInfo(who), { "set-cookie": `session_id=${sid}; Expires=${expires}; Max-Age=${SESSION_LIFETIME_S}; HttpOnly; Path=/` });
    }) },
    { method: "POST", path: "/web/session/get_session_info", handler: json((body, request) => (user(request), ok(body.id, sessionInfo(who)))) },
    { method: "POST", path: "/web/session/destroy", handler: json((body, request) => (sessions.delete(user(request)), ok(body.id, null))) },
    { method: "POST", path: /^\/web\/dataset\/call_kw(?:\/(?<path>.+))?$/, handler: json((body, request) => {
      user(request);
      const { model, method, args, kwargs } = body.params ?? {};
      const missing = ["model", "method", "args", "kwargs"].filter((name) => (body.params ?? {})[name] === undefined);
      if (missing.length) throw new OdooFault("builtins.TypeError", `DataSet.call_kw() missing ${missing.length} required positional argument${missing.length > 1 ? "s" : ""}: ${missing.map((m) => `'${m}'`).join(" and ")}`);
      if (!Array.isArray(args)) throw new OdooFault("builtins.TypeError", "args must be a list");
      return ok(body.id, executeKw(orm, String(model), String(method), args, (kwargs ?? {}) as Record<string, unknown>));
    }) },
  ];
}
