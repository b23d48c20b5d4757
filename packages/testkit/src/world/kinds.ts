import type { EntityKind, EntityOf } from "@omnibridge/core-model";
import type { GenContext } from "./context";
import { ATTRIBUTE_DEFS, attributeAt, categoryAt, categoryKey } from "./gen-catalog-defs";
import { LOCATIONS, locationAt, PRICE_LISTS, priceListAt } from "./gen-commerce";
import { campaignAt, campaignKey, contentEntryAt, contentKey, promotionAt, promotionKey, segmentAt } from "./gen-marketing";
import { orderAt, orderKey } from "./gen-order";
import { companyAt, companyKey, customerAt, customerKey, segmentKey } from "./gen-party";
import { productAt } from "./gen-product";
import { productKey } from "./gen-product-shape";
import type { Layout } from "./scale";

/** Kinds addressed by one index (prices and stock levels derive from products instead). */
export type IndexedKind = Exclude<EntityKind, "price" | "stockLevel">;

/** How to count, key and generate records of an indexed kind. */
export interface KindSpec<K extends IndexedKind> {
  base(layout: Layout): number;
  key(i: number): string;
  generate(ctx: GenContext, i: number): EntityOf<K>;
  /** Removed by mutations' deleteRate. */
  deletable: boolean;
  /** Grown by mutations' addRate. */
  addable: boolean;
}

type Specs = { [K in IndexedKind]: KindSpec<K> };

const fixed = <K extends IndexedKind>(count: number, key: (i: number) => string, generate: KindSpec<K>["generate"]): KindSpec<K> => ({
  base: () => count, key, generate, deletable: false, addable: false,
});

/** Every indexed kind. */
export const KIND_SPECS: Specs = {
  category: { base: (l) => l.categories, key: categoryKey, generate: categoryAt, deletable: false, addable: false },
  attribute: fixed(ATTRIBUTE_DEFS.length, (i) => ATTRIBUTE_DEFS[i]!.key, attributeAt),
  product: { base: (l) => l.products, key: productKey, generate: productAt, deletable: true, addable: true },
  priceList: fixed(PRICE_LISTS.length, (i) => PRICE_LISTS[i]!.key, priceListAt),
  location: fixed(LOCATIONS.length, (i) => LOCATIONS[i]!.key, locationAt),
  company: { base: (l) => l.companies, key: companyKey, generate: companyAt, deletable: true, addable: false },
  customer: { base: (l) => l.persons + l.contacts, key: customerKey, generate: customerAt, deletable: true, addable: true },
  order: { base: (l) => l.orders, key: orderKey, generate: orderAt, deletable: false, addable: true },
  promotion: { base: (l) => l.promotions, key: promotionKey, generate: promotionAt, deletable: true, addable: false },
  campaign: { base: (l) => l.campaigns, key: campaignKey, generate: campaignAt, deletable: false, addable: false },
  segment: { base: (l) => l.segments, key: segmentKey, generate: segmentAt, deletable: false, addable: false },
  contentEntry: { base: (l) => l.contentDocuments * 3, key: contentKey, generate: contentEntryAt, deletable: true, addable: false },
};

/** Numeric id of a kind, for hashing. */
export function kindId(entity: EntityKind): number {
  return ["category", "attribute", "product", "priceList", "price", "location", "stockLevel", "company", "customer", "order",
    "promotion", "campaign", "segment", "contentEntry"].indexOf(entity) + 1;
}
