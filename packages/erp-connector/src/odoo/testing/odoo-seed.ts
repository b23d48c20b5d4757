import type { AnyEntity, Company, Customer, EntityKind, Location, Order, Price, PriceList, Product, Promotion, StockLevel, Category } from "@omnibridge/core-model";
import type { World, WorldChangeSet } from "@omnibridge/testkit";
import { odooStamp } from "./odoo-orm";
import { type SeedState } from "./odoo-seed-base";
import { seedBasics, seedCategory, seedPrice, seedPriceList, seedProduct } from "./odoo-seed-catalog";
import { archivePromotion, seedPromotion } from "./odoo-seed-promotion";
import { seedCompany, seedCustomer, seedLocation, seedOrder, seedStockLevel } from "./odoo-seed-commerce";

/** What seeding remembers for apply(): retail list prices per SKU and customer pricelists per company. */
export interface SeedMemory {
  listPrices: Map<string, number>;
  customerLists: Map<string, number>;
  locations: number;
}

function customerList(state: SeedState, memory: SeedMemory, price: Price): number | undefined {
  if (!price.customerKey) return undefined;
  const existing = memory.customerLists.get(price.customerKey);
  if (existing) return existing;
  const key = `${price.priceListKey}.${price.customerKey}`;
  const base = state.idOf("product.pricelist", price.priceListKey);
  const list = state.upsert("product.pricelist", key, { name: `${price.priceListKey} · ${price.customerKey}`, currency_id: state.idOf("res.currency", price.price.currency), active: true }, price.updatedAt);
  state.xmlid("product.pricelist", key, list.id, price.updatedAt);
  // Everything not priced explicitly falls back to the base pricelist (formula rule based on another pricelist).
  state.upsert("product.pricelist.item", `${key}|global`, { pricelist_id: list.id, applied_on: "3_global", compute_price: "formula", base: "pricelist", base_pricelist_id: base ?? false, min_quantity: 0 }, price.updatedAt);
  memory.customerLists.set(price.customerKey, list.id);
  return list.id;
}

/** Parts of the world an emulator can seed (benchmarks seed only what they read). */
export type SeedPart = "catalog" | "prices" | "stock" | "partners" | "orders" | "promotions";
const ALL_PARTS: readonly SeedPart[] = ["catalog", "prices", "stock", "partners", "orders", "promotions"];

/** Seed the Odoo view of a testkit world: catalog, pricelists, stock, partners, sale orders and loyalty programs. */
export function seedWorld(state: SeedState, world: World, parts: readonly SeedPart[] = ALL_PARTS): SeedMemory {
  const memory: SeedMemory = { listPrices: new Map(), customerLists: new Map(), locations: 0 };
  const has = (part: SeedPart) => parts.includes(part);
  seedBasics(state, world.epoch);
  for (const category of world.categories()) seedCategory(state, category);
  for (const list of world.priceLists()) seedPriceList(state, list);
  for (const price of world.prices()) {
    if (price.priceListKey === "retail-eur" && !price.customerKey) memory.listPrices.set(price.sku, (price.compareAt ?? price.price).amount);
  }
  // A product the world emits without its key is seeded under its intended key but with no
  // default_code: Odoo's view of "a product without an internal reference" (invalidRecords order = product order).
  const missingKeys = [...world.invalidRecords()].filter((r) => r.entity === "product" && r.field === "key").map((r) => r.key);
  for (const product of world.products()) {
    const invalid = !product.key;
    seedProduct(state, invalid ? { ...product, key: missingKeys.shift() ?? `missing-sku-${state.orm.table("product.template").size}` } : product, memory.listPrices, invalid);
  }
  if (has("prices")) for (const price of world.prices()) seedPrice(state, price, memory.listPrices.get(price.sku), customerList(state, memory, price));
  for (const location of world.locations()) seedLocation(state, location, memory.locations++);
  if (has("stock")) for (const level of world.stockLevels()) seedStockLevel(state, level);
  if (has("partners") || has("orders")) {
    for (const company of world.companies()) seedCompany(state, company, memory.customerLists.get(company.key));
    for (const customer of world.customers()) seedCustomer(state, customer);
  }
  if (has("orders")) for (const order of world.orders()) seedOrder(state, order);
  if (has("promotions")) for (const promotion of world.promotions()) seedPromotion(state, promotion);
  return memory;
}

type Seeder = (state: SeedState, record: AnyEntity, memory: SeedMemory) => void;
const SEEDERS: Partial<Record<EntityKind, Seeder>> = {
  category: (s, r) => seedCategory(s, r as Category),
  product: (s, r, m) => seedProduct(s, r as Product, m.listPrices),
  priceList: (s, r) => seedPriceList(s, r as PriceList),
  price: (s, r, m) => {
    const price = r as Price;
    if (price.priceListKey === "retail-eur" && !price.customerKey) {
      // The retail EUR price is the variant's sales price (lst_price).
      const list = (price.compareAt ?? price.price).amount;
      m.listPrices.set(price.sku, list);
      const id = s.idOf("product.product", price.sku);
      const row = id ? s.orm.table("product.product").get(id) : undefined;
      if (row && row.lst_price !== list / 100) s.upsert("product.product", price.sku, { lst_price: list / 100 }, price.updatedAt);
    }
    seedPrice(s, price, m.listPrices.get(price.sku), customerList(s, m, price));
  },
  location: (s, r, m) => seedLocation(s, r as Location, m.locations++),
  stockLevel: (s, r) => seedStockLevel(s, r as StockLevel),
  company: (s, r, m) => seedCompany(s, r as Company, m.customerLists.get(r.key)),
  customer: (s, r) => seedCustomer(s, r as Customer),
  order: (s, r) => seedOrder(s, r as Order),
  promotion: (s, r) => seedPromotion(s, r as Promotion),
};

/** Apply a world revision as Odoo would record it: every touched record gets `write_date` = now. */
export function applyChanges(state: SeedState, memory: SeedMemory, changes: WorldChangeSet, now: string): void {
  const at = `${now.replace(" ", "T")}Z`;
  for (const { entity, record } of changes.upserted) SEEDERS[entity]?.(state, { ...record, updatedAt: at } as AnyEntity, memory);
  const stamp = odooStamp(at);
  for (const { entity, key } of changes.deleted) {
    const archive = (model: string, k: string) => {
      const id = state.idOf(model, k);
      const row = id ? state.orm.table(model).get(id) : undefined;
      if (row) Object.assign(row, model === "sale.order" ? { state: "cancel" } : { active: false }, { write_date: stamp });
      state.orm.touch(model);
      if (model !== "product.template" || !id) return;
      for (const variant of state.orm.table("product.product").values()) if (variant.product_tmpl_id === id) Object.assign(variant, { active: false, write_date: stamp });
      state.orm.touch("product.product");
    };
    if (entity === "product") archive("product.template", key);
    if (entity === "customer" || entity === "company") archive("res.partner", key);
    if (entity === "order") archive("sale.order", key);
    if (entity === "promotion") archivePromotion(state, key, at);
  }
}
