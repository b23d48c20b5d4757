import { ConnectorError } from "@omnibridge/core-model";
import { akeneoCollectionLineSchema, type AkeneoCollectionLine } from "./akeneo-api";

/** Content type of Akeneo's PATCH collections: one JSON object per line, in both directions. */
export const AKENEO_COLLECTION_TYPE = "application/vnd.akeneo.collection+json";

/** Serialise collection lines (one JSON object per line). https://api.akeneo.com/api-reference.html#patch_products_uuid */
export function collectionBody(lines: readonly object[]): string {
  return lines.map((line) => JSON.stringify(line)).join("\n");
}

/** Parse a line-delimited collection response into validated status lines. */
export function parseCollectionResponse(text: string, system: string, operation: string): AkeneoCollectionLine[] {
  const out: AkeneoCollectionLine[] = [];
  for (const row of text.split("\n")) {
    if (row.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(row);
    } catch {
      throw new ConnectorError("protocol", `${system} ${operation} returned a malformed status line`, { system, operation });
    }
    const parsed = akeneoCollectionLineSchema.safeParse(value);
    if (!parsed.success) throw new ConnectorError("protocol", `${system} ${operation} returned an unexpected status line`, { system, operation });
    out.push(parsed.data);
  }
  return out;
}
