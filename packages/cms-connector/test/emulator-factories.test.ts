import { describe, expect, it } from "vitest";
import { TokenBucket } from "@omnibridge/connector-kit";
import type { ConnectorV1, ContentEntry, Page } from "@omnibridge/core-model";
import { createWorld, mutateWorld, type EmulatorFactory } from "@omnibridge/testkit";
import { createContentfulConnector, createWordpressConnector, type ContentfulSettingsInput, type WordpressSettingsInput } from "../src/index";
import { contentfulEmulator, wordpressEmulator } from "../src/testing/index";

async function readAll(connector: ConnectorV1, cursor?: string | null) {
  const pages: Page<ContentEntry>[] = [];
  for await (const page of connector.read("contentEntry", { cursor, pageSize: 200 })) pages.push(page);
  return pages;
}

const cases: Array<[EmulatorFactory, (settings: Record<string, unknown>) => ConnectorV1]> = [
  [
    contentfulEmulator,
    (settings) => createContentfulConnector({
      ...(settings as unknown as ContentfulSettingsInput),
      rateBudget: new TokenBucket({ ratePerSecond: 1000 }),
    }),
  ],
  [wordpressEmulator, (settings) => createWordpressConnector(settings as unknown as WordpressSettingsInput)],
];

describe.each(cases)("%s testkit factory", (factory, connect) => {
  it("serves the world's content entries and applies a revision as a delta", async () => {
    const world = createWorld({ seed: 11, products: 100 });
    const running = await factory.start({ world });
    try {
      const connector = connect(running.settings);
      const pages = await readAll(connector);
      const keys = new Set(pages.flatMap((p) => p.items.map((i) => i.key)));
      const published = [...world.contentEntries()].filter((e) => e.status === "published");
      // Contentful's Sync API only returns published entries; WordPress also returns drafts.
      for (const entry of published) expect(keys.has(entry.key)).toBe(true);
      const { world: next, changes } = mutateWorld(world, { changeRate: 0.2, deleteRate: 0.1, at: "2026-06-01T00:00:00.000Z" });
      await running.apply(changes);
      const delta = await readAll(connector, pages.at(-1)!.cursor);
      const changedPublished = changes.upserted.filter((c) => c.entity === "contentEntry" && (c.record as ContentEntry).status === "published").map((c) => c.record.key);
      const deletedKeys = changes.deleted.filter((d) => d.entity === "contentEntry").map((d) => d.key);
      expect(changedPublished.length + deletedKeys.length).toBeGreaterThan(0);
      const deltaKeys = new Set(delta.flatMap((p) => p.items.map((i) => i.key)));
      for (const key of changedPublished) expect(deltaKeys.has(key)).toBe(true);
      const reportedDeleted = new Set(delta.flatMap((p) => p.deleted));
      for (const key of deletedKeys) expect(reportedDeleted.has(key)).toBe(true);
      expect(next.revision).toBe(1);
      await connector.close();
    } finally {
      await running.stop();
    }
  });
});
