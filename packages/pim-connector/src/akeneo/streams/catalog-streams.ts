import { mapRecords } from "@omnibridge/connector-kit";
import type { Attribute, Category, Page, ReadOptions } from "@omnibridge/core-model";
import { akeneoAttributeOptionSchema, akeneoAttributeSchema, akeneoCategorySchema, type AkeneoAttribute } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { NextLinkGuard } from "../akeneo-page-guard";
import { isoFilterTime, updatedSince } from "../akeneo-search";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { isCanonicalAttributeType, toAttribute, toCategory } from "../mappers/to-category";
import { advance, filterBoundary, fixBound, openPass, pageOf } from "./delta-pass";
import { listAll } from "./load-context";
import { SkipCounter } from "./skip-counter";
import { clampLimit } from "./product-stream";

interface Deps {
  client: AkeneoClient;
  system: string;
  context: () => Promise<AkeneoMappingContext>;
}

/**
 * Categories (the tree via `parent`): page pagination (categories have no search_after) and
 * `updated > ISO-8601` (categories support it since 6.0). https://api.akeneo.com/documentation/filter.html#on-categories
 */
export async function* readCategories(deps: Deps, options: ReadOptions): AsyncGenerator<Page<Category>> {
  const state = openPass("category", options.cursor, deps.system);
  const ctx = await deps.context();
  const guard = new NextLinkGuard(deps.system, "/categories");
  for (;;) {
    if (state.next) guard.visit(state.next);
    const params = { limit: clampLimit(options.pageSize), with_position: "true", search: state.since ? updatedSince(isoFilterTime(state.since)) : undefined };
    const page = await deps.client.list(state.next ?? "/categories", state.next ? {} : params, akeneoCategorySchema, options.signal);
    fixBound(state, page.serverDate);
    const mapped = mapRecords("category", page.items, (c) => toCategory(c, ctx), (c) => c.code);
    const items = filterBoundary(state, mapped.items);
    const skips = new SkipCounter();
    skips.add("unchanged_since_previous_pass", mapped.items.length - items.length, mapped.items.filter((i) => !items.includes(i)).map((i) => i.key));
    const done = advance(state, page.next, 1);
    yield pageOf(state, items, mapped.issues, done, skips.list());
    if (done) return;
  }
}

/**
 * Attributes with their options (select types). `updated > ISO-8601` filter; media and
 * identifier attributes map to product fields, not canonical attributes, and are skipped.
 * https://api.akeneo.com/api-reference.html#get_attributes, #get_attributes__attribute_code__options
 */
export async function* readAttributes(deps: Deps, options: ReadOptions): AsyncGenerator<Page<Attribute>> {
  const state = openPass("attribute", options.cursor, deps.system);
  const ctx = await deps.context();
  const guard = new NextLinkGuard(deps.system, "/attributes");
  for (;;) {
    if (state.next) guard.visit(state.next);
    const params = { limit: clampLimit(options.pageSize), search: state.since ? updatedSince(isoFilterTime(state.since)) : undefined };
    const page = await deps.client.list(state.next ?? "/attributes", state.next ? {} : params, akeneoAttributeSchema, options.signal);
    fixBound(state, page.serverDate);
    const relevant = page.items.filter((a) => isCanonicalAttributeType(a.type));
    const optionsByCode = await optionsOf(deps.client, relevant, options.signal);
    const mapped = mapRecords("attribute", relevant, (a) => toAttribute(a, optionsByCode.get(a.code) ?? [], ctx, state.bound!), (a) => a.code);
    const items = filterBoundary(state, mapped.items);
    const skips = new SkipCounter();
    // Identifier, media and other attribute types map to product fields (or nothing), not attribute definitions.
    const other = page.items.filter((a) => !isCanonicalAttributeType(a.type));
    skips.add("no_canonical_attribute_type", other.length, other.map((a) => a.code));
    skips.add("unchanged_since_previous_pass", mapped.items.length - items.length, mapped.items.filter((i) => !items.includes(i)).map((i) => i.key));
    const done = advance(state, page.next, 1);
    yield pageOf(state, items, mapped.issues, done, skips.list());
    if (done) return;
  }
}

async function optionsOf(client: AkeneoClient, attributes: readonly AkeneoAttribute[], signal?: AbortSignal) {
  const selects = attributes.filter((a) => a.type === "pim_catalog_simpleselect" || a.type === "pim_catalog_multiselect");
  const entries = await Promise.all(selects.map(async (a) => [a.code, await listAll(client, `/attributes/${encodeURIComponent(a.code)}/options`, akeneoAttributeOptionSchema, signal)] as const));
  return new Map(entries);
}
