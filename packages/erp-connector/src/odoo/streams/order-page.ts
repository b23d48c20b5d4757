import { z } from "zod";
import type { EntityOf, RecordIssue } from "@omnibridge/core-model";
import { mapRecords } from "@omnibridge/connector-kit";
import {
  odooBool, odooMany2one, odooPickingMoveSchema, odooPickingSchema, odooSaleOrderLineSchema, odooText, odooWarehouseSchema,
  type OdooPicking, type OdooPickingMove, type OdooSaleOrder, type OdooSaleOrderLine,
} from "../odoo-api";
import type { OdooClient } from "../odoo-client";
import { toOrder, type OrderMapContext } from "../mappers/to-order";
import { ANONYMOUS_PARTNER_KEY, partnerKeyOf } from "../partner-key";
import { KeyResolver, readByIds } from "./lookups";

const LINE_FIELDS = ["order_id", "product_id", "name", "display_type", "product_uom_qty", "price_unit", "discount", "price_subtotal", "price_tax", "price_total", "sequence", "tax_id", "is_delivery"];
/** stock.picking fields of a shipment (carrier fields: stock_delivery). */
export const PICKING_FIELDS = ["name", "state", "sale_id", "picking_type_id", "location_id", "scheduled_date", "date_done", "carrier_id", "carrier_tracking_ref", "carrier_tracking_url", "move_ids"];
/** Outgoing deliveries of sale orders: what a shop calls shipments (receipts, returns and internal pick/pack steps are not). */
export const OUTGOING_SALE_PICKINGS = [["picking_type_code", "=", "outgoing"], ["sale_id", "!=", false]];
const MOVE_FIELDS = ["picking_id", "sale_line_id", "product_id", "product_uom_qty", "quantity", "state"];
const partnerSchema = z.object({ id: z.number(), ref: odooText, is_company: odooBool, parent_id: odooMany2one });
const codeSchema = z.object({ id: z.number(), default_code: odooText });
const taxSchema = z.object({ id: z.number(), amount: z.number(), amount_type: odooText });
const pickingTypeSchema = z.object({ id: z.number(), warehouse_id: odooMany2one });

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => number | undefined): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== undefined) out.set(key, [...(out.get(key) ?? []), row]);
  }
  return out;
}

/**
 * Maps pages of sale.order rows, resolving what they name in batches per page: lines, outgoing
 * pickings (one search_read for the page) and their moves, SKUs, partners, taxes, warehouses
 * and picking types (the last three cached for the whole read).
 */
export class OrderPageMapper {
  private readonly keys: KeyResolver;
  private readonly taxes = new Map<number, number>();
  private readonly warehouses = new Map<number, { key: string; store: boolean }>();
  private readonly typeWarehouse = new Map<number, number | null>();
  private anonymous: Promise<number | undefined> | undefined;

  constructor(private readonly client: OdooClient, private readonly system: string, private readonly signal?: AbortSignal) {
    this.keys = new KeyResolver(client, signal);
  }

  private read<T>(model: string, ids: Iterable<number>, fields: string[], schema: z.ZodType<T>): Promise<T[]> {
    return readByIds(this.client, model, ids, ["id", ...fields], schema, this.signal);
  }

  /** One search_read for the outgoing pickings of every order of the page, one read for their moves. */
  private async shipping(orderIds: number[]): Promise<{ pickings: OdooPicking[]; moves: OdooPickingMove[] }> {
    if (!orderIds.length) return { pickings: [], moves: [] };
    const pickings = await this.client.call("stock.picking", "search_read", {
      domain: [["sale_id", "in", orderIds], ...OUTGOING_SALE_PICKINGS], fields: ["id", "write_date", ...PICKING_FIELDS], order: "id asc",
    }, z.array(odooPickingSchema), { signal: this.signal });
    return { pickings, moves: await this.read("stock.move", pickings.flatMap((p) => p.move_ids), MOVE_FIELDS, odooPickingMoveSchema) };
  }

  /** Warehouses (key, store?) of order warehouse ids and of picking types, cached. */
  private async loadWarehouses(warehouseIds: number[], typeIds: number[]): Promise<void> {
    const newTypes = [...new Set(typeIds)].filter((id) => !this.typeWarehouse.has(id));
    for (const type of await this.read("stock.picking.type", newTypes, ["warehouse_id"], pickingTypeSchema)) this.typeWarehouse.set(type.id, type.warehouse_id?.id ?? null);
    for (const id of newTypes) if (!this.typeWarehouse.has(id)) this.typeWarehouse.set(id, null);
    const fromTypes = newTypes.flatMap((id) => this.typeWarehouse.get(id) ?? []);
    const missing = [...new Set([...warehouseIds, ...fromTypes])].filter((id) => !this.warehouses.has(id));
    if (!missing.length) return;
    await this.keys.load("stock.warehouse", missing);
    for (const w of await this.read("stock.warehouse", missing, ["write_date", "name", "x_location_type"], odooWarehouseSchema)) {
      this.warehouses.set(w.id, { key: this.keys.keyOf("stock.warehouse", w.id), store: w.x_location_type === "store" });
    }
  }

  private async partners(rows: readonly OdooSaleOrder[]): Promise<OrderMapContext["partnerOf"]> {
    const partners = await this.read("res.partner", rows.flatMap((o) => (o.partner_id ? [o.partner_id.id] : [])), ["ref", "is_company", "parent_id"], partnerSchema);
    const parentRows = await this.read("res.partner", partners.flatMap((p) => (p.parent_id ? [p.parent_id.id] : [])), ["ref"], z.object({ id: z.number(), ref: odooText }));
    const parents = new Map(parentRows.map((p) => [p.id, partnerKeyOf(this.system, p.id, p.ref)]));
    this.anonymous ??= this.keys.idsOf("res.partner", [ANONYMOUS_PARTNER_KEY]).then((ids) => ids.get(ANONYMOUS_PARTNER_KEY));
    const walkIn = await this.anonymous;
    // Orders booked on the anonymous placeholder partner have no customer.
    const byPartner = new Map(partners.filter((p) => p.id !== walkIn).map((p) => [p.id, {
      ref: partnerKeyOf(this.system, p.id, p.ref), isCompany: p.is_company,
      companyRef: p.parent_id ? parents.get(p.parent_id.id) ?? null : null,
    }]));
    return (id) => byPartner.get(id);
  }

  /** Map one page of parsed sale.order rows to orders (per-record issues for the ones that fail). */
  async map(rows: readonly OdooSaleOrder[]): Promise<{ items: EntityOf<"order">[]; issues: RecordIssue[] }> {
    const lines = await this.read("sale.order.line", rows.flatMap((o) => o.order_line), LINE_FIELDS, odooSaleOrderLineSchema);
    const { pickings, moves } = await this.shipping(rows.map((o) => o.id));
    const productIds = lines.flatMap((l) => (l.product_id ? [l.product_id.id] : []));
    const products = new Map((await this.read("product.product", productIds, ["default_code"], codeSchema)).map((p) => [p.id, p.default_code]));
    const partnerOf = await this.partners(rows);
    const missingTaxes = lines.flatMap((l) => l.tax_id).filter((id) => !this.taxes.has(id));
    for (const tax of await this.read("account.tax", missingTaxes, ["amount", "amount_type"], taxSchema)) this.taxes.set(tax.id, tax.amount_type === "percent" ? tax.amount / 100 : 0);
    const warehouseIds = rows.flatMap((o) => (o.warehouse_id ? [o.warehouse_id.id] : []));
    await this.loadWarehouses(warehouseIds, pickings.flatMap((p) => (p.picking_type_id ? [p.picking_type_id.id] : [])));
    const byOrder = groupBy<OdooSaleOrderLine>(lines, (l) => l.order_id?.id);
    const pickingsByOrder = groupBy(pickings, (p) => p.sale_id?.id);
    const movesByPicking = groupBy(moves, (m) => m.picking_id?.id);
    const context: OrderMapContext = {
      system: this.system, skuOf: (id) => products.get(id) ?? null, partnerOf, taxRate: (id) => this.taxes.get(id),
      warehouseOf: (id) => this.warehouses.get(id),
      pickingsOf: (id) => pickingsByOrder.get(id) ?? [], movesOf: (id) => movesByPicking.get(id) ?? [],
      locationOfType: (id) => {
        const warehouse = this.typeWarehouse.get(id);
        return warehouse ? this.warehouses.get(warehouse)?.key : undefined;
      },
    };
    return mapRecords("order", rows, (o) => toOrder(o, byOrder.get(o.id) ?? [], context), (o) => `sale.order:${o.id}`);
  }
}
