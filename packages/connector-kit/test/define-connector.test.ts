import { ConnectorError, emptyPage, type Page, type Product, type WriteOutcome } from "@omnibridge/core-model";
import { describe, expect, it } from "vitest";
import { defineConnector } from "../src";

const metrics = () => ({ requests: 0, retries: 0, rateLimited: 0 });
const product = (key: string) => ({ key }) as unknown as Product;

/** A read that yields one page, then hangs until aborted (like a request to a stalled vendor). */
async function* slowPages(signal: AbortSignal): AsyncGenerator<Page<Product>> {
  yield { ...emptyPage<Product>("c1"), items: [product("a")], hasMore: true };
  await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
  yield { ...emptyPage<Product>("c2"), items: [product("b")] };
}

async function* slowCategories(): AsyncGenerator<Page<never>> {
  yield emptyPage<never>(null);
}

function connector(overrides: Partial<Parameters<typeof defineConnector>[0]> = {}) {
  const calls: string[] = [];
  const built = defineConnector({
    vendor: "acme", system: "acme-eu", role: "pim",
    entities: {
      product: {
        read: (options) => slowPages(options.signal),
        write: async (records) => {
          calls.push(`write:${records.length}`);
          return records.map((r): WriteOutcome => ({ key: r.key, status: "updated" }));
        },
        maxBatchSize: 50,
      },
      category: { read: async function* () { throw new TypeError("boom at row 3"); }, delta: false },
    },
    check: async () => "authenticated on acme",
    metrics, close: () => undefined, ...overrides,
  });
  return { built, calls };
}

describe("defineConnector", () => {
  it("derives capabilities from the handlers", () => {
    const { built } = connector();
    expect(built.capabilities).toEqual({
      product: { read: true, delta: true, write: true, archive: false, maxBatchSize: 50 },
      category: { read: true, delta: false, write: false, archive: false, maxBatchSize: 1 },
    });
    expect(built.contract).toBe("omnibridge.connector/v1");
  });

  it("declares a write concurrency only where a writer names one", () => {
    const write = async (records: readonly Product[]) => records.map((r): WriteOutcome => ({ key: r.key, status: "updated" }));
    const built = defineConnector({
      vendor: "acme", system: "acme", role: "pim",
      entities: { product: { write, maxBatchSize: 100, writeConcurrency: 4 }, category: { read: slowCategories, writeConcurrency: 3 } },
      check: async () => "ok", metrics, close: () => undefined,
    });
    expect(built.capabilities.product).toEqual({
      read: false, delta: false, write: true, archive: false, maxBatchSize: 100, writeConcurrency: 4,
    });
    expect(built.capabilities.category).not.toHaveProperty("writeConcurrency");
  });

  it("rejects unsupported entities synchronously, naming system and entity", () => {
    const { built } = connector();
    expect(() => built.read("customer")).toThrowError(/acme-eu \(acme\) does not read customer/);
    expect(() => built.write("category", [])).toThrowError(/does not write category/);
    expect(() => built.archive("product", ["x"])).toThrowError(/does not archive product/);
    try {
      built.read("order");
    } catch (error) {
      expect(ConnectorError.is(error)).toBe(true);
      expect((error as ConnectorError).reason).toBe("invalid");
    }
  });

  it("does not call a writer for an empty batch", async () => {
    const { built, calls } = connector();
    expect(await built.write("product", [])).toEqual([]);
    expect(await built.write("product", [product("a"), product("b")])).toHaveLength(2);
    expect(calls).toEqual(["write:2"]);
  });

  it("aborts a read that waits on the vendor", async () => {
    const { built } = connector();
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const page of built.read("product", { signal: controller.signal })) {
        seen.push(...page.items.map((p) => p.key));
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: "ConnectorError", reason: "timeout", vendorCode: "aborted" });
    expect(seen).toEqual(["a"]);
  });

  it("refuses to start a read or write on an aborted signal", async () => {
    const { built, calls } = connector();
    const signal = AbortSignal.abort(new ConnectorError("unavailable", "shutting down"));
    expect(() => built.read("product", { signal })).toThrowError("shutting down");
    await expect(built.write("product", [product("a")], { signal })).rejects.toThrowError("shutting down");
    expect(calls).toEqual([]);
  });

  it("wraps unexpected errors of a read into ConnectorError", async () => {
    const { built } = connector();
    const consume = async () => {
      for await (const page of built.read("category")) void page;
    };
    await expect(consume()).rejects.toMatchObject({ name: "ConnectorError", reason: "internal", message: "acme-eu: boom at row 3" });
  });

  it("times check() and turns failures into ok: false", async () => {
    const ok = await connector().built.check();
    expect(ok).toMatchObject({ ok: true, message: "authenticated on acme" });
    expect(ok.latencyMs).toBeGreaterThanOrEqual(0);
    const failing = connector({ check: async () => { throw new ConnectorError("unauthorized", "acme-eu: 401 invalid key"); } }).built;
    expect(await failing.check()).toMatchObject({ ok: false, message: "acme-eu: 401 invalid key" });
    const partial = connector({ check: async () => ({ ok: false, message: "channel web missing" }) }).built;
    expect(await partial.check()).toMatchObject({ ok: false, message: "channel web missing" });
  });
});
