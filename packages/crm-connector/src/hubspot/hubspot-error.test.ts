import { describe, expect, it } from "vitest";
import { errorFromResponse } from "@omnibridge/connector-kit";
import { classifyHubSpotError } from "./hubspot-error";

const corr = "c033cdaa-2c40-4a64-ae48-b4cec88dad24";
type Expected = { reason: string; retryable: boolean; retryAfterMs?: number; vendorCode?: string };
const table: Array<[string, number, unknown, Record<string, string>, Expected]> = [
  ["validation", 400, { status: "error", message: "Property values were not valid", correlationId: corr, category: "VALIDATION_ERROR" }, {}, { reason: "invalid", retryable: false, vendorCode: "VALIDATION_ERROR" }],
  ["bad token", 401, { status: "error", message: "Authentication credentials not found.", correlationId: corr, category: "INVALID_AUTHENTICATION" }, {}, { reason: "unauthorized", retryable: false }],
  ["expired token", 401, { status: "error", message: "expired", correlationId: corr, category: "EXPIRED_AUTHENTICATION" }, {}, { reason: "unauthorized", retryable: false }],
  ["missing scopes", 403, { status: "error", message: "This app hasn't been granted all required scopes", correlationId: corr, category: "MISSING_SCOPES" }, {}, { reason: "forbidden", retryable: false }],
  ["not found", 404, { status: "error", message: "Object not found", correlationId: corr, category: "OBJECT_NOT_FOUND" }, {}, { reason: "not_found", retryable: false }],
  ["conflict", 409, { status: "error", message: "Contact already exists", correlationId: corr, category: "CONFLICT" }, {}, { reason: "conflict", retryable: false }],
  ["burst 429", 429, { status: "error", message: "You have reached your ten_secondly_rolling limit.", errorType: "RATE_LIMIT", correlationId: corr, policyName: "TEN_SECONDLY_ROLLING" }, { "x-hubspot-ratelimit-interval-milliseconds": "10000" }, { reason: "rate_limited", retryable: true, retryAfterMs: 10_000, vendorCode: "TEN_SECONDLY_ROLLING" }],
  ["search 429", 429, { status: "error", message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", correlationId: corr, policyName: "SECONDLY" }, {}, { reason: "rate_limited", retryable: true, retryAfterMs: 1_000 }],
  ["429 with Retry-After", 429, { status: "error", message: "slow down", errorType: "RATE_LIMIT", correlationId: corr, policyName: "SECONDLY" }, { "retry-after": "3" }, { reason: "rate_limited", retryable: true, retryAfterMs: 3_000 }],
  ["server error with a category", 502, { status: "error", message: "Bad gateway", correlationId: corr, category: "VALIDATION_ERROR" }, {}, { reason: "unavailable", retryable: true }],
  ["html 503", 503, "<html>Service Unavailable</html>", {}, { reason: "unavailable", retryable: true }],
];

describe("classifyHubSpotError", () => {
  for (const [name, status, body, headers, expected] of table) {
    it(`${name}: HTTP ${status} → ${expected.reason}`, () => {
      const failure = { status, body, headers, operation: "POST /crm/v3/objects/contacts/search" };
      const error = errorFromResponse("hubspot", failure, classifyHubSpotError(failure), []);
      expect(error.reason).toBe(expected.reason);
      expect(error.retryable).toBe(expected.retryable);
      if (expected.retryAfterMs !== undefined) expect(error.retryAfterMs).toBe(expected.retryAfterMs);
      if (expected.vendorCode) expect(error.vendorCode).toBe(expected.vendorCode);
      if (typeof body === "object") expect(error.message).toContain(corr);
    });
  }

  it("a DAILY 429 asks to wait until the next midnight (longer than any retry policy allows)", () => {
    const failure = { status: 429, body: { status: "error", message: "You have reached your daily limit.", errorType: "RATE_LIMIT", correlationId: corr, policyName: "DAILY" }, headers: {}, operation: "x" };
    expect(classifyHubSpotError(failure)!.retryAfterMs).toBeGreaterThan(0);
    expect(classifyHubSpotError(failure)!.retryAfterMs).toBeLessThanOrEqual(86_400_000);
  });
});
