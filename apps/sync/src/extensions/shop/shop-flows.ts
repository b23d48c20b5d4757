import type { ConfigInput } from "../../config";

type FlowInput = ConfigInput["flows"][number];

/** Systems the shop loop connects. */
export interface ShopSystems {
  /** The shop system id (`shop`, `shopware`, `medusa`). */
  shop: string;
  erp: string;
  pim: string;
}

/**
 * The order loop and the catalogue feed of one shop (issue 20), as flows:
 * - PIM products → shop; ERP prices (retail and customer-group price lists) and stock per location
 *   (stores are locations: click & collect) → shop;
 * - shop orders → hub → ERP (created once, idempotent by the shop's order number);
 * - ERP order status and shipments (tracking) → back to the shop orders they came from.
 * The shop owns nothing the ERP owns: orders default to the ERP's ownership, so a shop order
 * only fills the golden order until the ERP has read it back.
 */
export function shopFlows({ shop, erp, pim }: ShopSystems): FlowInput[] {
  return [
    { name: `${shop}-products`, source: { system: pim, entity: "product" }, targets: [{ system: shop, entity: "product" }] },
    { name: `${shop}-prices`, source: { system: erp, entity: "price" }, targets: [{ system: shop, entity: "price" }] },
    { name: `${shop}-stock`, source: { system: erp, entity: "stockLevel" }, targets: [{ system: shop, entity: "stockLevel" }] },
    { name: `${shop}-orders`, source: { system: shop, entity: "order" }, targets: [{ system: erp, entity: "order" }] },
    // Only orders the shop knows (the extension's screen counts the others as skipped).
    { name: `${shop}-order-status`, source: { system: erp, entity: "order" }, targets: [{ system: shop, entity: "order" }], shopStatus: shop },
  ];
}
