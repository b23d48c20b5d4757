import { createHash } from "node:crypto";
import type { Category, Product } from "@omnibridge/core-model";
import type { AkeneoValues } from "../akeneo-api";
import type { LocaleMapper } from "../akeneo-locales";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { fromProductModel, fromSimpleProduct, fromVariant } from "../mappers/from-product";
import type { AkeneoState, StoredProduct } from "./akeneo-emulator-state";
import { toSecond } from "./akeneo-emulator-state";
import { putFamily } from "./akeneo-emulator-catalog";

/** The emulator's own uuid for a SKU (not the connector's scheme: writes must find it by search). */
export function emulatorUuid(sku: string): string {
  const h = createHash("sha1").update(`akeneo-emulator:${sku}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function mediaValues(product: Product, state: AkeneoState): AkeneoValues {
  const out: AkeneoValues = {};
  let gallery = 0;
  for (const asset of product.assets) {
    const code = asset.role === "main" ? "image" : `gallery_${++gallery}`;
    if (!state.attributes.has(code)) continue;
    const filename = asset.url.split("/").pop() ?? "file.jpg";
    const hash = createHash("sha1").update(asset.key).digest("hex");
    const mediaCode = `${hash[0]}/${hash[1]}/${hash[2]}/${hash[3]}/${hash}_${filename}`;
    const extension = filename.split(".").pop() ?? "jpg";
    state.media.set(mediaCode, {
      code: mediaCode, original_filename: filename, mime_type: asset.mimeType, size: asset.sizeBytes ?? 0, extension,
    });
    out[code] = [{ locale: null, scope: null, data: mediaCode }];
  }
  return out;
}

function stored(line: Record<string, unknown>, updated: number, created: number): StoredProduct {
  return {
    uuid: line.uuid as string, enabled: (line.enabled as boolean | undefined) ?? true,
    family: (line.family as string | null | undefined) ?? null,
    categories: (line.categories as string[] | undefined) ?? [], parent: (line.parent as string | undefined) ?? null,
    values: line.values as AkeneoValues, created, updated,
  };
}

/** Put a canonical (world) product into the PIM as a simple product or a model with variant products. */
export function putProduct(state: AkeneoState, product: Product, ctx: AkeneoMappingContext, updatedMs: number): void {
  const updated = toSecond(updatedMs);
  const created = product.createdAt ? toSecond(Date.parse(product.createdAt)) : updated;
  if (product.family) putFamily(state, product.family, updated);
  const media = mediaValues(product, state);
  if (product.variants.length === 0) {
    const { line } = fromSimpleProduct(product, emulatorUuid(product.key), ctx);
    state.putProduct(stored({ ...line, values: { ...(line.values as AkeneoValues), ...media } }, updated, created));
    return;
  }
  const { weight: _weight, ...modelFields } = product;
  const model = fromProductModel(modelFields, ctx)!;
  state.putModel({
    code: product.key, family: product.family ?? "default", family_variant: `${product.family}_color_size`, parent: null,
    categories: product.categoryKeys, values: { ...(model.line.values as AkeneoValues), ...media }, created, updated,
  });
  for (const variant of product.variants) {
    const { line } = fromVariant(variant, product.key, emulatorUuid(variant.sku), ctx);
    state.putProduct(stored({ ...line, family: product.family, categories: product.categoryKeys }, updated, created));
  }
}

/** Remove a product (model with its variants, or simple product) by canonical key. */
export function removeProduct(state: AkeneoState, key: string): void {
  if (state.models.has(key)) state.deleteModel(key);
  const uuid = state.identifiers.get(key);
  if (uuid) state.deleteProduct(uuid);
}

/** Put a canonical category. */
export function putCategory(state: AkeneoState, category: Category, locales: LocaleMapper, updatedMs: number): void {
  const labels = Object.fromEntries(Object.entries(category.name).map(([tag, text]) => [locales.toAkeneo(tag), text]));
  const body = { code: category.key, parent: category.parentKey, labels, position: category.position + 1 };
  state.categories.set(category.key, { code: category.key, updated: toSecond(updatedMs), body });
}
