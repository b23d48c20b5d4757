import { createHmac, timingSafeEqual } from "node:crypto";

/** Input of {@link verifyHubSpotSignatureV3}. */
export interface HubSpotSignatureV3Input {
  /** The app's client secret. */
  secret: string;
  /** HTTP method of the webhook request (`POST`). */
  method: string;
  /** Full request URI as HubSpot called it (scheme, host, path, query). */
  uri: string;
  /** Raw request body exactly as received: the bytes (preferred) or their UTF-8 text. */
  body: string | Uint8Array;
  /** `X-HubSpot-Request-Timestamp` header (ms since epoch). */
  timestamp: string | number;
  /** `X-HubSpot-Signature-v3` header. */
  signature: string;
  /** Current time in ms (tests). */
  now?: number;
}

/** Result of a signature check; `reason` says why it was rejected. */
export type HubSpotSignatureResult = { valid: true } | { valid: false; reason: "stale_timestamp" | "future_timestamp" | "bad_signature" | "malformed" };

/** Requests older than this are rejected (replay protection). */
export const SIGNATURE_MAX_AGE_MS = 5 * 60 * 1000;
/** Clock skew tolerated for timestamps ahead of ours; further in the future is rejected (a forged or replay-prepared stamp). */
export const SIGNATURE_MAX_SKEW_MS = 60 * 1000;

/** The percent-encodings HubSpot decodes in the URI before signing (request-validation docs, v3 table). */
const DECODED: Record<string, string> = {
  "%3A": ":", "%2F": "/", "%3F": "?", "%40": "@", "%21": "!", "%24": "$", "%27": "'", "%28": "(", "%29": ")", "%2A": "*", "%2C": ",", "%3B": ";",
};

/**
 * The URI as HubSpot signs it: exactly the listed percent-encodings decoded (any case), every
 * other one (`%20`, `%26`, …) kept. https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 */
export function hubSpotSignedUri(uri: string): string {
  return uri.replace(/%[0-9A-Fa-f]{2}/g, (code) => DECODED[code.toUpperCase()] ?? code);
}

function hmac(secret: string, method: string, uri: string, body: string | Uint8Array, timestamp: string | number): Buffer {
  return createHmac("sha256", secret)
    .update(`${method.toUpperCase()}${hubSpotSignedUri(uri)}`, "utf8")
    .update(typeof body === "string" ? Buffer.from(body, "utf8") : body)
    .update(String(timestamp), "utf8")
    .digest();
}

/**
 * Verify a webhook's v3 signature: reject timestamps older than 5 minutes (or more than a minute
 * ahead), decode the URI as HubSpot does, compute HMAC-SHA256 with the client secret over
 * `method + uri + body bytes + timestamp`, base64 it and compare in constant time. https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 */
export function verifyHubSpotSignatureV3(input: HubSpotSignatureV3Input): HubSpotSignatureResult {
  const timestamp = Number(input.timestamp);
  if (!Number.isFinite(timestamp) || !input.signature || !input.secret) return { valid: false, reason: "malformed" };
  const now = input.now ?? Date.now();
  if (now - timestamp > SIGNATURE_MAX_AGE_MS) return { valid: false, reason: "stale_timestamp" };
  if (timestamp - now > SIGNATURE_MAX_SKEW_MS) return { valid: false, reason: "future_timestamp" };
  const expected = hmac(input.secret, input.method, input.uri, input.body, input.timestamp);
  const given = Buffer.from(input.signature, "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { valid: false, reason: "bad_signature" };
  return { valid: true };
}

/** Sign like HubSpot does (for emulators and tests): the URI decoded as HubSpot decodes it. */
export function signHubSpotV3(secret: string, method: string, uri: string, body: string | Uint8Array, timestamp: string | number): string {
  return hmac(secret, method, uri, body, timestamp).toString("base64");
}
