import { isCurrencyCode, type EntityInputOf, type Money, type OrderLine } from "@omnibridge/core-model";
import { MappingError } from "@omnibridge/connector-kit";
import type { HubSpotObject } from "../hubspot-api";
import { DEAL_PROPS, LINE_ITEM_PROPS } from "../hubspot-schema";
import { isKey, toIso, toMoney, toNumber } from "./hubspot-values";

/** What a deal's canonical form needs beyond the deal: its line items and associated parties. */
export interface OrderContext {
  system: string;
  lineItems: HubSpotObject[];
  customerKey?: string;
  companyKey?: string;
}

const CHANNELS = new Set(["web", "store", "marketplace", "edi", "b2b_portal", "phone"]);
const STATUSES = new Set(["draft", "pending", "confirmed", "fulfilled", "partially_fulfilled", "cancelled", "returned"]);
const PAYMENTS = new Set(["unpaid", "authorized", "paid", "refunded", "partially_refunded"]);
type OrderInput = EntityInputOf<"order">;

/** Canonical key of a deal: `omnibridge_order_key` once set, else `hubspot-deal-<id>`. */
export function dealKey(deal: HubSpotObject): string {
  const own = deal.properties[DEAL_PROPS.key];
  return isKey(own) ? own : `hubspot-deal-${deal.id}`;
}

/**
 * Status from our property, else from the default pipeline's closed stages.
 * https://knowledge.hubspot.com/object-settings/set-up-and-customize-pipelines
 */
function statusOf(deal: HubSpotObject): OrderInput["status"] {
  const own = deal.properties[DEAL_PROPS.status];
  if (own && STATUSES.has(own)) return own as OrderInput["status"];
  if (deal.properties.dealstage === "closedwon") return "confirmed";
  if (deal.properties.dealstage === "closedlost") return "cancelled";
  return "pending";
}

function toLine(item: HubSpotObject, index: number, currency: string): OrderLine {
  const p = item.properties;
  const field = (name: string) => `lines.${index}.${name}`;
  if (!p.hs_sku) throw new MappingError(field("sku"), `line item ${item.id} has no hs_sku`);
  const quantity = toNumber(p.quantity, field("quantity")) ?? 1;
  const unitPrice = toMoney(p.price, currency, field("unitPrice")) ?? { amount: 0, currency };
  const ownKey = p[LINE_ITEM_PROPS.key]?.split("/").at(-1);
  return {
    lineKey: isKey(ownKey) ? ownKey : `li-${item.id}`,
    sku: p.hs_sku,
    name: p.name || null,
    quantity,
    unitPrice,
    discount: toMoney(p[LINE_ITEM_PROPS.discount], currency, field("discount")) ?? null,
    tax: toMoney(p[LINE_ITEM_PROPS.tax], currency, field("tax")) ?? null,
    taxRate: toNumber(p.hs_tax_rate, field("taxRate")) ?? null,
    total: toMoney(p.amount, currency, field("total")) ?? { amount: Math.round(unitPrice.amount * quantity), currency },
  };
}

const sum = (values: Array<Money | null | undefined>, currency: string): Money => ({
  amount: values.reduce((total, m) => total + (m?.amount ?? 0), 0),
  currency,
});

/** HubSpot deal + line items → canonical order (pure); amounts become integer minor units. */
export function toOrder(deal: HubSpotObject, context: OrderContext): OrderInput {
  const p = deal.properties;
  const currency = p.deal_currency_code ?? "";
  if (!isCurrencyCode(currency)) throw new MappingError("currency", `deal_currency_code ${JSON.stringify(currency)} is not an ISO 4217 code`);
  const lines = context.lineItems.map((item, i) => toLine(item, i, currency));
  const subtotal = toMoney(p[DEAL_PROPS.subtotal], currency, "subtotal") ?? sum(lines.map((l) => l.total), currency);
  const taxTotal = toMoney(p[DEAL_PROPS.taxTotal], currency, "taxTotal") ?? sum(lines.map((l) => l.tax), currency);
  const shipping = toMoney(p[DEAL_PROPS.shipping], currency, "shipping") ?? null;
  const channel = p[DEAL_PROPS.channel];
  const payment = p[DEAL_PROPS.paymentStatus];
  return {
    key: dealKey(deal),
    externalIds: { [context.system]: deal.id },
    updatedAt: toIso(p.hs_lastmodifieddate) ?? toIso(deal.updatedAt) ?? "",
    number: p.dealname ?? "",
    // Deals a sales rep creates in HubSpot carry no channel: they are phone/field sales.
    channel: channel && CHANNELS.has(channel) ? (channel as OrderInput["channel"]) : "phone",
    status: statusOf(deal),
    paymentStatus: payment && PAYMENTS.has(payment) ? (payment as OrderInput["paymentStatus"]) : "unpaid",
    customerKey: context.customerKey ?? null,
    companyKey: context.companyKey ?? null,
    currency,
    lines,
    shipping,
    subtotal,
    taxTotal,
    total: toMoney(p.amount, currency, "total") ?? sum([subtotal, taxTotal, shipping], currency),
    placedAt: toIso(p.closedate) ?? toIso(deal.createdAt) ?? "",
  };
}
