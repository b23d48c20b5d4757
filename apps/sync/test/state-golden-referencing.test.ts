import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { GoldenRecord } from "@omnibridge/core-model";
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StateStore, type StoredGolden } from "../src/state";
import { GoldenRepo } from "../src/state/golden-repo";
import { dropPostgresState, freshPostgresState } from "./support/postgres";

const NOW = "2026-03-01T00:00:00.000Z";

function order(key: string, customerKey: string): GoldenRecord {
  return {
    entity: "order", key, externalIds: { odoo: `so-${key}` },
    fields: { customerKey: { value: customerKey, source: "odoo", at: NOW, owned: true }, total: { value: key.length, source: "odoo", at: NOW, owned: true } },
  };
}

/** A plugin that counts the statements a repository sends. */
function counting(): { plugin: KyselyPlugin; count: () => number } {
  let n = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        n++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    },
    count: () => n,
  };
}

const keysOf = (list: readonly StoredGolden[] | undefined) => list?.map((g) => g.key);

const dialects: Array<[string, (dir: string) => Promise<string>, (url: string) => Promise<void>]> = [
  ["SQLite", async (dir) => `sqlite:${path.join(dir, "state.db")}`, async () => undefined],
  ["PostgreSQL", async () => freshPostgresState(), dropPostgresState],
];

describe.each(dialects)("GoldenRepo.referencingMany (%s state)", (_label, stateUrl, dropState) => {
  let dir: string;
  let url: string;
  let store: StateStore;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-refs-"));
    url = await stateUrl(dir);
    store = await StateStore.open(url, dir);
    const golden = store.repos.golden;
    // Saved out of key order, so an order by key is not an accident of insertion.
    const small = [order("o4", "c1"), order("o1", "c1"), order("o2", "c2"), order("o3", "c1"), order("o5", "c2")];
    // 450 customers with one order each: more keys than one IN list holds (400).
    const many = Array.from({ length: 450 }, (_, i) => order(`m${String(i).padStart(3, "0")}`, `k${String(i).padStart(3, "0")}`));
    await golden.save([...small, ...many], NOW);
    for (const g of [...small, ...many]) {
      await golden.setRefs("order", g.key, [{ entity: "customer", key: String(g.fields.customerKey!.value) }, { entity: "company", key: "acme" }]);
    }
    // o3 is deleted; o5 moved from c2 to c3 (its references replaced).
    await golden.tombstone("order", ["o3"], NOW);
    await golden.setRefs("order", "o5", [{ entity: "customer", key: "c3" }]);
  });
  afterAll(async () => {
    await store?.close();
    await dropState(url);
    rmSync(dir, { recursive: true, force: true });
  });

  it("maps every key asked for to its live referencing records, by key, in one statement", async () => {
    const probe = counting();
    const repo = new GoldenRepo(store.repos.db.withPlugin(probe.plugin));
    const found = await repo.referencingMany("order", "customer", ["c2", "c1", "c1", "c3", "nobody"]);
    expect(probe.count()).toBe(1);
    expect([...found.keys()]).toEqual(["c2", "c1", "c3", "nobody"]);
    expect(keysOf(found.get("c1"))).toEqual(["o1", "o4"]);
    expect(keysOf(found.get("c2"))).toEqual(["o2"]);
    expect(keysOf(found.get("c3"))).toEqual(["o5"]);
    expect(found.get("nobody")).toEqual([]);
    const o1 = found.get("c1")![0]!;
    expect(o1).toEqual({ ...order("o1", "c1"), deletedAt: null });
  });

  it("answers exactly what referencing answers key by key (tombstones left out, other ref entities apart)", async () => {
    const golden = store.repos.golden;
    const keys = ["c1", "c2", "c3", "nobody"];
    const found = await golden.referencingMany("order", "customer", keys);
    for (const key of keys) expect(found.get(key), key).toEqual(await golden.referencing("order", "customer", key));
    const companies = await golden.referencingMany("order", "company", ["acme", "c1"]);
    // o3 is tombstoned and o5 no longer references the company.
    expect(keysOf(companies.get("acme"))).toHaveLength(3 + 450);
    expect(keysOf(companies.get("acme"))).not.toContain("o3");
    expect(keysOf(companies.get("acme"))).not.toContain("o5");
    expect(companies.get("c1")).toEqual([]);
  });

  it("splits more than 400 keys over several statements and misses none", async () => {
    const probe = counting();
    const repo = new GoldenRepo(store.repos.db.withPlugin(probe.plugin));
    const keys = Array.from({ length: 450 }, (_, i) => `k${String(i).padStart(3, "0")}`);
    const found = await repo.referencingMany("order", "customer", keys);
    expect(probe.count()).toBe(2);
    expect(found.size).toBe(450);
    keys.forEach((key, i) => expect(keysOf(found.get(key)), key).toEqual([`m${String(i).padStart(3, "0")}`]));
  });

  it("sends no statement for no keys", async () => {
    const probe = counting();
    const repo = new GoldenRepo(store.repos.db.withPlugin(probe.plugin));
    expect((await repo.referencingMany("order", "customer", [])).size).toBe(0);
    expect(probe.count()).toBe(0);
  });
});
