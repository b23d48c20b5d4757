import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import type { ConnectorErrorReason } from "@omnibridge/core-model";
import { akeneoErrorBodySchema } from "./akeneo-api";

/**
 * Akeneo error body → ConnectorError reason. Statuses and messages:
 * https://api.akeneo.com/documentation/responses.html. Notable quirks: an oversized payload
 * may come back as 403 instead of 413; a 422 carries `errors[]` naming property/attribute.
 */
export function classifyAkeneoError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const parsed = akeneoErrorBodySchema.safeParse(failure.body);
  const body = parsed.success ? parsed.data : {};
  const errors = body.errors ?? [];
  const first = errors[0];
  const field = first ? fieldOf(first) : undefined;
  const where = first ? [first.locale ? `locale ${first.locale}` : "", first.scope ? `scope ${first.scope}` : ""].filter(Boolean).join(", ") : "";
  const more = errors.length > 1 ? ` (+${errors.length - 1} more: ${errors.slice(1, 4).map(fieldOf).filter(Boolean).join(", ")})` : "";
  const detail = first ? `${body.message ?? "Validation failed."} ${field ?? ""}${where ? ` (${where})` : ""}: ${first.message}${more}`.replace(/ +/g, " ") : body.message;
  return { reason: reasonFor(failure.status, body.message ?? ""), message: detail, vendorCode: body.code !== undefined ? String(body.code) : undefined, field };
}

/**
 * The canonical-ish path of a 422 entry: an attribute value is `values.<attribute>` (as in the
 * PATCH body), anything else its `property` (`family`, `categories`, `identifier`).
 */
export function fieldOf(error: { property?: string | null; attribute?: string | null }): string | undefined {
  if (error.attribute) return `values.${error.attribute}`;
  return error.property ?? undefined;
}

function reasonFor(status: number, message: string): ConnectorErrorReason {
  if (status === 401) return "unauthorized";
  // Akeneo answers an oversized body with 403 on some stacks (responses.md): it is bad input, not a permission problem.
  if (status === 403) return /too (many|large)|maximum/i.test(message) ? "invalid" : "forbidden";
  if (status === 404) return "not_found";
  if (status === 408) return "timeout";
  if (status === 409) return "conflict";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  return "invalid";
}
