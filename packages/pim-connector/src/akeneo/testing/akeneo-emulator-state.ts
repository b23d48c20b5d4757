import type { AkeneoValues } from "../akeneo-api";

/** A product as the emulator stores it (variant values hold only their own level; parents' are merged on read). */
export interface StoredProduct {
  uuid: string;
  enabled: boolean;
  family: string | null;
  categories: string[];
  parent: string | null;
  values: AkeneoValues;
  created: number;
  updated: number;
}

/** A product model. */
export interface StoredModel {
  code: string;
  family: string;
  family_variant: string;
  parent: string | null;
  categories: string[];
  values: AkeneoValues;
  created: number;
  updated: number;
}

/** Catalogue records kept as Akeneo returns them, plus an internal update time. */
export interface StoredRecord {
  code: string;
  body: Record<string, unknown>;
  updated: number;
}

/** Media file metadata. */
export interface StoredMedia {
  code: string;
  original_filename: string;
  mime_type: string;
  size: number;
  extension: string;
}

/** Akeneo time format of product responses: `2026-01-01T10:00:00+00:00` (second precision). */
export function akeneoTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** Truncate to Akeneo's second precision. */
export function toSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** Sorted unique keys with binary-search insert and a lower bound (search_after order). */
export class SortedKeys {
  readonly keys: string[] = [];

  /** Index of the first key > `after` (or 0 without one). */
  upper(after: string | null): number {
    if (after === null) return 0;
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.keys[mid]! <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(key: string): void {
    const at = this.upper(key);
    if (this.keys[at - 1] !== key) this.keys.splice(at, 0, key);
  }

  delete(key: string): void {
    const at = this.upper(key) - 1;
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }
}

/** The emulator's in-memory PIM. */
export class AkeneoState {
  readonly products = new Map<string, StoredProduct>();
  readonly productOrder = new SortedKeys();
  readonly models = new Map<string, StoredModel>();
  readonly modelOrder = new SortedKeys();
  /** SKU → uuid. */
  readonly identifiers = new Map<string, string>();
  /** Model code → variant uuids. */
  readonly children = new Map<string, Set<string>>();
  readonly attributes = new Map<string, StoredRecord>();
  readonly options = new Map<string, StoredRecord[]>();
  readonly families = new Map<string, StoredRecord>();
  readonly familyVariants = new Map<string, StoredRecord[]>();
  readonly categories = new Map<string, StoredRecord>();
  readonly channels: StoredRecord[] = [];
  readonly locales: StoredRecord[] = [];
  readonly media = new Map<string, StoredMedia>();

  constructor(readonly identifierAttribute = "sku") {}

  /** Identifier (SKU) of a stored product, if any. */
  skuOf(product: StoredProduct): string | null {
    const data = product.values[this.identifierAttribute]?.[0]?.data;
    return typeof data === "string" ? data : null;
  }

  putProduct(product: StoredProduct): void {
    const previous = this.products.get(product.uuid);
    if (previous) this.unindex(previous);
    this.products.set(product.uuid, product);
    this.productOrder.add(product.uuid);
    const sku = this.skuOf(product);
    if (sku) this.identifiers.set(sku, product.uuid);
    if (product.parent) {
      const set = this.children.get(product.parent) ?? new Set<string>();
      set.add(product.uuid);
      this.children.set(product.parent, set);
    }
  }

  deleteProduct(uuid: string): void {
    const product = this.products.get(uuid);
    if (!product) return;
    this.unindex(product);
    this.products.delete(uuid);
    this.productOrder.delete(uuid);
  }

  private unindex(product: StoredProduct): void {
    const sku = this.skuOf(product);
    if (sku && this.identifiers.get(sku) === product.uuid) this.identifiers.delete(sku);
    if (product.parent) this.children.get(product.parent)?.delete(product.uuid);
  }

  putModel(model: StoredModel): void {
    this.models.set(model.code, model);
    this.modelOrder.add(model.code);
  }

  deleteModel(code: string): void {
    for (const uuid of [...(this.children.get(code) ?? [])]) this.deleteProduct(uuid);
    this.models.delete(code);
    this.modelOrder.delete(code);
  }

  /**
   * The product models above a product, nearest first (its parent, then the root of a two-level
   * family variant). https://api.akeneo.com/concepts/products.html#focus-on-the-product-models
   */
  ancestorsOf(product: { parent: string | null }): StoredModel[] {
    const out: StoredModel[] = [];
    let code = product.parent;
    while (code && out.length < 2) {
      const model = this.models.get(code);
      if (!model) break;
      out.push(model);
      code = model.parent;
    }
    return out;
  }

  /** Values of a product including those inherited along its models (root, sub-model), as the API returns them. */
  valuesOf(product: StoredProduct): AkeneoValues {
    const inherited = this.ancestorsOf(product).reduceRight<AkeneoValues>((values, model) => ({ ...values, ...model.values }), {});
    return { ...inherited, ...product.values };
  }
}
