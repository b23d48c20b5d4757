import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import type { AkeneoValues } from "../akeneo-api";
import { listResponse, type ListSource } from "./akeneo-emulator-pagination";
import { akeneoTime, type AkeneoState, type StoredModel, type StoredProduct, type StoredRecord } from "./akeneo-emulator-state";
import { patchCollection, upsertModel, upsertProduct } from "./akeneo-emulator-write";
import type { Settings } from "./akeneo-emulator-values";

const API = "/api/rest/v1";
const notFound = (message: string): EmulatorResponse => ({ status: 404, body: { code: 404, message } });

function withMediaLinks(values: AkeneoValues, state: AkeneoState, base: string): AkeneoValues {
  const out: AkeneoValues = {};
  for (const [code, list] of Object.entries(values)) {
    const media = state.attributes.get(code)?.body.type === "pim_catalog_image";
    out[code] = media ? list.map((v) => ({ ...v, _links: { download: { href: `${base}${API}/media-files/${String(v.data)}/download` } } })) : list;
  }
  return out;
}

/**
 * Values narrowed to `attributes` (comma-separated codes): "Filter product values to only return those
 * concerning the given attributes" (https://api.akeneo.com/documentation/filter.html#filter-product-values).
 */
function onlyAttributes(values: AkeneoValues, attributes: string | null | undefined): AkeneoValues {
  if (!attributes) return values;
  const codes = new Set(attributes.split(","));
  return Object.fromEntries(Object.entries(values).filter(([code]) => codes.has(code)));
}

/** Render a stored product as `/products-uuid` returns it (inherited values and categories merged). */
function renderProduct(p: StoredProduct, state: AkeneoState, base: string, attributes?: string | null) {
  const ancestors = state.ancestorsOf(p);
  const categories = [...new Set([...ancestors.flatMap((m) => m.categories), ...p.categories])];
  return {
    _links: { self: { href: `${base}${API}/products-uuid/${p.uuid}` } }, uuid: p.uuid, enabled: p.enabled, family: p.family, categories, groups: [],
    // `root_parent`: the root model of a variant (UUID endpoints, products_uuid.yaml example), null for a simple product.
    parent: p.parent, root_parent: ancestors.at(-1)?.code ?? null,
    values: withMediaLinks(onlyAttributes(state.valuesOf(p), attributes), state, base),
    created: akeneoTime(p.created), updated: akeneoTime(p.updated), associations: {}, quantified_associations: {},
  };
}

/** A model as the API returns it: a sub-model shows its root's values too (product_model.yaml example). */
function renderModel(m: StoredModel, state: AkeneoState, base: string) {
  const values = { ...(m.parent ? state.models.get(m.parent)?.values : undefined), ...m.values };
  return {
    _links: { self: { href: `${base}${API}/product-models/${encodeURIComponent(m.code)}` } }, code: m.code, family: m.family, family_variant: m.family_variant,
    parent: m.parent, categories: m.categories, values: withMediaLinks(values, state, base),
    created: akeneoTime(m.created), updated: akeneoTime(m.updated), associations: {},
  };
}

function inValues(search: unknown, property: string): string[] | undefined {
  const conditions = (search as Record<string, Array<{ operator?: string; value?: unknown }>> | undefined)?.[property];
  const condition = conditions?.find((c) => c.operator === "IN" && Array.isArray(c.value));
  return condition ? (condition.value as string[]) : undefined;
}

function catalogSource(
  path: string, records: StoredRecord[], base: string, withUpdated: boolean, omit: readonly string[] = [],
): ListSource<StoredRecord> {
  const byCode = new Map(records.map((r) => [r.code, r]));
  return {
    path, kind: "catalog", searchAfter: false, pageCap: false, keys: records.map((r) => r.code),
    get: (key) => byCode.get(key),
    filterable: (r) => ({ updated: r.updated }),
    render: (r) => {
      const body = { _links: { self: { href: `${base}${path}/${encodeURIComponent(r.code)}` } }, ...r.body, ...(withUpdated ? { updated: akeneoTime(r.updated) } : {}) };
      for (const key of omit) delete (body as Record<string, unknown>)[key];
      return body;
    },
  };
}

/** The Akeneo REST routes the connector uses. */
export function akeneoRoutes(state: AkeneoState, settings: Settings, base: () => string): EmulatorRoute[] {
  const products: ListSource<StoredProduct> = {
    path: `${API}/products-uuid`, kind: "product", searchAfter: true, pageCap: true, identifierAttribute: state.identifierAttribute,
    get keys() { return state.productOrder.keys; },
    candidates: (search) => {
      const parents = inValues(search, "parent");
      if (parents) return parents.flatMap((code) => [...(state.children.get(code) ?? [])]).sort();
      const skus = inValues(search, state.identifierAttribute) ?? inValues(search, "identifier");
      return skus ? skus.flatMap((sku) => (state.identifiers.has(sku) ? [state.identifiers.get(sku)!] : [])).sort() : undefined;
    },
    get: (uuid) => state.products.get(uuid),
    filterable: (p) => {
      const ancestors = state.ancestorsOf(p);
      return {
        updated: p.updated, parent: p.parent, identifier: state.skuOf(p), uuid: p.uuid,
        ancestors: ancestors.map((m) => m.code), ancestorsUpdated: ancestors.map((m) => m.updated),
      };
    },
    render: (p, query) => renderProduct(p, state, base(), query.get("attributes")),
  };
  const models: ListSource<StoredModel> = {
    path: `${API}/product-models`, kind: "model", searchAfter: true, pageCap: true,
    get keys() { return state.modelOrder.keys; },
    candidates: (search) => inValues(search, "identifier")?.filter((code) => state.models.has(code)).sort(),
    get: (code) => state.models.get(code),
    filterable: (m) => ({ updated: m.updated, parent: m.parent, identifier: m.code }),
    render: (m) => renderModel(m, state, base()),
  };
  const sorted = (map: Map<string, StoredRecord>) => [...map.values()].sort((a, b) => (a.code < b.code ? -1 : 1));
  const list = <T>(source: () => ListSource<T>) => (request: EmulatorRequest) => listResponse(request, source(), base());
  const catalog = (path: string, records: () => StoredRecord[], withUpdated = false) => list(() => catalogSource(`${API}${path}`, records(), base(), withUpdated));
  return [
    { method: "GET", path: API, handler: () => ({ status: 200, body: { host: base(), authentication: { fos_oauth_server_token: { route: "/api/oauth/v1/token", method: ["POST"] } }, routes: {} } }) },
    { method: "GET", path: `${API}/products-uuid`, handler: list(() => products) },
    { method: "GET", path: `${API}/products-uuid/:uuid`, handler: (r) => { const p = state.products.get(r.params.uuid!); return p ? { status: 200, body: renderProduct(p, state, base()) } : notFound(`Product "${r.params.uuid}" does not exist or you do not have permission to access it.`); } },
    { method: "PATCH", path: `${API}/products-uuid`, handler: (r) => patchCollection(r, (line) => upsertProduct(line, state, settings, Date.now())) },
    {
      // Single upsert: https://api.akeneo.com/api-reference.html#patch_products_uuid__uuid_ (422 body carries `errors[]`).
      method: "PATCH", path: `${API}/products-uuid/:uuid`,
      handler: (r) => {
        if (r.bodyError || !r.body || typeof r.body !== "object") return { status: 400, body: { code: 400, message: "Invalid json message received" } };
        const result = upsertProduct({ ...(r.body as Record<string, unknown>), uuid: r.params.uuid }, state, settings, Date.now());
        if (result.status_code >= 300) {
          const errors = result.errors ? { errors: result.errors } : {};
          return { status: result.status_code, body: { code: result.status_code, message: result.message, ...errors } };
        }
        return { status: result.status_code, headers: { location: `${base()}${API}/products-uuid/${r.params.uuid}` } };
      },
    },
    { method: "GET", path: `${API}/product-models`, handler: list(() => models) },
    { method: "GET", path: `${API}/product-models/:code`, handler: (r) => { const m = state.models.get(r.params.code!); return m ? { status: 200, body: renderModel(m, state, base()) } : notFound(`Product model "${r.params.code}" does not exist.`); } },
    { method: "PATCH", path: `${API}/product-models`, handler: (r) => patchCollection(r, (line) => upsertModel(line, state, settings, Date.now())) },
    { method: "GET", path: `${API}/attributes`, handler: catalog("/attributes", () => sorted(state.attributes)) },
    {
      method: "GET", path: `${API}/attributes/:code/options`,
      handler: (r) => state.attributes.has(r.params.code!) ? listResponse(r, catalogSource(`${API}/attributes/${r.params.code}/options`, state.options.get(r.params.code!) ?? [], base(), false), base()) : notFound(`Attribute "${r.params.code}" does not exist.`),
    },
    { method: "GET", path: `${API}/families`, handler: catalog("/families", () => sorted(state.families)) },
    {
      method: "GET", path: `${API}/families/:code/variants`,
      handler: (r) => state.families.has(r.params.code!) ? listResponse(r, catalogSource(`${API}/families/${r.params.code}/variants`, state.familyVariants.get(r.params.code!) ?? [], base(), false), base()) : notFound(`Family "${r.params.code}" does not exist.`),
    },
    {
      // `position` only with `with_position=true` (7.0+: parameters `with_position`, "Return information about category position into its category tree").
      method: "GET", path: `${API}/categories`,
      handler: (r) => listResponse(r, catalogSource(`${API}/categories`, sorted(state.categories), base(), true, r.query.get("with_position") === "true" ? [] : ["position"]), base()),
    },
    { method: "GET", path: `${API}/channels`, handler: catalog("/channels", () => state.channels) },
    { method: "GET", path: `${API}/locales`, handler: catalog("/locales", () => state.locales) },
    { method: "GET", path: `${API}/media-files`, handler: catalog("/media-files", () => [...state.media.values()].map((m) => ({ code: m.code, updated: 0, body: { ...m } }))) },
    {
      // Media codes contain slashes (`a/b/c/d/<hash>_file.jpg`): https://api.akeneo.com/api-reference.html#get_media_files__code_
      method: "GET", path: /^\/api\/rest\/v1\/media-files\/(?<code>.+?)(?<download>\/download)?$/,
      handler: (r) => {
        const media = state.media.get(r.params.code!);
        if (!media) return notFound(`Media file "${r.params.code}" does not exist.`);
        if (r.params.download) return { status: 200, headers: { "content-type": media.mime_type }, raw: `binary:${media.code}` };
        return { status: 200, body: { ...media, _links: { download: { href: `${base()}${API}/media-files/${media.code}/download` } } } };
      },
    },
  ];
}
