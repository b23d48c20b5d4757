import type { Company, Customer, Order, Segment } from "@omnibridge/core-model";
import { createEmulatorServer, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import type { EmulatorFactory, FaultPlan, RunningEmulator, WorldChangeSet } from "@omnibridge/testkit";
import { hubSpotFaults } from "./hubspot-emulator-faults";
import { hubSpotAuthAndLimits, type WindowLimit } from "./hubspot-emulator-limits";
import { hubSpotRoutes } from "./hubspot-emulator-routes";
import { companyProperties, contactProperties, seedDeals, seedLists, seedParties } from "./hubspot-emulator-seed";
import { errorBody, HubSpotStore } from "./hubspot-emulator-store";

/** Options of {@link startHubSpotEmulator}. */
export interface HubSpotEmulatorOptions {
  customers?: Iterable<Customer>;
  companies?: Iterable<Company>;
  segments?: Iterable<Segment>;
  /** Deals to seed (the world's CRM view has none: orders arrive from the ERP). */
  orders?: Iterable<Order>;
  /** Burst limit per token; default 100 / 10 s. */
  rateLimit?: WindowLimit;
  /** Search limit per token; default 5 / s. */
  searchRateLimit?: WindowLimit;
  dailyLimit?: number;
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
  settings: { url: string; token: string; portalId: string; rateLimit: WindowLimit; searchRateLimit: WindowLimit };
  /** 429s answered by the rate limiter. */
  rateLimited(): number;
  stop(): Promise<void>;
}

/** Start the HubSpot emulator on 127.0.0.1 (CRM v3 objects, v4 associations, Lists v3). */
export async function startHubSpotEmulator(options: HubSpotEmulatorOptions = {}): Promise<HubSpotEmulator> {
  const store = new HubSpotStore();
  const parties = seedParties(store, options.companies ?? [], options.customers ?? []);
  seedLists(store, options.segments ?? [], parties.contactIds);
  seedDeals(store, options.orders ?? [], parties);
  const token = options.token ?? "pat-eu1-emulator-0000-test-token";
  const portalId = options.portalId ?? "4242";
  const rateLimit = options.rateLimit ?? { limit: 100, windowMs: 10_000 };
  const searchRateLimit = options.searchRateLimit ?? { limit: 5, windowMs: 1_000 };
  const counters = { rateLimited: 0 };
  const server = await createEmulatorServer({
    name: "hubspot",
    port: options.port,
    routes: hubSpotRoutes(store, portalId),
    interceptors: [hubSpotAuthAndLimits(token, { burst: rateLimit, search: searchRateLimit, daily: options.dailyLimit ?? 250_000 }, counters), hubSpotFaults(options.faults, options.seed ?? 1)],
    notFound: (request) => ({ status: 404, body: errorBody("OBJECT_NOT_FOUND", `No route for ${request.method} ${request.path}`) }),
  });
  // Connector-side search budget stays below the emulator's, as the documented 4/s is below 5/s.
  const clientSearch = { limit: Math.max(1, searchRateLimit.limit - 1), windowMs: searchRateLimit.windowMs };
  return {
    url: server.url, token, portalId, store, server,
    settings: { url: server.url, token, portalId, rateLimit, searchRateLimit: clientSearch },
    rateLimited: () => counters.rateLimited,
    stop: () => server.close(),
  };
}

/** Apply a world revision: changed contacts/companies get HubSpot's server-time modification stamps. */
export function applyWorldChanges(store: HubSpotStore, changes: WorldChangeSet): void {
  for (const { entity, record } of changes.upserted) {
    if (entity === "customer") {
      const customer = record as Customer;
      store.put("contacts", store.findBy("contacts", "omnibridge_customer_key", customer.key)?.id, contactProperties(customer));
    } else if (entity === "company") {
      const company = record as Company;
      store.put("companies", store.findBy("companies", "omnibridge_company_key", company.key)?.id, companyProperties(company));
    }
  }
  for (const { entity, key } of changes.deleted) {
    const found = entity === "customer" ? store.findBy("contacts", "omnibridge_customer_key", key) : entity === "company" ? store.findBy("companies", "omnibridge_company_key", key) : undefined;
    if (found) found.archived = true;
  }
}

/** Emulator factory for testkit's host: seeds the world's CRM view (contacts, companies, lists). */
export const hubSpotEmulator: EmulatorFactory = {
  name: "hubspot",
  async start({ world, faults, rateLimit, seed, port }): Promise<RunningEmulator> {
    const emulator = await startHubSpotEmulator({
      customers: world.customers(), companies: world.companies(), segments: world.segments(), faults, seed: seed ?? world.seed, port,
      rateLimit: rateLimit ? { limit: rateLimit.limit, windowMs: rateLimit.windowMs } : undefined,
    });
    return {
      name: "hubspot", url: emulator.url, settings: { ...emulator.settings },
      apply: (changes) => applyWorldChanges(emulator.store, changes),
      requestCount: () => emulator.server.requestCount(),
      stop: () => emulator.stop(),
    };
  },
};
