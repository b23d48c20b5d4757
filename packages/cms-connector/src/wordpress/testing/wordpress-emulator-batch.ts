import type { EmulatorRequest, EmulatorResponse, EmulatorRoute } from "@omnibridge/connector-kit/testing";

/** `/batch/v1` as WordPress 5.6+ serves it: at most 25 requests, each run through the site's own routes. */
export const MAX_BATCH = 25;

/** The index entry of the batch route (WordPress 6.1 lists it with namespace ""). */
export const batchIndexRoute = {
  namespace: "", methods: ["POST"],
  endpoints: [{
    methods: ["POST"],
    args: {
      validation: { type: "string", enum: ["require-all-validate", "normal"], default: "normal", required: false },
      requests: { type: "array", maxItems: MAX_BATCH, items: { type: "object" }, required: true },
    },
  }],
};

const error = (status: number, code: string, message: string, data: Record<string, unknown> = {}): EmulatorResponse =>
  ({ status, body: { code, message, data: { status, ...data } } });

/** Find the route serving a method and path (`:name` segments are parameters). */
function match(routes: readonly EmulatorRoute[], method: string, path: string) {
  for (const route of routes) {
    if (route.method !== method || typeof route.path !== "string") continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${route.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    const found = pattern.exec(path);
    if (found) return { route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) };
  }
  return undefined;
}

/**
 * `POST /wp-json/batch/v1` with `validation: "normal"`: every request runs on its own, in order, as
 * the authenticated caller; the answer is 207 with `responses[i] = {body, status, headers}`.
 * (`require-all-validate` is refused here: the connector does not use it.)
 * https://make.wordpress.org/core/2020/11/20/rest-api-batch-framework-in-wordpress-5-6/
 */
export function batchRoute(routes: () => readonly EmulatorRoute[]): EmulatorRoute {
  return {
    method: "POST", path: "/wp-json/batch/v1",
    handler: (request: EmulatorRequest): EmulatorResponse => {
      const body = (request.body ?? {}) as { validation?: unknown; requests?: unknown };
      const requests = body.requests;
      if (!Array.isArray(requests)) return error(400, "rest_missing_callback_param", "Missing parameter(s): requests", { params: ["requests"] });
      if (requests.length > MAX_BATCH) {
        return error(400, "rest_invalid_param", "Invalid parameter(s): requests", { params: { requests: `requests must contain at most ${MAX_BATCH} items.` } });
      }
      if (body.validation !== undefined && body.validation !== "normal") {
        return error(400, "rest_invalid_param", "Invalid parameter(s): validation", { params: { validation: "validation is not one of normal." } });
      }
      const responses = requests.map((raw) => {
        const item = (raw ?? {}) as { method?: string; path?: string; body?: unknown };
        const url = new URL(String(item.path ?? ""), "http://batch.invalid");
        const method = item.method ?? "POST";
        const found = match(routes(), method, `/wp-json${url.pathname}`);
        const answer = found
          ? found.route.handler({ ...request, method, path: `/wp-json${url.pathname}`, query: url.searchParams, params: found.params, body: item.body ?? {}, rawBody: "" })
          : error(404, "rest_no_route", "No route was found matching the URL and request method.");
        if (answer instanceof Promise) throw new TypeError("batch sub-requests must be answered synchronously");
        return { body: answer.body, status: answer.status, headers: answer.headers ?? [] };
      });
      return { status: 207, body: { responses } };
    },
  };
}
