import { describe, expect, it } from "vitest";
import { ConnectorError, entitySchemas, stockLevelKey } from "../src";
import { assertConnectorError, connectorConformance, type ConformanceSubject } from "../src/testing";
import { memoryConnector, type Flaws } from "./memory-connector";

const T1 = "2026-01-01T00:00:00.000Z";
const T2 = "2026-01-02T00:00:00.000Z";
const T3 = "2026-01-03T00:00:00.000Z";
// Page size 3 puts the first page boundary inside the T2 group: c3 | c4, c5 share its timestamp.
const categories = [
  ["c1", T1], ["c2", T1], ["c3", T2], ["c4", T2], ["c5", T2], ["c6", T3], ["c7", T3],
].map(([key, updatedAt]) => entitySchemas.category.parse({ key, updatedAt, parentKey: null, name: { en: `Category ${key}` } }));
const stockLevels = ["WH-1", "WH-2", "WH-3", "WH-4"].map((location, i) =>
  entitySchemas.stockLevel.parse({
    key: stockLevelKey("CHAIR-1", location), updatedAt: T1, sku: "CHAIR-1", locationKey: location, onHand: i, reserved: 0, available: i,
  }));
const data = { category: [...categories].reverse(), stockLevel: stockLevels };

const CONTRACT = "declares contract v1 and well-formed capabilities";
const CHECK = "check() succeeds and reports latency";
const FULL = "full reads yield schema-valid records with unique keys over several pages";
const RESUME = "resuming from a page's cursor loses nothing and the final cursor reads nothing new";
const WRITE = "writing nothing is a no-op and archive of nothing returns nothing";
const METRICS = "metrics count requests";
const UNSUPPORTED = "an unsupported entity is rejected synchronously, at call time, with a ConnectorError";
const ABORT = "an aborted signal stops reads and writes with a ConnectorError";

/** Runs every check; returns the failures by check name. */
async function failures(flaws: Flaws, subject: Partial<ConformanceSubject> = {}, seed: typeof data | object = data) {
  const opened: ReturnType<typeof memoryConnector>[] = [];
  const checks = connectorConformance({
    pageSize: 3,
    connect: async () => {
      const connector = memoryConnector(seed, flaws);
      opened.push(connector);
      return connector;
    },
    ...subject,
  });
  const failed: Record<string, string> = {};
  for (const check of checks) {
    await check.run().catch((error: Error) => {
      failed[check.name] = error.message;
    });
  }
  expect(opened.length).toBe(checks.length);
  expect(opened.every((c) => c.closed)).toBe(true);
  return failed;
}

describe("connectorConformance against an in-memory keyset connector", () => {
  it("a correct implementation passes every check", async () => {
    const checks = connectorConformance({ pageSize: 3, connect: async () => memoryConnector(data) });
    expect(checks.map((c) => c.name)).toEqual([CONTRACT, CHECK, FULL, RESUME, WRITE, UNSUPPORTED, ABORT, METRICS]);
    expect(await failures({})).toEqual({});
  });

  it("the correct connector really pages with a keyset cursor and resumes after the boundary", async () => {
    const connector = memoryConnector(data);
    const pages = [];
    for await (const page of connector.read("category", { pageSize: 3 })) pages.push(page);
    expect(pages.map((p) => p.items.map((i) => i.key))).toEqual([["c1", "c2", "c3"], ["c4", "c5", "c6"], ["c7"]]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    const resumed = [];
    for await (const page of connector.read("category", { pageSize: 3, cursor: pages[0]!.cursor })) resumed.push(...page.items.map((i) => i.key));
    expect(resumed).toEqual(["c4", "c5", "c6", "c7"]);
  });

  it.each<[string, Flaws, string, RegExp]>([
    ["loses the boundary record on resume", { loseBoundary: true }, RESUME, /category: c4 lost when resuming/],
    ["re-reads records from the final cursor", { rereadFinal: true }, RESUME, /final cursor returned 1 unchanged records/],
    ["ends with a null cursor", { nullFinalCursor: true }, RESUME, /last page has no cursor/],
    ["declares maxBatchSize 0", { maxBatchSize: 0 }, CONTRACT, /maxBatchSize must be ≥ 1/],
    ["declares a fractional maxBatchSize", { maxBatchSize: 2.5 }, CONTRACT, /maxBatchSize/],
    ["declares another contract", { contract: "omnibridge.connector/v0" }, CONTRACT, /contract is omnibridge.connector\/v0/],
    ["declares delta without read", { deltaWithoutRead: true }, CONTRACT, /delta without read/],
    ["fails its credentials check", { failCheck: true }, CHECK, /check failed: bad credentials/],
    ["ignores the page size", { singlePage: true }, FULL, /expected ≥ 2 pages/],
    ["overlaps pages", { overlapPages: true }, FULL, /key c3 read twice/],
    ["leaves hasMore true on the last page", { lastHasMore: true }, FULL, /last page must have hasMore=false/],
    ["emits a schema-invalid record", { invalidRecord: true }, FULL, /category c1: updatedAt/],
    ["answers write([]) with an outcome", { writeEmptyOutcome: true }, WRITE, /write\(\[\]\) returned outcomes/],
    ["does not count requests", { noMetrics: true }, METRICS, /metrics.requests/],
    ["rejects unsupported entities only when iterated", { lazyUnsupported: true }, UNSUPPORTED, /read\(product\) is not supported but did not throw at call time/],
    ["ignores an aborted signal", { ignoreAbort: true }, ABORT, /read with an aborted signal completed/],
  ])("a connector that %s fails exactly the right check", async (_what, flaws, check, message) => {
    const failed = await failures(flaws);
    expect(Object.keys(failed)).toEqual([check]);
    expect(failed[check]).toMatch(message);
  });

  it("an unseeded subject fails the full read check", async () => {
    const failed = await failures({}, {}, { category: [] });
    expect(failed[FULL]).toMatch(/category: no records read/);
  });

  it("reads only the entities the subject names", async () => {
    const seed = { category: [], stockLevel: stockLevels };
    expect(await failures({}, { entities: ["stockLevel"] }, seed)).toEqual({});
    expect(Object.keys(await failures({}, {}, seed))).toEqual([FULL, RESUME]);
  });
});

describe("assertConnectorError", () => {
  it("accepts a ConnectorError and names what else it got", () => {
    expect(() => assertConnectorError(new ConnectorError("timeout", "slow"))).not.toThrow();
    expect(() => assertConnectorError(new TypeError("x"))).toThrow(/got TypeError/);
    expect(() => assertConnectorError("oops")).toThrow(/got string/);
  });
});
