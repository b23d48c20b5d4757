import type { EmulatorInterceptor } from "@omnibridge/connector-kit/testing";
import type { FaultPlan, FaultRates } from "@omnibridge/testkit";
import { errorBody } from "./hubspot-emulator-store";

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function ratesFor(plan: FaultPlan, method: string, path: string): FaultRates | undefined {
  const route = plan.routes?.find((r) => (!r.method || r.method.toUpperCase() === method) && (typeof r.path === "string" ? path.startsWith(r.path) : r.path.test(path)));
  return route?.rates ?? plan.default;
}

/**
 * Seeded fault injection per testkit's FaultPlan (429 with HubSpot's body, 5xx, hang, reset,
 * slow, malformed). Local until testkit ships a shared injector.
 */
export function hubSpotFaults(plan: FaultPlan | undefined, seed: number): EmulatorInterceptor {
  const random = prng(seed);
  return (request) => {
    const rates = plan && ratesFor(plan, request.method, request.path);
    if (!rates) return undefined;
    let roll = random();
    const pick = (rate: number | undefined) => {
      roll -= rate ?? 0;
      return roll < 0;
    };
    if (pick(rates.rateLimited)) {
      return { status: 429, headers: { "x-hubspot-ratelimit-interval-milliseconds": "100" }, body: { status: "error", message: "You have reached your secondly limit.", errorType: "RATE_LIMIT", correlationId: "fault", policyName: "SECONDLY" } };
    }
    if (pick(rates.serverError)) return { status: [500, 502, 503][Math.floor(random() * 3)]!, body: errorBody("INTERNAL_ERROR", "internal error") };
    if (pick(rates.timeout)) return { action: "hang" };
    if (pick(rates.reset)) return { action: "reset" };
    if (pick(rates.slow)) return { action: "delay", ms: rates.slowMs ?? 1_500 };
    if (pick(rates.malformed)) return { action: "corrupt" };
    return undefined;
  };
}
