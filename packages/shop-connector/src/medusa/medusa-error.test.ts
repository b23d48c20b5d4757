import { describe, expect, it } from "vitest";
import { classifyMedusaError, fieldOfMessage } from "./medusa-error";

const failure = (status: number, body: unknown) => ({ status, body, headers: {}, operation: "POST /admin/products" });

describe("medusa error classification", () => {
  it.each([
    [400, { type: "invalid_data", message: "Invalid request: Field 'title' is required" }, "invalid", "title"],
    [400, { type: "not_allowed", message: "Publishable API key required in the request header" }, "invalid", undefined],
    [404, { type: "not_found", message: "Product with id: x was not found" }, "not_found", undefined],
    [409, { type: "duplicate_error", message: "Product with handle: tee, already exists." }, "conflict", undefined],
    [400, { type: "unexpected_state", message: "Order is already canceled" }, "conflict", undefined],
  ])("%s %j → %s", (status, body, reason, field) => {
    expect(classifyMedusaError(failure(status, body))).toMatchObject({ reason, message: body.message, vendorCode: body.type, field });
  });

  it("keeps the status's meaning for 401, 429 and 5xx whatever the type says", () => {
    expect(classifyMedusaError(failure(401, { type: "unauthorized", message: "Invalid email or password" }))?.reason).toBeUndefined();
    expect(classifyMedusaError(failure(500, { type: "unknown_error", code: "unknown_error",
      message: "An unknown error occurred." }))?.reason)
      .toBeUndefined();
  });

  it("names Express's HTML 404 for an unknown route, and ignores bodies that are not Medusa's", () => {
    expect(classifyMedusaError(failure(404, "<!DOCTYPE html><pre>Cannot POST /admin/x</pre>"))?.message).toContain("route not found");
    expect(classifyMedusaError(failure(502, "Bad gateway"))).toBeUndefined();
    expect(classifyMedusaError(failure(200, { type: "invalid_data", message: "x" }))).toBeUndefined();
    expect(fieldOfMessage("Unrecognized fields: 'titl'")).toBeUndefined();
  });
});
