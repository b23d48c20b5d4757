import type { ConnectorErrorReason } from "@omnibridge/core-model";
import type { ErrorClassification, HttpFailure } from "@omnibridge/connector-kit";
import { shopwareFailureSchema, type ShopwareError } from "./shopware-api";

/**
 * Shopware error codes → reason, where the code says more than the status. Codes are the stable
 * domain-exception codes (`FRAMEWORK__…`, `CHECKOUT__…`, `SYSTEM__…`) of the JSON:API `errors[].code`.
 * https://developer.shopware.com/docs/resources/references/adr/2022-02-24-domain-exceptions.html
 */
const CODE_REASONS: Record<string, ConnectorErrorReason> = {
  FRAMEWORK__WRITE_CONSTRAINT_VIOLATION: "invalid",
  FRAMEWORK__INVALID_UUID: "invalid",
  FRAMEWORK__API_INVALID_SYNC_RESOLVERS: "invalid",
  FRAMEWORK__ENTITY_NOT_FOUND: "not_found",
  FRAMEWORK__RESOURCE_NOT_FOUND: "not_found",
  FRAMEWORK__DUPLICATE_ENTRY: "conflict",
  SYSTEM__ILLEGAL_STATE_TRANSITION: "conflict",
  FRAMEWORK__MISSING_PRIVILEGE_ERROR: "forbidden",
  FRAMEWORK__INVALID_CRITERIA_IDS: "invalid",
};

/** The errors of a Shopware failure body, or none when the body is not one. */
export function shopwareErrorsOf(body: unknown): ShopwareError[] {
  const parsed = shopwareFailureSchema.safeParse(body);
  return parsed.success ? parsed.data.errors : [];
}

/** A one-line message for an error: detail, else description, else title. */
export function shopwareErrorMessage(error: ShopwareError): string {
  return (error.detail ?? error.description ?? error.title ?? "error").slice(0, 300);
}

/** The entity field an error's `source.pointer` names: `/write-product/0/name` or `/0/name` → `name`. */
export function fieldOfPointer(pointer: string | null | undefined): string | undefined {
  if (!pointer) return undefined;
  const parts = pointer.split("/").filter(Boolean);
  const index = parts.findIndex((part) => /^\d+$/.test(part));
  const rest = index >= 0 ? parts.slice(index + 1) : parts;
  return rest.length ? rest.join(".") : undefined;
}

/**
 * Classify a Shopware failure: the first JSON:API error's code refines the status; the message is
 * its detail, the field the pointer's tail. OAuth errors (`invalid_client`) are 401s already.
 */
export function classifyShopwareError(failure: HttpFailure): ErrorClassification | undefined {
  if (failure.status < 400) return undefined;
  const [first] = shopwareErrorsOf(failure.body);
  if (!first) return undefined;
  const reason = first.code ? CODE_REASONS[first.code] : undefined;
  return {
    ...(reason && failure.status !== 401 && failure.status !== 403 ? { reason } : {}),
    message: shopwareErrorMessage(first),
    vendorCode: first.code ?? undefined,
    field: fieldOfPointer(first.source?.pointer),
  };
}
