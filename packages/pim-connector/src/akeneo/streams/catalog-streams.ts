import { mapRecords } from "@omnibridge/connector-kit";
import type { Attribute, Category, Page, ReadOptions } from "@omnibridge/core-model";
import { akeneoAttributeOptionSchema, akeneoAttributeSchema, akeneoCategorySchema, type AkeneoAttribute } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { isCanonicalAttributeType, toAttribute, toCategory } from "../mappers/to-category";
import { listAll } from "./load-context";
import { pagedRead, type StructureDeps } from "./paged-read";

/**
 * Categories (the tree via `parent`): page pagination (categories have no search_after) and
 * `updated > ISO-8601` (categories support it since 6.0). https://api.akeneo.com/documentation/filter.html#on-categories
 */
export function readCategories(deps: StructureDeps, options: ReadOptions): AsyncGenerator<Page<Category>> {
  return pagedRead(deps, options, {
    kind: "category", path: "/categories", schema: akeneoCategorySchema, params: { with_position: "true" },
    map: async (page, ctx) => mapRecords("category", page.items, (c) => toCategory(c, ctx), (c) => c.code),
  });
}

/**
 * Attributes with their options (select types). `updated > ISO-8601` filter; media and
 * identifier attributes map to product fields, not canonical attributes, and are skipped.
 * https://api.akeneo.com/api-reference.html#get_attributes, #get_attributes__attribute_code__options
 */
export function readAttributes(deps: StructureDeps, options: ReadOptions): AsyncGenerator<Page<Attribute>> {
  return pagedRead(deps, options, {
    kind: "attribute", path: "/attributes", schema: akeneoAttributeSchema,
    map: async (page, ctx, state, skips) => {
      const relevant = page.items.filter((a) => isCanonicalAttributeType(a.type));
      // Identifier, media and other attribute types map to product fields (or nothing), not attribute definitions.
      const other = page.items.filter((a) => !isCanonicalAttributeType(a.type));
      skips.add("no_canonical_attribute_type", other.length, other.map((a) => a.code));
      const optionsByCode = await optionsOf(deps.client, relevant, options.signal);
      return mapRecords("attribute", relevant, (a) => toAttribute(a, optionsByCode.get(a.code) ?? [], ctx, state.bound!), (a) => a.code);
    },
  });
}

async function optionsOf(client: AkeneoClient, attributes: readonly AkeneoAttribute[], signal?: AbortSignal) {
  const selects = attributes.filter((a) => a.type === "pim_catalog_simpleselect" || a.type === "pim_catalog_multiselect");
  const entries = await Promise.all(selects.map(async (a) => [a.code, await listAll(client, `/attributes/${encodeURIComponent(a.code)}/options`, akeneoAttributeOptionSchema, signal)] as const));
  return new Map(entries);
}
