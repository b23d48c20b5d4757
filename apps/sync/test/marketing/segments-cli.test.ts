import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StateStore } from "../../src/state";
import { cli } from "../support/cli";
import { marketingExtension, segmentsOf } from "../../src/extensions/marketing";

const CONFIG = (segments: string) => [
  "state: { url: 'sqlite:state.db' }",
  "systems:", "  hubspot: { adapter: hubspot, settings: { url: 'http://127.0.0.1:1', token: t } }",
  "flows:", "  - source: { system: hubspot, entity: customer }",
  "marketing: { segmentTargets: [hubspot] }",
  "segments:", segments, "",
].join("\n");

const SEGMENTS = [
  "  - { key: vip, name: VIP, purpose: marketing, rules: [{ field: rfm.r, op: gte, value: 4 }, { field: metrics.revenue.amount, op: gte, value: 10000 }] }",
  "  - { key: high-clv, name: High CLV, purpose: analytics, rules: [{ field: metrics.clv.amount, op: gte, value: 60000 }] }",
].join("\n");

describe("omnibridge segments list|show", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-segments-cli-"));
    writeFileSync(path.join(dir, "omnibridge.config.yaml"), CONFIG(SEGMENTS));
    const store = await StateStore.open(`sqlite:${path.join(dir, "state.db")}`, undefined, { migrations: marketingExtension.migrations });
    try {
      await store.transaction(async (repos) => {
        await segmentsOf(repos).applyDiff("vip", ["C4", "C9"], []);
        await segmentsOf(repos).saveStatus({ key: "vip", name: "VIP", purpose: "marketing", definitionHash: "h", memberCount: 2, asOf: "2026-07-01T00:00:00.000Z", computedAt: "2026-07-01T06:00:00.000Z" });
      });
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists configured segments with member counts and last computation", async () => {
    const result = await cli(["segments", "list", "--json"], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      { key: "vip", name: "VIP", purpose: "marketing", members: 2, asOf: "2026-07-01T00:00:00.000Z", lastComputed: "2026-07-01T06:00:00.000Z", configured: true },
      { key: "high-clv", name: "High CLV", purpose: "analytics", members: null, asOf: null, lastComputed: null, configured: true },
    ]);
    const text = await cli(["segments", "list"], dir);
    expect(text.stdout).toMatch(/vip\s+VIP\s+marketing\s+2\s+2026-07-01T00:00:00.000Z\s+2026-07-01T06:00:00.000Z/);
    expect(text.stdout).toMatch(/high-clv\s+High CLV\s+analytics\s+-\s+-\s+never/);
  });

  it("shows a segment's definition and members; an unknown key is a usage error", async () => {
    const shown = await cli(["segments", "show", "vip", "--json"], dir);
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ key: "vip", members: ["C4", "C9"], definition: { purpose: "marketing", rules: [{ field: "rfm.r", op: "gte", value: 4 }, { field: "metrics.revenue.amount" }] } });
    const text = await cli(["segments", "show", "vip"], dir);
    expect(text.stdout).toContain("Rules (all must hold): rfm.r gte 4 AND metrics.revenue.amount gte 10000");
    expect(text.stdout).toContain("only customers whose e-mail consent is granted");
    expect(text.stdout).toContain("Members: C4, C9");
    const unknown = await cli(["segments", "show", "nope"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown segment "nope"');
  });

  it("rejects invalid segment definitions with their config path (exit 2)", async () => {
    const bad = mkdtempSync(path.join(tmpdir(), "omnibridge-segments-bad-"));
    try {
      writeFileSync(path.join(bad, "omnibridge.config.yaml"), CONFIG([
        "  - { key: a, name: A, purpose: marketing, rules: [{ field: metrics.clv, op: gte, value: 1 }] }",
        "  - { key: a, name: B, purpose: sales, rules: [] }",
      ].join("\n")).replace("segmentTargets: [hubspot]", "segmentTargets: [hubspt]"));
      const result = await cli(["segments", "list"], bad);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('segments.0.rules.0.field: unknown metric "clv"');
      expect(result.stderr).toContain("segments.1.purpose:");
      expect(result.stderr).toContain("segments.1.rules: a computed segment needs at least one rule");
      expect(result.stderr).toContain('segments.1.key: duplicate segment key "a"');
      expect(result.stderr).toContain('marketing.segmentTargets[0]: unknown system "hubspt"');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
