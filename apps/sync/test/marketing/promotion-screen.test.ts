import { describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import { mergeByOwnership, type Campaign } from "@omnibridge/core-model";
import { readCampaignPlan } from "../../src/extensions/marketing/campaign-plan";
import { unknownSkus } from "../../src/extensions/marketing/promotion-screen";
import { StateStore } from "../../src/state";

describe("unknown-SKU screen of promotions", () => {
  it("knows simple products and variant SKUs of live golden products; deleted products and strangers are unknown", async () => {
    const world = createWorld({ seed: 3, products: 12 });
    const all = [...world.products()];
    const simple = all.find((p) => p.variants.length === 0)!;
    const withVariants = all.find((p) => p.variants.length > 1)!;
    const gone = all.find((p) => p !== simple && p !== withVariants && p.variants.length === 0)!;
    const store = await StateStore.open("sqlite::memory:");
    try {
      const now = new Date().toISOString();
      const golden = (p: (typeof all)[number]) => mergeByOwnership(undefined, { entity: "product", record: p as never, source: { system: "akeneo", role: "pim" } }).golden;
      await store.repos.golden.save([simple, withVariants, gone].map(golden), now);
      await store.repos.golden.tombstone("product", [gone.key], now);
      const variantSku = withVariants.variants[1]!.sku;
      const unknown = await unknownSkus(store.repos, [simple.key, variantSku, `${withVariants.key}-NOPE`, gone.key, "GHOST-404"]);
      expect([...unknown].sort()).toEqual([`${withVariants.key}-NOPE`, gone.key, "GHOST-404"].sort());
    } finally {
      await store.close();
    }
  });
});

describe("campaign plan", () => {
  it("reads valid campaigns and names every invalid field of the others", () => {
    const good: Partial<Campaign> = { key: "CMP-1", name: "Spring", status: "active", startsAt: "2026-03-01T00:00:00.000Z" };
    const { items, issues } = readCampaignPlan([good, { key: "CMP-2", name: "", status: "live", startsAt: "2026-03-01" }, "junk"]);
    expect(items.map((c) => [c.key, c.updatedAt, c.channels])).toEqual([["CMP-1", "1970-01-01T00:00:00.000Z", []]]);
    expect(issues.map((i) => [i.recordKey, i.field])).toEqual([["CMP-2", "name"], ["CMP-2", "status"], ["CMP-2", "startsAt"], ["campaigns[2]", undefined]]);
  });
});
