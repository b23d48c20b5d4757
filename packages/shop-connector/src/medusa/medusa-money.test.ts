import { describe, expect, it } from "vitest";
import { MappingError } from "@omnibridge/connector-kit";
import { medusaToMoney, moneyToMedusa } from "./medusa-money";

describe("medusa money (major-unit decimals ↔ integer minor units)", () => {
  it.each([
    [19.99, "eur", 1999], [0.29, "eur", 29], [0.1 + 0.2, "eur", 30], [2199, "eur", 219900], [1500, "jpy", 1500], [1.234, "kwd",
      1234], [0, "usd", 0],
  ])("reads %s %s as %s minor units", (amount, currency, minor) => {
    expect(medusaToMoney(amount, currency, "amount")).toEqual({ amount: minor, currency: currency.toUpperCase() });
  });

  it("prefers the exact raw decimal string when Medusa sends it", () => {
    expect(medusaToMoney(19.99, "eur", "amount", { value: "19.99" })).toEqual({ amount: 1999, currency: "EUR" });
  });

  it("fails an amount with more decimals than the currency has (Medusa accepts 12.345 EUR) instead of rounding", () => {
    expect(() => medusaToMoney(12.345, "eur", "lines.0.unitPrice")).toThrow(MappingError);
    expect(() => medusaToMoney(null, "eur", "total")).toThrow(/total is missing/);
  });

  it.each([[1999, "EUR", 19.99], [29, "EUR", 0.29], [1500, "JPY", 1500], [1234, "KWD", 1.234], [-5, "EUR", -0.05]])(
    "writes %s %s as %s", (amount, currency, major) => {
      const sent = moneyToMedusa({ amount, currency });
      expect(sent).toEqual({ amount: major, currency_code: currency.toLowerCase() });
      expect(JSON.stringify(sent.amount)).toBe(String(major));
    });

  it("round-trips every cent of a range exactly", () => {
    for (let cents = 0; cents < 100_000; cents += 7) {
      const { amount } = moneyToMedusa({ amount: cents, currency: "EUR" });
      expect(medusaToMoney(amount, "eur", "amount").amount).toBe(cents);
    }
  });
});
