import { isConnectorError, type RecordIssue, type WriteOutcome } from "@omnibridge/core-model";
import { chunk } from "@omnibridge/connector-kit";
import type { HubSpotBatchResponse, HubSpotStandardError } from "../hubspot-api";
import type { HubSpotClient, HubSpotUpsertInput } from "../hubspot-client";
import { BATCH_LIMIT } from "../streams/hubspot-lookups";

/** One record to upsert: its canonical key and the HubSpot input. */
export interface UpsertEntry {
  key: string;
  input: HubSpotUpsertInput;
}

/** Which error property names the input a 207 error belongs to. */
function errorTargets(error: HubSpotStandardError): string[] {
  const context = error.context ?? {};
  return [...(context.objectWriteTraceId ?? []), ...(context.id ?? []), ...(context.ids ?? [])].map((v) => v.toLowerCase());
}

function issueOf(key: string, error: HubSpotStandardError | undefined, fallback: string): RecordIssue {
  const detail = error?.errors?.[0];
  const field = detail?.in ?? error?.context?.propertyName?.[0] ?? undefined;
  return {
    recordKey: key,
    ...(field ? { field } : {}),
    reason: error?.category === "OBJECT_NOT_FOUND" ? "not_found" : "invalid",
    message: error?.message ?? detail?.message ?? fallback,
    ...(error?.category ? { vendorCode: error.category } : {}),
  };
}

/**
 * Match a batch response to its inputs: results by `objectWriteTraceId` or id-property value,
 * 207 errors by the ids in their `context`. An input with neither is reported, never dropped.
 */
export function outcomesOf(entries: UpsertEntry[], response: HubSpotBatchResponse): WriteOutcome[] {
  const results = new Map<string, HubSpotBatchResponse["results"][number]>();
  const idProperty = entries[0]?.input.idProperty ?? "";
  for (const result of response.results) {
    const trace = (result as { objectWriteTraceId?: unknown }).objectWriteTraceId;
    if (typeof trace === "string") results.set(`t:${trace.toLowerCase()}`, result);
    const value = result.properties[idProperty];
    if (value != null) results.set(`v:${value.toLowerCase()}`, result);
  }
  const errors = response.errors ?? [];
  return entries.map(({ key, input }) => {
    const result = results.get(`t:${(input.objectWriteTraceId ?? "").toLowerCase()}`) ?? results.get(`v:${input.id.toLowerCase()}`);
    if (result) return { key, status: result.new ? "created" : "updated", externalId: result.id };
    const targets = [input.objectWriteTraceId, input.id].filter(Boolean).map((v) => v!.toLowerCase());
    const error = errors.find((e) => errorTargets(e).some((t) => targets.includes(t)));
    return { key, status: "failed", issue: issueOf(key, error, "HubSpot returned no result for this input") };
  });
}

/**
 * Upsert in batches of 100 (`batch/upsert` by the inputs' unique idProperty). A whole-batch
 * 400 is bisected so the valid inputs still land and each invalid one is reported on its own.
 * https://developers.hubspot.com/docs/guides/crm/using-object-apis#upsert-records
 */
export async function upsertAll(client: HubSpotClient, objectType: string, entries: UpsertEntry[], concurrency = 1): Promise<WriteOutcome[]> {
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
      return [{ key: part[0]!.key, status: "failed", issue: { recordKey: part[0]!.key, reason: "invalid", message: error.message, ...(error.vendorCode ? { vendorCode: error.vendorCode } : {}) } }];
    }
    const middle = Math.ceil(part.length / 2);
    return [...(await upsertPart(client, objectType, part.slice(0, middle))), ...(await upsertPart(client, objectType, part.slice(middle)))];
  }
}
