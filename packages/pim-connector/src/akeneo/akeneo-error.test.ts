import { describe, expect, it } from "vitest";
import { classifyAkeneoError } from "./akeneo-error";

const failure = (status: number, body: unknown) => ({ status, body, headers: {}, operation: "GET /api/rest/v1/products-uuid" });

describe("classifyAkeneoError", () => {
  it.each([
    [400, { code: 400, message: "Invalid json message received" }, "invalid"],
    [401, { code: 401, message: "The access token provided has expired." }, "unauthorized"],
    [403, { code: 403, message: "You are not allowed to access the web API." }, "forbidden"],
    [403, { code: 403, message: "Too many resources to process, 100 is the maximum allowed." }, "invalid"],
    [404, { code: 404, message: "Resource `x` does not exist." }, "not_found"],
    [406, { code: 406, message: "'xxx' in 'Accept' header is not valid. Only 'application/json' is allowed." }, "invalid"],
    [409, { code: 409, message: "conflict" }, "conflict"],
    [413, { code: 413, message: "Too many resources to process, 100 is the maximum allowed." }, "invalid"],
    [415, { code: 415, message: "Only 'application/vnd.akeneo.collection+json' is allowed." }, "invalid"],
    [422, { code: 422, message: "You cannot request more than 100 items." }, "invalid"],
    [429, { code: 429, message: "You have exceeded the limit of API requests per second." }, "rate_limited"],
    [500, "<html>Internal error</html>", "unavailable"],
    [503, { code: 503, message: "Service Unavailable" }, "unavailable"],
  ] as const)("%i %j → %s", (status, body, reason) => {
    expect(classifyAkeneoError(failure(status, body))?.reason).toBe(reason);
  });

  it("names the property of the first validation error of a 422", () => {
    const result = classifyAkeneoError(failure(422, {
      code: 422, message: "Validation failed.",
      errors: [{ property: "values", message: "The tommh value is not in the brand attribute option list.", attribute: "brand", locale: null, scope: null }],
    }));
    expect(result).toMatchObject({ reason: "invalid", vendorCode: "422", field: "values.brand" });
    expect(result?.message).toContain("values.brand: The tommh value is not in the brand attribute option list.");
  });

  it("names a property, locale and scope, and counts further errors", () => {
    const result = classifyAkeneoError(failure(422, {
      code: 422, message: "Validation failed.",
      errors: [
        { property: "values", message: "This value is too long.", attribute: "description", locale: "en_US", scope: "ecommerce" },
        { property: "family", message: "Property \"family\" expects a valid family code." },
      ],
    }));
    expect(result?.field).toBe("values.description");
    expect(result?.message).toContain("(locale en_US, scope ecommerce)");
    expect(result?.message).toContain("+1 more: family");
    const property = classifyAkeneoError(failure(422, { code: 422, message: "Validation failed.", errors: [{ property: "identifier", message: "The same identifier is already set on another product" }] }));
    expect(property?.field).toBe("identifier");
  });

  it("ignores successes", () => {
    expect(classifyAkeneoError(failure(200, {}))).toBeUndefined();
  });
});
