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
