import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { convertMoney, divideRounded, exchangeRatesSchema, toRational } from "./exchange";

describe("exact currency conversion", () => {
  it("rescales between minor-unit exponents and rounds halves away from zero", () => {
    // 1000 JPY (exponent 0) × 0.0062 EUR = 6.20 EUR = 620 cents
    expect(convertMoney({ amount: 1000, currency: "JPY" }, "EUR", { JPY: "0.0062" }, "t")).toEqual({ amount: 620, currency: "EUR" });
    // 1.005 KWD (exponent 3: 1005) × 3.0 EUR = 3.015 EUR → 301.5 cents → 302
    expect(convertMoney({ amount: 1005, currency: "KWD" }, "EUR", { KWD: "3" }, "t").amount).toBe(302);
    expect(convertMoney({ amount: -1005, currency: "KWD" }, "EUR", { KWD: "3" }, "t").amount).toBe(-302);
    // EUR → JPY at 160.5: 1.01 EUR → 162.105 → 162
    expect(convertMoney({ amount: 101, currency: "EUR" }, "JPY", { EUR: 160.5 }, "t").amount).toBe(162);
  });

  it("has no binary floating-point drift", () => {
    // 0.50 GBP × 1.15 = 0.575 EUR = 57.5 cents → 58; in floats 50 × 1.15 = 57.49999999999999 → 57
    expect(Math.round(50 * 1.15)).toBe(57);
    expect(convertMoney({ amount: 50, currency: "GBP" }, "EUR", { GBP: "1.15" }, "t").amount).toBe(58);
    expect(convertMoney({ amount: 50, currency: "GBP" }, "EUR", { GBP: 1.15 }, "t").amount).toBe(58);
    expect(toRational(1e-7)).toEqual({ numerator: 1n, denominator: 10_000_000n });
  });

  it("rejects bad rates with the currency's path", () => {
    const result = exchangeRatesSchema.safeParse({ USD: "0,9", XXX: "1" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["USD"]));
  });

  it("property: divideRounded is the nearest integer, halves away from zero", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (n, d) => {
        const q = divideRounded(n, d);
        const abs = (x: bigint) => (x < 0n ? -x : x);
        const distance = abs(2n * n - 2n * q * d); // 2 × |n/d − q| × d
        expect(distance <= d).toBe(true); // nearest integer
        if (distance === d) expect(abs(q) * d > abs(n)).toBe(true); // an exact half went away from zero
      }),
    );
  });
});
