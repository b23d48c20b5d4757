import type { World, WorldChangeSet } from "../world/types";

/** Probabilities (0..1) of each fault per request; at most their sum (≤ 1) of requests fail. */
export interface FaultRates {
  /** Answer 429 with the vendor's rate-limit headers. */
  rateLimited?: number;
  /** Answer 500, 502 or 503 (picked by the seeded PRNG). */
  serverError?: number;
  /** Never answer: the client's timeout fires. */
  timeout?: number;
  /** Destroy the socket without a response. */
  reset?: number;
  /** Delay the real response by `slowMs`. */
  slow?: number;
  /** Delay of slow responses in ms (default 1_500). */
  slowMs?: number;
  /** Truncate/garble the real response body. */
  malformed?: number;
}

/** Fault rates by default and per route (the first matching route wins). */
export interface FaultPlan {
  default?: FaultRates;
  routes?: Array<{ method?: string; path: string | RegExp; rates: FaultRates }>;
}

/** A vendor's rate limit: `limit` requests per `windowMs`, counted per key (token, account). */
export interface RateLimitOptions {
  limit: number;
  windowMs: number;
  /** Fixed windows (HubSpot's per-10-seconds) or a sliding window (default fixed). */
  mode?: "fixed" | "sliding";
}

/** Options an emulator factory starts with. */
export interface EmulatorStartOptions {
  world: World;
  faults?: FaultPlan;
  rateLimit?: RateLimitOptions;
  /** Seed of fault sequences (default the world's seed). */
  seed?: number;
  /** Port on 127.0.0.1; 0 or absent picks a free one. */
  port?: number;
}

/** A started vendor emulator. */
export interface RunningEmulator {
  name: string;
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string;
  /** What the connector needs: url and test credentials. */
  settings: Record<string, unknown>;
  /** Apply a world revision's changes to the emulator's records. */
  apply(changes: WorldChangeSet): void | Promise<void>;
  /** Requests received so far (including faulted ones). */
  requestCount(): number;
  /** Close the server and its open connections. */
  stop(): Promise<void>;
}

/** Starts one vendor's emulator; each connector's `./testing` export provides one. */
export interface EmulatorFactory {
  name: string;
  start(options: EmulatorStartOptions): Promise<RunningEmulator>;
}

/** Options of {@link startEmulators}. */
export interface StartEmulatorsOptions {
  world: World;
  factories: EmulatorFactory[];
  /** Fault plans by emulator name. */
  faults?: Record<string, FaultPlan>;
  /** Rate limits by emulator name. */
  rateLimits?: Record<string, RateLimitOptions>;
  seed?: number;
}

/** A set of running emulators. */
export interface EmulatorHost {
  readonly emulators: readonly RunningEmulator[];
  /** The emulator of that name; throws when none was started. */
  get(name: string): RunningEmulator;
  /** Apply a change set to every emulator. */
  apply(changes: WorldChangeSet): Promise<void>;
  /** Stop every emulator; idempotent. */
  stop(): Promise<void>;
}
