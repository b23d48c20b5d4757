import { afterEach, describe, expect, it } from "vitest";
import { startContentfulEmulator, type ContentfulEmulator } from "./contentful-emulator";

// The emulator's wire behaviour, checked with plain fetch (what any Contentful client would see).
let emulator: ContentfulEmulator;
afterEach(async () => emulator?.stop());

/**
 * The parts of a response body these tests read: a resource's or an error's `sys`, error `details`, a
 * sync page. Nothing is guaranteed (a failed call may answer without JSON), so every part is optional.
 */
interface WireBody {
  sys?: { id?: string };
  requestId?: unknown;
  details?: { errors?: Array<{ path: string[] }> };
  items?: Array<{ sys: { id: string } }>;
  nextPageUrl?: string;
  nextSyncUrl?: string;
}

async function call(method: string, path: string, options: { token?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  const { spaceId, environment, managementToken } = emulator.settings;
  const response = await fetch(`${emulator.url}/spaces/${spaceId}/environments/${environment}${path}`, {
    method,
    headers: { Authorization: `Bearer ${options.token ?? managementToken}`, "Content-Type": "application/vnd.contentful.management.v1+json", ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const body = (await response.json().catch(() => undefined)) as WireBody | undefined;
  return { status: response.status, headers: response.headers, body };
}

describe("Contentful emulator", () => {
  it("creates with our own id, then demands the current version (409 VersionMismatch)", async () => {
    emulator = await startContentfulEmulator();
    const created = await call("PUT", "/entries/lp-1", { headers: { "X-Contentful-Content-Type": "landingPage" }, body: { fields: { key: { en: "lp-1" }, title: { en: "Hi" } } } });
    expect(created.status).toBe(201);
    expect(created.body?.sys).toMatchObject({ id: "lp-1", type: "Entry", version: 1 });
    const stale = await call("PUT", "/entries/lp-1", { headers: { "X-Contentful-Version": "0" }, body: { fields: {} } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ sys: { type: "Error", id: "VersionMismatch" } });
    expect(typeof stale.body?.requestId).toBe("string");
    const published = await call("PUT", "/entries/lp-1/published", { headers: { "X-Contentful-Version": "1" } });
    expect(published.body?.sys).toMatchObject({ version: 2, publishedVersion: 1 });
  });

  it("rejects unknown fields and locales on save (422 InvalidEntry) and failed validations on publish (422 ValidationFailed)", async () => {
    emulator = await startContentfulEmulator();
    const unknown = await call("PUT", "/entries/x", { headers: { "X-Contentful-Content-Type": "landingPage" }, body: { fields: { nope: { en: 1 }, title: { "xx-XX": "a" } } } });
    expect(unknown.status).toBe(422);
    expect(unknown.body?.sys?.id).toBe("InvalidEntry");
    expect(unknown.body?.details?.errors?.map((e) => e.path.join("."))).toEqual(["fields.nope", "fields.title.xx-XX"]);
    await call("PUT", "/entries/y", { headers: { "X-Contentful-Content-Type": "landingPage" }, body: { fields: { title: { en: "No key" } } } });
    const publish = await call("PUT", "/entries/y/published", { headers: { "X-Contentful-Version": "1" } });
    expect(publish.status).toBe(422);
    expect(publish.body).toMatchObject({ sys: { id: "ValidationFailed" }, details: { errors: [{ name: "required", path: ["fields", "key", "en"] }] } });
  });

  it("keeps CMA and CDA tokens apart and answers 429 with X-Contentful-RateLimit-Reset", async () => {
    emulator = await startContentfulEmulator({ rateLimit: { limit: 2, windowMs: 1000 } });
    // The delivery token reads (CDA) but never writes; the management token has no /sync.
    expect((await call("PUT", "/entries/x", { token: emulator.settings.deliveryToken, body: { fields: {} } })).body?.sys?.id).toBe("AccessTokenInvalid");
    expect((await call("GET", "/sync?initial=true")).status).toBe(401);
    expect((await call("GET", "/sync?initial=true", { token: emulator.settings.deliveryToken })).status).toBe(200);
    await call("GET", "/locales");
    await call("GET", "/locales");
    const limited = await call("GET", "/locales");
    expect(limited.status).toBe(429);
    expect(limited.body?.sys?.id).toBe("RateLimitExceeded");
    expect(Number(limited.headers.get("x-contentful-ratelimit-reset"))).toBeGreaterThanOrEqual(1);
  });

  it("syncs in pages and reports deletions only after the initial sync", async () => {
    emulator = await startContentfulEmulator();
    for (const id of ["a", "b", "c"]) {
      await call("PUT", `/entries/${id}`, { headers: { "X-Contentful-Content-Type": "landingPage" }, body: { fields: { key: { en: id } } } });
      await call("PUT", `/entries/${id}/published`, { headers: { "X-Contentful-Version": "1" } });
    }
    const token = emulator.settings.deliveryToken;
    const first = await call("GET", "/sync?initial=true&limit=2", { token });
    expect(first.body?.items?.map((i) => i.sys.id)).toEqual(["a", "b"]);
    const nextPage = new URL(first.body?.nextPageUrl as string);
    const second = await call("GET", `/sync${nextPage.search}`, { token });
    expect(second.body?.items?.map((i) => i.sys.id)).toEqual(["c"]);
    await call("DELETE", "/entries/b/published", { headers: { "X-Contentful-Version": "2" } });
    const delta = await call("GET", `/sync${new URL(second.body?.nextSyncUrl as string).search}`, { token });
    expect(delta.body?.items).toMatchObject([{ sys: { type: "DeletedEntry", id: "b" } }]);
  });
});
