import type { z } from "zod";
import type { ConnectorErrorReason } from "./connector-error";

/**
 * A problem with one record: it names the record and the field, so one bad record can be
 * reported (and dead-lettered) while the rest of its page or batch flows on.
 */
export interface RecordIssue {
  /** Canonical key, or the vendor id when no key could be derived. */
  recordKey: string;
  /** Dotted path of the offending field, when known (`variants.0.gtin`). */
  field?: string;
  /** Why: `invalid` for bad data, or the vendor's rejection reason. */
  reason: ConnectorErrorReason;
  /** Human-readable explanation. */
  message: string;
  /** Vendor's own error code, when it gave one. */
  vendorCode?: string;
  /**
   * `warning`: the record was still delivered (it is among the page's items), with a fallback
   * the issue explains (e.g. a missing label replaced by the identifier). Absent means an error:
   * the record was not delivered.
   */
  severity?: "warning";
}

/** Turn zod issues into record issues that name record and field. */
export function issuesFromZod(recordKey: string, error: z.ZodError): RecordIssue[] {
  return error.issues.map((issue) => ({
    recordKey,
    field: issue.path.map(String).join(".") || undefined,
    reason: "invalid" as const,
    message: issue.message,
  }));
}

/** One line for logs and the dead-letter store: `SKU-1: variants.0.gtin has an invalid check digit`. */
export function formatRecordIssue(issue: RecordIssue): string {
  return `${issue.recordKey}: ${issue.field ? `${issue.field} ` : ""}${issue.message}`;
}
