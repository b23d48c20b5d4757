import { describe, expect, it } from "vitest";
import { errorFromResponse } from "@omnibridge/connector-kit";
import { classifyWordpressError } from "./wordpress-error";
import notLoggedIn from "./__fixtures__/error-not-logged-in.json";
import deniedParam from "./__fixtures__/error-invalid-param-denied.json";
import invalidId from "./__fixtures__/error-invalid-id.json";
import invalidPage from "./__fixtures__/error-invalid-page.json";
import legacyList from "./__fixtures__/documented/error-list-legacy.json";
import envelope from "./__fixtures__/documented/envelope-error.json";
import batchFailed from "./__fixtures__/documented/batch-require-all-validate-failed.json";
import batchMixed from "./__fixtures__/documented/batch-normal-mixed.json";
import forbidden401 from "./__fixtures__/documented/error-rest-forbidden-401.json";
import forbidden403 from "./__fixtures__/documented/error-rest-forbidden-403.json";
import postsCollection from "./__fixtures__/documented/posts-collection.json";
import postModel from "./__fixtures__/documented/post-model.json";

const cases: Array<[string, number, unknown, string, boolean]> = [
  ["rest_not_logged_in", 401, notLoggedIn, "unauthorized", false],
  ["wrong app password → denied status param", 400, deniedParam, "unauthorized", false],
  ["rest_post_invalid_id", 404, invalidId, "not_found", false],
  ["page past the end", 400, invalidPage, "invalid", false],
  ["rest_cannot_create", 403, { code: "rest_cannot_create", message: "Sorry, you are not allowed to create posts as this user.", data: { status: 403 } }, "forbidden", false],
  ["db_insert_error", 500, { code: "db_insert_error", message: "Could not insert post into the database.", data: { status: 500 } }, "unavailable", true],
  ["HTML error page from a proxy", 502, "<html>Bad gateway</html>", "unavailable", true],
  ["WAF 429", 429, "", "rate_limited", true],
  ["legacy list of WP_Errors", 404, legacyList, "not_found", false],
  ["_envelope error with HTTP 200", 200, envelope, "not_found", false],
  ["batch 207, require-all-validate failed", 207, batchFailed, "invalid", false],
  ["batch 207, one request failed", 207, batchMixed, "not_found", false],
  ["rest_forbidden 401 (not logged in)", 401, forbidden401, "unauthorized", false],
  ["rest_forbidden 403 (no capability)", 403, forbidden403, "forbidden", false],
];

describe("WordPress error classification", () => {
  it.each(cases)("%s", (_name, status, body, reason, retryable) => {
    const failure = { status, body, headers: {}, operation: "GET wp/v2/posts" };
    const error = errorFromResponse("wordpress", failure, classifyWordpressError(failure), []);
    expect(error.reason).toBe(reason);
    expect(error.retryable).toBe(retryable);
  });

  it("names invalid params in the message", () => {
    const classification = classifyWordpressError({ status: 400, body: deniedParam, headers: {}, operation: "x" });
    expect(classification?.message).toContain("status: Status is forbidden.");
    expect(classification?.vendorCode).toBe("rest_invalid_param");
  });

  it.each([
    ["a posts collection", 200, postsCollection],
    ["a single post", 200, postModel],
    ["an envelope of a success", 200, { body: postModel, status: 200, headers: [] }],
    ["a batch whose requests all succeeded", 207, { responses: [{ body: postModel, status: 201, headers: [] }] }],
  ])("%s is not an error", (_name, status, body) => {
    expect(classifyWordpressError({ status, body, headers: {}, operation: "x" })).toBeUndefined();
  });

  it("an enveloped or batched error keeps its code, inner status reason and the request it came from", () => {
    expect(classifyWordpressError({ status: 200, body: envelope, headers: {}, operation: "x" })).toEqual({ reason: "not_found", vendorCode: "rest_post_invalid_id", message: "Invalid post ID.", field: undefined });
    expect(classifyWordpressError({ status: 207, body: batchMixed, headers: {}, operation: "x" })?.message).toBe("1 of 2 batch requests failed; request 2: Invalid post ID.");
  });
});
