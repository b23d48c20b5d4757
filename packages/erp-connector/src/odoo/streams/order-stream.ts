import { z } from "zod";
import type { EntityOf, Page } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import { odooBool, odooMany2one, odooSaleOrderLineSchema, odooSaleOrderSchema, odooText, odooWarehouseSchema, type OdooSaleOrderLine } from "../odoo-api";
import { toOrder } from "../mappers/to-order";
import { ANONYMOUS_PARTNER_KEY, partnerKeyOf } from "../partner-key";
import { keysetStream } from "./keyset";
import { KeyResolver, readByIds } from "./lookups";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

/** sale.order fields the connector reads (delivery_status needs sale_stock). */
export const ORDER_FIELDS = ["name", "client_order_ref", "origin", "partner_id", "state", "date_order", "currency_id", "amount_untaxed", "amount_tax", "amount_total", "order_line", "warehouse_id", "delivery_status"];
const LINE_FIELDS = ["order_id", "product_id", "name", "display_type", "product_uom_qty", "price_unit", "discount", "price_subtotal", "price_tax", "price_total", "sequence", "tax_id", "is_delivery"];
const partnerSchema = z.object({ id: z.number(), ref: odooText, is_company: odooBool, parent_id: odooMany2one });
const codeSchema = z.object({ id: z.number(), default_code: odooText });
const taxSchema = z.object({ id: z.number(), amount: z.number(), amount_type: odooText });

/** Sale orders with their lines, partners, SKUs, taxes and warehouses resolved in batches per page. */
export function readOrders(context: StreamContext): AsyncGenerator<Page<EntityOf<"order">>> {
  const { client, signal } = context;
  const keys = new KeyResolver(client, signal);
  const taxes = new Map<number, number>();
  const warehouses = new Map<number, { key: string; store: boolean }>();
  let anonymous: Promise<number | undefined> | undefined;

  return keysetStream({
    ...context, phases: [{ model: "sale.order", fields: ORDER_FIELDS }],
    async map(_phase, raw) {
      const { rows, issues } = parseRows("sale.order", raw, odooSaleOrderSchema);
      const lines = await readByIds(client, "sale.order.line", rows.flatMap((o) => o.order_line), ["id", ...LINE_FIELDS], odooSaleOrderLineSchema, signal);
      const products = new Map((await readByIds(client, "product.product", lines.flatMap((l) => (l.product_id ? [l.product_id.id] : [])), ["id", "default_code"], codeSchema, signal)).map((p) => [p.id, p.default_code]));
      const partners = await readByIds(client, "res.partner", rows.flatMap((o) => (o.partner_id ? [o.partner_id.id] : [])), ["id", "ref", "is_company", "parent_id"], partnerSchema, signal);
      const parents = new Map((await readByIds(client, "res.partner", partners.flatMap((p) => (p.parent_id ? [p.parent_id.id] : [])), ["id", "ref"], z.object({ id: z.number(), ref: odooText }), signal)).map((p) => [p.id, partnerKeyOf(context.system, p.id, p.ref)]));
      const missingTaxes = lines.flatMap((l) => l.tax_id).filter((id) => !taxes.has(id));
      for (const tax of await readByIds(client, "account.tax", missingTaxes, ["id", "amount", "amount_type"], taxSchema, signal)) taxes.set(tax.id, tax.amount_type === "percent" ? tax.amount / 100 : 0);
      const missingWarehouses = rows.flatMap((o) => (o.warehouse_id && !warehouses.has(o.warehouse_id.id) ? [o.warehouse_id.id] : []));
      if (missingWarehouses.length) {
        await keys.load("stock.warehouse", missingWarehouses);
        for (const w of await readByIds(client, "stock.warehouse", missingWarehouses, ["id", "write_date", "name", "x_location_type"], odooWarehouseSchema, signal)) {
          warehouses.set(w.id, { key: keys.keyOf("stock.warehouse", w.id), store: w.x_location_type === "store" });
        }
      }
      const walkIn = await (anonymous ??= keys.idsOf("res.partner", [ANONYMOUS_PARTNER_KEY]).then((ids) => ids.get(ANONYMOUS_PARTNER_KEY)));
      // Orders booked on the anonymous placeholder partner have no customer.
      const byPartner = new Map(partners.filter((p) => p.id !== walkIn).map((p) => [p.id, {
        ref: partnerKeyOf(context.system, p.id, p.ref), isCompany: p.is_company,
        companyRef: p.parent_id ? parents.get(p.parent_id.id) ?? null : null,
      }]));
      const byOrder = new Map<number, OdooSaleOrderLine[]>();
      for (const line of lines) if (line.order_id) byOrder.set(line.order_id.id, [...(byOrder.get(line.order_id.id) ?? []), line]);
      const mapContext = {
        system: context.system, skuOf: (id: number) => products.get(id) ?? null, partnerOf: (id: number) => byPartner.get(id),
        taxRate: (id: number) => taxes.get(id), warehouseOf: (id: number) => warehouses.get(id),
      };
      const mapped = mapRecords("order", rows, (o) => toOrder(o, byOrder.get(o.id) ?? [], mapContext), (o) => `sale.order:${o.id}`);
      return { items: mapped.items, issues: [...issues, ...mapped.issues] };
    },
  });
}
