import { createHash } from "node:crypto";

/**
 * A Shopware id derived from our canonical key: 32 lower-case hex characters (Shopware's id format,
 * docs/concepts/endpoint-structure/request-response-structure.md "Entity IDs"; the writing guide
 * suggests deriving stable ids from external keys). The same `(system, entity, key)` always gives the
 * same id, so a retried `_action/sync` upsert updates the record the first attempt created instead of
 * creating a second one: the id is the idempotency key. Version nibble 5 / RFC 4122 variant, as a
 * name-based UUID would have.
 */
export function shopwareIdFor(system: string, entity: string, key: string): string {
  const hex = createHash("sha256").update(`omnibridge\u0000${system}\u0000${entity}\u0000${key}`).digest("hex").slice(0, 32);
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 12)}5${hex.slice(13, 16)}${variant}${hex.slice(17)}`;
}
