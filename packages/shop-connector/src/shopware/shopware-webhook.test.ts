import { describe, expect, it } from "vitest";
import { signShopwareBody, verifyShopwareSignature } from "./shopware-webhook";

const body = '{"data":{"payload":[{"entity":"order","operation":"insert"}],"event":"checkout.order.placed"},"source":{"url":"https://shop.example.com","shopId":"abc","eventId":"e1"}}';

describe("verifyShopwareSignature", () => {
  const secret = "shop-secret";
  const signature = signShopwareBody(body, secret);

  it("accepts the hex HMAC-SHA256 of the raw body, in either case", () => {
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyShopwareSignature({ body, signature, secret })).toBe(true);
    expect(verifyShopwareSignature({ body: Buffer.from(body), signature: signature.toUpperCase(), secret })).toBe(true);
  });

  it.each([
    ["a changed body", { body: body.replace("insert", "update"), signature, secret }],
    ["another secret", { body, signature, secret: "other" }],
    ["no header", { body, signature: undefined, secret }],
    ["a truncated signature", { body, signature: signature.slice(0, 40), secret }],
    ["an empty secret", { body, signature, secret: "" }],
  ])("refuses %s", (_what, input) => {
    expect(verifyShopwareSignature(input)).toBe(false);
  });
});
