import { createEmulatorServer, type EmulatorRequest } from "@omnibridge/connector-kit/testing";

/** What a playback server answers: a documented body (by fixture name or value), status and headers. */
export interface Reply {
  status: number;
  fixture?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** How one vendor's playback server sees requests and serves its documented payloads. */
export interface PlaybackOptions<R> {
  name: string;
  /** The request as the vendor's tests look at it. */
  toRequest: (request: EmulatorRequest) => R;
  /** The scripted reply; undefined falls back to `fallback`, then to a bare 599 the test will notice. */
  answer: (request: R) => Reply | undefined;
  fallback?: (request: R) => Reply | undefined;
  /** A documented payload by fixture name. */
  fixture: (name: string) => unknown;
  contentType: string;
}

/**
 * A loopback server answering every request with the reply a test scripts: documented vendor
 * payloads, replayed. It knows nothing about the vendor (it is not the emulator): connector-kit's
 * server harness with no routes, every request going to the scripted answer.
 */
export async function startPlaybackServer<R>(options: PlaybackOptions<R>) {
  const requests: R[] = [];
  const server = await createEmulatorServer({
    name: options.name,
    routes: [],
    notFound: (raw) => {
      const request = options.toRequest(raw);
      requests.push(request);
      const reply = options.answer(request) ?? options.fallback?.(request) ?? { status: 599, body: { unexpected: `${raw.method} ${raw.path}` } };
      const body = reply.fixture ? options.fixture(reply.fixture) : reply.body;
      const headers = { "content-type": options.contentType, ...reply.headers };
      return body === undefined ? { status: reply.status, headers, raw: "" } : { status: reply.status, headers, body };
    },
  });
  return { url: server.url, requests, close: () => server.close() };
}
