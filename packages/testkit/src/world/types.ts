import type {
  AnyEntity, Attribute, Campaign, Category, Company, ContentEntry, Customer, EntityKind, EntityOf, Location,
  Order, Price, PriceList, Product, Promotion, Segment, StockLevel,
} from "@omnibridge/core-model";

/** Options of {@link createWorld}. */
export interface WorldOptions {
  /** Seed of every generated value: the same seed always yields byte-identical records. */
  seed: number;
  /** Scale: number of products (2_000 demo, 100_000, 1_000_000). Every other count derives from it. */
  products: number;
  /** ISO base time; initial records are updated at or before it. Default `2026-01-01T00:00:00.000Z`. */
  epoch?: string;
  /**
   * Share (0..1) of products, stock levels and customers emitted deliberately broken in
   * vendor-realistic ways and listed by {@link World.invalidRecords}. They fail their
   * core-model schema, except executable markup (problem `script tag`): core-model's rich-text
   * allowlist removes it and `markupWarnings` names the field. Default 0.
   */
  invalidRate?: number;
}

/** Options of {@link mutateWorld}. */
export interface MutationOptions {
  /** Seed of this revision's decisions; default derived from the world's seed and revision. */
  seed?: number;
  /** Share (0..1) of existing records of every kind whose values change. */
  changeRate: number;
  /** Share (0..1) of deletable records (products, persons, companies, promotions, content) removed. */
  deleteRate?: number;
  /** New products, persons and orders added, as a share of their base count. */
  addRate?: number;
  /** ISO time of this revision: changed and added records carry it as updatedAt. Default epoch + revision days. */
  at?: string;
}

/** Record counts of a world (at its revision), derived from the scale. */
export interface WorldCounts {
  products: number;
  /** Variants of products with variants (simple products are not counted here). */
  variants: number;
  /** Sellable SKUs: simple products plus variants. */
  skus: number;
  categories: number;
  attributes: number;
  priceLists: number;
  prices: number;
  locations: number;
  stockLevels: number;
  companies: number;
  customers: number;
  orders: number;
  promotions: number;
  campaigns: number;
  segments: number;
  contentEntries: number;
}

/** A record the world emits deliberately broken (see {@link WorldOptions.invalidRate}). */
export interface InvalidRecordInfo {
  entity: EntityKind;
  /** The key the record would have had (the emitted record may lack it). */
  key: string;
  /** The broken field path, e.g. `description.en` or `onHand`. */
  field: string;
  /** What is wrong, e.g. `script tag`, `negative stock`. */
  problem: string;
}

/** One revision's changes, as a connector's emulator applies them. */
export interface WorldChangeSet {
  revision: number;
  upserted: Array<{ entity: EntityKind; record: AnyEntity }>;
  deleted: Array<{ entity: EntityKind; key: string }>;
}

/**
 * A deterministic, consistent retail world in canonical records. Every iterable is a fresh
 * generator computing records from (seed, kind, index): streaming holds no records in memory.
 */
export interface World {
  readonly seed: number;
  readonly epoch: string;
  /** 0 for a fresh world; each {@link mutateWorld} adds one. */
  readonly revision: number;
  readonly options: Readonly<Required<WorldOptions>>;
  /** Locales of localized texts: `en`, `de-DE`, `fr-FR`. */
  readonly locales: readonly string[];
  /** Currencies of prices and orders: `EUR`, `USD`. */
  readonly currencies: readonly string[];
  /** Record counts (computed once per world on first access; O(products) time, O(1) memory). */
  readonly counts: WorldCounts;

  categories(): Iterable<Category>;
  attributes(): Iterable<Attribute>;
  products(): Iterable<Product>;
  priceLists(): Iterable<PriceList>;
  prices(): Iterable<Price>;
  locations(): Iterable<Location>;
  stockLevels(): Iterable<StockLevel>;
  companies(): Iterable<Company>;
  /** Persons (B2C, `type: "person"`) and company contacts (`type: "contact"`). */
  customers(): Iterable<Customer>;
  orders(): Iterable<Order>;
  promotions(): Iterable<Promotion>;
  campaigns(): Iterable<Campaign>;
  segments(): Iterable<Segment>;
  contentEntries(): Iterable<ContentEntry>;
  /** Records of any kind by its name. */
  records<K extends EntityKind>(entity: K): Iterable<EntityOf<K>>;
  /** Every sellable SKU (simple product keys and variant SKUs), in product order. */
  skus(): Iterable<string>;

  /** The product at index `i`, or undefined when out of range or deleted. */
  productAt(i: number): Product | undefined;
  /** The customer at index `i`, or undefined when out of range or deleted. */
  customerAt(i: number): Customer | undefined;
  /** The company at index `i`, or undefined when out of range or deleted. */
  companyAt(i: number): Company | undefined;
  /** The order at index `i`, or undefined when out of range or deleted. */
  orderAt(i: number): Order | undefined;

  /** True when the record of that kind and key is emitted deliberately broken. */
  isInvalid(entity: EntityKind, key: string): boolean;
  /** Every deliberately broken record (streams; empty when invalidRate is 0). */
  invalidRecords(): Iterable<InvalidRecordInfo>;
}
