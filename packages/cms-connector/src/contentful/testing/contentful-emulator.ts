import { createEmulatorServer, type EmulatorInterceptor, type EmulatorRequest, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import type { ContentEntry } from "@omnibridge/core-model";
import type { EmulatorFactory, EmulatorStartOptions, FaultPlan, RateLimitOptions, RunningEmulator, World, WorldChangeSet } from "@omnibridge/testkit";
import { createFaultInjector, createRateLimitWindow, rateLimitInterceptor } from "@omnibridge/testkit";
import { AUTH_ERROR, setApi } from "./contentful-emulator-api";
import { assetRoutes } from "./contentful-emulator-assets";
import { cmaRoutes } from "./contentful-emulator-cma";
import { spaceRoutes } from "./contentful-emulator-space";
import { syncRoutes } from "./contentful-emulator-sync";
import { createSpaceState, unpublishEntry, type ContentfulSpaceState } from "./contentful-emulator-state";
import { contentfulError } from "./contentful-emulator-wire";
import { seedContentTypes, storeEntry } from "./contentful-emulator-seed";
import { entryIdFor } from "../contentful-ids";

/** Options of {@link startContentfulEmulator}. */
export interface ContentfulEmulatorOptions {
  spaceId?: string;
  environment?: string;
  locales?: readonly string[];
  /** Content entries to seed as published entries. */
  entries?: Iterable<ContentEntry>;
  faults?: FaultPlan;
  /** CMA rate limit per token (Contentful's default: 7 requests per second). */
  rateLimit?: RateLimitOptions;
  seed?: number;
  port?: number;
  /** How long a bulk action stays `created` / `inProgress` before it is processed (default 20 ms). */
  bulkActionDelayMs?: number;
  managementToken?: string;
  deliveryToken?: string;
}

/** A running Contentful emulator with its space state for assertions. */
export interface ContentfulEmulator {
  server: EmulatorServer;
  url: string;
  state: ContentfulSpaceState;
  settings: {
    spaceId: string; environment: string; managementToken: string; deliveryToken: string; managementUrl: string; deliveryUrl: string;
  };
  stop(): Promise<void>;
}

/**
 * Tokens as `Authorization: Bearer` or the `access_token` query parameter. The management token
 * speaks the CMA, the delivery token the CDA (published content, `/sync`); `/sync` is CDA only.
 * https://www.contentful.com/developers/docs/references/authentication/
 */
function auth(managementToken: string, deliveryToken: string): EmulatorInterceptor {
  return (request: EmulatorRequest) => {
    const header = String(request.headers.authorization ?? "");
    const token = header.startsWith("Bearer ") ? header.slice(7) : request.query.get("access_token") ?? "";
    const api = token === deliveryToken ? "cda" : token === managementToken ? "cma" : undefined;
    if (!api || (api === "cma" && request.path.endsWith("/sync"))) return contentfulError(401, "AccessTokenInvalid", AUTH_ERROR);
    if (api === "cda" && request.method !== "GET" && request.method !== "HEAD") return contentfulError(401, "AccessTokenInvalid", AUTH_ERROR);
    setApi(request, api);
    return undefined;
  };
}

/**
 * Contentful's 429: `X-Contentful-RateLimit-Reset` says how many seconds to wait.
 * https://www.contentful.com/developers/docs/references/content-management-api/#/introduction/api-rate-limits
 */
function rateLimited(options: RateLimitOptions): EmulatorInterceptor {
  const window = createRateLimitWindow(options);
  return rateLimitInterceptor(window, {
    limited: (decision) => contentfulError(429, "RateLimitExceeded", "You have exceeded the rate limit of the Organization this Space belongs to by making too many API requests within a short timespan. Please wait a moment before trying the request again.", undefined, {
      "X-Contentful-RateLimit-Reset": String(Math.max(1, Math.ceil(decision.resetMs / 1000))),
      "X-Contentful-RateLimit-Second-Limit": String(decision.limit),
      "X-Contentful-RateLimit-Second-Remaining": "0",
    }),
  });
}

/** Start the emulator on 127.0.0.1 (CMA and CDA on one port). */
export async function startContentfulEmulator(options: ContentfulEmulatorOptions = {}): Promise<ContentfulEmulator> {
  const state = createSpaceState(options.spaceId ?? "omnibridge", options.environment ?? "master", options.locales ?? ["en", "de-DE", "fr-FR"]);
  seedContentTypes(state);
  for (const entry of options.entries ?? []) storeEntry(state, entry);
  const managementToken = options.managementToken ?? "CFPAT-emulator-management-token";
  const deliveryToken = options.deliveryToken ?? "emulator-delivery-token";
  const interceptors: EmulatorInterceptor[] = [];
  if (options.faults) {
    interceptors.push(createFaultInjector(options.faults, {
      seed: options.seed ?? 1,
      rateLimitedResponse: () => contentfulError(429, "RateLimitExceeded", "Rate limit exceeded", undefined, { "X-Contentful-RateLimit-Reset": "1" }),
      serverErrorResponse: (status) => contentfulError(status, "ServerError", "Internal server error"),
    }));
  }
  interceptors.push(auth(managementToken, deliveryToken));
  if (options.rateLimit) interceptors.push(rateLimited(options.rateLimit));
  const server = await createEmulatorServer({
    name: "contentful", port: options.port, interceptors, routes: [...spaceRoutes(state), ...syncRoutes(state), ...cmaRoutes(state, options.bulkActionDelayMs), ...assetRoutes(state)],
    // Contentful answers a route it does not serve like a missing resource.
    notFound: () => contentfulError(404, "NotFound", "The resource could not be found."),
  });
  return {
    server, url: server.url, state,
    settings: {
      spaceId: state.spaceId, environment: state.environment, managementToken, deliveryToken,
      managementUrl: server.url, deliveryUrl: server.url,
    },
    stop: () => server.close(),
  };
}

/** Apply a world revision: changed content entries are republished, deleted ones unpublished. */
export function applyWorldChanges(state: ContentfulSpaceState, changes: WorldChangeSet): void {
  for (const change of changes.upserted) if (change.entity === "contentEntry") storeEntry(state, change.record as ContentEntry);
  for (const removed of changes.deleted) {
    if (removed.entity !== "contentEntry") continue;
    const entry = state.entries.get(entryIdFor(removed.key));
    if (entry) unpublishEntry(state, entry);
  }
}

/** The testkit factory: seeds the world's content entries as published entries. */
export const contentfulEmulator: EmulatorFactory = {
  name: "contentful",
  async start(options: EmulatorStartOptions): Promise<RunningEmulator> {
    const world: World = options.world;
    const emulator = await startContentfulEmulator({
      entries: world.contentEntries(),
      locales: world.locales,
      faults: options.faults,
      rateLimit: options.rateLimit,
      seed: options.seed ?? world.seed,
      port: options.port,
    });
    return {
      name: "contentful", url: emulator.url, settings: emulator.settings,
      apply: (changes) => applyWorldChanges(emulator.state, changes),
      requestCount: () => emulator.server.requestCount(),
      stop: () => emulator.stop(),
    };
  },
};

