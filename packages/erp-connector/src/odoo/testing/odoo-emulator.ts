import { createEmulatorServer, type EmulatorInterceptor, type EmulatorRoute, type EmulatorServer, type InterceptResult, type EmulatorRequest } from "@omnibridge/connector-kit/testing";
import { createFaultInjector, createRateLimitWindow, rateLimitInterceptor, type FaultPlan, type RateLimitOptions, type World, type WorldChangeSet } from "@omnibridge/testkit";
import { confirmOrder, pickOrder, shipOrder, type ShipOrderOptions, type ShippedPicking } from "./odoo-fulfilment";
import { OdooOrm, odooStamp } from "./odoo-orm";
import { SeedState } from "./odoo-seed-base";
import { applyChanges, seedWorld, type SeedMemory, type SeedPart } from "./odoo-seed";
import { webSessionRoutes } from "./odoo-web-session";
import { handleJson2, handleJsonRpc, handleVersion, type OdooIdentity } from "./odoo-wire";
import { handleXmlRpc } from "./odoo-xmlrpc";

/** Options of {@link startOdooEmulator}. */
export interface OdooEmulatorOptions {
  /** Odoo major version to behave as (17 default; 18 product types; 19 adds /json/2). */
  version?: 17 | 18 | 19;
  world?: World;
  faults?: FaultPlan;
  rateLimit?: RateLimitOptions;
  seed?: number;
  port?: number;
  /** Server clock as Odoo's UTC "YYYY-MM-DD HH:MM:SS" (tests pin it to make write_date ties). */
  clock?: () => string;
  database?: string;
  username?: string;
  apiKey?: string;
  /** Seed only these parts of the world (default all). */
  parts?: SeedPart[];
}

/** A scripted response for the next matching requests (tests: timeouts, 5xx, 429 on demand). */
export interface ScriptedFault {
  match?: (request: EmulatorRequest) => boolean;
  times: number;
  result: InterceptResult;
  /** Execute the request first, then answer with `result`: a write that committed but whose response was lost. */
  commit?: boolean;
}

/** A running Odoo emulator with its in-memory database exposed for assertions. */
export interface OdooEmulator {
  url: string;
  /** Exactly what `createOdooConnector` needs. */
  /** `asOf` = the world's epoch when seeded from a world: its promotions are valid around it. */
  settings: { url: string; database: string; username: string; apiKey: string; protocol: "jsonrpc" | "json2"; version: 17 | 18 | 19; asOf?: string };
  orm: OdooOrm;
  seedState: SeedState;
  server: EmulatorServer;
  /** Queue a fault for the next matching requests. */
  script(fault: ScriptedFault): void;
  apply(changes: WorldChangeSet): void;
  /**
   * Warehouse work on a sale order found by `client_order_ref` (or `name`), as Odoo users do it:
   * `confirmOrder` = action_confirm (creates the outgoing picking; returns its id), `pickOrder` = the goods
   * put together (picking Ready; at a store: ready for pickup), `shipOrder` = carrier + tracking ref,
   * then button_validate (done; at a store: collected). Each bumps the records' write_date like Odoo.
   */
  confirmOrder(reference: string): number;
  pickOrder(reference: string, quantities?: Record<string, number>): number;
  shipOrder(reference: string, options?: ShipOrderOptions): ShippedPicking;
  requestCount(): number;
  stop(): Promise<void>;
}

function scripted(queue: ScriptedFault[], execute: (request: EmulatorRequest) => unknown): EmulatorInterceptor {
  return async (request) => {
    const fault = queue.find((f) => f.times > 0 && (!f.match || f.match(request)));
    if (!fault) return undefined;
    fault.times--;
    if (fault.commit) await execute(request);
    return fault.result;
  };
}

function interceptorsFor(options: OdooEmulatorOptions, script: EmulatorInterceptor): EmulatorInterceptor[] {
  const interceptors: EmulatorInterceptor[] = [script];
  if (options.faults) interceptors.push(createFaultInjector(options.faults, { seed: options.seed ?? options.world?.seed ?? 1 }));
  if (options.rateLimit) {
    // Odoo itself has no rate limiter; a fronting proxy (Odoo.sh / nginx) answers 429 with Retry-After.
    const window = createRateLimitWindow(options.rateLimit);
    interceptors.push(rateLimitInterceptor(window, { limited: (d) => ({ status: 429, headers: { "retry-after": String(Math.ceil(d.resetMs / 1000)) }, raw: "429 Too Many Requests" }) }));
  }
  return interceptors;
}

/**
 * Start an Odoo emulator on 127.0.0.1: JSON-RPC `/jsonrpc`, XML-RPC `/xmlrpc/2/common|object`, the web
 * session routes (`/web/session/authenticate`, `/web/dataset/call_kw`), and `/json/2` + `/web/version` on 19.
 */
export async function startOdooEmulator(options: OdooEmulatorOptions = {}): Promise<OdooEmulator> {
  const version = options.version ?? 17;
  const who: OdooIdentity = {
    database: options.database ?? "omnibridge", username: options.username ?? "integration@example.com",
    apiKey: options.apiKey ?? "odoo-test-api-key-0123456789", password: "interactive-password", uid: 2, version,
  };
  const orm = new OdooOrm(version, options.clock ?? (() => odooStamp()));
  const seedState = new SeedState(orm);
  const memory: SeedMemory = options.world
    ? seedWorld(seedState, options.world, options.parts)
    : { listPrices: new Map(), customerLists: new Map(), locations: 0 };
  const queue: ScriptedFault[] = [];
  const rpc = handleJsonRpc(orm, who);
  const json2 = handleJson2(orm, who);
  const execute = (request: EmulatorRequest) => {
    const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(request.path);
    return match ? json2({ ...request, params: { model: match[1]!, method: match[2]! } }) : rpc(request);
  };
  const interceptors = interceptorsFor(options, scripted(queue, execute));
  const routes: EmulatorRoute[] = [
    { method: "POST", path: "/jsonrpc", handler: rpc },
    { method: "POST", path: "/xmlrpc/2/:service", handler: handleXmlRpc(orm, who) },
    ...webSessionRoutes(orm, who),
  ];
  if (version >= 19) {
    routes.push({ method: "GET", path: "/web/version", handler: handleVersion(who) });
    routes.push({ method: "POST", path: "/json/2/:model/:method", handler: json2 });
  }
  const server = await createEmulatorServer({ name: "odoo", port: options.port ?? 0, interceptors, routes, notFound: () => ({ status: 404, raw: "<h1>404: Not Found</h1>", headers: { "content-type": "text/html" } }) });
  return {
    url: server.url,
    settings: { url: server.url, database: who.database, username: who.username, apiKey: who.apiKey, protocol: version >= 19 ? "json2" : "jsonrpc", version, ...(options.world ? { asOf: options.world.epoch } : {}) },
    orm, seedState, server,
    script: (fault) => void queue.push(fault),
    apply: (changes) => applyChanges(seedState, memory, changes, orm.clock()),
    confirmOrder: (reference) => confirmOrder(orm, reference).id,
    pickOrder: (reference, quantities) => pickOrder(orm, reference, quantities).id,
    shipOrder: (reference, options) => shipOrder(orm, reference, options),
    requestCount: () => server.requestCount(),
    stop: () => server.close(),
  };
}
