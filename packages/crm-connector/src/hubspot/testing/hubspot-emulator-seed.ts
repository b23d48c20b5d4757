import type { Company, Customer, Order, Segment } from "@omnibridge/core-model";
import { moneyToDecimal } from "@omnibridge/core-model";
import { listNameOf } from "../mappers/to-segment";
import type { HubSpotStore } from "./hubspot-emulator-store";

const compact = (values: Record<string, string | null | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] != null && e[1] !== ""));

/**
 * The CRM's view of a world customer: contact data and consent, matched by e-mail. No ERP
 * customer numbers or lifetime figures (those arrive from the ERP); `linked` also sets our key,
 * as after a first sync.
 */
export function contactProperties(customer: Customer, linked: boolean): Record<string, string> {
  return compact({
    email: customer.email?.toLowerCase(), firstname: customer.firstName, lastname: customer.lastName, phone: customer.phone,
    hs_language: customer.locale?.toLowerCase(), omnibridge_customer_key: linked ? customer.key : null,
    omnibridge_email_consent: customer.consent.email, omnibridge_sms_consent: customer.consent.sms,
    omnibridge_consent_updated_at: customer.consent.updatedAt, omnibridge_consent_source: customer.consent.source,
    hs_email_optout: customer.consent.email === "denied" ? "true" : "false",
  });
}

/** The CRM's view of a world company. */
export function companyProperties(company: Company): Record<string, string> {
  return compact({ name: company.name, domain: company.domain, omnibridge_company_key: company.key });
}

/**
 * Seed companies (carrying `omnibridge_company_key`, the link set when the account was connected),
 * then contacts associated to their companies (primary 1/2, which imply 279/280). Returns key → id maps.
 */
export function seedParties(store: HubSpotStore, companies: Iterable<Company>, customers: Iterable<Customer>, linked = false) {
  const companyIds = new Map<string, string>();
  const contactIds = new Map<string, string>();
  for (const company of companies) companyIds.set(company.key, store.put("companies", undefined, companyProperties(company), company.updatedAt).id);
  for (const customer of customers) {
    const id = store.put("contacts", undefined, contactProperties(customer, linked), customer.updatedAt).id;
    contactIds.set(customer.key, id);
    const companyId = customer.companyKey ? companyIds.get(customer.companyKey) : undefined;
    // The contact's company is its primary one (type 1, which implies the unlabeled 279).
    if (companyId) store.associate("contacts", id, "companies", companyId, 1);
  }
  return { companyIds, contactIds };
}

/** Lists (MANUAL, named `<name> [<key>]`) from segments, with their members. */
export function seedLists(store: HubSpotStore, segments: Iterable<Segment>, contactIds: Map<string, string>): void {
  for (const segment of segments) {
    const list = store.createList(listNameOf(segment), "MANUAL", "0-1", segment.updatedAt);
    store.worldIds.set(`segment:${segment.key}`, list.listId);
    for (const key of segment.memberKeys) {
      const id = contactIds.get(key);
      if (id) list.members.add(id);
    }
  }
}

/** Deals with line items and associations, as the connector would have written them. */
export function seedDeals(store: HubSpotStore, orders: Iterable<Order>, parties: ReturnType<typeof seedParties>): void {
  for (const order of orders) {
    const deal = store.put("deals", undefined, compact({
      dealname: order.number, amount: moneyToDecimal(order.total), deal_currency_code: order.currency, closedate: order.placedAt,
      pipeline: "default", dealstage: order.status === "cancelled" ? "closedlost" : "closedwon", omnibridge_order_key: order.key,
      omnibridge_channel: order.channel, omnibridge_order_status: order.status, omnibridge_payment_status: order.paymentStatus,
      omnibridge_subtotal: moneyToDecimal(order.subtotal), omnibridge_tax_total: moneyToDecimal(order.taxTotal),
    }), order.updatedAt);
    for (const line of order.lines) {
      const item = store.put("line_items", undefined, compact({
        name: line.name, hs_sku: line.sku, quantity: String(line.quantity),
        price: moneyToDecimal(line.unitPrice), amount: moneyToDecimal(line.total),
        hs_line_item_currency_code: order.currency, omnibridge_line_key: `${order.key}/${line.lineKey}`,
      }), order.updatedAt);
      store.associate("deals", deal.id, "line_items", item.id, 19);
    }
    const contactId = order.customerKey ? parties.contactIds.get(order.customerKey) : undefined;
    const companyId = order.companyKey ? parties.companyIds.get(order.companyKey) : undefined;
    if (contactId) store.associate("deals", deal.id, "contacts", contactId, 3);
    if (companyId) store.associate("deals", deal.id, "companies", companyId, 5);
  }
}
