import { z } from "zod";
import { ConnectorError, type WriteOutcome } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";

/** Any JSON object answer (write responses are re-read where we need their content). */
export const anyBody = z.unknown();

/**
 * Run one record's write and turn its failure into a per-record outcome: a vendor rejection
 * (400/404/409) or a mapping problem fails the record, naming the field; transport, auth and server
 * errors stop the batch (they would fail every record alike).
 */
export async function outcomeOf(key: string, write: () => Promise<Omit<WriteOutcome, "key">>): Promise<WriteOutcome> {
  try {
    return { key, ...(await write()) };
  } catch (error) {
    if (error instanceof MappingError) return { key, status: "failed", issue: { recordKey: key, field: error.field, reason: "invalid",
      message: error.message } };
    if (ConnectorError.is(error) && ["invalid", "not_found", "conflict"].includes(error.reason)) {
      return { key, status: "failed", issue: { recordKey: key, field: error.field, reason: error.reason, message: error.message,
        vendorCode: error.vendorCode } };
    }
    throw error;
  }
}

/** Write records one after another (Medusa has no bulk upsert for these resources), stopping on abort. */
export async function eachRecord<T>(records: readonly T[], signal: AbortSignal,
  write: (record: T) => Promise<WriteOutcome>): Promise<WriteOutcome[]> {
  const outcomes: WriteOutcome[] = [];
  for (const record of records) {
    signal.throwIfAborted();
    outcomes.push(await write(record));
  }
  return outcomes;
}
