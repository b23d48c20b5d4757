import { createHmac, timingSafeEqual } from "node:crypto";

/** Outcome of a webhook signature check. */
export type SignatureCheck = { valid: true } | { valid: false; reason: "stale_timestamp" | "future_timestamp" | "bad_signature" | "malformed" };

/** A received webhook request, as signatures need it. */
export interface SignedRequest {
  method: string;
  /** Full URI the vendor called (scheme, host, path, query). */
  uri: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  now?: number;
}

/** Largest accepted age of a signed request (replay protection), as HubSpot's. */
export const MAX_SIGNATURE_AGE_MS = 5 * 60 * 1000;

const header = (headers: SignedRequest["headers"], name: string): string => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? (value[0] ?? "") : (value ?? "");
};

/**
 * HubSpot v3 signatures, verified by the crm-connector (the composition layer is where the app
 * may name connector packages). https://developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 */
export async function verifyHubSpot(request: SignedRequest, secret: string): Promise<SignatureCheck> {
  // Loaded on first use (a webhook receiver), typed by the literal specifier.
  const { verifyHubSpotSignatureV3 } = await import("@omnibridge/crm-connector");
  return verifyHubSpotSignatureV3({
    secret, method: request.method, uri: request.uri, body: request.body,
    timestamp: header(request.headers, "x-hubspot-request-timestamp"), signature: header(request.headers, "x-hubspot-signature-v3"),
    ...(request.now !== undefined ? { now: request.now } : {}),
  });
}

/**
 * Shared-secret HMAC for senders without a signature scheme of their own (Odoo's automation
 * webhooks are unsigned: https://www.odoo.com/documentation/17.0/applications/studio/automated_actions.html#webhooks —
 * put a signing proxy or a server action in front that adds these headers):
 * `X-Omnibridge-Timestamp: <ms since epoch>` and
 * `X-Omnibridge-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + raw body)>`.
 */
export function verifySharedSecret(request: SignedRequest, secret: string): SignatureCheck {
  const timestamp = Number(header(request.headers, "x-omnibridge-timestamp"));
  const given = header(request.headers, "x-omnibridge-signature").replace(/^sha256=/, "");
  if (!Number.isFinite(timestamp) || !/^[0-9a-f]{64}$/i.test(given) || !secret) return { valid: false, reason: "malformed" };
  if (Math.abs((request.now ?? Date.now()) - timestamp) > MAX_SIGNATURE_AGE_MS) return { valid: false, reason: "stale_timestamp" };
  const expected = createHmac("sha256", secret).update(`${timestamp}.${request.body}`, "utf8").digest();
  return timingSafeEqual(Buffer.from(given, "hex"), expected) ? { valid: true } : { valid: false, reason: "bad_signature" };
}

/** Sign a body the way {@link verifySharedSecret} expects (for senders and tests). */
export function signSharedSecret(body: string, secret: string, timestamp = Date.now()): Record<string, string> {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
  return { "x-omnibridge-timestamp": String(timestamp), "x-omnibridge-signature": `sha256=${signature}` };
}

/** Verify a webhook of a system by its adapter's scheme. */
export function verifyWebhook(adapter: string, request: SignedRequest, secret: string): Promise<SignatureCheck> {
  return adapter === "hubspot" ? verifyHubSpot(request, secret) : Promise.resolve(verifySharedSecret(request, secret));
}
