import { randomUUID } from "node:crypto";

/** A stored record: Shopware's fields; keys starting with `_` are the emulator's own and never sent. */
export type StoredRow = Record<string, unknown> & { id: string };

/** Shopware's default currency id (Defaults::CURRENCY) and language id (Defaults::LANGUAGE_SYSTEM). */
export const DEFAULT_CURRENCY_ID = "b7d2554b0ce847cd82f3ac9bd1c0dfca";
export const DEFAULT_LANGUAGE_ID = "2fbb5fe2e29a4d70aa5854ce7ce3e20b";

/** A new random Shopware id (32 hex, as Uuid::randomHex). */
export function randomShopwareId(): string {
  return randomUUID().replace(/-/g, "");
}

interface Association {
  /** Entity of the associated rows (for nested associations). */
  entity: string;
  resolve: (store: ShopwareStore, row: StoredRow) => StoredRow | StoredRow[] | null;
}

const nested = (field: string, entity: string): Association => ({
  entity, resolve: (_store, row) => (row[field] as StoredRow | StoredRow[] | null | undefined) ?? null,
});

/** Associations the emulator can load per entity (a subset of the DAL's, the ones connectors use). */
const ASSOCIATIONS: Record<string, Record<string, Association>> = {
  product: {
    children: { entity: "product", resolve: (s, row) => s.list("product").filter((p) => p.parentId === row.id) },
    parent: { entity: "product", resolve: (s, row) => (typeof row.parentId === "string" ? s.get("product", row.parentId) ?? null : null) },
    options: { entity: "property_group_option", resolve: (s, row) => ((row.optionIds as string[] | undefined) ?? []).map((id) => s.get("property_group_option", id)).filter((o): o is StoredRow => !!o) },
    visibilities: nested("_visibilities", "product_visibility"),
    configuratorSettings: nested("_configuratorSettings", "product_configurator_setting"),
    prices: { entity: "product_price", resolve: (s, row) => s.list("product_price").filter((p) => p.productId === row.id) },
    tax: { entity: "tax", resolve: (s, row) => (typeof row.taxId === "string" ? s.get("tax", row.taxId) ?? null : null) },
  },
  property_group_option: {
    group: { entity: "property_group", resolve: (s, row) => (typeof row.groupId === "string" ? s.get("property_group", row.groupId) ?? null : null) },
  },
  customer: {
    group: { entity: "customer_group", resolve: (s, row) => (typeof row.groupId === "string" ? s.get("customer_group", row.groupId) ?? null : null) },
    language: nested("_language", "language"),
    defaultBillingAddress: nested("_defaultBillingAddress", "customer_address"),
    defaultShippingAddress: nested("_defaultShippingAddress", "customer_address"),
  },
  language: { locale: nested("_locale", "locale") },
  customer_address: { country: nested("_country", "country") },
  order: {
    currency: nested("_currency", "currency"),
    stateMachineState: nested("_state", "state_machine_state"),
    orderCustomer: nested("_orderCustomer", "order_customer"),
    lineItems: nested("_lineItems", "order_line_item"),
    deliveries: nested("_deliveries", "order_delivery"),
    transactions: nested("_transactions", "order_transaction"),
  },
  order_delivery: {
    stateMachineState: nested("_state", "state_machine_state"),
    shippingMethod: nested("_shippingMethod", "shipping_method"),
    positions: nested("_positions", "order_delivery_position"),
  },
  order_transaction: { stateMachineState: nested("_state", "state_machine_state") },
};

/** The in-memory shop of the emulator. */
export class ShopwareStore {
  private readonly tables = new Map<string, Map<string, StoredRow>>();
  private lastMs = 0;
  /** Canonical key → id of seeded records (`product:SKU`, `order:1001`). */
  readonly worldIds = new Map<string, string>();

  /** Server time, strictly increasing by at least 1 ms (Shopware stores DATETIME(3)), in Shopware's `+00:00` form. */
  now(): string {
    this.lastMs = Math.max(Date.now(), this.lastMs + 1);
    return new Date(this.lastMs).toISOString().replace("Z", "+00:00");
  }

  table(entity: string): Map<string, StoredRow> {
    let table = this.tables.get(entity);
    if (!table) this.tables.set(entity, (table = new Map()));
    return table;
  }

  get(entity: string, id: string): StoredRow | undefined {
    return this.table(entity).get(id);
  }

  list(entity: string): StoredRow[] {
    return [...this.table(entity).values()];
  }

  /** Insert a new record (createdAt now, updatedAt null) or update one (updatedAt now). */
  write(entity: string, row: StoredRow, at = this.now()): StoredRow {
    const table = this.table(entity);
    const current = table.get(row.id);
    const next = current ? { ...current, ...row, updatedAt: at } : { createdAt: at, updatedAt: null, ...row };
    table.set(row.id, next);
    return next;
  }

  delete(entity: string, id: string): boolean {
    return this.table(entity).delete(id);
  }

  /** A record as the API sends it: own fields, requested associations loaded, unrequested ones null. */
  hydrate(entity: string, row: StoredRow, associations: Record<string, unknown> = {}): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) if (!key.startsWith("_")) out[key] = value;
    for (const [name, association] of Object.entries(ASSOCIATIONS[entity] ?? {})) {
      if (!Object.hasOwn(associations, name)) {
        out[name] = null;
        continue;
      }
      const inner = ((associations[name] as { associations?: Record<string, unknown> } | null)?.associations) ?? {};
      const value = association.resolve(this, row);
      out[name] = Array.isArray(value) ? value.map((v) => this.hydrate(association.entity, v, inner)) : value ?
        this.hydrate(association.entity, value, inner) : null;
    }
    return out;
  }
}
