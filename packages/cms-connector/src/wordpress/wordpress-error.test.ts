import { describe, expect, it } from "vitest";
import { errorFromResponse } from "@omnibridge/connector-kit";
import { classifyWordpressError } from "./wordpress-error";
import notLoggedIn from "./__fixtures__/error-not-logged-in.json";
import deniedParam from "./__fixtures__/error-invalid-param-denied.json";
import invalidId from "./__fixtures__/error-invalid-id.json";
import invalidPage from "./__fixtures__/error-invalid-page.json";

const cases: Array<[string, number, unknown, string, boolean]> = [
  ["rest_not_logged_in", 401, notLoggedIn, "unauthorized", false],
  ["wrong app password → denied status param", 400, deniedParam, "unauthorized", false],
  ["rest_post_invalid_id", 404, invalidId, "not_found", false],
  ["page past the end", 400, invalidPage, "invalid", false],
  ["rest_cannot_create", 403, { code: "rest_cannot_create", message: "Sorry, you are not allowed to create posts as this user.", data: { status: 403 } }, "forbidden", false],
  ["db_insert_error", 500, { code: "db_insert_error", message: "Could not insert post into the database.", data: { status: 500 } }, "unavailable", true],
  ["HTML error page from a proxy", 502, "<html>Bad gateway</html>", "unavailable", true],
  ["WAF 429", 429, "", "rate_limited", true],
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
});
