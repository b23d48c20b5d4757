import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConnector } from "@omnibridge/connector-kit";
import { categorySchema, emptyPage, type Category, type Page } from "@omnibridge/core-model";
import { afterAll, describe, expect, it } from "vitest";
import { describeRun } from "../src/cli/describe-run";
import { resolveConfig } from "../src/config";
import { runSync } from "../src/engine";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const category = (key: string): Category => categorySchema.parse({ key, updatedAt: "2026-01-01T00:00:00.000Z", parentKey: null, name: { en: key } });

/** A source whose one page delivers 2 records, warns about one of them and skips 3 vendor records on purpose. */
function source(system: string) {
  return defineConnector({
    vendor: "fake", system, role: "pim",
    entities: {
      category: {
        read: async function* (): AsyncGenerator<Page<Category>> {
          yield {
            ...emptyPage<Category>("c1"), items: [category("CAT-1"), category("CAT-2")],
            issues: [{ recordKey: "CAT-2", field: "description.en", reason: "invalid", severity: "warning", message: "removed unsafe markup (<script> element)" }],
            skipped: [{ reason: "unmapped_content_type", count: 2 }, { reason: "asset_deleted", count: 1 }],
          };
        },
      },
    },
    check: async () => "ok",
    metrics: () => ({ requests: 1, retries: 0, rateLimited: 0 }),
    close: () => undefined,
  });
}

describe("counted skips and warnings reach the run summary", () => {
  it("reports skips per flow and reason, warnings apart from dead letters, and prints both", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-skips-"));
    dirs.push(dir);
    const config = resolveConfig({
      state: { url: `sqlite:${path.join(dir, "state.db")}` },
      systems: { pim: { adapter: "fake" } },
      flows: [{ name: "categories", source: { system: "pim", entity: "category" } }],
    }, { baseDir: dir, env: {}, knownAdapters: [], adapters: { fake: (_settings, { system }) => source(system) } });
    const summary = await runSync(config, {});
    expect(summary.status).toBe("ok");
    expect(summary.deadLetters).toEqual([]);
    expect(summary.warnings.count).toBe(1);
    expect(summary.warnings.examples[0]).toMatchObject({ flow: "categories", recordKey: "CAT-2", field: "description.en" });
    expect(summary.warnings.skipped).toEqual({ categories: { unmapped_content_type: 2, asset_deleted: 1 } });
    expect(summary.flows[0]).toMatchObject({ read: 5, skipped: 3, failed: 0 });
    const text = describeRun(summary);
    expect(text).toContain("categories: 2 unmapped_content_type; categories: 1 asset_deleted");
    expect(text).toContain("1 records were delivered with a warning");
  });
});
