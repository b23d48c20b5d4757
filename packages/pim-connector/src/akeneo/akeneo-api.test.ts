import { describe, expect, it } from "vitest";
import { akeneoProductSchema, akeneoValuesSchema } from "./akeneo-api";

// Issue 19: product values are checked in place (no per-member copy); bad values still fail with the path that is wrong.
describe("akeneo raw values schema", () => {
  const product = (values: unknown) => ({ uuid: "u-1", updated: "2026-01-01T00:00:00+00:00", values });

  it("accepts documented values and keeps them as they came (unknown members included)", () => {
    const values = {
      name: [{ locale: "en_US", scope: null, data: "Cap" }],
      image: [{ locale: null, scope: null, data: "a/b/c.jpg", _links: { download: { href: "https://pim/x" } }, attribute_type: "pim_catalog_image" }],
      price: [{ data: [{ amount: "10.00", currency: "EUR" }] }],
    };
    const parsed = akeneoProductSchema.parse(product(values));
    expect(parsed.values).toEqual(values);
  });

  it.each([
    [{ name: "Cap" }, ["name"], "expected array"],
    [{ name: [null] }, ["name", 0], "expected object"],
    [{ name: [{ locale: 5, data: "x" }] }, ["name", 0, "locale"], "expected string or null"],
    [{ name: [{ scope: ["web"], data: "x" }] }, ["name", 0, "scope"], "expected string or null"],
    [{ image: [{ data: "x", _links: { download: { href: 1 } } }] }, ["image", 0, "_links", "download", "href"], "expected string"],
    [[], [], "expected record"],
  ])("rejects %j at its path", (values, path, message) => {
    const result = akeneoValuesSchema.safeParse(values);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path, message: expect.stringContaining(message) as string });
    const inProduct = akeneoProductSchema.safeParse(product(values));
    expect(inProduct.error!.issues[0]!.path).toEqual(["values", ...path]);
  });
});
