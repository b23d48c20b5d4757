import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";
import { batchIndexRoute, batchRoute } from "./wordpress-emulator-batch";
import { COLLECTIONS, META_DEFAULTS, restPost, uniqueSlug, type EmulatedPost, type WordpressSiteState } from "./wordpress-emulator-state";

/** `{code, message, data:{status}}` — https://developer.wordpress.org/rest-api/using-the-rest-api/ */
export const wpError = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): EmulatorResponse =>
  ({ status, body: { code, message, data: { status, ...extra } } });
const invalidParam = (param: string, message: string, status = 400) =>
  wpError(400, "rest_invalid_param", `Invalid parameter(s): ${param}`, { params: { [param]: message }, details: { [param]: { code: "rest_invalid_param", message, data: { status } } } });

const STATUSES = new Set(["publish", "future", "draft", "pending", "private", "trash"]);
const authed = (request: EmulatorRequest) => request.headers["x-emulator-authenticated"] === "1";

function filterPosts(state: WordpressSiteState, type: string, request: EmulatorRequest): EmulatedPost[] | EmulatorResponse {
  const statuses = (request.query.get("status") ?? "publish").split(",");
  if (statuses.some((status) => !STATUSES.has(status) && status !== "any")) return invalidParam("status", "Status is not one of publish, future, draft, pending, private, trash.");
  // Anonymous readers only see published posts; WordPress refuses the parameter with a nested 401.
  if (!authed(request) && statuses.some((status) => status !== "publish")) return invalidParam("status", "Status is forbidden.", 401);
  if (!authed(request) && request.query.get("context") === "edit") return wpError(401, "rest_forbidden_context", "Sorry, you are not allowed to edit posts in this post type.");
  const after = request.query.get("modified_after");
  const afterGmt = after ? new Date(after).toISOString().slice(0, 19) : undefined;
  const lookups = (["omnibridge_key", "omnibridge_sku"] as const).map((param) => [param, request.query.get(param)?.split(",")] as const);
  return [...state.posts.values()].filter((post) =>
    post.type === type && (statuses.includes(post.status) || (statuses.includes("any") && post.status !== "trash")) &&
    (!afterGmt || post.modifiedGmt > afterGmt) &&
    lookups.every(([param, values]) => !values || values.includes(String(post.meta[param] ?? ""))));
}

function sortPosts(posts: EmulatedPost[], request: EmulatorRequest): EmulatedPost[] {
  const orderby = request.query.get("orderby") ?? "date";
  const sign = (request.query.get("order") ?? "desc") === "asc" ? 1 : -1;
  const field = (post: EmulatedPost) => (orderby === "modified" ? post.modifiedGmt : orderby === "id" ? post.id : post.dateGmt);
  // The mu-plugin adds ID as a tie-break to orderby=modified.
  return posts.sort((a, b) => (field(a) < field(b) ? -sign : field(a) > field(b) ? sign : sign * (a.id - b.id)));
}

/** GET collection: per_page 1..100, page past the end is 400, totals in X-WP-Total(Pages). */
function list(state: WordpressSiteState, type: string) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const perPage = Number(request.query.get("per_page") ?? 10);
    const page = Number(request.query.get("page") ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return invalidParam("per_page", "per_page must be between 1 (inclusive) and 100 (inclusive)");
    const posts = filterPosts(state, type, request);
    if (!Array.isArray(posts)) return posts;
    const total = posts.length;
    const pages = Math.ceil(total / perPage);
    if (page > 1 && page > pages) return wpError(400, "rest_post_invalid_page_number", "The page number requested is larger than the number of pages available.");
    const items = sortPosts(posts, request).slice((page - 1) * perPage, page * perPage).map((post) => restPost(post, state.baseUrl));
    return { status: 200, headers: { "X-WP-Total": String(total), "X-WP-TotalPages": String(pages) }, body: items };
  };
}

function save(
  state: WordpressSiteState, type: string, existing: EmulatedPost | undefined, body: Record<string, unknown>,
): EmulatorResponse {
  if (body.status !== undefined && !STATUSES.has(String(body.status))) return invalidParam("status", "status is not one of publish, future, draft, pending, private.");
  const now = state.now();
  const post: EmulatedPost = existing ?? { id: state.nextId++, type, status: "draft", slug: "", title: "", content: "", excerpt: "", dateGmt: now, modifiedGmt: now, meta: { ...META_DEFAULTS } };
  for (const field of ["title", "content", "excerpt", "status"] as const) if (typeof body[field] === "string") post[field] = body[field] as string;
  const meta = (body.meta ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(meta)) if (name in META_DEFAULTS) (post.meta as Record<string, unknown>)[name] = value;
  const wanted = typeof body.slug === "string" && body.slug ? body.slug : post.slug || post.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  post.slug = post.status === "draft" && !wanted ? "" : uniqueSlug(state, type, wanted, post.id);
  post.modifiedGmt = now;
  state.posts.set(post.id, post);
  return { status: existing ? 200 : 201, body: restPost(post, state.baseUrl) };
}

/** Routes of `/wp-json/` for the four collections omnibridge uses. */
export function wordpressRoutes(state: WordpressSiteState, batch = true): EmulatorRoute[] {
  // The index lists `/batch/v1` under `routes` (namespace "", as WordPress 6.1 does), or not at all on a site without it.
  const index = { name: "omnibridge emulated shop", namespaces: ["wp/v2"], authentication: { "application-passwords": {} }, routes: batch ? { "/batch/v1": batchIndexRoute } : {} };
  const routes: EmulatorRoute[] = [
    { method: "GET", path: "/wp-json/", handler: () => ({ status: 200, body: index }) },
    { method: "GET", path: "/wp-json/wp/v2/users/me", handler: (request) => (authed(request) ? { status: 200, body: { id: 1, name: state.username, slug: state.username } } : wpError(401, "rest_not_logged_in", "You are not currently logged in.")) },
  ];
  for (const [collection, type] of Object.entries(COLLECTIONS)) {
    const path = `/wp-json/wp/v2/${collection}`;
    const byId = (handler: (post: EmulatedPost, request: EmulatorRequest) => EmulatorResponse) => (request: EmulatorRequest) => {
      if (!authed(request)) return wpError(401, "rest_cannot_edit", "Sorry, you are not allowed to edit this post.");
      const post = state.posts.get(Number(request.params.id));
      return post && post.type === type ? handler(post, request) : wpError(404, "rest_post_invalid_id", "Invalid post ID.");
    };
    routes.push(
      { method: "GET", path, handler: list(state, type) },
      { method: "POST", path, handler: (request) => (authed(request) ? save(state, type, undefined, (request.body ?? {}) as Record<string, unknown>) : wpError(401, "rest_cannot_create", "Sorry, you are not allowed to create posts as this user.")) },
      { method: "POST", path: `${path}/:id`, handler: byId((post, request) => save(state, type, post, (request.body ?? {}) as Record<string, unknown>)) },
      { method: "DELETE", path: `${path}/:id`, handler: byId((post) => {
        if (post.status === "trash") return wpError(410, "rest_already_trashed", "The post has already been deleted.");
        post.status = "trash";
        post.slug = `${post.slug}__trashed`;
        post.modifiedGmt = state.now();
        return { status: 200, body: restPost(post, state.baseUrl) };
      }) },
    );
  }
  if (batch) routes.push(batchRoute(() => routes));
  return routes;
}
