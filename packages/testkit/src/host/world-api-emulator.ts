import { createEmulatorServer, type EmulatorInterceptor, type EmulatorRequest, type EmulatorResponse } from "@omnibridge/connector-kit/testing";
import { entityKinds, type AnyEntity, type EntityKind } from "@omnibridge/core-model";
import type { World, WorldChangeSet } from "../world/types";
import { createFaultInjector } from "./fault-injector";
import { createRateLimitWindow, rateLimitInterceptor } from "./rate-limit-window";
import type { EmulatorFactory, EmulatorStartOptions, RunningEmulator } from "./types";

/** Test bearer token the world API accepts. */
export const WORLD_API_TOKEN = "world-api-test-token";
const MAX_LIMIT = 100;

/** Records of a kind: the world's stream with applied change sets layered on top. */
function* current(world: World, overlay: Map<string, AnyEntity | null>, entity: EntityKind): Generator<AnyEntity> {
  const seen = new Set<string>();
  for (const record of world.records(entity) as Iterable<AnyEntity>) {
    const override = overlay.get(record.key);
    seen.add(record.key);
    if (override === null) continue;
    yield override ?? record;
  }
  for (const [key, record] of overlay) if (record && !seen.has(key)) yield record;
}

function listHandler(world: World, overlays: Map<EntityKind, Map<string, AnyEntity | null>>) {
  return (request: EmulatorRequest): EmulatorResponse => {
    const entity = request.params.kind as EntityKind;
    if (!entityKinds.includes(entity)) return { status: 404, body: { error: "unknown_kind", message: `no collection ${entity}` } };
    const offset = Number(request.query.get("offset") ?? 0);
    const limit = Number(request.query.get("limit") ?? 50);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return { status: 400, body: { error: "bad_request", message: `offset must be ≥ 0 and limit 1..${MAX_LIMIT}` } };
    }
    const items: AnyEntity[] = [];
    let total = 0;
    for (const record of current(world, overlays.get(entity) ?? new Map(), entity)) {
      if (total >= offset && items.length < limit) items.push(record);
      total += 1;
    }
    return { status: 200, body: { items, offset, limit, total } };
  };
}

const auth: EmulatorInterceptor = (request) =>
  request.headers.authorization === `Bearer ${WORLD_API_TOKEN}` ? undefined : { status: 401, body: { error: "unauthorized", message: "missing or wrong bearer token" } };

/**
 * A tiny generic JSON API over the world (`GET /api/:kind?offset&limit`, bearer auth, offset
 * pagination, `Retry-After` + `X-RateLimit-*` on 429): proves the host and fault injection
 * end to end, and shows how a vendor emulator is built.
 */
export const worldApiEmulator: EmulatorFactory = {
  name: "world-api",
  async start(options: EmulatorStartOptions): Promise<RunningEmulator> {
    const overlays = new Map<EntityKind, Map<string, AnyEntity | null>>();
    const interceptors: EmulatorInterceptor[] = [];
    let seen = 0;
    interceptors.push(() => void (seen += 1));
    if (options.faults) interceptors.push(createFaultInjector(options.faults, { seed: options.seed ?? options.world.seed }));
    interceptors.push(auth);
    if (options.rateLimit) {
      const window = createRateLimitWindow(options.rateLimit);
      interceptors.push(rateLimitInterceptor(window, {
        limited: (decision) => ({
          status: 429,
          headers: { "retry-after": String(Math.ceil(decision.resetMs / 1_000)), "x-ratelimit-limit": String(decision.limit), "x-ratelimit-remaining": "0" },
          body: { error: "rate_limited", message: "Too many requests" },
        }),
      }));
    }
    const server = await createEmulatorServer({
      name: "world-api", port: options.port ?? 0, interceptors,
      routes: [{ method: "GET", path: "/api/:kind", handler: listHandler(options.world, overlays) }],
    });
    return {
      name: "world-api", url: server.url, settings: { url: server.url, token: WORLD_API_TOKEN },
      apply(changes: WorldChangeSet) {
        const layer = (entity: EntityKind) => overlays.get(entity) ?? overlays.set(entity, new Map()).get(entity)!;
        for (const { entity, record } of changes.upserted) layer(entity).set(record.key, record);
        for (const { entity, key } of changes.deleted) layer(entity).set(key, null);
      },
      requestCount: () => seen,
      stop: () => server.close(),
    };
  },
};
