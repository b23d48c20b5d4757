import { MappingError } from "@omnibridge/connector-kit";
import {
  assetFileSchema, familySchema, issuesFromZod, type AssetFile, type Family, type Page, type ReadOptions, type RecordIssue,
} from "@omnibridge/core-model";
import type { z } from "zod";
import { akeneoFamilySchema, akeneoFamilyVariantSchema, akeneoMediaFileSchema } from "../akeneo-api";
import { NextLinkGuard } from "../akeneo-page-guard";
import { toAssetFile, toFamily } from "../mappers/to-structure";
import { advance, fixBound, openPass, pageOf } from "./delta-pass";
import { listAll } from "./load-context";
import { pagedRead, type StructureDeps } from "./paged-read";
import { clampLimit } from "./product-stream";

type Deps = StructureDeps;

/** Map and validate records with a schema outside the entity registry; failures become issues naming record and field. */
function mapWith<R, I, T>(schema: z.ZodType<T, I>, raws: readonly R[], map: (raw: R) => I, idOf: (raw: R) => string) {
  const items: T[] = [];
  const issues: RecordIssue[] = [];
  for (const raw of raws) {
    try {
      const parsed = schema.safeParse(map(raw));
      if (parsed.success) items.push(parsed.data);
      else issues.push(...issuesFromZod(idOf(raw), parsed.error));
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      issues.push({ recordKey: idOf(raw), field: error.field, reason: "invalid", message: error.message });
    }
  }
  return { items, issues };
}

/**
 * Families (attribute sets) with their family variants: page pagination and `updated > ISO-8601`
 * (families filter like attributes and categories: https://api.akeneo.com/documentation/filter.html#filter-on-families).
 */
export function readFamilies(deps: Deps, options: ReadOptions): AsyncGenerator<Page<Family>> {
  return pagedRead(deps, options, {
    kind: "family", path: "/families", schema: akeneoFamilySchema,
    map: async (page, ctx, state) => {
      const variants = new Map(await Promise.all(page.items.map(async (f) =>
        [f.code, await listAll(deps.client, `/families/${encodeURIComponent(f.code)}/variants`, akeneoFamilyVariantSchema, options.signal)] as const)));
      return mapWith(familySchema, page.items, (f) => toFamily(f, variants.get(f.code) ?? [], ctx, state.bound!), (f) => f.code);
    },
  });
}

/**
 * Product media files' metadata (`GET /media-files`, page pagination: https://api.akeneo.com/api-reference.html#get_media_files).
 * Media files have no update date to filter on, so every read lists them all; the cursor resumes inside a read.
 */
export async function* readAssetFiles(deps: Deps, options: ReadOptions): AsyncGenerator<Page<AssetFile>> {
  const state = openPass("assetFile", options.cursor, deps.system);
  const ctx = await deps.context();
  const guard = new NextLinkGuard(deps.system, "/media-files");
  for (;;) {
    if (state.next) guard.visit(state.next);
    const page = await deps.client.list(state.next ?? "/media-files", state.next ? {} : { limit: clampLimit(options.pageSize) }, akeneoMediaFileSchema, options.signal);
    fixBound(state, page.serverDate);
    const mapped = mapWith(assetFileSchema, page.items, (m) => toAssetFile(m, ctx), (m) => m.code);
    const done = advance(state, page.next, 1);
    yield pageOf(state, mapped.items, mapped.issues, done);
    if (done) return;
  }
}
