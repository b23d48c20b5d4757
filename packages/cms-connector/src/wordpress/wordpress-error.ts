import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import { reasonForStatus, type ConnectorErrorReason } from "@omnibridge/core-model";
import { wordpressBatchSchema, wordpressEnvelopeSchema, wordpressErrorSchema, type WordpressError } from "./wordpress-api";

// Error codes whose reason differs from what the HTTP status alone says.
// https://developer.wordpress.org/rest-api/using-the-rest-api/global-parameters/ (error shape)
const CODE_REASONS: Record<string, ConnectorErrorReason> = {
  rest_not_logged_in: "unauthorized",
  incorrect_password: "unauthorized",
  invalid_username: "unauthorized",
  application_passwords_disabled: "unauthorized",
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
 * Permission errors (`rest_forbidden`, `rest_cannot_create`, `rest_cannot_edit`, …) carry
 * `rest_authorization_required_code()`: 401 when the request is not authenticated, 403 when the
 * user lacks the capability. The status, not the code, says which.
 * https://developer.wordpress.org/reference/functions/rest_authorization_required_code/
 */
function reasonOf(code: string, status: number): ConnectorErrorReason {
  if (/^rest_(forbidden|cannot_)/.test(code)) return status === 401 ? "unauthorized" : "forbidden";
  return CODE_REASONS[code] ?? reasonForStatus(status);
}

/**
 * A wrong Application Password does not fail the request: WordPress carries on anonymously,
 * and `status=trash` (or `context=edit`) is then refused as a 400 `rest_invalid_param` whose
 * `details.<param>.data.status` is 401. That is an authentication failure, not bad input.
 */
function deniedParam(details: unknown): boolean {
  if (!details || typeof details !== "object") return false;
  return Object.values(details as Record<string, { data?: { status?: unknown } } | null>).some((detail) => detail?.data?.status === 401);
}

/** An error found in a body, with the status it stands for and where it was. */
interface FoundError {
  error: WordpressError;
  status: number;
  where?: string;
}

/**
 * The error a body carries, in any of WordPress's forms: a WP_Error object; a list of them (the
 * form `WP_REST_Server::error_to_response()` sent before WordPress 4.7, still sent by some
 * plugins); an `_envelope` (`{body, status, headers}` with HTTP 200); a `/batch/v1` answer whose
 * `responses[]` hold enveloped errors (the first failed request is reported).
 */
function findError(body: unknown, status: number): FoundError | undefined {
  const single = wordpressErrorSchema.safeParse(body);
  if (single.success) return { error: single.data, status: single.data.data?.status ?? status };
  if (Array.isArray(body)) {
    // A collection (posts, terms) is an array too: only a list made entirely of errors is one.
    if (body.length === 0 || !wordpressErrorSchema.safeParse(body[0]).success) return undefined;
    const listed = body.map((item) => wordpressErrorSchema.safeParse(item)).filter((r) => r.success).map((r) => r.data);
    if (listed.length !== body.length) return undefined;
    const [first, ...more] = listed as [WordpressError, ...WordpressError[]];
    const additional = [...(first.additional_errors ?? []), ...more];
    return { error: { ...first, additional_errors: additional }, status: first.data?.status ?? status };
  }
  const batch = wordpressBatchSchema.safeParse(body);
  if (batch.success) {
    const failures = batch.data.responses.flatMap((entry, index) => (entry && entry.status >= 400 ? [{ entry, index }] : []));
    const first = failures[0];
    const found = first && findError(first.entry.body, first.entry.status);
    if (!first || !found) return undefined;
    const of = `${failures.length} of ${batch.data.responses.length} batch requests failed${batch.data.failed ? ` ${batch.data.failed}` : ""}`;
    return { ...found, where: `${of}; request ${first.index + 1}` };
  }
  const envelope = wordpressEnvelopeSchema.safeParse(body);
  if (envelope.success && envelope.data.status >= 400) return findError(envelope.data.body, envelope.data.status);
  return undefined;
}

function messageOf({ error, where }: FoundError): string {
  const params = error.data?.params ? Object.entries(error.data.params).map(([name, text]) => `${name}: ${text}`).join("; ") : "";
  const more = (error.additional_errors ?? []).map((extra) => `${extra.code}: ${extra.message}`).join("; ");
  const text = [params ? `${error.message} (${params})` : error.message, more].filter(Boolean).join("; also ");
  return where ? `${where}: ${text}` : text;
}

/**
 * Classify a WordPress REST error body into a ConnectorError reason, whatever its form (see
 * {@link findError}). Runs on every response: an envelope or batch answer with HTTP 200/207 that
 * carries an error is a failure too. `rest_invalid_param` names the offending params in the
 * message and the first one as `field`.
 */
export function classifyWordpressError(failure: HttpFailure): ErrorClassification | undefined {
  const found = failure.status < 400 && (failure.body === null || typeof failure.body !== "object") ? undefined : findError(failure.body, failure.status);
  if (!found) return undefined;
  if (failure.status < 400 && found.status < 400) return undefined;
  const status = found.status >= 400 ? found.status : failure.status;
  const { code, data } = found.error;
  return {
    reason: deniedParam(data?.details) ? "unauthorized" : reasonOf(code, status),
    vendorCode: code,
    message: messageOf(found),
    field: data?.params ? Object.keys(data.params)[0] : undefined,
  };
}
