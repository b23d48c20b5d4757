import { describe, expect, it } from "vitest";
import { signHubSpotV3, verifyHubSpotSignatureV3 } from "./hubspot-webhook";

const secret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const uri = "https://hooks.example.com/hubspot/webhook?portal=4242";
// A change notification as HubSpot sends it: a JSON array of events.
const body = JSON.stringify([{ eventId: 100, subscriptionId: 2, portalId: 4242, appId: 1, occurredAt: 1767225600000, subscriptionType: "contact.propertyChange", attemptNumber: 0, objectId: 123, propertyName: "email", propertyValue: "a@b.example", changeSource: "CRM", sourceId: "userId:1" }]);
const now = 1_767_225_600_000;
const timestamp = String(now - 30_000);

describe("verifyHubSpotSignatureV3", () => {
  it("accepts a signature over method + uri + body + timestamp", () => {
    const signature = signHubSpotV3(secret, "POST", uri, body, timestamp);
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body, timestamp, signature, now })).toEqual({ valid: true });
  });

  it("matches an independently computed HMAC-SHA256 (base64)", async () => {
    const { createHmac } = await import("node:crypto");
    const signature = createHmac("sha256", secret).update(`POST${uri}${body}${timestamp}`).digest("base64");
    expect(verifyHubSpotSignatureV3({ secret, method: "post", uri, body, timestamp, signature, now }).valid).toBe(true);
  });

  it("rejects a wrong secret, a changed body and a changed uri", () => {
    const signature = signHubSpotV3(secret, "POST", uri, body, timestamp);
    expect(verifyHubSpotSignatureV3({ secret: "other-secret", method: "POST", uri, body, timestamp, signature, now })).toEqual({ valid: false, reason: "bad_signature" });
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body: body.replace("a@b", "x@b"), timestamp, signature, now }).valid).toBe(false);
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri: `${uri}&x=1`, body, timestamp, signature, now }).valid).toBe(false);
  });

  it("rejects a timestamp older than 5 minutes even with a valid signature", () => {
    const stale = String(now - 5 * 60_000 - 1);
    const signature = signHubSpotV3(secret, "POST", uri, body, stale);
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body, timestamp: stale, signature, now })).toEqual({ valid: false, reason: "stale_timestamp" });
  });

  it("rejects malformed input without throwing", () => {
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body, timestamp: "soon", signature: "x", now })).toEqual({ valid: false, reason: "malformed" });
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body, timestamp, signature: "not base64 at all!", now })).toEqual({ valid: false, reason: "bad_signature" });
  });
});

describe("verifyHubSpotSignatureV3: HubSpot's URI decoding and future timestamps", () => {
  // HubSpot signs the URI with these encodings decoded: %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B (request-validation docs).
  const encoded = "https://hooks.example.com/hubspot/webhook?target=https%3A%2F%2Fshop.example%2Fa%3Fb&who=a%40b%21%24%27%28%29%2a%2C%3B&q=a%20b%26c";
  const decoded = "https://hooks.example.com/hubspot/webhook?target=https://shop.example/a?b&who=a@b!$'()*,;&q=a%20b%26c";

  it("accepts a delivery signed over the decoded URI when the receiver sees it encoded", async () => {
    const { createHmac } = await import("node:crypto");
    // HubSpot's side, computed independently: HMAC over the decoded URI.
    const signature = createHmac("sha256", secret).update(`POST${decoded}${body}${timestamp}`).digest("base64");
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri: encoded, body, timestamp, signature, now })).toEqual({ valid: true });
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri: decoded, body, timestamp, signature, now })).toEqual({ valid: true });
  });

  it("keeps encodings HubSpot does not decode (%20, %26)", async () => {
    const { createHmac } = await import("node:crypto");
    const wrong = createHmac("sha256", secret).update(`POST${decoded.replace("a%20b%26c", "a b&c")}${body}${timestamp}`).digest("base64");
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri: encoded, body, timestamp, signature: wrong, now }).valid).toBe(false);
  });

  it("checks the HMAC over the raw body bytes", () => {
    const bytes = Buffer.from(JSON.stringify([{ objectId: 1, propertyValue: "Müller" }]), "utf8");
    const signature = signHubSpotV3(secret, "POST", uri, bytes, timestamp);
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body: bytes, timestamp, signature, now })).toEqual({ valid: true });
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body: bytes.toString("latin1"), timestamp, signature, now }).valid).toBe(false);
  });

  it("rejects a timestamp more than a minute in the future, accepts small skew", () => {
    const ahead = String(now + 61_000);
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body, timestamp: ahead, signature: signHubSpotV3(secret, "POST", uri, body, ahead), now })).toEqual({ valid: false, reason: "future_timestamp" });
    const skew = String(now + 30_000);
    expect(verifyHubSpotSignatureV3({ secret, method: "POST", uri, body, timestamp: skew, signature: signHubSpotV3(secret, "POST", uri, body, skew), now })).toEqual({ valid: true });
  });
});
