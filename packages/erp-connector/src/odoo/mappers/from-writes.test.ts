import { describe, expect, it } from "vitest";
import { companySchema, customerSchema, orderSchema } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import { fromCompany, fromCustomer, langOf, type PartnerWriteContext } from "./from-partner";
import { fromOrder, type OrderWriteContext } from "./from-order";

const partnerContext: PartnerWriteContext = { countryId: (code) => ({ DE: 57, US: 233 })[code], companyId: (ref) => (ref === "B-00001" ? 9 : undefined), pricelistId: (key) => (key === "b2b-eur" ? 2 : undefined) };
const address = { type: "both" as const, street: "Unter den Linden 1", city: "Berlin", postalCode: "10117", countryCode: "DE" };

describe("partner writes", () => {
  it("company → res.partner vals with ref, vat, country_id and pricelist", () => {
    const company = companySchema.parse({ key: "B-00002", updatedAt: "2026-01-01T00:00:00Z", name: "Acme GmbH", vatId: "DE123456789", customerNumber: "B-00002", priceListKey: "b2b-eur", addresses: [address] });
    expect(fromCompany(company, partnerContext)).toEqual({
      name: "Acme GmbH", is_company: true, ref: "B-00002", vat: "DE123456789", website: false, property_product_pricelist: 2,
      street: "Unter den Linden 1", street2: false, zip: "10117", city: "Berlin", country_id: 57,
    });
  });
  it("contact → parent_id by company ref; unknown company or country are mapping errors naming the field", () => {
    const contact = customerSchema.parse({ key: "C-9", updatedAt: "2026-01-01T00:00:00Z", type: "contact", firstName: "Ada", lastName: "Lovelace", companyKey: "B-00001", locale: "de-DE" });
    expect(fromCustomer(contact, partnerContext)).toMatchObject({ name: "Ada Lovelace", parent_id: 9, ref: "C-9", lang: "de_DE", is_company: false });
    expect(() => fromCustomer({ ...contact, companyKey: "B-404" }, partnerContext)).toThrow(MappingError);
    expect(() => fromCustomer({ ...contact, companyKey: null, addresses: [{ ...address, countryCode: "ZZ" }] }, partnerContext)).toThrow(/countryCode|ZZ/);
    expect([langOf("en"), langOf("fr"), langOf(null)]).toEqual(["en_US", "fr_FR", false]);
  });
});

describe("order writes", () => {
  const context: OrderWriteContext = {
    productId: (sku) => ({ "SKU-1": 11, SHIPPING: 99 })[sku], partnerId: (ref) => (ref === "C-1" ? 5 : undefined), anonymousPartnerId: 4,
    taxId: (rate) => (rate === 0.19 ? 1 : undefined), warehouseId: (key) => (key === "ST-BERLIN" ? 3 : undefined), pricelistId: (c) => (c === "EUR" ? 1 : undefined), shippingProductId: 99,
    discountProductId: 98,
  };
  const money = (amount: number) => ({ amount, currency: "EUR" });
  const order = orderSchema.parse({
    key: "WEB-1", updatedAt: "2026-01-01T00:00:00Z", number: "WEB-1", channel: "web", status: "confirmed", customerKey: "C-1", currency: "EUR",
    lines: [{ lineKey: "WEB-1-1", sku: "SKU-1", quantity: 3, unitPrice: money(1999), discount: money(600), tax: money(1025), taxRate: 0.19, total: money(5397) }],
    shipping: money(495), subtotal: money(5397), taxTotal: money(1025), total: money(6917), placedAt: "2026-01-01T10:00:00+01:00",
  });
  it("sale.order vals: client_order_ref = number, (0,0,vals) lines with discount %, tax (6,0,ids), delivery line, UTC date", () => {
    expect(fromOrder(order, context)).toEqual({
      client_order_ref: "WEB-1", origin: "web", partner_id: 5, pricelist_id: 1, date_order: "2026-01-01 09:00:00",
      order_line: [
        [0, 0, { product_id: 11, name: "SKU-1", product_uom_qty: 3, price_unit: 19.99, discount: 10.01, tax_id: [[6, 0, [1]]], sequence: 10 }],
        [0, 0, { product_id: 99, name: "Shipping", product_uom_qty: 1, price_unit: 4.95, discount: 0, tax_id: [[6, 0, []]], is_delivery: true, sequence: 999 }],
      ],
    });
  });
  it("an order-level promotion becomes a negative discount-product line with the lines' taxes and the code in its name", () => {
    // Shopware shape: undiscounted lines, the promotion beside them (10 % of 59.97 = 6.00).
    const promoted = { ...order, lines: [{ ...order.lines[0]!, discount: null, total: money(5997) }], discounts: [{ code: "SPRING10", amount: money(600) }] };
    expect((fromOrder(promoted, context).order_line as unknown[]).slice(1, 2)).toEqual([
      [0, 0, { product_id: 98, name: "Promotion SPRING10", product_uom_qty: 1, price_unit: -6, discount: 0, tax_id: [[6, 0, [1]]], sequence: 900 }],
    ]);
    // Medusa / world shape: the order-level discount restates the line discount, so no second discount is written.
    expect((fromOrder({ ...order, discounts: [{ code: "SPRING10", amount: money(600) }] }, context).order_line as unknown[])).toHaveLength(2);
    expect(() => fromOrder(promoted, { ...context, discountProductId: undefined })).toThrow(/discount product/);
  });
  it("a line discount no 0.01 % step hits exactly is written so Odoo's subtotal equals the channel's (cent difference on a rounding line)", () => {
    // 3 × 41.15 = 123.45, 10 % = 12.35 (half up) → net 111.10 (not divisible by 3); 10.00 % gives Odoo 111.105 → 111.11, 10.01 % 111.09.
    const line = { ...order.lines[0]!, quantity: 3, unitPrice: money(4115), discount: money(1235), total: money(11_110) };
    const vals = fromOrder({ ...order, lines: [line] }, context).order_line as Array<[0, 0, Record<string, number>]>;
    const subtotal = (v: Record<string, number>) => Math.round(v.price_unit! * 100 * (1 - v.discount! / 100) * v.product_uom_qty!);
    expect(vals.filter(([, , v]) => v.product_id !== 99).reduce((a, [, , v]) => a + subtotal(v), 0)).toBe(11_110);
    expect(vals[1]![2]).toMatchObject({ product_id: 98, name: "Line discount rounding", tax_id: [[6, 0, [1]]] });
  });
  it("unknown SKU, tax rate, store or currency fail the order naming the field", () => {
    const fieldOf = (fn: () => unknown) => { try { fn(); } catch (error) { return (error as MappingError).field; } return undefined; };
    expect(fieldOf(() => fromOrder({ ...order, lines: [{ ...order.lines[0]!, sku: "NOPE" }] }, context))).toBe("lines.0.sku");
    expect(fieldOf(() => fromOrder({ ...order, lines: [{ ...order.lines[0]!, taxRate: 0.07 }] }, context))).toBe("lines.0.taxRate");
    expect(fieldOf(() => fromOrder({ ...order, storeKey: "ST-X" }, context))).toBe("storeKey");
    expect(fieldOf(() => fromOrder({ ...order, customerKey: "C-404" }, context))).toBe("customerKey");
    expect(fromOrder({ ...order, customerKey: null }, context).partner_id).toBe(4);
  });
});
