import { createEmulatorServer, type EmulatorInterceptor, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import type { ContentEntry } from "@omnibridge/core-model";
import type { EmulatorFactory, EmulatorStartOptions, FaultPlan, RateLimitOptions, RunningEmulator, WorldChangeSet } from "@omnibridge/testkit";
import { createFaultInjector, createRateLimitWindow, rateLimitInterceptor } from "@omnibridge/testkit";
import { fromContentEntry } from "../mappers/from-canonical";
import { COLLECTIONS, createSiteState, META_DEFAULTS, uniqueSlug, wpTime, type WordpressSiteState } from "./wordpress-emulator-state";
import { wordpressRoutes, wpError } from "./wordpress-emulator-routes";

/** Options of {@link startWordpressEmulator}. */
export interface WordpressEmulatorOptions {
  /** Content entries to seed (written as omnibridge would write them). */
  entries?: Iterable<ContentEntry>;
  faults?: FaultPlan;
  /** WordPress core has no rate limit; hosts and WAFs add one (429 + Retry-After). */
  rateLimit?: RateLimitOptions;
  seed?: number;
  port?: number;
  /** Serve `/batch/v1` (default true, as WordPress 5.6+); false emulates a site that removed it. */
  batch?: boolean;
  username?: string;
  applicationPassword?: string;
}

/** A running WordPress emulator with its site state for assertions. */
export interface WordpressEmulator {
  server: EmulatorServer;
  url: string;
  state: WordpressSiteState;
  settings: { url: string; username: string; applicationPassword: string };
  stop(): Promise<void>;
}

/**
 * Application Passwords over Basic auth. A wrong password does not fail the request: WordPress
 * continues anonymously (what the real server does; see wordpress-error.ts).
 * https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/
 */
function basicAuth(state: WordpressSiteState): EmulatorInterceptor {
  const expected = `Basic ${Buffer.from(`${state.username}:${state.applicationPassword}`).toString("base64")}`;
  const compact = `Basic ${Buffer.from(`${state.username}:${state.applicationPassword.replace(/\s+/g, "")}`).toString("base64")}`;
  return (request) => {
    const header = request.headers.authorization;
    request.headers["x-emulator-authenticated"] = header === expected || header === compact ? "1" : "0";
    return undefined;
  };
}

const collectionOf = (type: ContentEntry["type"]) =>
  type === "product_page" ? "product-pages" : type === "category_page" ? "category-pages" : type === "product_story" ? "posts" : "pages";

/** Store a content entry as omnibridge writes it; seeds keep their updatedAt, later changes get the clock's time. */
export function storeEntry(state: WordpressSiteState, entry: ContentEntry, modifiedGmt = wpTime(entry.updatedAt)): void {
  const body = fromContentEntry(entry);
  const type = COLLECTIONS[collectionOf(entry.type)]!;
  const existing = [...state.posts.values()].find((post) => post.meta.omnibridge_key === entry.key);
  const at = modifiedGmt;
  const id = existing?.id ?? state.nextId++;
  state.posts.set(id, {
    id, type, status: body.status, slug: uniqueSlug(state, type, body.slug, id),
    title: body.title, content: body.content, excerpt: body.excerpt,
    dateGmt: existing?.dateGmt ?? at, modifiedGmt: at, meta: { ...META_DEFAULTS, ...body.meta },
  });
}

/** Apply a world revision: changed entries are rewritten, deleted ones trashed, both at the current time (as WordPress sets `modified`). */
export function applyWorldChanges(state: WordpressSiteState, changes: WorldChangeSet): void {
  for (const change of changes.upserted) if (change.entity === "contentEntry") storeEntry(state, change.record as ContentEntry, state.now());
  for (const removed of changes.deleted) {
    const post = removed.entity === "contentEntry" ? [...state.posts.values()].find((candidate) => candidate.meta.omnibridge_key === removed.key) : undefined;
    if (post && post.status !== "trash") Object.assign(post, { status: "trash", slug: `${post.slug}__trashed`, modifiedGmt: state.now() });
  }
}

/** Start a WordPress REST emulator on 127.0.0.1 (the four collections of the omnibridge mu-plugin). */
export async function startWordpressEmulator(options: WordpressEmulatorOptions = {}): Promise<WordpressEmulator> {
  const state = createSiteState(options.username ?? "omnibridge", options.applicationPassword ?? "abcd EFGH ijkl MNOP qrst UVWX");
  for (const entry of options.entries ?? []) storeEntry(state, entry);
  const interceptors: EmulatorInterceptor[] = [];
  const tooMany = () => wpError(429, "too_many_requests", "Too many requests.", {});
  if (options.faults) interceptors.push(createFaultInjector(options.faults, { seed: options.seed ?? 1, rateLimitedResponse: () => ({ ...tooMany(), headers: { "Retry-After": "1" } }) }));
  interceptors.push(basicAuth(state));
  if (options.rateLimit) {
    interceptors.push(rateLimitInterceptor(createRateLimitWindow(options.rateLimit), {
      limited: (decision) => ({ ...tooMany(), headers: { "Retry-After": String(Math.max(1, Math.ceil(decision.resetMs / 1000))) } }),
    }));
  }
  const server = await createEmulatorServer({
    name: "wordpress", port: options.port, interceptors, routes: wordpressRoutes(state, options.batch ?? true),
    notFound: () => wpError(404, "rest_no_route", "No route was found matching the URL and request method."),
  });
  const url = server.url;
  state.baseUrl = url.replace(/\/$/, "");
  const settings = { url, username: state.username, applicationPassword: state.applicationPassword };
  return { server, url, state, settings, stop: () => server.close() };
}

/** The testkit factory: the world's content entries as posts, pages and product pages. */
export const wordpressEmulator: EmulatorFactory = {
  name: "wordpress",
  async start(options: EmulatorStartOptions): Promise<RunningEmulator> {
    const emulator = await startWordpressEmulator({
      entries: options.world.contentEntries(), faults: options.faults, rateLimit: options.rateLimit,
      seed: options.seed ?? options.world.seed, port: options.port,
    });
    return {
      name: "wordpress", url: emulator.url, settings: emulator.settings,
      apply: (changes) => applyWorldChanges(emulator.state, changes),
      requestCount: () => emulator.server.requestCount(),
      stop: () => emulator.stop(),
    };
  },
};
