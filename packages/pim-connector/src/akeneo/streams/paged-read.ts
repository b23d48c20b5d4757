import type { Page, ReadOptions, RecordIssue } from "@omnibridge/core-model";
import type { z } from "zod";
import type { AkeneoClient, AkeneoListPage } from "../akeneo-client";
import { NextLinkGuard } from "../akeneo-page-guard";
import { isoFilterTime, updatedSince } from "../akeneo-search";
import type { AkeneoMappingContext } from "../mappers/akeneo-context";
import { advance, filterBoundary, fixBound, openPass, pageOf, type PassCursor } from "./delta-pass";
import { clampLimit } from "./product-stream";
import { SkipCounter } from "./skip-counter";

/** What a catalogue-structure read needs. */
export interface StructureDeps {
  client: AkeneoClient;
  system: string;
  context: () => Promise<AkeneoMappingContext>;
}

/** One structure endpoint read page by page (`_links.next`), mapped by the caller. */
export interface PagedRead<R, T> {
  kind: string;
  path: string;
  schema: z.ZodType<R>;
  /** Extra first-request parameters (`with_position`). */
  params?: Record<string, string>;
  /** Map one vendor page; `skips` counts records left out on purpose. */
  map: (
    page: AkeneoListPage<R>, ctx: AkeneoMappingContext, state: PassCursor, skips: SkipCounter,
  ) => Promise<{ items: T[]; issues: RecordIssue[] }>;
}

/**
 * The loop every structure read shares: a keyset pass over page pagination with the
 * `updated > ISO-8601` filter (https://api.akeneo.com/documentation/filter.html), a guard against a
 * `next` link that repeats, records at the previous pass's boundary counted as skips, not re-sent.
 */
export async function* pagedRead<R, T extends { key: string; updatedAt: string }>(
  deps: StructureDeps, options: ReadOptions, read: PagedRead<R, T>,
): AsyncGenerator<Page<T>> {
  const state = openPass(read.kind, options.cursor, deps.system);
  const ctx = await deps.context();
  const guard = new NextLinkGuard(deps.system, read.path);
  for (;;) {
    if (state.next) guard.visit(state.next);
    const since = state.since ? updatedSince(isoFilterTime(state.since)) : undefined;
    const params = { limit: clampLimit(options.pageSize), ...read.params, search: since };
    const page = await deps.client.list(state.next ?? read.path, state.next ? {} : params, read.schema, options.signal);
    fixBound(state, page.serverDate);
    const skips = new SkipCounter();
    const mapped = await read.map(page, ctx, state, skips);
    const items = filterBoundary(state, mapped.items);
    const repeated = mapped.items.filter((i) => !items.includes(i)).map((i) => i.key);
    skips.add("unchanged_since_previous_pass", repeated.length, repeated);
    const done = advance(state, page.next, 1);
    yield pageOf(state, items, mapped.issues, done, skips.list());
    if (done) return;
  }
}
