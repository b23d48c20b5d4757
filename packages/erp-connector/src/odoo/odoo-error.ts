import type { ConnectorErrorReason } from "@omnibridge/core-model";
import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";

/**
 * Odoo exception class → reason. JSON-RPC reports every exception with HTTP 200 and an `error`
 * object whose `data.name` is the Python class (odoo/odoo `odoo/http.py`, JsonRPCDispatcher.handle_error,
 * `serialize_exception`); JSON-2 (Odoo 19) uses HTTP status + `{name, message, ...}`.
 * https://www.odoo.com/documentation/master/developer/reference/external_api.html
 */
const BY_EXCEPTION: Record<string, ConnectorErrorReason> = {
  "odoo.exceptions.AccessDenied": "unauthorized",
  "odoo.http.SessionExpiredException": "unauthorized",
  "werkzeug.exceptions.Unauthorized": "unauthorized",
  "odoo.exceptions.AccessError": "forbidden",
  "werkzeug.exceptions.Forbidden": "forbidden",
  "odoo.exceptions.MissingError": "not_found",
  "werkzeug.exceptions.NotFound": "not_found",
  "odoo.exceptions.ValidationError": "invalid",
  "odoo.exceptions.UserError": "invalid",
  "odoo.exceptions.RedirectWarning": "invalid",
  "builtins.ValueError": "invalid",
  "builtins.KeyError": "invalid",
  "builtins.TypeError": "invalid",
  "psycopg2.errors.SerializationFailure": "unavailable",
  "psycopg2.extensions.TransactionRollbackError": "unavailable",
  "psycopg2.errors.LockNotAvailable": "unavailable",
  "psycopg2.IntegrityError": "conflict",
  "psycopg2.errors.UniqueViolation": "conflict",
};

interface OdooErrorData {
  name?: unknown;
  message?: unknown;
}

function errorData(body: unknown, status: number): { code?: number; data: OdooErrorData; message?: string } | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  // JSON-RPC: {"jsonrpc":"2.0","error":{"code":200,"message":"Odoo Server Error","data":{...}}}
  if (record.error && typeof record.error === "object") {
    const error = record.error as { code?: unknown; message?: unknown; data?: unknown };
    const data = (error.data && typeof error.data === "object" ? error.data : {}) as OdooErrorData;
    return { code: typeof error.code === "number" ? error.code : undefined, data, message: typeof error.message === "string" ? error.message : undefined };
  }
  // JSON-2: {"name":"werkzeug.exceptions.Unauthorized","message":"Invalid apikey",...}
  if (status >= 400 && typeof record.name === "string" && "message" in record) return { data: record as OdooErrorData };
  return undefined;
}

/** Classify an Odoo response (HTTP-200 JSON-RPC errors included); undefined when it is no error. */
export function classifyOdooFailure(failure: HttpFailure): ErrorClassification | undefined {
  const found = errorData(failure.body, failure.status);
  if (!found) return undefined;
  const name = typeof found.data.name === "string" ? found.data.name : undefined;
  const text = typeof found.data.message === "string" ? found.data.message : found.message ?? "Odoo error";
  let reason: ConnectorErrorReason | undefined = name ? BY_EXCEPTION[name] : undefined;
  // code 100 = "Odoo Session Expired", 404 = "404: Not Found" (JsonRPCDispatcher.handle_error).
  if (!reason && found.code === 100) reason = "unauthorized";
  if (!reason && found.code === 404) reason = "not_found";
  if (!reason && failure.status >= 500) reason = "unavailable";
  reason ??= failure.status >= 400 ? undefined : "internal";
  return { reason, message: `${name ?? "Odoo error"}: ${text.split("\n")[0]!.slice(0, 300)}`, vendorCode: name };
}
