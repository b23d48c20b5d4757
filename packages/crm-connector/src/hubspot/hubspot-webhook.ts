import { createHmac, timingSafeEqual } from "node:crypto";

/** Input of {@link verifyHubSpotSignatureV3}. */
export interface HubSpotSignatureV3Input {
  /** The app's client secret. */
  secret: string;
  /** HTTP method of the webhook request (`POST`). */
  method: string;
  /** Full request URI as HubSpot called it (scheme, host, path, query). */
  uri: string;
  /** Raw request body, exactly as received. */
  body: string;
  /** `X-HubSpot-Request-Timestamp` header (ms since epoch). */
  timestamp: string | number;
  /** `X-HubSpot-Signature-v3` header. */
  signature: string;
  /** Current time in ms (tests). */
  now?: number;
}

/** Result of a signature check; `reason` says why it was rejected. */
export type HubSpotSignatureResult = { valid: true } | { valid: false; reason: "stale_timestamp" | "bad_signature" | "malformed" };

/** Requests older than this are rejected (replay protection). */
export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;

/**
 * Verify a webhook's v3 signature: reject timestamps older than 5 minutes, compute HMAC-SHA256
 * with the client secret over UTF-8 `method + uri + body + timestamp`, base64 it and compare in
 * constant time. https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 */
export function verifyHubSpotSignatureV3(input: HubSpotSignatureV3Input): HubSpotSignatureResult {
  const timestamp = Number(input.timestamp);
  if (!Number.isFinite(timestamp) || !input.signature || !input.secret) return { valid: false, reason: "malformed" };
  const now = input.now ?? Date.now();
  if (now - timestamp > SIGNATURE_MAX_AGE_MS) return { valid: false, reason: "stale_timestamp" };
  const expected = createHmac("sha256", input.secret)
    .update(`${input.method.toUpperCase()}${input.uri}${input.body}${String(input.timestamp)}`, "utf8")
    .digest();
  const given = Buffer.from(input.signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "bad_signature" };
  return { valid: true };
}

/** Sign like HubSpot does (for emulators and tests). */
export function signHubSpotV3(secret: string, method: string, uri: string, body: string, timestamp: string | number): string {
  return createHmac("sha256", secret).update(`${method.toUpperCase()}${uri}${body}${String(timestamp)}`, "utf8").digest("base64");
}
