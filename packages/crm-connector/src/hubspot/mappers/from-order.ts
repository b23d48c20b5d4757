import type { Order, OrderLine } from "@omnibridge/core-model";
import type { HubSpotUpsertInput } from "../hubspot-client";
import { DEAL_PROPS, LINE_ITEM_PROPS } from "../hubspot-schema";
import { toDecimal } from "./hubspot-values";

/** Default sales pipeline stages. https://knowledge.hubspot.com/object-settings/set-up-and-customize-pipelines */
function dealStage(status: Order["status"]): string {
  if (status === "cancelled" || status === "returned") return "closedlost";
  if (status === "draft" || status === "pending") return "contractsent";
  return "closedwon";
}

/** Unique line item key: `<orderKey>/<lineKey>` (an idempotent upsert id). */
export function lineItemKey(order: Order, line: OrderLine): string {
  return `${order.key}/${line.lineKey}`;
}

/** Canonical order → deal upsert by the unique `omnibridge_order_key` (pure). */
export function fromOrder(order: Order): HubSpotUpsertInput {
  const properties: Record<string, string> = {
    dealname: order.number,
    amount: toDecimal(order.total),
    deal_currency_code: order.currency,
    closedate: order.placedAt,
    pipeline: "default",
    dealstage: dealStage(order.status),
    [DEAL_PROPS.key]: order.key,
    [DEAL_PROPS.channel]: order.channel,
    [DEAL_PROPS.status]: order.status,
    [DEAL_PROPS.paymentStatus]: order.paymentStatus,
    [DEAL_PROPS.subtotal]: toDecimal(order.subtotal),
    [DEAL_PROPS.taxTotal]: toDecimal(order.taxTotal),
  };
  if (order.shipping) properties[DEAL_PROPS.shipping] = toDecimal(order.shipping);
  return { id: order.key, idProperty: DEAL_PROPS.key, objectWriteTraceId: order.key, properties };
}

/** An order's lines → line item upserts by the unique `omnibridge_line_key` (pure). */
export function fromOrderLines(order: Order): HubSpotUpsertInput[] {
  return order.lines.map((line) => {
    const key = lineItemKey(order, line);
    const properties: Record<string, string> = {
      name: line.name ?? line.sku,
      hs_sku: line.sku,
      quantity: String(line.quantity),
      price: toDecimal(line.unitPrice),
      amount: toDecimal(line.total),
      hs_line_item_currency_code: order.currency,
      [LINE_ITEM_PROPS.key]: key,
    };
    if (line.discount) properties[LINE_ITEM_PROPS.discount] = toDecimal(line.discount);
    if (line.tax) properties[LINE_ITEM_PROPS.tax] = toDecimal(line.tax);
    if (line.taxRate != null) properties.hs_tax_rate = String(line.taxRate);
    return { id: key, idProperty: LINE_ITEM_PROPS.key, objectWriteTraceId: key, properties };
  });
}
