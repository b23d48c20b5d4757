import { mapRecords } from "@omnibridge/connector-kit";
import type { Page, Product, ReadOptions, RecordIssue } from "@omnibridge/core-model";
import { akeneoProductModelSchema, akeneoProductSchema, type AkeneoProduct, type AkeneoProductModel } from "../akeneo-api";
import type { AkeneoClient } from "../akeneo-client";
import { NextLinkGuard } from "../akeneo-page-guard";
import { productFilterTime, secondOf } from "../akeneo-search";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { productTargetsOf } from "../mappers/to-relations";
import { skuOf, toModelProduct, toSimpleProduct } from "../mappers/to-product";
import { resolveTargets } from "./association-targets";
import { advance, filterBoundary, fixBound, openPass, pageOf, type PassCursor } from "./delta-pass";
import { deltaSize, readsWhole } from "./delta-size";
import type { MediaMetadata } from "./media-metadata";
import { modelsByCode, PRODUCT_LIST_PARAMS, treesOf } from "./model-tree";
import { SkipCounter } from "./skip-counter";

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
  const delta = state.since && !state.whole;
  if (delta) filter.updated = [{ operator: ">", value: productFilterTime(state.since!) }];
  // A full read takes variants with their models (phase 0); only a delta needs changed variants.
  if (simpleOnly && !delta) filter.parent = [{ operator: "EMPTY" }];
  return Object.keys(filter).length ? JSON.stringify(filter) : undefined;
}

/** What one read (generator run) remembers across its pages. */
interface ReadMemory {
  /** Root model codes already delivered by this read. */
  emitted: Set<string>;
  /** Models fetched by code (parents of sub-models and variants). */
  models: Map<string, AkeneoProductModel>;
}

/**
 * Products: phase 0 reads product models changed since the cursor; each root model is delivered
 * whole (sub-models of two-level families and variant products with inherited values), a changed
 * sub-model delivers its root. Phase 1 reads products changed since the cursor via the UUID
 * endpoints (`/products` skips products without identifier): simple products map directly; a
 * variant delivers its root model unless this pass already did (its parent is fetched when it is
 * not on the page: Akeneo returns variants whose model changed too, filter.md). A delta pass first
 * counts what changed (delta-size.ts): when half of the products or more did, it reads everything
 * like a full pass, which costs less than the changes with their models. Every vendor record
 * becomes an item, a per-record issue or a counted skip. Both phases use `search_after`.
 */
export async function* readProducts(deps: Deps, options: ReadOptions): AsyncGenerator<Page<Product>> {
  const state = openPass("product", options.cursor, deps.system);
  const limit = clampLimit(options.pageSize);
  const ctx = await deps.context();
  const memory: ReadMemory = { emitted: new Set(), models: new Map() };
  if (state.since && state.whole === undefined && state.phase === 0 && state.next === null) {
    const size = await deltaSize(deps.client, state.since, options.signal);
    if (size?.serverDate) fixBound(state, size.serverDate);
    state.whole = readsWhole(size);
  }
  const guards = [new NextLinkGuard(deps.system, "/product-models"), new NextLinkGuard(deps.system, "/products-uuid")];
  const fetchPage = (phase: number, next: string | null) => {
    if (next) guards[phase]!.visit(next);
    return prefetch(deps.client.list<AkeneoProduct | AkeneoProductModel>(
      next ?? (phase === 0 ? "/product-models" : "/products-uuid"),
      next ? {} : { limit, pagination_type: "search_after", search: search(state, phase === 1), ...(phase === 1 ? PRODUCT_LIST_PARAMS : {}) },
      phase === 0 ? akeneoProductModelSchema : akeneoProductSchema, options.signal,
    ));
  };
  let pending = fetchPage(state.phase, state.next);
  for (;;) {
    const page = await pending;
    fixBound(state, page.serverDate);
    // Fetch the following page while this one's descendants are fetched and mapped (the cursor still moves page by page).
    const following = page.next ? fetchPage(state.phase, page.next) : state.phase === 0 ? fetchPage(1, null) : undefined;
    const skips = new SkipCounter();
    const mapped = state.phase === 0
      ? await mapModelPage(deps, ctx, memory, page.items as AkeneoProductModel[], skips, options.signal)
      : await mapProductPage(deps, ctx, state, memory, page.items as AkeneoProduct[], skips, options.signal);
    await deps.media?.enrich(mapped.items, options.signal);
    const items = filterBoundary(state, mapped.items);
    const kept = new Set(items);
    skips.add("unchanged_since_previous_pass", mapped.items.length - items.length, mapped.items.filter((i) => !kept.has(i)).map((i) => i.key));
    const done = advance(state, page.next, 2);
    yield pageOf(state, items, mapped.issues, done, skips.list());
    if (done || !following) return;
    pending = following;
  }
}

/** Start a request now; a consumer that stops early must not leave an unhandled rejection behind. */
function prefetch<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** Map root models whole (with descendants and association targets); warnings only for delivered records. */
async function deliverRoots(
  deps: Deps, ctx: AkeneoMappingContext, memory: ReadMemory, roots: readonly AkeneoProductModel[], simple: readonly AkeneoProduct[],
  signal?: AbortSignal,
) {
  const trees = await treesOf(deps.client, roots, ctx, signal);
  const refs = [...simple.flatMap((p) => productTargetsOf(p.associations)), ...roots.flatMap((m) => productTargetsOf(m.associations))];
  const targets = await resolveTargets(deps.client, refs, ctx, signal);
  const warnings: RecordIssue[] = [];
  const extras = { targets, warn: (issue: RecordIssue) => warnings.push(issue) };
  // mapRecords reports markup the canonical schema cleaned (a warning per record and field).
  const products = mapRecords("product", simple, (p) => toSimpleProduct(p, ctx, extras), (p) => p.uuid);
  const models = mapRecords("product", roots, (m) => toModelProduct(m, trees.get(m.code)?.subModels ?? [], trees.get(m.code)?.variants ?? [], ctx, extras), (m) => m.code);
  for (const root of roots) memory.emitted.add(root.code);
  const items = [...products.items, ...models.items];
  const delivered = new Set(items.map((i) => i.key));
  return { items, issues: [...products.issues, ...models.issues, ...warnings.filter((w) => delivered.has(w.recordKey))] };
}

/** Phase 0: a page of product models → root products; sub-models deliver their root. */
async function mapModelPage(
  deps: Deps, ctx: AkeneoMappingContext, memory: ReadMemory, models: AkeneoProductModel[], skips: SkipCounter, signal?: AbortSignal,
) {
  const issues: RecordIssue[] = [];
  const onPage = new Map(models.filter((m) => !m.parent).map((m) => [m.code, m]));
  const unknown = (code: string) => !onPage.has(code) && !memory.emitted.has(code) && !memory.models.has(code);
  const missing = models.flatMap((m) => (m.parent && unknown(m.parent) ? [m.parent] : []));
  for (const [code, model] of await modelsByCode(deps.client, missing, signal)) memory.models.set(code, model);
  const roots = new Map<string, AkeneoProductModel>();
  for (const model of models) {
    const root = model.parent ? onPage.get(model.parent) ?? memory.models.get(model.parent) : model;
    if (model.parent && memory.emitted.has(model.parent)) skips.add("delivered_with_root_model", 1, [model.code]);
    else if (!root) issues.push({ recordKey: model.code, field: "parent", reason: "not_found", message: `root product model ${model.parent} of sub-model ${model.code} was not found` });
    else if (root.parent) issues.push({ recordKey: model.code, field: "parent", reason: "invalid", message: `product model ${root.code} is not a root model (more than two levels)` });
    else if (memory.emitted.has(root.code)) skips.add("delivered_with_root_model", 1, [model.code]);
    else {
      if (model.parent) skips.add("delivered_with_root_model", 1, [model.code]);
      roots.set(root.code, root);
    }
  }
  const delivered = await deliverRoots(deps, ctx, memory, [...roots.values()], [], signal);
  return { items: delivered.items, issues: [...issues, ...delivered.issues] };
}

/** Phase 1: a page of products → simple products, and the root models of variants not yet delivered. */
async function mapProductPage(
  deps: Deps, ctx: AkeneoMappingContext, state: PassCursor, memory: ReadMemory, products: AkeneoProduct[], skips: SkipCounter,
  signal?: AbortSignal,
) {
  const issues: RecordIssue[] = [];
  const variants = products.filter((p) => p.parent);
  const need = (codes: Array<string | null | undefined>) => codes.filter((c): c is string => !!c && !memory.models.has(c));
  const fetch = async (codes: string[]) => {
    for (const [code, model] of await modelsByCode(deps.client, codes, signal)) memory.models.set(code, model);
  };
  await fetch(need(variants.map((v) => v.parent))); // parents (a sub-model or a root)
  await fetch(need(variants.map((v) => memory.models.get(v.parent!)?.parent))); // roots of sub-models
  const since = state.since && !state.whole ? Date.parse(state.since) : undefined;
  const changedInPass = (model: AkeneoProductModel | undefined) => since !== undefined && !!model && secondOf(model.updated) > since;
  const roots = new Map<string, AkeneoProductModel>();
  for (const variant of variants) {
    const id = safeKey(variant, ctx);
    const parent = memory.models.get(variant.parent!);
    const root = parent?.parent ? memory.models.get(parent.parent) : parent;
    if (!parent || !root) {
      issues.push({ recordKey: id, field: "parent", reason: "not_found", message: `product model ${parent ? parent.parent : variant.parent} of variant ${variant.uuid} was not found` });
    } else if (memory.emitted.has(root.code) || roots.has(root.code) || changedInPass(root) || changedInPass(parent)) {
      // Read whole in phase 0 of this pass (its model changed), or delivered earlier in this read or on this page.
      skips.add("delivered_with_model", 1, [id]);
    } else {
      skips.add("delivered_with_model", 1, [id]);
      roots.set(root.code, root);
    }
  }
  const delivered = await deliverRoots(deps, ctx, memory, [...roots.values()], products.filter((p) => !p.parent), signal);
  return { items: delivered.items, issues: [...issues, ...delivered.issues] };
}

/** The SKU of a product for messages, or its uuid when it has none. */
function safeKey(product: AkeneoProduct, ctx: AkeneoMappingContext): string {
  try {
    return skuOf(product, ctx);
  } catch {
    return product.uuid;
  }
}
