import { createHmac, timingSafeEqual } from "node:crypto";

/** Input of {@link verifyShopwareSignature}. */
export interface ShopwareSignatureInput {
  /** The raw request body exactly as received (before any JSON parsing). */
  body: string | Buffer;
  /** The `shopware-shop-signature` header. */
  signature: string | undefined;
  /** The shop secret from the app registration. */
  secret: string;
}

/** `hex(HMAC-SHA256(body, secret))`, as Shopware signs app webhooks. */
export function signShopwareBody(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * Verify an app-system webhook: `shopware-shop-signature` is the hex HMAC-SHA256 of the raw body
 * with the shop secret (https://developer.shopware.com/docs/guides/plugins/apps/app-base-guide.html
 * "Webhooks"; app-php-sdk RequestVerifier). Constant-time comparison; never throws on malformed input.
 * Deliveries repeat for hours (no exactly-once): deduplicate on `X-Shopware-Event-Id` / the body's `source.eventId`.
 */
export function verifyShopwareSignature(input: ShopwareSignatureInput): boolean {
  const given = input.signature?.trim().toLowerCase();
  if (!given || !/^[0-9a-f]{64}$/.test(given) || !input.secret) return false;
  const expected = Buffer.from(signShopwareBody(input.body, input.secret), "hex");
  return timingSafeEqual(expected, Buffer.from(given, "hex"));
}
