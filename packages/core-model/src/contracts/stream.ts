import type { RecordIssue } from "../errors/record-issue";

/**
 * Opaque resume position of a stream, produced by the connector that reads it. Adapters
 * encode a keyset (updated-at + id) or the vendor's own token; the app only stores it.
 */
export type Cursor = string;

/** One page of a source stream. */
export interface Page<T> {
  /** Records that mapped to valid canonical records. */
  items: T[];
  /** Records of this page that could not be mapped, each naming record and field. */
  issues: RecordIssue[];
  /** Canonical keys the source reports as deleted or archived since the previous page. */
  deleted: string[];
  /** Position after this page: pass it as `cursor` to resume after it. */
  cursor: Cursor | null;
  /** False on the last page of this read. */
  hasMore: boolean;
  /**
   * Vendor records of this page deliberately not delivered (not an error: e.g. entries of a content
   * type the connector does not map), counted per reason so a run can report them. Absent means none.
   */
  skipped?: SkippedCount[];
}

/** A counted, reported skip: how many vendor records of a page were not delivered, and why. */
export interface SkippedCount {
  /** Short machine-readable reason, e.g. `unmapped_content_type`, `asset_deleted`. */
  reason: string;
  /** How many records of the page were skipped for it. */
  count: number;
  /** A few vendor ids of the skipped records, for looking them up (bounded; never secrets). */
  examples?: string[];
}

/** Options of a read. */
export interface ReadOptions {
  /** Resume after this position; absent or null reads everything. */
  cursor?: Cursor | null;
  /** Preferred page size; adapters clamp it to the vendor's limits. */
  pageSize?: number;
  /** Cancels the read. */
  signal?: AbortSignal;
}

/** Outcome of writing one record. */
export interface WriteOutcome {
  /** Canonical key of the record. */
  key: string;
  /** What happened to it. */
  status: "created" | "updated" | "unchanged" | "archived" | "failed";
  /** The record's id in the target system, when known. */
  externalId?: string;
  /** Why it failed, when it did. */
  issue?: RecordIssue;
}

/** Options of a write. */
export interface WriteOptions {
  /** Cancels the write between batches. */
  signal?: AbortSignal;
}

/** Build an empty page (handy for adapters and tests). */
export function emptyPage<T>(cursor: Cursor | null = null): Page<T> {
  return { items: [], issues: [], deleted: [], cursor, hasMore: false };
}
