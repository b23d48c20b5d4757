import { z } from "zod";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";

/**
 * Position in one collection: the newest `modified_gmt` seen and the ids seen at exactly that
 * second. `modified_after` has second precision, so a resume asks from one second earlier and
 * drops what the id set says was already read: ties are never lost.
 */
export const collectionPositionSchema = z.object({ m: z.string(), ids: z.array(z.number().int()) });
/** Position in one collection. */
export type CollectionPosition = z.infer<typeof collectionPositionSchema>;

const cursorSchema = z.object({ v: z.literal(1), c: z.record(z.string(), collectionPositionSchema) });
/** Positions per collection (REST base). */
export type WordpressCursor = z.infer<typeof cursorSchema>;

/** Decode a WordPress cursor (absent → start). */
export function decodeWordpressCursor(cursor: string | null | undefined, system: string): WordpressCursor {
  return cursor ? decodeCursor(cursor, cursorSchema, system) : { v: 1, c: {} };
}

/** Encode a WordPress cursor. */
export function encodeWordpressCursor(cursor: WordpressCursor): string {
  return encodeCursor(cursor);
}

/** True when (modified, id) is at or before the position. */
export function seen(position: CollectionPosition | undefined, modified: string, id: number): boolean {
  if (!position) return false;
  return modified < position.m || (modified === position.m && position.ids.includes(id));
}

/** The position after also having read (modified, id); items must come in (modified, id) order. */
export function advance(position: CollectionPosition | undefined, modified: string, id: number): CollectionPosition {
  if (!position || modified > position.m) return { m: modified, ids: [id] };
  if (modified === position.m && !position.ids.includes(id)) return { m: modified, ids: [...position.ids, id] };
  return position;
}

/** `modified_after` for a position: one second before it (the API compares strictly, per second). */
export function modifiedAfter(position: CollectionPosition | undefined): string | undefined {
  if (!position) return undefined;
  return new Date(Date.parse(`${position.m}Z`) - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
