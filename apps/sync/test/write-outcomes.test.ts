import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stableHash, type ConnectorV1, type WriteOutcome } from "@omnibridge/core-model";
import { createWorld } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS, type AdapterFactory } from "../src/compose";
import { resolveConfig } from "../src/config";
import { runSync } from "../src/engine";
import { StateStore } from "../src/state";
import { snapshotDouble } from "./support/double-connector";
import { doubleAdapter, doubleConfig, doubleFiles, seedWorld } from "./support/double-world";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

/**
 * A target whose write answers come back reversed, with the first outcome's key garbled:
 * reordering alone is harmless when outcomes are matched by key, but the garbled one leaves
 * its record without an outcome.
 */
const mangling: AdapterFactory = async (settings, context) => {
  const inner = (await doubleAdapter(settings, context)) as ConnectorV1;
  return {
    ...inner,
    read: inner.read.bind(inner),
    async write(entity, records, options) {
      const outcomes = (await inner.write(entity, records, options)).slice().reverse();
      return outcomes.map((o, i): WriteOutcome => (i === 0 ? { ...o, key: `${o.key}-renamed` } : o));
    },
  };
};

describe("write outcomes are matched by key, never by position (issue 18 #11)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-outcomes-"));
    seedWorld(dir, createWorld({ seed: 8, products: 60, invalidRate: 0 }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("turns a record without a key-matched outcome into a failed write, and keeps the reordered ones right", async () => {
    const raw = doubleConfig(dir);
    (raw.systems as Record<string, { adapter: string }>).wordpress!.adapter = "mangling";
    const url = path.join(dir, "state.db");
    const config = resolveConfig({ ...raw, state: { url } }, {
      baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS, adapters: { double: doubleAdapter, mangling },
    });
    const run = await runSync(config, { flows: ["products"] });
    const sent = snapshotDouble(doubleFiles(dir).wordpress!, "product");
    const batches = Math.ceil(sent.size / 25); // wordpress' double takes 25 per batch
    const letters = run.deadLetters.filter((l) => l.system === "wordpress");
    expect(letters).toHaveLength(batches);
    for (const l of letters) {
      expect(l).toMatchObject({ stage: "write", reason: "protocol" });
      expect(l.message).toContain(`returned no outcome for key "${l.recordKey}"`);
      // The record did reach the vendor: only its answer was unusable, so it is not recorded as written.
      expect(sent.has(l.recordKey)).toBe(true);
    }
    const store = await StateStore.open(url, dir);
    try {
      const stored = await store.repos.targets.projections("wordpress", "product", [...sent.keys()]);
      expect([...stored.keys()].sort()).toEqual([...sent.keys()].filter((k) => !letters.some((l) => l.recordKey === k)).sort());
      // Each recorded id is the one the double gave that very record (its ids derive from the key).
      const wordpressId = async (key: string) => (await store.repos.targets.lookup({ entity: "product", key })).find((m) => m.system === "wordpress")?.externalId;
      for (const key of stored.keys()) expect(await wordpressId(key)).toBe(`x-${stableHash(key).slice(0, 12)}`);
      for (const l of letters) expect(await wordpressId(l.recordKey)).toBeUndefined();
    } finally {
      await store.close();
    }
  });
});
