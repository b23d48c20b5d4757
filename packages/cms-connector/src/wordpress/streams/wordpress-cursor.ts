import { createHash } from "node:crypto";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "@omnibridge/connector-kit";
import type { WordpressPost } from "../wordpress-api";

/**
 * Position in one collection: the newest `modified_gmt` seen, and a fingerprint of each post
 * read at exactly that second. `modified_after` has second precision, so a resume asks from one
 * second earlier and skips posts whose fingerprint is unchanged: ties are never lost, and a post
 * edited again within that same second (same `modified_gmt`) is still seen as changed.
 */
export const collectionPositionSchema = z.object({ m: z.string(), ids: z.record(z.string(), z.string()) });
/** Position in one collection. */
export type CollectionPosition = z.infer<typeof collectionPositionSchema>;

const cursorSchema = z.object({ v: z.literal(2), c: z.record(z.string(), collectionPositionSchema) });
/** Positions per collection (REST base). */
export type WordpressCursor = z.infer<typeof cursorSchema>;

/** What a post's fingerprint covers: everything the mapping reads. */
export function fingerprint(post: WordpressPost): string {
  const parts = [
    post.status, post.slug, post.title?.raw ?? post.title?.rendered, post.content?.raw ?? post.content?.rendered,
    post.excerpt?.raw, post.date_gmt, post.meta,
  ];
  return createHash("sha256").update(JSON.stringify(parts)).digest("base64url").slice(0, 12);
}

/** Decode a WordPress cursor (absent → start). */
export function decodeWordpressCursor(cursor: string | null | undefined, system: string): WordpressCursor {
  return cursor ? decodeCursor(cursor, cursorSchema, system) : { v: 2, c: {} };
}

/** Encode a WordPress cursor. */
export function encodeWordpressCursor(cursor: WordpressCursor): string {
  return encodeCursor(cursor);
}

/** True when this version of the post is at or before the position. */
export function seen(position: CollectionPosition | undefined, post: WordpressPost): boolean {
  if (!position) return false;
  return post.modified_gmt < position.m || (post.modified_gmt === position.m && position.ids[post.id] === fingerprint(post));
}

/** The position after also having read the post; posts must come in (modified, id) order. */
export function advance(position: CollectionPosition | undefined, post: WordpressPost): CollectionPosition {
  if (!position || post.modified_gmt > position.m) return { m: post.modified_gmt, ids: { [post.id]: fingerprint(post) } };
  if (post.modified_gmt === position.m) return { m: position.m, ids: { ...position.ids, [post.id]: fingerprint(post) } };
  return position;
}

/** `modified_after` for a position: one second before it (the API compares strictly, per second). */
export function modifiedAfter(position: CollectionPosition | undefined): string | undefined {
  if (!position) return undefined;
  return new Date(Date.parse(`${position.m}Z`) - 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
