import { describe, expect, it } from "vitest";
import { mapRecords } from "@omnibridge/connector-kit";
import { entitySchemas } from "@omnibridge/core-model";
import { hubSpotBatchResponseSchema, hubSpotListSearchSchema, hubSpotObjectSchema, hubSpotSearchResponseSchema } from "../hubspot-api";
import contactsJson from "../__fixtures__/contacts-search.json";
import companiesJson from "../__fixtures__/companies-batch-read.json";
import dealJson from "../__fixtures__/deal-with-line-items.json";
import listsJson from "../__fixtures__/lists-search.json";
import { toCompany } from "./to-company";
import { toCustomer } from "./to-customer";
import { toOrder } from "./to-order";
import { toSegment } from "./to-segment";

const contacts = hubSpotSearchResponseSchema.parse(contactsJson).results;
const companies = hubSpotBatchResponseSchema.parse(companiesJson).results;

describe("toCustomer", () => {
  it("maps a contact with our properties to a schema-valid customer", () => {
    const customer = entitySchemas.customer.parse(toCustomer(contacts[0]!, { system: "hubspot", companyKey: "ACME", segments: ["vip-customers"] }));
    expect(customer).toMatchObject({
      key: "C-10001", externalIds: { hubspot: "901" }, updatedAt: "2026-01-12T08:00:01.123Z", type: "contact", email: "jane.doe@example.com",
      firstName: "Jane", lastName: "Doe", phone: "+49 30 1234567", locale: "de-DE", customerNumber: "K10001", companyKey: "ACME", segments: ["vip-customers"],
      consent: { email: "granted", sms: "unknown", updatedAt: "2025-01-12T08:00:00.000Z", source: "double-opt-in" },
      lifetime: { orderCount: 3, revenue: { amount: 24_990, currency: "EUR" }, lastOrderAt: "2026-01-10T00:00:00.000Z" },
    });
  });

  it("falls back to a hubspot key when the e-mail is not a valid key, reads ms timestamps, and treats hs_email_optout as a denial", () => {
    const customer = entitySchemas.customer.parse(toCustomer(contacts[1]!, { system: "hubspot" }));
    expect(customer).toMatchObject({ key: "hubspot-contact-902", type: "person", updatedAt: "2026-01-12T08:00:01.456Z", firstName: null, consent: { email: "denied" }, lifetime: null });
  });

  it("reports a bad lifetime amount as a per-record issue naming the field; the other records still map", () => {
    const { items, issues } = mapRecords("customer", contacts, (c) => toCustomer(c, { system: "hubspot" }), (c) => `hubspot-contact-${c.id}`);
    expect(items).toHaveLength(2);
    expect(issues).toEqual([{ recordKey: "hubspot-contact-903", field: "lifetime.revenue", reason: "invalid", message: expect.stringContaining("decimals") }]);
  });
});

describe("toCompany", () => {
  it("maps companies with and without our key", () => {
    const [acme, unlinked] = companies.map((c) => entitySchemas.company.parse(toCompany(c, { system: "hubspot", contactKeys: ["C-10001"] })));
    expect(acme).toMatchObject({ key: "ACME", name: "Acme", domain: "acme.com", vatId: "DE123456789", contactKeys: ["C-10001"], updatedAt: "2024-05-01T08:00:01.123Z" });
    expect(unlinked).toMatchObject({ key: "hubspot-company-513", domain: null, lifetime: null });
  });
});

describe("toOrder", () => {
  const deal = hubSpotObjectSchema.parse(dealJson.deal);
  const lineItems = dealJson.lineItems.map((l) => hubSpotObjectSchema.parse(l));

  it("maps a deal and its line items to an order in integer minor units", () => {
    const order = entitySchemas.order.parse(toOrder(deal, { system: "hubspot", lineItems, customerKey: "C-10001", companyKey: "ACME" }));
    expect(order).toMatchObject({
      key: "ORD-100045", number: "100045", channel: "web", status: "fulfilled", paymentStatus: "paid", currency: "EUR",
      total: { amount: 5_231, currency: "EUR" }, subtotal: { amount: 4_396, currency: "EUR" }, taxTotal: { amount: 835, currency: "EUR" },
      placedAt: "2026-01-05T14:30:00.000Z", customerKey: "C-10001", companyKey: "ACME",
    });
    expect(order.lines).toEqual([
      { lineKey: "1", sku: "CHAIR-OAK", name: "Oak chair", quantity: 2, unitPrice: { amount: 1_999, currency: "EUR" }, discount: null, tax: { amount: 760, currency: "EUR" }, taxRate: 0.19, total: { amount: 3_998, currency: "EUR" } },
      { lineKey: "li-8002", sku: "PAD-FELT", name: "Felt pad", quantity: 1, unitPrice: { amount: 398, currency: "EUR" }, discount: null, tax: null, taxRate: null, total: { amount: 398, currency: "EUR" } },
    ]);
  });

  it("names the currency field when a deal's currency is not ISO 4217", () => {
    const bad = hubSpotObjectSchema.parse(dealJson.badDeal);
    const { items, issues } = mapRecords("order", [bad], (d) => toOrder(d, { system: "hubspot", lineItems: [] }), (d) => d.id);
    expect(items).toEqual([]);
    expect(issues[0]).toMatchObject({ recordKey: "7002", field: "currency" });
  });

  it("names the line when a line item has no SKU", () => {
    const secondLine = dealJson.lineItems[1]!;
    const noSku = hubSpotObjectSchema.parse({ ...secondLine, properties: { ...secondLine.properties, hs_sku: null } });
    const { issues } = mapRecords("order", [deal], (d) => toOrder(d, { system: "hubspot", lineItems: [lineItems[0]!, noSku] }), (d) => d.id);
    expect(issues[0]).toMatchObject({ recordKey: "7001", field: "lines.1.sku" });
  });
});

describe("toSegment", () => {
  it("maps lists to segments keyed by the slug of their name", () => {
    const lists = hubSpotListSearchSchema.parse(listsJson).lists;
    const segments = lists.map((l) => entitySchemas.segment.parse(toSegment(l, { system: "hubspot", memberKeys: ["C-10001"] })));
    expect(segments.map((s) => [s.key, s.name, s.externalIds.hubspot, s.updatedAt])).toEqual([
      ["vip-customers", "VIP customers", "12", "2026-01-02T03:04:05.000Z"],
      ["fruh-kaufer-2026", "Früh-Käufer 2026!", "13", "2025-12-24T00:00:00.000Z"],
    ]);
  });
});
