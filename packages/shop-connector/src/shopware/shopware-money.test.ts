import { describe, expect, it } from "vitest";
import { otherSide, toDecimal, toMinorUnits } from "./shopware-money";

describe("shopware money", () => {
  it.each([
    [19.99, "EUR", 1999], [0.1 + 0.2, "EUR", 30], [301, "EUR", 30_100], [1500, "JPY", 1500], [1.234, "KWD", 1234], [-5.5, "EUR", -550],
  ])("%s %s is %s minor units", (value, currency, amount) => {
    expect(toMinorUnits(value, currency, "price")).toEqual({ amount, currency });
  });

  it.each([[19.999, "EUR"], [12.5, "JPY"], [Number.NaN, "EUR"], [Number.POSITIVE_INFINITY, "EUR"]])("refuses %s %s naming the field", (value, currency) => {
    expect(() => toMinorUnits(value, currency, "lines.0.unitPrice")).toThrow(expect.objectContaining({ field: "lines.0.unitPrice" }));
  });

  it("rounds amounts Shopware computed when asked to", () => {
    expect(toMinorUnits(252.94117647058826, "EUR", "net", { round: true })).toEqual({ amount: 25_294, currency: "EUR" });
  });

  it("converts back without float drift and computes the other side", () => {
    expect(toDecimal({ amount: 1999, currency: "EUR" })).toBe(19.99);
    expect(otherSide({ amount: 11_900, currency: "EUR" }, "gross", 19)).toEqual({ amount: 10_000, currency: "EUR" });
    expect(otherSide({ amount: 8_000, currency: "EUR" }, "net", 19)).toEqual({ amount: 9_520, currency: "EUR" });
  });
});
