import { afterEach, describe, expect, it } from "vitest";
import { isConnectorError, type ConnectorV1, type ContentEntry, type Page } from "@omnibridge/core-model";
import { startWordpressEmulator, type WordpressEmulator, type WordpressEmulatorOptions } from "../testing/index";
import { createWordpressConnector } from "./wordpress-connector";
import { landingPage } from "./wordpress-test-helpers";

// Contract tests against the WordPress emulator: what the real server cannot be made to do on
// demand (429s, 5xx, many records in one second).
let emulator: WordpressEmulator | undefined;
afterEach(async () => emulator?.stop());

async function setup(options: WordpressEmulatorOptions = {}) {
  emulator = await startWordpressEmulator(options);
  return { emulator, connector: createWordpressConnector({ ...emulator.settings, retry: { minDelayMs: 5, maxDelayMs: 20 } }) };
}
async function readAll(connector: ConnectorV1, cursor?: string | null, pageSize = 3) {
  const pages: Page<ContentEntry>[] = [];
  for await (const page of connector.read("contentEntry", { cursor, pageSize })) pages.push(page);
  return pages;
}
const sameSecond = (n: number) => Array.from({ length: n }, (_, i) => landingPage(`TIE-${i}`, { updatedAt: "2026-02-01T12:00:00.000Z" }));

describe("WordPress connector against the emulator", () => {
  it("keeps every record of a tie group larger than a page, and resumes after a crash without loss", async () => {
    const { emulator, connector } = await setup({ entries: sameSecond(7) });
    const pages = await readAll(connector);
    const keys = pages.flatMap((p) => p.items.map((i) => i.key));
    expect(keys.filter((k) => k.startsWith("TIE-")).sort()).toEqual(sameSecond(7).map((e) => e.key).sort());
    expect(new Set(keys).size).toBe(keys.length);
    const resumed = await readAll(connector, pages[1]!.cursor);
    const keysOf = (read: typeof pages) => read.flatMap((p) => p.items.map((i) => i.key));
    const seen = new Set([...keysOf(pages.slice(0, 2)), ...keysOf(resumed)]);
    expect([...seen].sort()).toEqual([...new Set(keys)].sort());
    const lists = emulator.server.requests.filter((r) => r.method === "GET" && r.path.endsWith("/pages"));
    expect(lists.every((r) => /orderby=modified/.test(r.query) && /order=asc/.test(r.query) && /per_page=3/.test(r.query))).toBe(true);
    expect(lists.some((r) => /modified_after=2026-02-01T11%3A59%3A59Z/.test(r.query))).toBe(true);
    expect(lists.every((r) => r.headers.authorization?.startsWith("Basic "))).toBe(true);
  });

  it("writes a batch of 25 in one /batch/v1 call after one lookup; without the route, one request each", async () => {
    const pages = Array.from({ length: 25 }, (_, i) => landingPage(`BATCH-${i}`));
    for (const batch of [true, false]) {
      const { emulator, connector } = await setup({ batch });
      await connector.check();
      const from = emulator.server.requests.length;
      expect((await connector.write("contentEntry", pages)).every((o) => o.status === "created")).toBe(true);
      const sent = emulator.server.requests.slice(from);
      const writes = sent.filter((r) => r.method === "POST");
      // lookup + (index + one batch call | 25 creates)
      expect([sent.length, writes.length]).toEqual(batch ? [3, 1] : [27, 25]);
      if (batch) expect(writes[0]!.path).toBe("/wp-json/batch/v1");
      expect(new Set([...emulator.state.posts.values()].map((p) => p.meta.omnibridge_key).filter((key) => key?.startsWith("BATCH-"))).size).toBe(25);
      const edited = pages.map((p, i) => (i % 5 === 0 ? { ...p, title: `${p.title} (edited)` } : p));
      const before = emulator.server.requests.length;
      const outcomes = await connector.write("contentEntry", edited);
      expect(outcomes.filter((o) => o.status === "updated")).toHaveLength(5);
      expect(outcomes.filter((o) => o.status === "unchanged")).toHaveLength(20);
      expect(emulator.server.requests.length - before).toBe(batch ? 2 : 6); // lookup + 1 call, or lookup + 5 updates
      await emulator.stop();
    }
    emulator = undefined;
  });

  it("a batch holding two records of one key creates once and updates it; per-request failures stay per record", async () => {
    const { emulator, connector } = await setup();
    const outcomes = await connector.write("contentEntry", [landingPage("TWIN"), landingPage("TWIN", { title: "Second" }), landingPage("OK")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "updated", "created"]);
    expect([...emulator.state.posts.values()].filter((p) => p.meta.omnibridge_key === "TWIN").map((p) => p.title)).toEqual(["Second"]);
    const stale = await connector.write("contentEntry", [landingPage("wp-page-424242"), landingPage("NEW")]);
    expect(stale.map((o) => [o.status, o.issue?.vendorCode])).toEqual([["failed", "rest_post_invalid_id"], ["created", undefined]]);
    expect(emulator.server.requests.filter((r) => r.path === "/wp-json/batch/v1")).toHaveLength(3);
  });

  it("waits Retry-After on a host's 429 and retries injected 5xx", async () => {
    const { emulator, connector } = await setup({
      rateLimit: { limit: 2, windowMs: 1000 }, faults: { default: { serverError: 0.15 } }, seed: 3,
    });
    const started = Date.now();
    const outcomes = await connector.write("contentEntry", [landingPage("A"), landingPage("B"), landingPage("C")]);
    expect(outcomes.map((o) => o.status)).toEqual(["created", "created", "created"]);
    expect(emulator.server.requests.some((r) => r.status === 429)).toBe(true);
    expect(connector.metrics().rateLimited).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect([...emulator.state.posts.values()].filter((p) => p.meta.omnibridge_key === "B")).toHaveLength(1);
  });

  it("does not retry a wrong password and never shows it", async () => {
    const { connector } = await setup();
    const bad = createWordpressConnector({ ...emulator!.settings, applicationPassword: "nope nope nope nope nope nope" });
    const error = await readAll(bad).catch((e: unknown) => e);
    expect(isConnectorError(error) && error.reason).toBe("unauthorized");
    expect(String((error as Error).message)).not.toContain("nope nope");
    expect(bad.metrics()).toMatchObject({ requests: 1, retries: 0 });
    expect((await connector.check()).ok).toBe(true);
  });
});
