import { isAxiosError } from "axios";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { HttpClientOptions } from "../src/http-client";
import type { InterceptResult } from "../src/emulator";
import { clientFor, rejectionOf, renderings, startServer } from "./helpers";

const BEARER = "eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.sig-9f8e7d";
const PASSWORD = "hunter2-very-secret";
const BASIC = Buffer.from(`api-user:${PASSWORD}`).toString("base64");
const QUERY_KEY = "qk-5d41402abc4b2a76";
const forbidden = [BEARER, BASIC, PASSWORD, QUERY_KEY];

interface Credential {
  options: Partial<HttpClientOptions>;
  /** What a vendor might echo back in an error body. */
  echoed: string;
}

const credentials: Record<string, Credential> = {
  bearer: { options: { authorize: () => ({ Authorization: `Bearer ${BEARER}` }), secrets: () => [BEARER] }, echoed: BEARER },
  basic: { options: { authorize: () => ({ Authorization: `Basic ${BASIC}` }), secrets: () => [PASSWORD] }, echoed: `${PASSWORD} (${BASIC})` },
  // No `secrets` option: the values `authorize` hands out are scrubbed anyway.
  "bearer without secrets option": { options: { authorize: () => ({ Authorization: `Bearer ${BEARER}` }) }, echoed: BEARER },
};

/** A vendor error body that echoes the credential back, as some APIs do. */
function echoes(status: number, credential: Credential): InterceptResult {
  return {
    status,
    body: {
      message: `Invalid credentials: ${credential.echoed} / authorization: bearer ${BEARER} / Basic ${BASIC}`,
      request: { headers: { Authorization: `Bearer ${BEARER}` } },
    },
  };
}

function expectClean(error: unknown): void {
  expect(isAxiosError(error)).toBe(false);
  expect(isAxiosError((error as Error).cause)).toBe(false);
  for (const text of renderings(error)) {
    for (const secret of forbidden) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/authorization"?:\s*"?(bearer|basic) (?!\[redacted\])/i);
  }
}

describe.each(Object.entries(credentials))("no %s credential in any thrown error", (_kind, credential) => {
  const auth = credential.options;
  it.each([401, 403, 422, 500])("HTTP %i whose body echoes the credential", async (status) => {
    const server = await startServer([echoes(status, credential)]);
    const client = clientFor(server, { ...auth, retry: { retries: 0 } });
    const error = await rejectionOf(client.request({ method: "GET", url: `/ok?access_token=${QUERY_KEY}` }));
    expect(error).toMatchObject({ status });
    expect((error as Error).message).toContain("[redacted]");
    expect(server.requests[0]!.headers.authorization).toMatch(/^(Bearer|Basic) /);
    expectClean(error);
  });

  it("a connection reset", async () => {
    const server = await startServer([{ action: "reset" }, { action: "reset" }]);
    const client = clientFor(server, { ...auth, retry: { retries: 1 } });
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok", params: { hapikey: QUERY_KEY } }));
    expect(error).toMatchObject({ reason: "network" });
    expectClean(error);
  });

  it("a connection refused", async () => {
    const server = await startServer();
    const url = `${server.url}/`;
    await server.close();
    const client = clientFor({ url }, { ...auth, retry: { retries: 0 } });
    const error = await rejectionOf(client.request({ method: "POST", url: `/ok?token=${QUERY_KEY}`, data: { password: PASSWORD } }));
    expect(error).toMatchObject({ reason: "network" });
    expectClean(error);
  });

  it("a timeout", async () => {
    const server = await startServer([{ action: "hang" }]);
    const client = clientFor(server, { ...auth, timeoutMs: 150, retry: { retries: 0 } });
    const error = await rejectionOf(client.request({ method: "GET", url: "/ok" }));
    expect(error).toMatchObject({ reason: "timeout" });
    expectClean(error);
  });

  it("a schema mismatch of a body that contains the credential", async () => {
    const routes = [{ method: "GET", path: "/me", handler: () => ({ status: 200, body: { token: credential.echoed } }) }];
    const server = await startServer([], routes);
    const schema = z.object({ token: z.string().refine((value) => value.length < 5, { message: `bad token ${credential.echoed}` }) });
    const client = clientFor(server, { ...auth, retry: { retryProtocolErrors: false } });
    const error = await rejectionOf(client.request({ method: "GET", url: "/me", schema }));
    expect(error).toMatchObject({ reason: "protocol" });
    expect((error as Error).message).toMatch(/at token: bad token \[redacted\]/);
    expectClean(error);
  });
});

it("a caller-named operation is redacted too", async () => {
  const server = await startServer([{ status: 404 }]);
  const client = clientFor(server, credentials.bearer!.options);
  const error = await rejectionOf(client.request({ method: "GET", url: "/ok", operation: `lookup ${BEARER}` }));
  expect((error as { operation?: string }).operation).toBe("lookup [redacted]");
  expectClean(error);
});
