import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mapRecords } from "@omnibridge/connector-kit";
import { companySchema, customerSchema, orderSchema } from "@omnibridge/core-model";
import { odooCategorySchema, odooPartnerSchema, odooPricelistSchema, odooQuantSchema, odooSaleOrderLineSchema, odooSaleOrderSchema, odooWarehouseSchema } from "../odoo-api";
import partnerRows from "../__fixtures__/res-partner.json";
import quantRows from "../__fixtures__/stock-quant.json";
import saleRows from "../__fixtures__/sale-order.json";
import { toCategory, toLocation, toPriceList, type KeyLookup } from "./to-catalog";
import { toOrder, type OrderMapContext } from "./to-order";
import { splitName, toCompany, toCustomer, type PartnerMapContext } from "./to-party";
import { toStockLevel } from "./to-stock-level";

const lookup: KeyLookup = { system: "odoo", locale: "en", keyOf: (model, id) => `${model === "stock.warehouse" ? "WH" : model === "product.pricelist" ? "PL" : "CAT"}-${id}` };

describe("stock levels from quants", () => {
  const quants = z.array(odooQuantSchema).parse(quantRows);
  it("sums quants of a SKU across sub-locations of a warehouse: onHand, reserved, available", () => {
    const level = toStockLevel({ sku: "FURN_0001", productId: 101, locationKey: "WH-1", quants: quants.slice(0, 2) }, "odoo");
    expect(level).toMatchObject({ key: "FURN_0001@WH-1", onHand: 15, reserved: 2, available: 13, incoming: 0, updatedAt: "2024-05-03T11:00:00.000Z", externalIds: { odoo: "501,502" } });
  });
  it("negative stock is a per-record issue naming onHand; a product without SKU names sku", () => {
    const mapped = mapRecords("stockLevel", [
      { sku: "TSHIRT-RED-M", productId: 102, locationKey: "WH-1", quants: quants.slice(2) },
      { sku: null, productId: 104, locationKey: "WH-1", quants: quants.slice(0, 1) },
      { sku: "FURN_0001", productId: 101, locationKey: "WH-1", quants: quants.slice(0, 1) },
    ], (g) => toStockLevel(g, "odoo"), (g) => `product.product:${g.productId}@${g.locationKey}`);
    expect(mapped.items.map((i) => i.key)).toEqual(["FURN_0001@WH-1"]);
    expect(mapped.issues.map((i) => [i.recordKey, i.field])).toEqual([["TSHIRT-RED-M@WH-1", "onHand"], ["product.product:104@WH-1", "sku"]]);
  });
});

describe("partners", () => {
  const partners = z.array(odooPartnerSchema).parse(partnerRows);
  const keys = new Map(partners.map((p) => [p.id, p.ref ?? `odoo:res.partner:${p.id}`]));
  const context: PartnerMapContext = { system: "odoo", keyOf: (id) => keys.get(id) ?? null, priceListKey: (id) => `PL-${id}` };
  it("company: ref is key and customer number; contacts by ref; website → domain; pricelist", () => {
    const company = companySchema.parse(toCompany(partners[0]!, context));
    expect(company).toMatchObject({ key: "B-00001", customerNumber: "B-00001", vatId: "BE0477472701", domain: "www.deco-addict.com", priceListKey: "PL-3", contactKeys: ["C-000101"] });
    expect(company.addresses[0]).toMatchObject({ street: "77 Santa Barbara Rd", postalCode: "94523", countryCode: "US", street2: null });
  });
  it("contact of a company and a B2C person; lang → locale; name split", () => {
    expect(customerSchema.parse(toCustomer(partners[1]!, context))).toMatchObject({ key: "C-000101", type: "contact", companyKey: "B-00001", firstName: "Douglas", lastName: "Fletcher", locale: "de-DE", addresses: [] });
    expect(customerSchema.parse(toCustomer(partners[2]!, context))).toMatchObject({ type: "person", firstName: "Anna Maria", lastName: "Schmidt", companyKey: null });
    expect(splitName("Cher")).toEqual({ firstName: null, lastName: "Cher" });
  });
  it("a partner without ref flows, keyed by its id (`odoo:res.partner:<id>`), with no customer number", () => {
    const mapped = mapRecords("customer", partners.slice(1), (p) => toCustomer(p, context), (p) => `res.partner:${p.id}`);
    expect(mapped.issues).toEqual([]);
    expect(mapped.items.map((c) => [c.key, c.customerNumber ?? null])).toEqual([["C-000101", "C-000101"], ["C-000007", "C-000007"], ["odoo:res.partner:31", null]]);
  });
  it("a contact of a company without ref points at the company's id key; an unreadable company is an issue on companyKey", () => {
    const contact = { ...partners[1]!, parent_id: { id: 77, name: "No Ref GmbH" } };
    expect(toCustomer(contact, { ...context, keyOf: (id) => (id === 77 ? "odoo:res.partner:77" : null) }).companyKey).toBe("odoo:res.partner:77");
    expect(() => toCustomer(contact, context)).toThrow(/res.partner 77 is not readable/);
  });
});

describe("sale orders", () => {
  const orders = z.array(odooSaleOrderSchema).parse(saleRows.orders);
  const lines = z.array(odooSaleOrderLineSchema).parse(saleRows.lines);
  const context: OrderMapContext = {
    system: "odoo", skuOf: (id) => ({ 102: "TSHIRT-RED-M", 900: "SHIPPING" })[id] ?? null, taxRate: (id) => (id === 1 ? 0.19 : undefined),
    partnerOf: (id) => ({ 20: { ref: "C-000101", isCompany: false, companyRef: "B-00001" }, 30: { ref: "C-000007", isCompany: false, companyRef: null } })[id],
    warehouseOf: (id) => (id === 3 ? { key: "ST-BERLIN", store: true } : { key: "WH-DE-01", store: false }),
    pickingsOf: () => [], movesOf: () => [], locationOfType: () => undefined,
  };
  it("maps state, lines (sections/notes skipped, delivery → shipping) and exact minor-unit amounts", () => {
    const order = orderSchema.parse(toOrder(orders[0]!, lines.filter((l) => l.order_id?.id === 7), context));
    expect(order).toMatchObject({
      key: "WEB-10001", number: "WEB-10001", channel: "web", status: "fulfilled", customerKey: "C-000101", companyKey: "B-00001", currency: "EUR",
      subtotal: { amount: 8996, currency: "EUR" }, shipping: { amount: 499, currency: "EUR" }, taxTotal: { amount: 1710, currency: "EUR" },
      total: { amount: 11_205, currency: "EUR" }, placedAt: "2024-05-02T09:10:00.000Z",
      // A web order served from a store warehouse is click & collect; only store-channel orders carry storeKey.
      storeKey: null, pickupLocationKey: "ST-BERLIN", shipments: [],
    });
    expect(order.lines).toEqual([{
      lineKey: "WEB-10001-1", sku: "TSHIRT-RED-M", name: "T-shirt (Red, M)", quantity: 5, unitPrice: { amount: 1999, currency: "EUR" },
      discount: { amount: 999, currency: "EUR" }, tax: { amount: 1709, currency: "EUR" }, taxRate: 0.19, total: { amount: 8996, currency: "EUR" },
    }]);
  });
  it("an order line whose product has no SKU fails that order only, naming the line field", () => {
    const mapped = mapRecords("order", orders, (o) => toOrder(o, lines.filter((l) => l.order_id?.id === o.id), context), (o) => `sale.order:${o.id}`);
    expect(mapped.items.map((o) => o.key)).toEqual(["WEB-10001"]);
    expect(mapped.issues).toEqual([{ recordKey: "sale.order:8", field: "lines.0.sku", reason: "invalid", message: expect.stringContaining("product 104 has no default_code") }]);
  });
  it("an amount with more decimals than the currency allows is reported, never rounded away", () => {
    const bad = { ...orders[0]!, amount_total: 112.055 };
    const mapped = mapRecords("order", [bad], (o) => toOrder(o, lines.filter((l) => l.order_id?.id === 7), context), () => "sale.order:7");
    expect(mapped.issues[0]).toMatchObject({ field: "total", message: expect.stringContaining("not an exact EUR amount") });
  });
});

describe("categories, pricelists, warehouses", () => {
  it("maps product.category with parent, product.pricelist currency from the many2one name, store warehouses", () => {
    const category = odooCategorySchema.parse({ id: 8, name: "Apparel", parent_id: [5, "All"], complete_name: "All / Apparel", write_date: "2024-05-02 09:14:03" });
    expect(toCategory(category, lookup)).toMatchObject({ key: "CAT-8", parentKey: "CAT-5", name: { en: "Apparel" } });
    const list = odooPricelistSchema.parse({ id: 2, name: "B2B EUR", currency_id: [1, "EUR"], active: true, item_ids: [2, 3], write_date: "2024-05-02 09:14:03" });
    expect(toPriceList(list, lookup)).toMatchObject({ key: "PL-2", currency: "EUR", taxMode: "net" });
    const store = odooWarehouseSchema.parse({ id: 3, name: "Store Berlin", code: "ST1", lot_stock_id: [12, "ST1/Stock"], partner_id: false, x_location_type: "store", x_click_and_collect: true, x_country_code: "DE", write_date: "2024-05-02 09:14:03" });
    expect(toLocation(store, lookup)).toMatchObject({ key: "WH-3", type: "store", clickAndCollect: true, countryCode: "DE" });
    const plain = odooWarehouseSchema.parse({ id: 1, name: "WH", code: "WH", lot_stock_id: [11, "WH/Stock"], partner_id: [1, "My Company"], write_date: "2024-05-02 09:14:03" });
    expect(toLocation(plain, lookup)).toMatchObject({ type: "warehouse", clickAndCollect: false, countryCode: null });
  });
});
