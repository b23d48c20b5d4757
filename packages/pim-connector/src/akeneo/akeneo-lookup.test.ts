import { describe, expect, it } from "vitest";
import type { AkeneoClient } from "./akeneo-client";
import { createLocaleMapper } from "./akeneo-locales";
import { SkuLookup } from "./akeneo-lookup";
import type { AkeneoMappingContext } from "./mappers/akeneo-context";

const ctx: AkeneoMappingContext = {
  system: "akeneo", channel: "ecommerce", locales: createLocaleMapper(), baseUrl: "https://pim.example.com",
  attributes: new Map([["code", { code: "code", type: "pim_catalog_identifier" }]]), familyVariants: new Map(),
};

/** A client whose product search answers from `uuids` (SKU → uuid) and records the searches. */
function fakeClient(uuids: Map<string, string>) {
  const searches: unknown[] = [];
  const client = {
    system: "akeneo",
    async list(_path: string, params: Record<string, unknown>) {
      const search = JSON.parse(String(params.search)) as Record<string, Array<{ value: string[] }>>;
      searches.push(search);
      const skus = search.code?.[0]?.value ?? [];
      return { items: skus.filter((s) => uuids.has(s)).map((s) => ({ uuid: uuids.get(s)!, updated: "2026-01-01T00:00:00+00:00", values: { code: [{ locale: null, scope: null, data: s }] } })), next: null, serverDate: undefined };
    },
  } as unknown as AkeneoClient;
  return { client, searches };
}

describe("SkuLookup (issue 18 #10: bounded, expiring)", () => {
  it("searches on the identifier attribute's code with IN and caches the answer", async () => {
    const { client, searches } = fakeClient(new Map([["A", "uuid-a"]]));
    const lookup = new SkuLookup(client);
    expect(await lookup.resolve(["A", "B"], ctx)).toEqual(new Map([["A", "uuid-a"]]));
    expect(searches).toEqual([{ code: [{ operator: "IN", value: ["A", "B"] }] }]);
    await lookup.resolve(["A"], ctx);
    expect(searches).toHaveLength(1);
  });

  it("forgets the least recently used SKU beyond maxEntries", async () => {
    const { client, searches } = fakeClient(new Map([["A", "1"], ["B", "2"], ["C", "3"]]));
    const lookup = new SkuLookup(client, { maxEntries: 2 });
    await lookup.resolve(["A", "B"], ctx);
    await lookup.resolve(["A"], ctx); // A is now the most recently used
    await lookup.resolve(["C"], ctx); // evicts B
    expect(lookup.size).toBe(2);
    await lookup.resolve(["A", "B"], ctx);
    expect(searches.at(-1)).toEqual({ code: [{ operator: "IN", value: ["B"] }] });
  });

  it("expires entries after ttlMs and on a new run: a recreated product's new uuid is found", async () => {
    const uuids = new Map([["A", "old"]]);
    let now = 0;
    const { client } = fakeClient(uuids);
    const lookup = new SkuLookup(client, { ttlMs: 1_000, now: () => now });
    expect((await lookup.resolve(["A"], ctx)).get("A")).toBe("old");
    uuids.set("A", "new"); // deleted and recreated in the PIM
    now = 500;
    expect((await lookup.resolve(["A"], ctx)).get("A")).toBe("old");
    now = 1_501;
    expect((await lookup.resolve(["A"], ctx)).get("A")).toBe("new");
    uuids.set("A", "newer");
    lookup.startRun();
    expect((await lookup.resolve(["A"], ctx)).get("A")).toBe("newer");
    lookup.forget("A");
    expect(lookup.size).toBe(0);
  });
});
