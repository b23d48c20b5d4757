import type { EmulatorInterceptor, EmulatorRequest, EmulatorResponse, InterceptResult } from "@omnibridge/connector-kit/testing";
import { Rng } from "../world/prng";
import type { FaultPlan, FaultRates } from "./types";

/** Fault kinds an injector produces. */
export type FaultKind = "rateLimited" | "serverError" | "timeout" | "reset" | "slow" | "malformed";
const KINDS: readonly FaultKind[] = ["rateLimited", "serverError", "timeout", "reset", "slow", "malformed"];

/** Options of {@link createFaultInjector}. */
export interface FaultInjectorOptions {
  /** Seed of the fault sequence: the n-th request always gets the same fate. */
  seed: number;
  /** The vendor's 429 (status, headers such as Retry-After, body); a generic one otherwise. */
  rateLimitedResponse?: (request: EmulatorRequest) => EmulatorResponse;
  /** The vendor's 5xx body for a status. */
  serverErrorResponse?: (status: number, request: EmulatorRequest) => EmulatorResponse;
}

/** An interceptor for `createEmulatorServer` that injects faults, with counters. */
export interface FaultInjector extends EmulatorInterceptor {
  /** Requests seen and faults injected, by kind. */
  stats(): { requests: number } & Record<FaultKind, number>;
}

function matches(route: NonNullable<FaultPlan["routes"]>[number], request: EmulatorRequest): boolean {
  if (route.method && route.method.toUpperCase() !== request.method) return false;
  if (typeof route.path !== "string") return route.path.test(request.path);
  return route.path.endsWith("*") ? request.path.startsWith(route.path.slice(0, -1)) : request.path === route.path;
}

/** The rates for a request: the first matching route's, else the plan's default. */
export function ratesFor(plan: FaultPlan, request: EmulatorRequest): FaultRates {
  return plan.routes?.find((route) => matches(route, request))?.rates ?? plan.default ?? {};
}

function validate(plan: FaultPlan): void {
  for (const rates of [plan.default ?? {}, ...(plan.routes ?? []).map((r) => r.rates)]) {
    const sum = KINDS.reduce((acc, kind) => acc + (rates[kind] ?? 0), 0);
    if (KINDS.some((kind) => (rates[kind] ?? 0) < 0) || sum > 1) throw new RangeError("fault rates must be ≥ 0 and sum to at most 1");
  }
}

/**
 * A seeded fault injector: each request draws from a PRNG advanced once per request, so a
 * fixed seed and request order reproduce the same faults. Faults are drawn in the order
 * rateLimited, serverError, timeout, reset, slow, malformed from the matching rates.
 */
export function createFaultInjector(plan: FaultPlan, options: FaultInjectorOptions): FaultInjector {
  validate(plan);
  const rng = new Rng(options.seed);
  const counts: Record<FaultKind, number> = { rateLimited: 0, serverError: 0, timeout: 0, reset: 0, slow: 0, malformed: 0 };
  let requests = 0;
  const pick = (rates: FaultRates, u: number): FaultKind | undefined => {
    let edge = 0;
    for (const kind of KINDS) {
      edge += rates[kind] ?? 0;
      if (u < edge) return kind;
    }
    return undefined;
  };
  const act = (kind: FaultKind, rates: FaultRates, request: EmulatorRequest, v: number): InterceptResult => {
    switch (kind) {
      case "rateLimited":
        return options.rateLimitedResponse?.(request) ?? { status: 429, headers: { "retry-after": "1" }, body: { message: "Too Many Requests" } };
      case "serverError": {
        const status = [500, 502, 503][Math.floor(v * 3)]!;
        return options.serverErrorResponse?.(status, request) ?? { status, body: { message: `injected ${status}` } };
      }
      case "timeout": return { action: "hang" };
      case "reset": return { action: "reset" };
      case "slow": return { action: "delay", ms: rates.slowMs ?? 1_500 };
      default: return { action: "corrupt" };
    }
  };
  const injector = (request: EmulatorRequest): InterceptResult | undefined => {
    requests += 1;
    const rates = ratesFor(plan, request);
    const u = rng.next();
    const v = rng.next();
    const kind = pick(rates, u);
    if (!kind) return undefined;
    counts[kind] += 1;
    return act(kind, rates, request, v);
  };
  return Object.assign(injector, { stats: () => ({ requests, ...counts }) });
}
