import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import type { ConnectorErrorReason } from "@omnibridge/core-model";
import { wordpressErrorSchema } from "./wordpress-api";

// Error codes whose reason differs from what the HTTP status alone says.
// https://developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/ (error shape)
const CODE_REASONS: Record<string, ConnectorErrorReason> = {
  rest_not_logged_in: "unauthorized",
  incorrect_password: "unauthorized",
  invalid_username: "unauthorized",
  application_passwords_disabled: "unauthorized",
  rest_cannot_create: "forbidden",
  rest_cannot_edit: "forbidden",
  rest_forbidden: "forbidden",
  rest_post_invalid_id: "not_found",
  rest_post_invalid_page_number: "invalid",
  rest_invalid_param: "invalid",
  rest_missing_callback_param: "invalid",
  rest_no_route: "not_found",
  rest_already_trashed: "conflict",
  db_update_error: "unavailable",
  db_insert_error: "unavailable",
};

/**
 * A wrong Application Password does not fail the request: WordPress carries on anonymously,
 * and `status=trash` (or `context=edit`) is then refused as a 400 `rest_invalid_param` whose
 * `details.<param>.data.status` is 401. That is an authentication failure, not bad input.
 */
function deniedParam(details: unknown): boolean {
  if (!details || typeof details !== "object") return false;
  return Object.values(details as Record<string, { data?: { status?: unknown } } | null>).some((detail) => detail?.data?.status === 401);
}

/**
 * Classify a WordPress REST error body `{code, message, data:{status, params?}}` into a
 * ConnectorError reason. `rest_invalid_param` names the offending params in the message.
 */
export function classifyWordpressError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const parsed = wordpressErrorSchema.safeParse(failure.body);
  if (!parsed.success) return undefined;
  const { code, message, data } = parsed.data;
  const params = data?.params ? Object.entries(data.params).map(([name, text]) => `${name}: ${text}`).join("; ") : "";
  return {
    reason: deniedParam(data?.details) ? "unauthorized" : CODE_REASONS[code],
    vendorCode: code,
    message: params ? `${message} (${params})` : message,
  };
}
