import { createHash } from "node:crypto";
import type http from "node:http";
import type { Redis } from "ioredis";
import { MAX_SIGNATURE_AGE_MS } from "../../compose/webhook-signatures";

/** Largest webhook body read (bytes). */
export const MAX_WEBHOOK_BODY = 1_000_000;
/** How far a sender's clock may run ahead of ours; a timestamp further in the future is refused. */
export const MAX_FUTURE_SKEW_MS = 30_000;

/** The header carrying the signed timestamp, by adapter (HubSpot v3, else the shared-secret scheme). */
const TIMESTAMP_HEADER: Record<string, string> = { hubspot: "x-hubspot-request-timestamp" };

/** The signed timestamp of a delivery (ms since epoch), when it has a readable one. */
export function deliveryTimestamp(adapter: string, headers: http.IncomingHttpHeaders): number | undefined {
  const name = Object.hasOwn(TIMESTAMP_HEADER, adapter) ? TIMESTAMP_HEADER[adapter]! : "x-omnibridge-timestamp";
  const value = Number(headers[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The declared body size is over the limit: answer 413 before reading a byte. */
export function declaredTooLarge(headers: http.IncomingHttpHeaders, limit = MAX_WEBHOOK_BODY): boolean {
  const declared = Number(headers["content-length"]);
  return Number.isFinite(declared) && declared > limit;
}

/**
 * Read at most `limit` bytes of a body as the bytes sent. Past the limit it stops reading
 * (null): the caller answers 413 and closes the connection instead of draining the rest.
 */
export function readBodyBytes(req: http.IncomingMessage, limit = MAX_WEBHOOK_BODY): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve(null);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The body as text only when it is exactly valid UTF-8 (BOM kept): then the text encodes back
 * to the very bytes received, so a signature checked over it is a signature over the raw
 * bytes. Lenient decoding would map different bytes (0xFF, 0xFE …) to the same U+FFFD and let
 * a body other than the signed one through.
 */
export function exactText(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Remember a verified delivery for as long as its signature could still verify; false when it
 * was seen before (a replay, or the vendor re-sending a delivery we already took).
 */
export async function firstDelivery(
  redis: Redis,
  prefix: string,
  system: string,
  uri: string,
  timestamp: number | undefined,
  body: Buffer,
): Promise<boolean> {
  const digest = createHash("sha256").update(`${system}\n${uri}\n${timestamp ?? ""}\n`).update(body).digest("hex");
  const key = `${prefix}:webhook-seen:${digest}`;
  return (await redis.set(key, "1", "PX", MAX_SIGNATURE_AGE_MS + MAX_FUTURE_SKEW_MS, "NX")) === "OK";
}
