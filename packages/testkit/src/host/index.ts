export type * from "./types";
export { createFaultInjector, ratesFor, type FaultInjector, type FaultInjectorOptions, type FaultKind } from "./fault-injector";
export {
  createRateLimitWindow, rateLimitInterceptor, type RateLimitDecision, type RateLimitInterceptorOptions, type RateLimitWindow,
} from "./rate-limit-window";
export { startEmulators } from "./start-emulators";
export { worldApiEmulator, WORLD_API_TOKEN } from "./world-api-emulator";
