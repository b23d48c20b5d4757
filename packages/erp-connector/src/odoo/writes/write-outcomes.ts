import type { ConnectorError, WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/** A failed outcome from a mapping error (names the field) or a vendor rejection. */
export function failed(key: string, error: unknown, fieldHint?: (message: string) => string | undefined): WriteOutcome {
  if (error instanceof MappingError) return { key, status: "failed", issue: { recordKey: key, field: error.field, reason: "invalid", message: error.message } };
  const vendor = error as ConnectorError;
  const message = vendor.message ?? String(error);
  return { key, status: "failed", issue: { recordKey: key, field: fieldHint?.(message), reason: vendor.reason ?? "internal", message, vendorCode: vendor.vendorCode } };
}

/** Throw non-record errors (auth, access, outage): they concern the whole batch, not one record. */
export function rethrowIfBatchWide(error: unknown): void {
  const reason = (error as ConnectorError | undefined)?.reason;
  if (reason === "unauthorized" || reason === "forbidden") throw error;
}
