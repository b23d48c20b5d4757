import type { Customer, Order, Price, Product } from "@omnibridge/core-model";
import { shopwareIdFor } from "../shopware-ids";
import { DEFAULT_CURRENCY_ID, DEFAULT_LANGUAGE_ID, randomShopwareId, type ShopwareStore, type StoredRow } from "./shopware-emulator-store";

/** Ids the seeded shop uses: tax (19 %), the storefront sales channel and the two customer groups. */
export const SEED_IDS = {
  tax: "4926035368e34d9fa695e017d7a231b9",
  salesChannel: "98432def39fc4624b33213a56b8c944d",
  retailGroup: "cfbd5018d38d41d8adca10d94fc8bdd6",
  b2bGroup: shopwareIdFor("emulator", "customer_group", "b2b"),
  usd: "6b7ac3de7fd44f2c9d56a3b4b5b8f1a0",
} as const;

const state = (technicalName: string) => ({ id: randomShopwareId(), technicalName, name: technicalName });
const decimal = (amount: number) => amount / 100;

/** Base data every shop has: currencies, tax, customer groups, sales channel. */
export function seedBase(store: ShopwareStore): void {
  store.write("currency", { id: DEFAULT_CURRENCY_ID, isoCode: "EUR", factor: 1 });
  store.write("currency", { id: SEED_IDS.usd, isoCode: "USD", factor: 1.1 });
  store.write("tax", { id: SEED_IDS.tax, name: "Standard rate", taxRate: 19 });
  store.write("customer_group", { id: SEED_IDS.retailGroup, name: "Standard customer group", displayGross: true });
  store.write("customer_group", { id: SEED_IDS.b2bGroup, name: "B2B", displayGross: false });
  store.write("sales_channel", { id: SEED_IDS.salesChannel, name: "Storefront", languageId: DEFAULT_LANGUAGE_ID, currencyId: DEFAULT_CURRENCY_ID });
}

/** A canonical product as Shopware rows: parent (or simple) product, variant children, their property options. */
export function seedProduct(store: ShopwareStore, product: Product, retail: ReadonlyMap<string, number>, updated: boolean): void {
  const id = store.worldIds.get(`product:${product.key}`) ?? randomShopwareId();
  store.worldIds.set(`product:${product.key}`, id);
  const gross = retail.get(product.key) ?? retail.get(product.variants[0]?.sku ?? "") ?? 0;
  const net = Math.round(gross / 1.19) / 100;
  store.write("product", {
    id, parentId: null, productNumber: product.key, name: product.name.en ?? Object.values(product.name)[0],
    description: product.description.en ?? null,
    active: product.status === "active", ean: product.gtin ?? null, stock: 0, taxId: SEED_IDS.tax, weight: product.weight?.value ?? null,
    price: [{ currencyId: DEFAULT_CURRENCY_ID, gross: decimal(gross), net, linked: true }], customFields: null,
    _visibilities: [{ id: randomShopwareId(), salesChannelId: SEED_IDS.salesChannel, visibility: 30 }],
  });
  for (const variant of product.variants) {
    const optionIds = Object.entries(variant.optionValues).map(([axis, value]) => {
      const groupId = shopwareIdFor("emulator", "property_group", axis);
      const optionId = shopwareIdFor("emulator", "property_group_option", `${axis}:${value}`);
      if (!store.get("property_group", groupId)) store.write("property_group", { id: groupId, name: axis });
      if (!store.get("property_group_option", optionId)) store.write("property_group_option", { id: optionId, groupId, name: value });
      return optionId;
    });
    const childId = store.worldIds.get(`product:${variant.sku}`) ?? randomShopwareId();
    store.worldIds.set(`product:${variant.sku}`, childId);
    store.write("product", {
      id: childId, parentId: id, productNumber: variant.sku, name: null, active: variant.status === "active", ean: variant.gtin ?? null,
      stock: 0, optionIds, price: null, taxId: null,
    });
  }
  if (updated) store.write("product", { id });
}

/** Retail EUR gross prices by SKU (prices of the world's list without customer group in EUR). */
export function retailPrices(prices: Iterable<Price>): Map<string, number> {
  const out = new Map<string, number>();
  for (const price of prices) if (price.priceListKey === "retail-eur" && !price.customerKey) out.set(price.sku, price.price.amount);
  return out;
}

/** A canonical customer as a Shopware customer with its group and default address. */
export function seedCustomer(store: ShopwareStore, customer: Customer, updated: boolean): void {
  const id = randomShopwareId();
  store.worldIds.set(`customer:${customer.key}`, id);
  const address = customer.addresses[0];
  const row: StoredRow = {
    id, customerNumber: customer.key, email: customer.email ?? null, firstName: customer.firstName ?? "", lastName: customer.lastName,
    company: customer.type === "contact" ? (customer.companyKey ?? "Company") : null, accountType: customer.type === "contact" ? "business" : "private",
    groupId: customer.customerGroup === "b2b" ? SEED_IDS.b2bGroup : SEED_IDS.retailGroup, salesChannelId: SEED_IDS.salesChannel, active: true,
    _language: { id: DEFAULT_LANGUAGE_ID, _locale: { code: customer.locale ?? "en-GB" } },
    _defaultBillingAddress: address ? { id: randomShopwareId(), street: address.street, city: address.city,
      zipcode: address.postalCode ?? null, _country: { iso: address.countryCode } } : null,
  };
  row._defaultShippingAddress = row._defaultBillingAddress;
  store.write("customer", row);
  if (updated) store.write("customer", { id });
}

const DELIVERY_OF: Record<string, string> = { fulfilled: "shipped", partially_fulfilled: "shipped_partially", returned: "returned", cancelled: "cancelled" };
const ORDER_OF: Record<string, string> = { draft: "open", pending: "open", confirmed: "in_progress", partially_fulfilled: "in_progress", fulfilled: "completed", returned: "completed", cancelled: "cancelled" };
const PAYMENT_OF: Record<string, string> = { unpaid: "open", authorized: "authorized", paid: "paid", refunded: "refunded", partially_refunded: "refunded_partially" };

/**
 * Place a canonical order in the shop as Shopware stores one: line items, one delivery, one transaction.
 * A promoted order is stored as Shopware's cart makes it: product line items at their full price
 * (the canonical line discount added back) and one `promotion` line item per discount with a negative
 * price, `referencedId` = the promotion code and `payload.code` (Shopware's PromotionProcessor), whose
 * calculated taxes take the promotion's share of the tax off. positionPrice stays after promotions.
 */
export function placeShopwareOrder(store: ShopwareStore, order: Order): StoredRow {
  const id = randomShopwareId();
  store.worldIds.set(`order:${order.number}`, id);
  const promoted = order.discounts.length > 0;
  const lineItems = order.lines.map((line, i) => {
    const total = promoted ? line.total.amount + (line.discount?.amount ?? 0) : line.total.amount;
    const rate = line.taxRate ?? 0.19;
    const tax = line.tax ? (promoted ? Math.round(total * rate) : line.tax.amount) : null;
    return {
      id: randomShopwareId(), type: "product", label: line.name ?? line.sku, quantity: line.quantity, position: i + 1,
      unitPrice: decimal(line.unitPrice.amount), totalPrice: decimal(total), referencedId: store.worldIds.get(`product:${line.sku}`) ?? null,
      payload: { productNumber: line.sku },
      price: { unitPrice: decimal(line.unitPrice.amount), totalPrice: decimal(total), calculatedTaxes: tax != null ?
        [{ tax: decimal(tax), taxRate: rate * 100, price: decimal(total) }] :
        [], taxRules: [{ taxRate: rate * 100, percentage: 100 }] },
    };
  });
  const productTax = lineItems.reduce((acc, item) => acc + Math.round((item.price.calculatedTaxes[0]?.tax ?? 0) * 100), 0);
  const lineTax = order.lines.reduce((acc, line) => acc + (line.tax?.amount ?? 0), 0);
  const promotionItems = promotionLineItems(order, lineItems.length, lineTax - productTax);
  const row: StoredRow = {
    id, orderNumber: order.number, orderDateTime: order.placedAt, salesChannelId: SEED_IDS.salesChannel,
    amountTotal: decimal(order.total.amount), amountNet: decimal(order.total.amount - order.taxTotal.amount),
    positionPrice: decimal(order.subtotal.amount),
    shippingTotal: order.shipping ? decimal(order.shipping.amount) : 0, taxStatus: "gross",
    // Click & collect: the storefront's pickup choice lands in the order custom field the connector reads (its default name).
    customFields: order.pickupLocationKey ? { omnibridge_pickup_location: order.pickupLocationKey } : null,
    _currency: { id: order.currency === "EUR" ? DEFAULT_CURRENCY_ID : SEED_IDS.usd, isoCode: order.currency },
    _state: state(ORDER_OF[order.status] ?? "open"),
    _orderCustomer: { id: randomShopwareId(), customerNumber: order.customerKey ?? null, email: null },
    _lineItems: [...lineItems, ...promotionItems],
    _deliveries: [{
      id: randomShopwareId(), trackingCodes: [], _state: state(DELIVERY_OF[order.status] ?? "open"), shippingDateEarliest: order.placedAt,
      _shippingMethod: { id: randomShopwareId(), name: "Standard", trackingUrl: "https://tracking.example.com/?code=%s" },
      _positions: lineItems.map((item) => ({ id: randomShopwareId(), orderLineItemId: item.id, quantity: item.quantity })),
    }],
    _transactions: [{ id: randomShopwareId(), createdAt: order.placedAt, _state: state(PAYMENT_OF[order.paymentStatus] ?? "open") }],
  };
  return store.write("order", row);
}

/** One `promotion` line item per canonical discount; the tax difference of the full-price lines is spread over them. */
function promotionLineItems(order: Order, offset: number, taxDelta: number): Array<Record<string, unknown>> {
  const rate = (order.lines[0]?.taxRate ?? 0.19) * 100;
  const total = order.discounts.reduce((acc, d) => acc + d.amount.amount, 0);
  let taxLeft = taxDelta;
  return order.discounts.map((discount, i) => {
    const tax = i === order.discounts.length - 1 ? taxLeft : Math.round((taxDelta * discount.amount.amount) / (total || 1));
    taxLeft -= tax;
    const price = decimal(-discount.amount.amount);
    const code = discount.code ?? null;
    return {
      id: randomShopwareId(), type: "promotion", label: code ? `Promotion ${code}` : "Promotion", quantity: 1, position: offset + i + 1,
      unitPrice: price, totalPrice: price, referencedId: code, good: false,
      payload: { code: code ?? "", promotionId: discount.promotionKey ?? null, discountType: "absolute", value: String(-price) },
      price: {
        unitPrice: price, totalPrice: price, calculatedTaxes: [{ tax: decimal(tax), taxRate: rate, price }],
        taxRules: [{ taxRate: rate, percentage: 100 }],
      },
    };
  });
}
