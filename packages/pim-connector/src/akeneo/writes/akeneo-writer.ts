import { chunk } from "@omnibridge/connector-kit";
import { ConnectorError, type RecordIssue } from "@omnibridge/core-model";
import type { AkeneoCollectionLine } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { fieldOf } from "../akeneo-error";
import type { WriteLine } from "../mappers/from-product";

/** Akeneo's limit of lines per PATCH collection request (413 above it). */
export const MAX_LINES = 100;

/** The status of one sent line, by line id (SKU or code). */
export interface LineResult {
  status: number;
  issue?: Omit<RecordIssue, "recordKey">;
}

/** Line status → issue: 422 names the attribute/property from `errors[]`. */
export function issueOfLine(line: AkeneoCollectionLine): Omit<RecordIssue, "recordKey"> | undefined {
  if (line.status_code < 300) return undefined;
  const first = line.errors?.[0];
  const field = first ? fieldOf(first) : undefined;
  const reason = line.status_code === 404 ? "not_found" : line.status_code === 409 ? "conflict" : line.status_code === 403 ? "forbidden" : "invalid";
  return { field: field ?? undefined, reason, message: first?.message ?? line.message ?? `HTTP ${line.status_code}`, vendorCode: String(line.status_code) };
}

/**
 * Send lines in PATCH collections of ≤ 100, up to the client's concurrency at once, and return
 * each line's status by id. https://api.akeneo.com/api-reference.html#patch_products_uuid
 */
export async function sendLines(
  client: AkeneoClient, path: string, lines: readonly WriteLine[], signal?: AbortSignal,
): Promise<Map<string, LineResult>> {
  const results = new Map<string, LineResult>();
  await Promise.all(
    chunk(lines, MAX_LINES).map(async (part) => {
      let statuses: AkeneoCollectionLine[];
      try {
        statuses = await client.patchCollection(path, part.map((l) => l.line), signal);
      } catch (error) {
        // A whole-request rejection of bad input (400 malformed, 413, 422 `errors[]`) fails the lines it
        // carried, each with the field the vendor named; auth, rate-limit and outage errors still throw.
        if (!ConnectorError.is(error) || error.reason !== "invalid") throw error;
        const vendorCode = error.status !== undefined ? String(error.status) : error.vendorCode;
        const issue = { field: error.field, reason: error.reason, message: error.message, vendorCode };
        for (const sent of part) results.set(sent.id, { status: error.status ?? 422, issue });
        return;
      }
      for (const status of statuses) {
        const sent = part[status.line - 1];
        if (sent) results.set(sent.id, { status: status.status_code, issue: issueOfLine(status) });
      }
    }),
  );
  return results;
}
