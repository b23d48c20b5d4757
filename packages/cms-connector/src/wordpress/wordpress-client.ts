import { createHttpClient, TokenBucket, type HttpClient } from "@omnibridge/connector-kit";
import type { ConnectorMetrics } from "@omnibridge/core-model";
import { isConnectorError } from "@omnibridge/core-model";
import {
  wordpressBatchIndexSchema, wordpressBatchSchema, wordpressMediaSchema, wordpressPostListSchema, wordpressPostSchema, wordpressTermSchema,
  type WordpressPost,
} from "./wordpress-api";
import { classifyWordpressError } from "./wordpress-error";
import type { WordpressSettings } from "./wordpress-settings";

/** One collection page with the totals from `X-WP-Total` / `X-WP-TotalPages`. */
export interface WordpressListPage {
  items: unknown[];
  total: number;
  totalPages: number;
}

/** One request inside a `/batch/v1` call: `path` relative to `/wp-json` (query string allowed). */
export interface WordpressBatchRequest {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: object;
}

/** One answer of a `/batch/v1` call, in request order (null for a request not run). */
export type WordpressBatchResponse = { status: number; body: unknown } | null;

const BATCH_OPERATION = "POST batch/v1";

/** Transport to `/wp-json/`: Basic auth with the Application Password, WordPress error bodies. */
export interface WordpressClient {
  /** The system id (`wordpress`), for errors built outside the HTTP client. */
  readonly system: string;
  list(collection: string, params: Record<string, string | number | undefined>): Promise<WordpressListPage>;
  create(collection: string, body: object): Promise<WordpressPost>;
  update(collection: string, id: number, body: object): Promise<WordpressPost>;
  trash(collection: string, id: number): Promise<WordpressPost>;
  /** `source_url` by id of media items (featured images). */
  mediaUrls(ids: readonly number[]): Promise<Map<number, string>>;
  /** Slugs by id of terms of a taxonomy's REST base (`categories`). */
  termSlugs(taxonomy: string, ids: readonly number[]): Promise<Map<number, string>>;
  index(): Promise<unknown>;
  /** Requests per `/batch/v1` call the site allows; 0 when it has no batch route (discovered once from the index). */
  batchLimit(): Promise<number>;
  /** Forget the batch route (it answered 404): later writes go one request at a time. */
  disableBatch(): void;
  /**
   * Run up to {@link batchLimit} write requests in one `/batch/v1` call (`validation: "normal"`: each runs
   * on its own). Answers 207 with one response per request; failed requests do not fail the call.
   * Not retried: it may hold creates.
   */
  batch(requests: readonly WordpressBatchRequest[]): Promise<WordpressBatchResponse[]>;
  me(): Promise<unknown>;
  metrics(): ConnectorMetrics;
  close(): void;
}

function urlPassword(url: string): string[] {
  const password = URL.canParse(url) ? new URL(url).password : "";
  return password ? [password, decodeURIComponent(password)] : [];
}

/** Create the WordPress REST client. */
export function createWordpressClient(settings: WordpressSettings): WordpressClient {
  const token = Buffer.from(`${settings.username}:${settings.applicationPassword}`, "utf8").toString("base64");
  const http: HttpClient = createHttpClient({
    system: settings.system,
    baseURL: `${settings.url.replace(/\/+$/, "")}/wp-json/`,
    timeoutMs: settings.timeoutMs,
    tls: settings.tls,
    // https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/ (Basic auth)
    authorize: () => ({ Authorization: `Basic ${token}` }),
    // WordPress core has no rate limits; stay gentle with small hosts by default.
    rateBudget: settings.rateBudget ?? new TokenBucket({ ratePerSecond: 25, burst: 25 }),
    retry: settings.retry,
    // A batch answer lists failed requests beside applied ones: those are per-record outcomes, not a failed call.
    classify: (failure) => (failure.operation === BATCH_OPERATION && failure.status < 400 ? undefined : classifyWordpressError(failure)),
    // A password written into the site URL (`https://user:pass@host`) is a secret too.
    secrets: () => [settings.applicationPassword, settings.applicationPassword.replace(/\s+/g, ""), token, ...urlPassword(settings.url)],
    logger: settings.logger,
  });
  const json = { "Content-Type": "application/json" };
  // Collections accept `include=` ids, at most 100 per page.
  async function byIds(url: string, ids: readonly number[]): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let i = 0; i < ids.length; i += 100) {
      const params = { include: ids.slice(i, i + 100).join(","), per_page: 100 };
      items.push(...(await http.request({ method: "GET", url, params, schema: wordpressPostListSchema })).data);
    }
    return items;
  }
  let limit: Promise<number> | undefined;
  // The index, reduced to the batch route (nested `_fields`, WordPress 5.3+; a site ignoring it sends the whole index).
  async function discoverBatch(): Promise<number> {
    try {
      const index = await http.request({ method: "GET", url: "", params: { _fields: "routes./batch/v1" }, schema: wordpressBatchIndexSchema });
      const route = index.data.routes?.["/batch/v1"];
      if (!route) return 0;
      return route.endpoints?.[0]?.args?.requests?.maxItems ?? 25;
    } catch (error) {
      // An index that does not answer as documented: write one request at a time.
      if (isConnectorError(error) && (error.reason === "protocol" || error.reason === "not_found")) return 0;
      limit = undefined;
      throw error;
    }
  }
  return {
    system: settings.system,
    batchLimit: () => (limit ??= discoverBatch()),
    disableBatch: () => void (limit = Promise.resolve(0)),
    // https://make.wordpress.org/core/2020/11/20/rest-api-batch-framework-in-wordpress-5-6/
    async batch(requests) {
      const response = await http.request({
        method: "POST", url: "batch/v1", data: { validation: "normal", requests }, headers: json, schema: wordpressBatchSchema, retry: false, operation: BATCH_OPERATION,
      });
      return response.data.responses;
    },
    // https://developer.wordpress.org/rest-api/using-the-rest-api/pagination/
    async list(collection, params) {
      const response = await http.request({ method: "GET", url: `wp/v2/${collection}`, params, schema: wordpressPostListSchema });
      return {
        items: response.data,
        total: Number(response.headers["x-wp-total"] ?? response.data.length),
        totalPages: Number(response.headers["x-wp-totalpages"] ?? 1),
      };
    },
    // https://developer.wordpress.org/rest-api/reference/posts/#create-a-post — not retried: a
    // retried create could duplicate; the next run finds the record by its meta key instead.
    async create(collection, body) {
      const response = await http.request({
        method: "POST", url: `wp/v2/${collection}`, params: { context: "edit" }, data: body, headers: json, schema: wordpressPostSchema, retry: false,
      });
      return response.data;
    },
    // https://developer.wordpress.org/rest-api/reference/posts/#update-a-post
    async update(collection, id, body) {
      const response = await http.request({
        method: "POST", url: `wp/v2/${collection}/${id}`, params: { context: "edit" }, data: body, headers: json, schema: wordpressPostSchema,
      });
      return response.data;
    },
    // https://developer.wordpress.org/rest-api/reference/posts/#delete-a-post (without force: trash)
    async trash(collection, id) {
      const response = await http.request({ method: "DELETE", url: `wp/v2/${collection}/${id}`, params: { context: "edit" }, schema: wordpressPostSchema });
      return response.data;
    },
    // https://developer.wordpress.org/rest-api/reference/media/#list-media (include=, at most 100 per page)
    async mediaUrls(ids) {
      const urls = new Map<number, string>();
      for (const raw of await byIds("wp/v2/media", ids)) {
        const parsed = wordpressMediaSchema.safeParse(raw);
        if (parsed.success) urls.set(parsed.data.id, parsed.data.source_url);
      }
      return urls;
    },
    // https://developer.wordpress.org/rest-api/reference/categories/#list-categories
    async termSlugs(taxonomy, ids) {
      const slugs = new Map<number, string>();
      for (const raw of await byIds(`wp/v2/${taxonomy}`, ids)) {
        const parsed = wordpressTermSchema.safeParse(raw);
        if (parsed.success) slugs.set(parsed.data.id, parsed.data.slug);
      }
      return slugs;
    },
    async index() {
      return (await http.request({ method: "GET", url: "" })).data;
    },
    async me() {
      return (await http.request({ method: "GET", url: "wp/v2/users/me" })).data;
    },
    metrics: () => http.metrics(),
    close: () => http.close(),
  };
}
