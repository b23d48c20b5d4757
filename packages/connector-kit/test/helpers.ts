import { inspect } from "node:util";
import { afterEach } from "vitest";
import { createEmulatorServer, type EmulatorRoute, type EmulatorServer, type InterceptResult } from "../src/emulator";
import { createHttpClient, type HttpClient, type HttpClientOptions } from "../src/http-client";

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The default route table: `GET /items/:id` echoes the id, `GET /ok` answers `{ ok: true }`. */
export const defaultRoutes: EmulatorRoute[] = [
  { method: "GET", path: "/ok", handler: () => ({ status: 200, body: { ok: true } }) },
  { method: "GET", path: "/items/:id", handler: (request) => ({ status: 200, body: { id: request.params.id } }) },
];

/**
 * Start an emulator on 127.0.0.1:0 whose first requests get the scripted results in order
 * (then the routes answer); closed after the test.
 */
export async function startServer(script: InterceptResult[] = [], routes = defaultRoutes): Promise<EmulatorServer> {
  const queue = [...script];
  const server = await createEmulatorServer({ name: "vendor", routes, interceptors: [() => queue.shift()] });
  cleanups.push(() => server.close());
  return server;
}

/** A client on `server` with fast backoff; closed after the test. */
export function clientFor(server: { url: string }, options: Partial<HttpClientOptions> = {}): HttpClient {
  const client = createHttpClient({
    system: "vendor",
    baseURL: server.url,
    timeoutMs: 5_000,
    ...options,
    retry: { minDelayMs: 5, maxDelayMs: 20, ...options.retry },
  });
  cleanups.push(() => client.close());
  return client;
}

/** Register any cleanup to run after the current test. */
export function onCleanup(cleanup: () => unknown): void {
  cleanups.push(cleanup);
}

/** The settled rejection of a promise (fails when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

/** Every textual rendering of an error a log, a store or a console could produce. */
export function renderings(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  return [message, stack, JSON.stringify(error), inspect(error, { depth: 10, showHidden: true }), String(error)];
}

/** Milliseconds since `start` (performance clock). */
export function since(start: number): number {
  return performance.now() - start;
}
