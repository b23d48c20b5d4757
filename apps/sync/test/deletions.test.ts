import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorld } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS } from "../src/compose";
import { resolveConfig, type ResolvedConfig } from "../src/config";
import { replayDeadLetters, runSync } from "../src/engine";
import { StateStore } from "../src/state";
import { archivedInDouble, snapshotDouble } from "./support/double-connector";
import { applyChanges, doubleAdapter, doubleConfig, doubleFiles, seedWorld } from "./support/double-world";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

describe("deletions: only confirmed archives are recorded (issue 18 #3)", () => {
  let dir: string;
  let url: string;
  const configWith = (failArchiveKeys: string[]): ResolvedConfig =>
    resolveConfig({ ...doubleConfig(dir, { wordpress: { failArchiveKeys } }), state: { url } }, {
      baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS, adapters: { double: doubleAdapter },
    });

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-deletions-"));
    url = path.join(dir, "state.db");
    seedWorld(dir, createWorld({ seed: 5, products: 40, invalidRate: 0 }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps a failed archive held, live and replayable, and reports it as a dead letter", async () => {
    const files = doubleFiles(dir);
    expect((await runSync(configWith([]), { flows: ["products"] })).exitCode).toBe(0);
    const [locked, gone] = [...snapshotDouble(files.wordpress!, "product").keys()];
    applyChanges(dir, { upserted: [], deleted: [locked!, gone!].map((key) => ({ entity: "product" as const, key })) });

    const run = await runSync(configWith([locked!]), { flows: ["products"] });
    // wordpress archived one, contentful both; wordpress's failure is a letter of this run.
    expect(run.flows[0]!.archived).toBe(3);
    expect(run.flows[0]!.failed).toBe(1);
    expect(run.deadLetters).toEqual([expect.objectContaining({ system: "wordpress", recordKey: locked, stage: "archive", reason: "conflict", vendorCode: "DOUBLE_LOCKED" })]);
    expect(run.deadLetters[0]!.message).toContain("record is locked by an editor");
    expect(archivedInDouble(files.wordpress!, "product")).toEqual([gone]);
    expect(archivedInDouble(files.contentful!, "product").sort()).toEqual([locked, gone].sort());

    let store = await StateStore.open(url, dir);
    try {
      const golden = await store.repos.golden.load("product", [locked!, gone!]);
      expect(golden.get(locked!)!.deletedAt).toBeNull();
      expect(golden.get(gone!)!.deletedAt).not.toBeNull();
      expect(await store.repos.runs.heldDeletions("products")).toEqual([locked]);
      const wordpress = await store.repos.targets.projections("wordpress", "product", [locked!, gone!]);
      expect(wordpress.get(locked!)!.archivedAt).toBeNull();
      expect(wordpress.get(gone!)!.archivedAt).not.toBeNull();
      const open = await store.repos.deadLetters.list({ status: "open" });
      expect(open.map((l) => [l.system, l.recordKey, l.stage])).toEqual([["wordpress", locked, "archive"]]);
    } finally {
      await store.close();
    }

    // Once the lock is gone, a replay archives it where it failed only, then tombstones and releases it.
    const replay = await replayDeadLetters(configWith([]));
    expect(replay).toMatchObject({ retried: 1, resolved: 1, stillOpen: 0 });
    expect(archivedInDouble(files.wordpress!, "product").sort()).toEqual([locked, gone].sort());
    store = await StateStore.open(url, dir);
    try {
      expect((await store.repos.golden.load("product", [locked!])).get(locked!)!.deletedAt).not.toBeNull();
      expect(await store.repos.runs.heldDeletions("products")).toEqual([]);
      expect(await store.repos.deadLetters.countOpen()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
