import { chunk, mapRecords } from "@omnibridge/connector-kit";
import type { Page, Product, ReadOptions, RecordIssue } from "@omnibridge/core-model";
import { akeneoProductModelSchema, akeneoProductSchema, type AkeneoProduct, type AkeneoProductModel } from "../akeneo-api";
import type { AkeneoClient, AkeneoListPage } from "../akeneo-client";
import { inFilter, productFilterTime, secondOf } from "../akeneo-search";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { toModelProduct, toSimpleProduct } from "../mappers/to-product";
import { advance, filterBoundary, fixBound, openPass, pageOf, type PassCursor } from "./delta-pass";
import { listAll } from "./load-context";
import type { MediaMetadata } from "./media-metadata";

interface Deps {
  client: AkeneoClient;
  system: string;
  context: () => Promise<AkeneoMappingContext>;
  /** Present when media file metadata should be fetched for assets. */
  media?: MediaMetadata;
}

/** Page size clamped to Akeneo's limit (max 100, https://api.akeneo.com/documentation/pagination.html). */
export function clampLimit(pageSize: number | undefined): number {
  return Math.min(100, Math.max(1, Math.floor(pageSize ?? 100)));
}

function search(state: PassCursor, simpleOnly: boolean): string | undefined {
  const filter: Record<string, unknown> = {};
  if (state.since) filter.updated = [{ operator: ">", value: productFilterTime(state.since) }];
  // A full read takes variants with their models (phase 0); only a delta needs changed variants.
  if (simpleOnly && !state.since) filter.parent = [{ operator: "EMPTY" }];
  return Object.keys(filter).length ? JSON.stringify(filter) : undefined;
}

/**
 * Products: phase 0 reads product models changed since the cursor, each with all its variants
 * (one canonical Product with `variants`); phase 1 reads products changed since the cursor via
 * the UUID endpoints (`/products` skips products without identifier): simple products map
 * directly, a changed variant whose model phase 0 did not cover re-emits its whole model.
 * Both use `search_after` (page pagination stops at 10,000 products).
 */
export async function* readProducts(deps: Deps, options: ReadOptions): AsyncGenerator<Page<Product>> {
  const state = openPass("product", options.cursor, deps.system);
  const limit = clampLimit(options.pageSize);
  const ctx = await deps.context();
  const emittedModels = new Set<string>();
  const fetchPage = (phase: number, next: string | null) => prefetch(deps.client.list<AkeneoProduct | AkeneoProductModel>(
    next ?? (phase === 0 ? "/product-models" : "/products-uuid"),
    next ? {} : { limit, pagination_type: "search_after", search: search(state, phase === 1) },
    phase === 0 ? akeneoProductModelSchema : akeneoProductSchema, options.signal,
  ));
  let pending = fetchPage(state.phase, state.next);
  for (;;) {
    const page = await pending;
    fixBound(state, page.serverDate);
    // Fetch the following page while this one's variants are fetched and mapped (the cursor still moves page by page).
    const following = page.next ? fetchPage(state.phase, page.next) : state.phase === 0 ? fetchPage(1, null) : undefined;
    const mapped = state.phase === 0
      ? await mapModels(deps, ctx, page.items as AkeneoProductModel[], options.signal)
      : await mapProducts(deps, ctx, state, page.items as AkeneoProduct[], emittedModels, options.signal);
    await deps.media?.enrich(mapped.items, options.signal);
    const items = filterBoundary(state, mapped.items);
    const done = advance(state, page.next, 2);
    yield pageOf(state, items, mapped.issues, done);
    if (done || !following) return;
    pending = following;
  }
}

/** Start a request now; a consumer that stops early must not leave an unhandled rejection behind. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

async function variantsOf(deps: Deps, codes: readonly string[], signal?: AbortSignal): Promise<Map<string, AkeneoProduct[]>> {
  const byParent = new Map<string, AkeneoProduct[]>();
  if (codes.length === 0) return byParent;
  // https://api.akeneo.com/documentation/filter.html#on-parent (parent IN model codes), in parallel slices
  // of 25 models (bounded by the client's 4 concurrent calls) so a page's variants arrive in one round trip or two.
  const slices = await Promise.all(chunk(codes, 25).map((part) =>
    listAll(deps.client, "/products-uuid", akeneoProductSchema, signal, { limit: 100, pagination_type: "search_after", search: inFilter("parent", part) })));
  for (const variant of slices.flat()) {
    const list = byParent.get(variant.parent ?? "") ?? [];
    list.push(variant);
    byParent.set(variant.parent ?? "", list);
  }
  return byParent;
}

async function mapModels(deps: Deps, ctx: AkeneoMappingContext, models: AkeneoProductModel[], signal?: AbortSignal) {
  const roots = models.filter((m) => !m.parent);
  const issues: RecordIssue[] = models.filter((m) => m.parent).map((m) => ({
    recordKey: m.code, field: "parent", reason: "invalid" as const, message: "sub product models (two-level family variants) are not supported",
  }));
  const byParent = await variantsOf(deps, roots.map((m) => m.code), signal);
  const mapped = mapRecords("product", roots, (m) => toModelProduct(m, byParent.get(m.code) ?? [], ctx), (m) => m.code);
  return { items: mapped.items, issues: [...issues, ...mapped.issues] };
}

async function mapProducts(deps: Deps, ctx: AkeneoMappingContext, state: PassCursor, products: AkeneoProduct[], emitted: Set<string>, signal?: AbortSignal) {
  const simple = mapRecords("product", products.filter((p) => !p.parent), (p) => toSimpleProduct(p, ctx), (p) => p.uuid);
  if (!state.since) return simple;
  const since = Date.parse(state.since);
  const parents = [...new Set(products.flatMap((p) => (p.parent && !emitted.has(p.parent) ? [p.parent] : [])))];
  if (parents.length === 0) return simple;
  // https://api.akeneo.com/documentation/filter.html (product models: identifier IN)
  const models = await listAll(deps.client, "/product-models", akeneoProductModelSchema, signal, { pagination_type: "search_after", search: inFilter("identifier", parents) });
  // Models changed after `since` were read whole in phase 0 of this pass.
  const stale = models.filter((m) => secondOf(m.updated) <= since);
  for (const model of stale) emitted.add(model.code);
  const mapped = await mapModels(deps, ctx, stale, signal);
  return { items: [...simple.items, ...mapped.items], issues: [...simple.issues, ...mapped.issues] };
}
