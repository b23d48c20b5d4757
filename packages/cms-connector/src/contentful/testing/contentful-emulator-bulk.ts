import { randomBytes } from "node:crypto";
import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { cmaOnly } from "./contentful-emulator-api";
import { notFound, publishErrors, scopedTo } from "./contentful-emulator-lifecycle";
import { publishEntry, type ContentfulSpaceState } from "./contentful-emulator-state";
import { baseSys, contentfulError, ok } from "./contentful-emulator-wire";

/**
 * Bulk actions (publish): created, then processed asynchronously (`created` → `inProgress` →
 * `succeeded` | `failed`), all or nothing; up to 200 versioned links; at most 5 active per space.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/reference/bulk-actions
 */
const MAX_ITEMS = 200;
const MAX_ACTIVE = 5;

interface Link { sys: { type: "Link"; linkType: string; id: string; version?: number } }
interface StoredAction {
  id: string;
  status: "created" | "inProgress" | "succeeded" | "failed";
  createdAt: string;
  updatedAt: string;
  items: Link[];
  error?: unknown;
}

const validation = (errors: Array<{ name: string; path: Array<string | number>; details: string }>) =>
  contentfulError(422, "ValidationFailed", "Validation error", { errors });

/** The payload's links, or the 422 Contentful answers (shape, version required, limit, duplicates). */
function linksOf(body: unknown): Link[] | EmulatorResponse {
  const items = (body as { entities?: { items?: unknown } } | null)?.entities?.items;
  if (!Array.isArray(items)) return validation([{ name: "any.required", path: ["entities", "items"], details: "\"entities.items\" is required" }]);
  if (items.length > MAX_ITEMS) return validation([{ name: "array.max", path: ["entities", "items"], details: `"entities.items" must contain less than or equal to ${MAX_ITEMS} items` }]);
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    const sys = (item as Link | null)?.sys;
    const path = ["entities", "items", index, "sys"];
    if (!sys || sys.type !== "Link" || typeof sys.id !== "string" || (sys.linkType !== "Entry" && sys.linkType !== "Asset")) {
      return validation([{ name: "any.invalid", path, details: `"entities.items[${index}].sys" must be a link to an Entry or Asset` }]);
    }
    if (typeof sys.version !== "number") return validation([{ name: "any.required", path: [...path, "version"], details: `"entities.items[${index}].sys.version" is required` }]);
    if (seen.has(`${sys.linkType}:${sys.id}`)) return validation([{ name: "array.unique", path: ["entities", "items", index], details: `"entities.items[${index}]" contains a duplicate value` }]);
    seen.add(`${sys.linkType}:${sys.id}`);
  }
  return items as Link[];
}

/** Process an action: every entity checked first (exists, same version, valid), then all published, or none. */
function run(state: ContentfulSpaceState, action: StoredAction): void {
  const errors: Array<{ entity: Link; error: unknown }> = [];
  const ready = [];
  for (const link of action.items) {
    const resource = (link.sys.linkType === "Asset" ? state.assets : state.entries).get(link.sys.id);
    const fail = (status: number, id: string, message: string, details?: unknown) =>
      errors.push({ entity: link, error: (contentfulError(status, id, message, details).body) });
    if (!resource) fail(404, "NotFound", "The resource could not be found.", { type: link.sys.linkType, id: link.sys.id });
    else if (resource.version !== link.sys.version) fail(409, "VersionMismatch", "Version mismatch");
    else if (resource.archivedVersion) fail(400, "BadRequest", `Cannot publish an archived ${link.sys.linkType.toLowerCase()}`);
    else {
      const invalid = publishErrors(state, resource);
      if (invalid.length) fail(422, "ValidationFailed", "Validation error", { errors: invalid });
      else ready.push(resource);
    }
  }
  action.updatedAt = state.now();
  if (errors.length) {
    action.status = "failed";
    action.error = { sys: { type: "Error", id: "BulkActionFailed" }, message: "Some entities could not be published", details: { errors } };
    return;
  }
  for (const resource of ready) publishEntry(state, resource);
  action.status = "succeeded";
}

/** Bulk action routes; `delayMs` is how long an action stays pending before it is processed. */
export function bulkActionRoutes(state: ContentfulSpaceState, base: string, delayMs: number): EmulatorRoute[] {
  const actions = new Map<string, StoredAction>();
  const inScope = scopedTo(state);
  const render = (action: StoredAction) => ({
    sys: {
      ...baseSys(state), type: "BulkAction", id: action.id, status: action.status, createdAt: action.createdAt, updatedAt: action.updatedAt,
      createdBy: { sys: { type: "Link", linkType: "User", id: "emulator-user" } },
    },
    action: "publish",
    payload: { entities: { sys: { type: "Array" }, items: action.items } },
    ...(action.error ? { error: action.error } : {}),
  });
  const create = (request: EmulatorRequest): EmulatorResponse => {
    const items = linksOf(request.body);
    if (!Array.isArray(items)) return items;
    const stale = items.filter((link) => (link.sys.linkType === "Asset" ? state.assets : state.entries).get(link.sys.id)?.version !== link.sys.version);
    if (stale.length) {
      return contentfulError(400, "BadRequest", `One or more items do not exist, are inaccessible or are not at the provided version: ${stale.map((link) => link.sys.id).join(", ")}`);
    }
    const active = [...actions.values()].filter((action) => action.status === "created" || action.status === "inProgress").length;
    if (active >= MAX_ACTIVE) return contentfulError(429, "RateLimitExceeded", `At most ${MAX_ACTIVE} bulk actions may be active at once`, undefined, { "X-Contentful-RateLimit-Reset": "1" });
    const now = state.now();
    const action: StoredAction = { id: randomBytes(11).toString("hex"), status: "created", createdAt: now, updatedAt: now, items: structuredClone(items) };
    actions.set(action.id, action);
    setTimeout(() => {
      action.status = "inProgress";
      setTimeout(() => run(state, action), delayMs / 2).unref();
    }, delayMs / 2).unref();
    return ok(render(action));
  };
  return [
    { method: "POST", path: `${base}/bulk_actions/publish`, handler: inScope(cmaOnly(create)) },
    { method: "GET", path: `${base}/bulk_actions/actions/:id`, handler: inScope(cmaOnly((request) => {
      const action = actions.get(request.params.id!);
      return action ? ok(render(action)) : notFound("BulkAction", request.params.id!);
    })) },
  ];
}
