import type { Company, Customer, Order, Segment } from "@omnibridge/core-model";
import { createEmulatorServer, type EmulatorRequest, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import { createFaultInjector, type EmulatorFactory, type FaultPlan, type RateLimitOptions, type RunningEmulator, type WorldChangeSet } from "@omnibridge/testkit";
import { hubSpotAuthAndLimits, hubSpotTooMany } from "./hubspot-emulator-limits";
import { hubSpotRoutes, unknownRoute } from "./hubspot-emulator-routes";
import { companyProperties, contactProperties, seedDeals, seedLists, seedParties } from "./hubspot-emulator-seed";
import { listNameOf } from "../mappers/to-segment";
import { errorBody, HubSpotStore } from "./hubspot-emulator-store";

/** Options of {@link startHubSpotEmulator}. */
export interface HubSpotEmulatorOptions {
  customers?: Iterable<Customer>;
  companies?: Iterable<Company>;
  segments?: Iterable<Segment>;
  /** Deals to seed (the world's CRM view has none: orders arrive from the ERP). */
  orders?: Iterable<Order>;
  /** Also seed `omnibridge_customer_key` on contacts, as after a first sync (default false: matched by e-mail). */
  linkContacts?: boolean;
  /** Burst limit per token; default 100 / 10 s. */
  rateLimit?: RateLimitOptions;
  /** Search limit per token; default 5 / s. */
  searchRateLimit?: RateLimitOptions;
  dailyLimit?: number;
  /** Targets per record in one v4 association batch read before it pages (default 500). */
  associationPageSize?: number;
  faults?: FaultPlan;
  seed?: number;
  port?: number;
  token?: string;
  portalId?: string;
}

/** A running HubSpot emulator with its in-memory account for assertions. */
export interface HubSpotEmulator {
  url: string;
  token: string;
  portalId: string;
  store: HubSpotStore;
  server: EmulatorServer;
  /** Settings for `createHubSpotConnector` (url, token, matching rate limits). */
  settings: { url: string; token: string; portalId: string; rateLimit: RateLimitOptions; searchRateLimit: RateLimitOptions };
  /** 429s answered by the rate limiter (not counting injected faults). */
  rateLimited(): number;
  stop(): Promise<void>;
}

/** Start the HubSpot emulator on 127.0.0.1 (CRM v3 objects, v4 associations, Lists v3). */
export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const store = new HubSpotStore();
  const parties = seedParties(store, options.companies ?? [], options.customers ?? [], options.linkContacts ?? false);
  for (const [key, id] of parties.contactIds) store.worldIds.set(`customer:${key}`, id);
  for (const [key, id] of parties.companyIds) store.worldIds.set(`company:${key}`, id);
  seedLists(store, options.segments ?? [], parties.contactIds);
  seedDeals(store, options.orders ?? [], parties);
  const token = options.token ?? "pat-eu1-emulator-0000-test-token";
  const portalId = options.portalId ?? "4242";
  const rateLimit = { limit: options.rateLimit?.limit ?? 100, windowMs: options.rateLimit?.windowMs ?? 10_000 };
  const searchRateLimit = options.searchRateLimit ?? { limit: 5, windowMs: 1_000 };
  const counters = { rateLimited: 0 };
  const faults = createFaultInjector(options.faults ?? {}, {
    seed: options.seed ?? 1,
    rateLimitedResponse: () => hubSpotTooMany("SECONDLY", "You have reached your secondly limit.", { "x-hubspot-ratelimit-interval-milliseconds": "200" }),
    serverErrorResponse: (status) => ({ status, body: errorBody("INTERNAL_ERROR", `internal error (${status})`) }),
  });
  const headersOf = new WeakMap<object, Record<string, string>>();
  const routes = hubSpotRoutes(store, portalId, options.associationPageSize).map((route) => ({
    ...route,
    handler: async (request: EmulatorRequest) => {
      const response = await route.handler(request);
      return { ...response, headers: { ...headersOf.get(request), ...response.headers } };
    },
  }));
  const budgets = { burst: { ...options.rateLimit, ...rateLimit }, search: searchRateLimit, daily: options.dailyLimit ?? 250_000 };
  const limits = hubSpotAuthAndLimits(token, budgets, counters, headersOf);
  const server = await createEmulatorServer({
    name: "hubspot",
    port: options.port,
    routes,
    interceptors: [limits, faults],
    notFound: unknownRoute,
  });
  // The connector's search budget stays below the emulator's, as the documented 4/s is below 5/s.
  const clientSearch = { limit: Math.max(1, searchRateLimit.limit - 1), windowMs: searchRateLimit.windowMs };
  return {
    url: server.url, token, portalId, store, server,
    settings: { url: server.url, token, portalId, rateLimit, searchRateLimit: clientSearch },
    rateLimited: () => counters.rateLimited,
    stop: () => server.close(),
  };
}

/** A changed world segment: its list's name and (MANUAL) members follow it. */
function applySegment(store: HubSpotStore, segment: Segment): void {
  const listId = store.worldIds.get(`segment:${segment.key}`);
  const list = listId ? store.lists.get(listId) : undefined;
  if (!list) return;
  list.name = listNameOf(segment);
  list.members = new Set(segment.memberKeys.map((key) => store.worldIds.get(`customer:${key}`)).filter((id): id is string => Boolean(id)));
  list.updatedAt = store.now();
  list.listVersion++;
}

/** Apply a world revision: changed contacts/companies get HubSpot's server-time modification stamps. */
export function applyWorldChanges(store: HubSpotStore, changes: WorldChangeSet): void {
  for (const { entity, record } of changes.upserted) {
    if (entity === "segment") applySegment(store, record as Segment);
    if (entity !== "customer" && entity !== "company") continue;
    const id = store.worldIds.get(`${entity}:${record.key}`);
    const properties = entity === "customer" ? contactProperties(record as Customer, false) : companyProperties(record as Company);
    const stored = store.put(entity === "customer" ? "contacts" : "companies", id && store.type(entity === "customer" ? "contacts" : "companies").has(id) ? id : undefined, properties);
    store.worldIds.set(`${entity}:${record.key}`, stored.id);
  }
  for (const { entity, key } of changes.deleted) {
    const id = store.worldIds.get(`${entity}:${key}`);
    if (id && (entity === "customer" || entity === "company")) store.archive(entity === "customer" ? "contacts" : "companies", id);
  }
}

/** Emulator factory for testkit's host: seeds the world's CRM view (contacts, companies, lists). */
export const hubSpotEmulator: EmulatorFactory = {
  name: "hubspot",
  async start({ world, faults, rateLimit, seed, port }): Promise<RunningEmulator> {
    const emulator = await startHubSpotEmulator({
      customers: world.customers(), companies: world.companies(), segments: world.segments(),
      faults, seed: seed ?? world.seed, port, rateLimit,
    });
    return {
      name: "hubspot", url: emulator.url, settings: { ...emulator.settings },
      apply: (changes) => applyWorldChanges(emulator.store, changes),
      requestCount: () => emulator.server.requestCount(),
      stop: () => emulator.stop(),
    };
  },
};
