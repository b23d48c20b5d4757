import { isConnectorError, type RecordIssue, type WriteOutcome } from "@omnibridge/core-model";
import { chunk } from "@omnibridge/connector-kit";
import type { HubSpotBatchResponse, HubSpotStandardError } from "../hubspot-api";
import type { HubSpotClient, HubSpotUpsertInput } from "../hubspot-client";
import { fieldOfHubSpotMessage, formatHubSpotDetails, hubSpotErrorDetails, reasonOfCategory } from "../hubspot-error";
import { BATCH_LIMIT } from "../streams/hubspot-lookups";

/** One record to upsert: its canonical key and the HubSpot input. */
export interface UpsertEntry {
  key: string;
  input: HubSpotUpsertInput;
}

/** Upsert ids compare as HubSpot stores them: trimmed and case-insensitive (e-mails come back lower-cased). */
export const normaliseUpsertId = (value: string) => value.trim().toLowerCase();

/** The input ids a 207 error names in its `context` (`id`, `ids`, or the trace id of the batch-create opt-in). */
function errorTargets(error: HubSpotStandardError): string[] {
  const context = error.context ?? {};
  return [...(context.id ?? []), ...(context.ids ?? []), ...(context.objectWriteTraceId ?? [])].map(normaliseUpsertId);
}

/** A failed input's issue with everything HubSpot said: category → reason, code, field, missing scopes. */
export function issueOf(key: string, error: HubSpotStandardError | undefined, fallback: string): RecordIssue {
  const details = error ? hubSpotErrorDetails(error) : undefined;
  const message = error?.message ?? error?.errors?.[0]?.message ?? fallback;
  const vendorCode = details?.code ?? error?.category ?? undefined;
  return {
    recordKey: key,
    ...(details?.field ? { field: details.field } : {}),
    reason: reasonOfCategory(error?.category) ?? (error ? "invalid" : "protocol"),
    message: `${message}${details?.detail && !message.includes(details.detail) ? `: ${details.detail}` : ""}${details ? formatHubSpotDetails({ ...details, field: undefined }) : ""}`,
    ...(vendorCode ? { vendorCode } : {}),
  };
}

/**
 * Match a batch response to its inputs by the id property's value in each result's
 * `properties` (HubSpot's documented answers do not echo `objectWriteTraceId`; it is used only
 * when present), and 207 errors by the ids in their `context`. An input with neither is
 * reported, never dropped, and never matched by position.
 */
export function outcomesOf(entries: UpsertEntry[], response: HubSpotBatchResponse): WriteOutcome[] {
  const byValue = new Map<string, HubSpotBatchResponse["results"][number]>();
  const byTrace = new Map<string, HubSpotBatchResponse["results"][number]>();
  const idProperties = new Set(entries.map((e) => e.input.idProperty));
  for (const result of response.results) {
    for (const idProperty of idProperties) {
      const value = result.properties[idProperty];
      if (value != null && value !== "") byValue.set(`${idProperty}:${normaliseUpsertId(value)}`, result);
    }
    const trace = (result as { objectWriteTraceId?: unknown }).objectWriteTraceId;
    if (typeof trace === "string") byTrace.set(trace, result);
  }
  const errors = response.errors ?? [];
  return entries.map(({ key, input }): WriteOutcome => {
    const result = byValue.get(`${input.idProperty}:${normaliseUpsertId(input.id)}`) ?? (input.objectWriteTraceId ? byTrace.get(input.objectWriteTraceId) : undefined);
    if (result) return { key, status: result.new ? "created" : "updated", externalId: result.id };
    const targets = [input.id, input.objectWriteTraceId].filter((v): v is string => Boolean(v)).map(normaliseUpsertId);
    const error = errors.find((e) => errorTargets(e).some((t) => targets.includes(t)));
    return { key, status: "failed", issue: issueOf(key, error, `HubSpot returned no result for ${input.idProperty} ${input.id}`) };
  });
}

/**
 * Upsert in batches of 100 (`batch/upsert` by the inputs' unique idProperty). A whole-batch
 * 400 is bisected so the valid inputs still land and each invalid one is reported on its own.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis#upsert-records
 */
export async function upsertAll(
  client: HubSpotClient, objectType: string, entries: UpsertEntry[], concurrency = 1,
): Promise<WriteOutcome[]> {
  const parts = chunk(entries, BATCH_LIMIT);
  const results: WriteOutcome[][] = new Array(parts.length);
  let next = 0;
  let failed = false;
  // Batches run `concurrency` at a time so the shared budget, not the round trip, limits throughput.
  const worker = async () => {
    while (!failed && next < parts.length) {
      const index = next++;
      results[index] = await upsertPart(client, objectType, parts[index]!).catch((error: unknown) => {
        failed = true;
        throw error;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, parts.length)) }, worker));
  return results.flat();
}

async function upsertPart(client: HubSpotClient, objectType: string, part: UpsertEntry[]): Promise<WriteOutcome[]> {
  try {
    return outcomesOf(part, await client.batchUpsert(objectType, part.map((e) => e.input)));
  } catch (error) {
    if (!isConnectorError(error) || error.reason !== "invalid") throw error;
    if (part.length === 1) {
      const field = fieldOfHubSpotMessage(error.message);
      const issue = { recordKey: part[0]!.key, ...(field ? { field } : {}), reason: "invalid" as const, message: error.message, ...(error.vendorCode ? { vendorCode: error.vendorCode } : {}) };
      return [{ key: part[0]!.key, status: "failed", issue }];
    }
    const middle = Math.ceil(part.length / 2);
    const firstHalf = await upsertPart(client, objectType, part.slice(0, middle));
    const secondHalf = await upsertPart(client, objectType, part.slice(middle));
    return [...firstHalf, ...secondHalf];
  }
}
