import { describe, expect, it } from "vitest";
import { entitySchemas, type Customer } from "@omnibridge/core-model";
import { hubSpotBatchResponseSchema } from "../hubspot-api";
import upsert207 from "../__fixtures__/batch-upsert-207.json";
import { outcomesOf } from "../writes/hubspot-upsert";
import { fromCompany, fromCustomer } from "./from-customer";
import { fromOrder, fromOrderLines } from "./from-order";

const customer: Customer = entitySchemas.customer.parse({
  key: "C-2", updatedAt: "2026-01-01T00:00:00.000Z", type: "person", email: "New@Example.com", firstName: "Nia", lastName: "New", locale: "de-DE",
  customerNumber: "K2", consent: { email: "granted", sms: "denied", updatedAt: "2026-01-01T00:00:00.000Z", source: "shop" },
  lifetime: { orderCount: 2, revenue: { amount: 10_050, currency: "EUR" }, lastOrderAt: "2026-01-01T00:00:00.000Z" },
});

describe("fromCustomer", () => {
  it("upserts by lower-cased email, with lifetime figures as decimal properties and no consent by default", () => {
    const input = fromCustomer(customer, { idProperty: "email", writeConsent: false });
    expect(input).toEqual({
      id: "new@example.com", idProperty: "email", objectWriteTraceId: "C-2",
      properties: {
        email: "new@example.com", firstname: "Nia", lastname: "New", hs_language: "de-DE", omnibridge_customer_key: "C-2", omnibridge_customer_number: "K2",
        omnibridge_order_count: "2", omnibridge_revenue: "100.50", omnibridge_revenue_currency: "EUR", omnibridge_last_order_date: "2026-01-01T00:00:00.000Z",
      },
    });
  });

  it("sends consent only when writeConsent is set", () => {
    expect(fromCustomer(customer, { idProperty: "email", writeConsent: true }).properties).toMatchObject({
      omnibridge_email_consent: "granted", omnibridge_sms_consent: "denied", omnibridge_consent_source: "shop",
    });
  });

  it("can upsert by our own unique key, and fails naming email when upserting by email without one", () => {
    expect(fromCustomer({ ...customer, email: null }, { idProperty: "omnibridge_customer_key", writeConsent: false })).toMatchObject({ id: "C-2", idProperty: "omnibridge_customer_key" });
    expect(() => fromCustomer({ ...customer, email: null }, { idProperty: "email", writeConsent: false })).toThrow(expect.objectContaining({ field: "email" }));
  });
});

describe("fromCompany / fromOrder", () => {
  it("upserts companies by omnibridge_company_key", () => {
    const company = entitySchemas.company.parse({ key: "ACME", updatedAt: "2026-01-01T00:00:00.000Z", name: "Acme", domain: "acme.com" });
    expect(fromCompany(company)).toEqual({ id: "ACME", idProperty: "omnibridge_company_key", objectWriteTraceId: "ACME", properties: { name: "Acme", domain: "acme.com", omnibridge_company_key: "ACME" } });
  });

  it("maps an order to a deal and line items with decimal amounts", () => {
    const order = entitySchemas.order.parse({
      key: "ORD-1", updatedAt: "2026-01-01T00:00:00.000Z", number: "1001", channel: "store", status: "cancelled", currency: "JPY",
      lines: [{ lineKey: "1", sku: "S1", quantity: 3, unitPrice: { amount: 500, currency: "JPY" }, total: { amount: 1500, currency: "JPY" } }],
      subtotal: { amount: 1500, currency: "JPY" }, taxTotal: { amount: 150, currency: "JPY" }, total: { amount: 1650, currency: "JPY" }, placedAt: "2026-01-01T00:00:00.000Z",
    });
    expect(fromOrder(order).properties).toMatchObject({ dealname: "1001", amount: "1650", deal_currency_code: "JPY", dealstage: "closedlost", omnibridge_order_key: "ORD-1", omnibridge_channel: "store" });
    expect(fromOrderLines(order)).toEqual([{ id: "ORD-1/1", idProperty: "omnibridge_line_key", objectWriteTraceId: "ORD-1/1", properties: { name: "S1", hs_sku: "S1", quantity: "3", price: "500", amount: "1500", hs_line_item_currency_code: "JPY", omnibridge_line_key: "ORD-1/1" } }]);
  });
});

describe("outcomesOf (207 MULTI_STATUS)", () => {
  it("matches results by id property or objectWriteTraceId and errors by their context, per record", () => {
    const response = hubSpotBatchResponseSchema.parse(upsert207);
    const entries = ["jane.doe@example.com", "new@example.com", "bad@example.com", "lost@example.com"].map((email, i) => ({
      key: `C-${i + 1}`, input: { id: email, idProperty: "email", objectWriteTraceId: `C-${i + 1}`, properties: {} },
    }));
    expect(outcomesOf(entries, response)).toEqual([
      { key: "C-1", status: "updated", externalId: "901" },
      { key: "C-2", status: "created", externalId: "950" },
      { key: "C-3", status: "failed", issue: { recordKey: "C-3", field: "omnibridge_order_count", reason: "invalid", message: expect.stringContaining("not a valid number"), vendorCode: "INVALID_DECIMAL" } },
      { key: "C-4", status: "failed", issue: { recordKey: "C-4", reason: "protocol", message: "HubSpot returned no result for email lost@example.com" } },
    ]);
  });
});
