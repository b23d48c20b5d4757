import { describe, expect, it } from "vitest";
import { errorFromResponse } from "@omnibridge/connector-kit";
import { classifyContentfulError } from "./contentful-error";
import versionMismatch from "./__fixtures__/error-version-mismatch.json";
import rateLimit from "./__fixtures__/error-rate-limit.json";
import validationFailed from "./__fixtures__/error-validation-failed.json";
import tokenInvalid from "./__fixtures__/error-access-token-invalid.json";
import notFound from "./__fixtures__/error-not-found.json";

const cases: Array<[string, number, unknown, Record<string, string>, string, boolean, number | undefined]> = [
  ["VersionMismatch", 409, versionMismatch, {}, "conflict", false, undefined],
  ["RateLimitExceeded per second", 429, rateLimit, { "x-contentful-ratelimit-reset": "1" }, "rate_limited", true, 1000],
  ["RateLimitExceeded hourly", 429, rateLimit, { "x-contentful-ratelimit-reset": "900" }, "rate_limited", true, 900_000],
  ["ValidationFailed", 422, validationFailed, {}, "invalid", false, undefined],
  ["AccessTokenInvalid", 401, tokenInvalid, {}, "unauthorized", false, undefined],
  ["NotFound", 404, notFound, {}, "not_found", false, undefined],
  ["ServerError", 500, { sys: { type: "Error", id: "ServerError" }, message: "Internal server error" }, {}, "unavailable", true, undefined],
  ["429 from a CDN without a body", 429, "", { "x-contentful-ratelimit-reset": "2" }, "rate_limited", true, 2000],
];

describe("Contentful error classification", () => {
  it.each(cases)("%s", (_name, status, body, headers, reason, retryable, wait) => {
    const failure = { status, body, headers, operation: "PUT /entries/x" };
    const error = errorFromResponse("contentful", failure, classifyContentfulError(failure), []);
    expect(error.reason).toBe(reason);
    expect(error.retryable).toBe(retryable);
    expect(error.retryAfterMs).toBe(wait);
  });

  it("names the failing field path of a 422", () => {
    const failure = { status: 422, body: validationFailed, headers: {}, operation: "PUT /entries/x/published" };
    const classified = classifyContentfulError(failure);
    expect(classified).toMatchObject({ vendorCode: "ValidationFailed", field: "fields.seoTitle.en-US" });
    expect(classified?.message).toMatch(/^ValidationFailed: Validation error — size at fields\.seoTitle\.en-US .*: Size must be at most 60/);
  });
});
