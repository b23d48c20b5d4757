import type { Kysely, Migration } from "kysely";
import { moneySchema, type Money } from "@omnibridge/core-model";
import type { Repos } from "../../state";
import { chunks, parseJson } from "../../state/json";
import type { StateDatabase } from "../../state/schema";

/** One sellable SKU as the shop sees it: the product whose page shows it, its shop price and available units. */
export interface ShopOfferTable {
  sku: string;
  /** Key of the golden product the SKU belongs to (set by a product flow), null until one did. */
  product_key: string | null;
  /** Money as JSON, null until an offers flow delivered a price. */
  price: string | null;
  available: number | null;
  updated_at: string;
}

/** The offer tables, merged into the state database's type. */
export interface OfferTables {
  shop_offers: ShopOfferTable;
}

/** Additive migration: the offer table (same SQL on SQLite and PostgreSQL). */
export const offerMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable("shop_offers").ifNotExists()
      .addColumn("sku", "text", (c) => c.primaryKey()).addColumn("product_key", "text").addColumn("price", "text")
      .addColumn("available", "real").addColumn("updated_at", "text", (c) => c.notNull()).execute();
    await db.schema.createIndex("shop_offers_product").ifNotExists().on("shop_offers").column("product_key").execute();
  },
};

/** A stored offer. */
export interface StoredOffer {
  sku: string;
  productKey: string | null;
  price: Money | null;
  available: number | null;
}

/** A stored price that no longer parses reads as unknown (the next price delivery replaces it). */
const storedMoney = moneySchema.nullable().catch(null);

type Change = { sku: string } & ({ productKey: string } | { price: Money } | { available: number });

/** The shop's offers per SKU, kept between runs (the hub's memory of price and stock per page). */
export class OfferRepo {
  constructor(private readonly db: Kysely<StateDatabase & OfferTables>) {}

  /** Set one column of each SKU's row, creating rows as needed. */
  async set(changes: readonly Change[], now: string): Promise<void> {
    for (const change of changes) {
      const values = "productKey" in change ? { product_key: change.productKey }
        : "price" in change ? { price: JSON.stringify({ amount: change.price.amount, currency: change.price.currency }) }
          : { available: change.available };
      await this.db.insertInto("shop_offers").values({ sku: change.sku, product_key: null, price: null, available: null, updated_at: now, ...values })
        .onConflict((oc) => oc.column("sku").doUpdateSet({ ...values, updated_at: now })).execute();
    }
  }

  /** Stored offers of these SKUs. */
  async load(skus: readonly string[]): Promise<Map<string, StoredOffer>> {
    const out = new Map<string, StoredOffer>();
    for (const part of chunks([...new Set(skus)], 400)) {
      const rows = await this.db.selectFrom("shop_offers").selectAll().where("sku", "in", part).execute();
      for (const row of rows) {
        const price = row.price === null ? null : storedMoney.parse(parseJson(row.price));
        out.set(row.sku, { sku: row.sku, productKey: row.product_key, price, available: row.available });
      }
    }
    return out;
  }
}

/** The offer repository over a page's repositories (its transaction). */
export function offersOf(repos: Repos): OfferRepo {
  return new OfferRepo(repos.db as unknown as Kysely<StateDatabase & OfferTables>);
}
