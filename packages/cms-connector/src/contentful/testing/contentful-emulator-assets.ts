import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { byApi, cmaOnly } from "./contentful-emulator-api";
import { cdaCollection, cdaSingle } from "./contentful-emulator-cda";
import { generatedId, tagsOf } from "./contentful-emulator-cma";
import { lifecycleRoutes, mismatch, notFound, scopedTo, version } from "./contentful-emulator-lifecycle";
import { parseCollectionQuery, runCollectionQuery } from "./contentful-emulator-query";
import { defaultLocale, type ContentfulSpaceState, type LocalizedFields, type StoredEntry } from "./contentful-emulator-state";
import { contentfulError, cmaEntry, ok } from "./contentful-emulator-wire";

// https://www.contentful.com/developers/docs/references/content-management-api/#/reference/assets
const base = "/spaces/:space/environments/:environment";

/** Create (`POST` with a generated id, `PUT` with ours) or replace (`PUT` with the current version) an asset. */
function saveAsset(state: ContentfulSpaceState, request: EmulatorRequest, id: string): EmulatorResponse {
  const body = request.body as { fields?: LocalizedFields; metadata?: unknown } | undefined;
  if (!body || typeof body.fields !== "object" || body.fields === null) return contentfulError(400, "BadRequest", "Request body must be an asset with fields");
  const existing = state.assets.get(id);
  if (existing && version(request) !== existing.version) return mismatch();
  if (existing?.archivedVersion) return contentfulError(400, "BadRequest", "Cannot update an archived asset; unarchive it first");
  const tags = tagsOf(body);
  if (!Array.isArray(tags)) return tags;
  const now = state.now();
  const asset: StoredEntry = existing ?? { id, type: "Asset", contentTypeId: "", version: 0, createdAt: now, updatedAt: now, fields: {}, syncSeq: 0 };
  asset.fields = structuredClone(body.fields);
  asset.metadata = { tags };
  asset.version += 1;
  asset.updatedAt = now;
  state.assets.set(id, asset);
  state.removed.delete(`Asset:${id}`);
  return ok(cmaEntry(state, asset), existing ? 200 : 201);
}

/**
 * `PUT /assets/{id}/files/{locale}/process`: the uploaded file gets its CDN `url` (done at once
 * here; Contentful processes asynchronously and clients poll the asset until `url` appears).
 */
function processFile(state: ContentfulSpaceState, request: EmulatorRequest): EmulatorResponse {
  const asset = state.assets.get(request.params.id!);
  if (!asset) return notFound("Asset", request.params.id!);
  if (version(request) !== asset.version) return mismatch();
  const locale = request.params.locale!;
  const file = asset.fields.file?.[locale] as { fileName?: string; upload?: string; url?: string } | undefined;
  if (!file?.fileName || !(file.upload || file.url)) return contentfulError(422, "ValidationFailed", "Validation error", { errors: [{ name: "required", path: ["fields", "file", locale], details: "A file with fileName and upload is required" }] });
  const { upload: _upload, ...rest } = file;
  asset.fields.file![locale] = { ...rest, url: `//assets.ctfassets.net/${state.spaceId}/${asset.id}/${asset.version}/${encodeURIComponent(file.fileName)}` };
  asset.version += 1;
  asset.updatedAt = state.now();
  return { status: 204 };
}

/** CMA asset routes (create, read, collection, process, lifecycle); GETs with the delivery token answer as the CDA. */
export function assetRoutes(state: ContentfulSpaceState): EmulatorRoute[] {
  const inScope = scopedTo(state);
  return [
    { method: "GET", path: `${base}/assets`, handler: inScope(byApi((request) => {
      const query = parseCollectionQuery(request.query);
      if ("status" in query) return query;
      return ok(runCollectionQuery([...state.assets.values()].map((asset) => cmaEntry(state, asset)), query, defaultLocale(state)));
    }, (request) => cdaCollection(state, state.assets, request))) },
    { method: "POST", path: `${base}/assets`, handler: inScope(cmaOnly((request) => saveAsset(state, request, generatedId()))) },
    { method: "GET", path: `${base}/assets/:id`, handler: inScope(byApi((request) => {
      const asset = state.assets.get(request.params.id!);
      return asset ? ok(cmaEntry(state, asset)) : notFound("Asset", request.params.id!);
    }, (request) => cdaSingle(state, state.assets, request))) },
    { method: "PUT", path: `${base}/assets/:id`, handler: inScope(cmaOnly((request) => saveAsset(state, request, request.params.id!))) },
    { method: "PUT", path: `${base}/assets/:id/files/:locale/process`, handler: inScope(cmaOnly((request) => processFile(state, request))) },
    ...lifecycleRoutes(state, `${base}/assets`, "Asset"),
  ];
}
