import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addMoney, allocateMoney, currencyExponent, isCurrencyCode, moneyFromDecimal, moneySchema, moneyToDecimal,
  multiplyMoney, subtractMoney, type Money,
} from "../src";

const currencies = ["EUR", "JPY", "KWD", "USD", "CLF"] as const;
const safeAmount = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const money = fc.record({ amount: safeAmount, currency: fc.constantFrom(...currencies) });

describe("currency codes", () => {
  it.each([["EUR", 2], ["JPY", 0], ["KWD", 3], ["CLF", 4], ["USD", 2]] as const)("%s has exponent %d", (code, exponent) => {
    expect(isCurrencyCode(code)).toBe(true);
    expect(currencyExponent(code)).toBe(exponent);
  });

  it.each(["eur", "EURO", "XXY", "", "toString", "__proto__"])("rejects %j", (code) => {
    expect(isCurrencyCode(code)).toBe(false);
    expect(() => currencyExponent(code)).toThrow(RangeError);
    expect(moneySchema.safeParse({ amount: 1, currency: code }).success).toBe(false);
  });
});

describe("allocateMoney never loses a minor unit", () => {
  const weights = fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 12 })
    .filter((ws) => ws.some((w) => w > 0));

  it("parts sum to the total for any total (incl. negative) and weights", () => {
    fc.assert(fc.property(money, weights, (total, ws) => {
      const parts = allocateMoney(total, ws);
      expect(parts).toHaveLength(ws.length);
      expect(parts.reduce((a, p) => a + p.amount, 0)).toBe(total.amount);
      for (const part of parts) {
        expect(Number.isSafeInteger(part.amount)).toBe(true);
        expect(part.currency).toBe(total.currency);
      }
    }), { numRuns: 500 });
  });

  it("each part is within one minor unit of its exact share, with the total's sign", () => {
    const total = fc.record({ amount: fc.integer({ min: -1e12, max: 1e12 }), currency: fc.constant("EUR") });
    fc.assert(fc.property(total, weights, (t, ws) => {
      const sum = ws.reduce((a, b) => a + b, 0);
      allocateMoney(t, ws).forEach((part, i) => {
        const exact = (t.amount * ws[i]!) / sum;
        expect(Math.abs(part.amount - exact)).toBeLessThan(1 + 1e-6 * Math.abs(exact));
        if (part.amount !== 0) expect(Math.sign(part.amount)).toBe(Math.sign(t.amount));
      });
    }), { numRuns: 500 });
  });

  it("splits 100 into thirds as 34/33/33 and -100 as -34/-33/-33", () => {
    expect(allocateMoney({ amount: 100, currency: "EUR" }, [1, 1, 1]).map((m) => m.amount)).toEqual([34, 33, 33]);
    expect(allocateMoney({ amount: -100, currency: "EUR" }, [1, 1, 1]).map((m) => m.amount)).toEqual([-34, -33, -33]);
    expect(allocateMoney({ amount: 5, currency: "JPY" }, [0, 1]).map((m) => m.amount)).toEqual([0, 5]);
  });

  it("terminates on huge weights instead of looping on NaN", () => {
    const parts = allocateMoney({ amount: 1001, currency: "EUR" }, [1e308, 1e308]);
    expect(parts.map((m) => m.amount)).toEqual([501, 500]);
  });

  it.each([[[]], [[0, 0]], [[-1, 2]], [[Number.NaN]], [[Infinity, 1]]])("rejects weights %j", (ws) => {
    expect(() => allocateMoney({ amount: 100, currency: "EUR" }, ws)).toThrow(RangeError);
  });

  it("rejects a fractional total instead of spinning", () => {
    expect(() => allocateMoney({ amount: 10.5, currency: "EUR" }, [1, 1])).toThrow(RangeError);
  });
});

describe("decimal conversion", () => {
  it("moneyFromDecimal(moneyToDecimal(m)) === m for every currency exponent", () => {
    fc.assert(fc.property(money, (m) => {
      const text = moneyToDecimal(m);
      const exponent = currencyExponent(m.currency);
      if (exponent > 0) expect(text).toMatch(new RegExp(`^-?\\d+\\.\\d{${exponent}}$`));
      else expect(text).toMatch(/^-?\d+$/);
      expect(moneyFromDecimal(text, m.currency)).toEqual(m);
    }), { numRuns: 1000 });
  });

  it.each([
    ["19.99", "EUR", 1999], ["-0.01", "EUR", -1], ["7", "EUR", 700], [" 12.5 ", "EUR", 1250], ["19.990", "EUR", 1999],
    ["1500", "JPY", 1500], ["1500.00", "JPY", 1500], ["1.234", "KWD", 1234], ["0.001", "KWD", 1], ["-0.00", "EUR", 0],
  ] as const)("parses %j %s as %d minor units", (text, currency, amount) => {
    expect(moneyFromDecimal(text, currency)).toEqual({ amount, currency });
  });

  it.each([
    [0.1 + 0.2, "EUR", 30], [19.99, "EUR", 1999], [1.005 * 1000, "EUR", 100_500], [1500, "JPY", 1500], [1.234, "KWD", 1234],
  ] as const)("parses the number %d %s exactly despite float noise", (value, currency, amount) => {
    expect(moneyFromDecimal(value, currency)).toEqual({ amount, currency });
  });

  it.each([
    ["19.999", "EUR"], ["0.5", "JPY"], ["1.2345", "KWD"], [19.999, "EUR"], [0.5, "JPY"], [1.0001, "KWD"],
  ] as const)("rejects %j %s: too many decimals", (value, currency) => {
    expect(() => moneyFromDecimal(value, currency)).toThrow(/decimals/);
  });

  it.each(["1e3", "1,50", "", "abc", ".5", "+1", "0x10", "NaN"])("rejects the text %j", (text) => {
    expect(() => moneyFromDecimal(text, "EUR")).toThrow(RangeError);
  });

  it("rejects amounts beyond the safe integer range, non-finite numbers and unknown currencies", () => {
    expect(() => moneyFromDecimal("90071992547409.92", "EUR")).toThrow(/safe integer/);
    expect(() => moneyFromDecimal(Infinity, "EUR")).toThrow(RangeError);
    expect(() => moneyFromDecimal("1.00", "EURO")).toThrow(/ISO 4217/);
  });
});

describe("arithmetic", () => {
  const pair = fc.constantFrom(...currencies).chain((currency) =>
    fc.tuple(
      fc.record({ amount: fc.integer({ min: -1e12, max: 1e12 }), currency: fc.constant(currency) }),
      fc.record({ amount: fc.integer({ min: -1e12, max: 1e12 }), currency: fc.constant(currency) }),
    ));

  it("add and subtract are inverse and keep the currency", () => {
    fc.assert(fc.property(pair, ([a, b]) => {
      const sum = addMoney(a, b);
      expect(sum.currency).toBe(a.currency);
      expect(subtractMoney(sum, b)).toEqual(a);
      expect(addMoney(a, b)).toEqual(addMoney(b, a));
    }));
  });

  it("add/subtract with a currency mismatch throws", () => {
    fc.assert(fc.property(money, money, (a, b) => {
      fc.pre(a.currency !== b.currency);
      expect(() => addMoney(a, b)).toThrow(/currency mismatch/);
      expect(() => subtractMoney(a, b)).toThrow(/currency mismatch/);
    }));
  });

  it("multiplies by integer quantities only", () => {
    const unit: Money = { amount: 1999, currency: "EUR" };
    expect(multiplyMoney(unit, 3)).toEqual({ amount: 5997, currency: "EUR" });
    expect(() => multiplyMoney(unit, 1.5)).toThrow(RangeError);
  });

  it("moneySchema requires integer minor units", () => {
    expect(moneySchema.safeParse({ amount: 19.99, currency: "EUR" }).success).toBe(false);
    expect(moneySchema.safeParse({ amount: 2 ** 53, currency: "EUR" }).success).toBe(false);
    expect(moneySchema.parse({ amount: -5, currency: "JPY" })).toEqual({ amount: -5, currency: "JPY" });
  });
});
