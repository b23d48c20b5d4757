import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorld } from "@omnibridge/testkit";
import { describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS } from "../src/compose";
import { resolveConfig } from "../src/config";
import { runSync } from "../src/engine";
import { readAhead, runLimited } from "../src/engine/pipeline";
import { DEFAULT_EXTENSIONS } from "../src/extensions";
import { peakWritesInFlight, snapshotDouble, writeCalls } from "./support/double-connector";
import { doubleAdapter, doubleConfig, doubleFiles, seedWorld } from "./support/double-world";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A source that logs when each page is requested and delivered. */
function source(pages: number, log: string[], failAt?: number): AsyncIterable<number> {
  return {
    async *[Symbol.asyncIterator]() {
      try {
        for (let page = 1; page <= pages; page++) {
          log.push(`request ${page}`);
          await tick();
          if (page === failAt) throw new Error(`page ${page} failed`);
          yield page;
        }
      } finally {
        log.push("closed");
      }
    },
  };
}

describe("readAhead", () => {
  it("requests the next page while the current one is applied, never more than one ahead", async () => {
    const log: string[] = [];
    for await (const page of readAhead(source(3, log))) {
      log.push(`apply ${page} start`);
      await tick();
      await tick();
      log.push(`apply ${page} end`);
    }
    // Page N+1 is requested before page N is applied; page N+2 only once page N is done.
    expect(log).toEqual([
      "request 1", "request 2", "apply 1 start", "apply 1 end", "request 3", "apply 2 start", "apply 2 end", "closed", "apply 3 start", "apply 3 end",
    ]);
  });

  it("surfaces a failed prefetch only after the current page is applied, in page order", async () => {
    const log: string[] = [];
    const applied: number[] = [];
    await expect((async () => {
      for await (const page of readAhead(source(3, log, 2))) {
        await tick();
        await tick();
        applied.push(page);
      }
    })()).rejects.toThrow("page 2 failed");
    expect(applied).toEqual([1]);
  });

  it("closes the source when the consumer stops, without an unhandled rejection from the prefetch", async () => {
    const log: string[] = [];
    await expect((async () => {
      for await (const page of readAhead(source(5, log, 2))) throw new Error(`apply ${page} failed`);
    })()).rejects.toThrow("apply 1 failed");
    await tick();
    await tick();
    expect(log).toContain("closed");
    expect(log).not.toContain("request 3");
  });
});

describe("runLimited", () => {
  it("keeps at most `concurrency` calls in flight and returns results in input order", async () => {
    let inFlight = 0;
    let most = 0;
    const results = await runLimited([5, 1, 4, 2, 3, 1], 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, n * 3));
      inFlight--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 10]);
    expect(most).toBe(3);
  });

  it("starts nothing after the first failure, waits for the calls in flight, then throws it", async () => {
    const started: number[] = [];
    const finished: number[] = [];
    await expect(runLimited([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await new Promise((resolve) => setTimeout(resolve, n === 1 ? 1 : 20));
      if (n === 1) throw new Error("batch 1 failed");
      finished.push(n);
      return n;
    })).rejects.toThrow("batch 1 failed");
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([2]);
  });
});

describe("a page's batches through the engine", () => {
  it("run up to the target's declared write concurrency, each within its batch limit, and every record lands", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-pipeline-"));
    try {
      const world = createWorld({ seed: 3, products: 60 });
      seedWorld(dir, world);
      // The wordpress double takes batches of 25 and declares 3 at a time; each call lasts 30 ms so they overlap.
      const raw = { ...doubleConfig(dir, { wordpress: { writeDelayMs: 30 } }), state: { url: `sqlite:${path.join(dir, "state.db")}` } };
      const config = resolveConfig(raw, {
        baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS, adapters: { double: doubleAdapter },
      });
      const summary = await runSync(config, {});
      const products = summary.flows.find((f) => f.flow === "products")!;
      expect(products.status).toBe("ok");
      const file = doubleFiles(dir).wordpress!;
      expect(Math.max(...writeCalls(file).map((c) => c.size))).toBeLessThanOrEqual(25);
      expect(peakWritesInFlight(file)).toBe(3);
      expect([...snapshotDouble(file, "product").keys()].sort()).toEqual([...snapshotDouble(doubleFiles(dir).akeneo!, "product").keys()].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
