import { describe, expect, it } from "vitest";
import { classifyShopwareError, fieldOfPointer } from "./shopware-error";

const body = (code: string | undefined, pointer?: string) => ({
  errors: [{ status: "400", ...(code ? { code } : {}), title: "Bad Request", detail: "This value should not be blank.", ...(pointer ? { source: { pointer } } : {}) }],
});

describe("classifyShopwareError", () => {
  it.each([
    [400, body("FRAMEWORK__WRITE_CONSTRAINT_VIOLATION", "/omnibridge-product/3/name"), "invalid", "name"],
    [400, body("SYSTEM__ILLEGAL_STATE_TRANSITION"), "conflict", undefined],
    [400, body("CONTENT__DUPLICATE_PRODUCT_NUMBER", "/0/productNumber"), undefined, "productNumber"],
    [404, body("FRAMEWORK__ENTITY_NOT_FOUND"), "not_found", undefined],
    [401, body("FRAMEWORK__WRITE_CONSTRAINT_VIOLATION"), undefined, undefined],
  ] as const)("HTTP %s %j → %s", (status, errorBody, reason, field) => {
    const classified = classifyShopwareError({ status, body: errorBody, headers: {}, operation: "POST /api/_action/sync" });
    expect(classified?.reason).toBe(reason);
    expect(classified?.field).toBe(field);
    expect(classified?.message).toBe("This value should not be blank.");
  });

  it("leaves bodies that are not JSON:API failures to the defaults", () => {
    expect(classifyShopwareError({ status: 502, body: "<html>Bad gateway</html>", headers: {}, operation: "x" })).toBeUndefined();
  });

  it("reads the field from both pointer forms", () => {
    expect(fieldOfPointer("/write-product/0/price/0/gross")).toBe("price.0.gross");
    expect(fieldOfPointer("/0/name")).toBe("name");
    expect(fieldOfPointer(null)).toBeUndefined();
  });
});
