import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createWorld } from "@omnibridge/testkit";
import { afterAll, describe, expect, it } from "vitest";
import { snapshotDouble, writeCalls } from "./support/double-connector";
import { doubleFiles, DOUBLE_SYSTEMS, seedWorld } from "./support/double-world";
import { cli, startCli, writeDoubleConfig } from "./support/cli";
import { dropPostgresState, freshPostgresState } from "./support/postgres";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-cli-"));
  dirs.push(dir);
  return dir;
}
const pgStates: string[] = [];
afterAll(async () => {
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  for (const url of pgStates) await dropPostgresState(url);
});

function targetState(dir: string): Record<string, Array<[string, unknown]>> {
  const files = doubleFiles(dir);
  const out: Record<string, Array<[string, unknown]>> = {};
  for (const [system, spec] of Object.entries(DOUBLE_SYSTEMS)) {
    for (const entity of spec.entities) out[`${system}.${entity}`] = [...snapshotDouble(files[system]!, entity)].map(([k, v]) => [k, { ...v, externalIds: undefined }]);
  }
  return out;
}

describe("omnibridge CLI", () => {
  it("names the path of a config error and exits 2", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "omnibridge.config.yaml"), [
      "systems:", "  odoo: { adapter: odoo, settings: { url: 'http://127.0.0.1:1', apiKey: '${ODOO_KEY}' } }",
      "  hubspot: { adapter: hubspot }", "flows:",
      "  - source: { system: odoo, entity: customer }", "    targets: [{ system: hubspt }]", "",
    ].join("\n"));
    const result = await cli(["run"], dir, { ODOO_KEY: "" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('flows[0].targets[0].system: unknown system "hubspt"');
    const missing = await cli(["run"], dir, { ODOO_KEY: undefined });
    expect(missing.stderr).toContain("systems.odoo.settings.apiKey: environment variable ODOO_KEY is not set");
    expect(missing.stderr).not.toContain("127.0.0.1:1/");
  });

  it.each(["sqlite", "postgres"])("survives kill -9 mid-run (%s state): the rerun leaves targets identical to an uninterrupted run, no duplicates", async (kind) => {
    const world = createWorld({ seed: 5, products: 150, invalidRate: 0.02 });
    const clean = tempDir();
    const killed = tempDir();
    for (const dir of [clean, killed]) seedWorld(dir, world);
    const slow = { wordpress: { writeDelayMs: 40 }, contentful: { writeDelayMs: 40 }, hubspot: { writeDelayMs: 20 } };
    const urls = kind === "sqlite" ? [`sqlite:${path.join(clean, "state.db")}`, `sqlite:${path.join(killed, "state.db")}`] : [await freshPostgresState(), await freshPostgresState()];
    pgStates.push(...urls.filter((u) => u.startsWith("postgres")));
    writeDoubleConfig(clean, urls[0]!, slow);
    writeDoubleConfig(killed, urls[1]!, slow);
    const reference = await cli(["run", "--json", "--strict"], clean);
    expect(reference.code, reference.stderr).toBe(1); // invalid source records went to dead letters, and --strict allows none
    const run = startCli(["run"], killed);
    const files = doubleFiles(killed);
    for (let i = 0; i < 400 && writeCalls(files.wordpress!).length < 4; i++) await new Promise((r) => setTimeout(r, 25));
    run.child.kill("SIGKILL");
    const crashed = await run.done;
    expect(crashed.signal, crashed.stderr + crashed.stdout).toBe("SIGKILL");
    const partial = targetState(killed);
    expect(partial["hubspot.order"]!.length).toBeLessThan(targetState(clean)["hubspot.order"]!.length);
    const rerun = await cli(["run", "--json", "--strict"], killed);
    expect(rerun.code, rerun.stderr).toBe(1);
    expect(targetState(killed)).toEqual(targetState(clean));
    const runs = JSON.parse((await cli(["runs", "--json"], killed)).stdout) as Array<{ status: string }>;
    expect(runs.map((r) => r.status)).toEqual(["failed", "crashed"]);
  });

  it("shows status, runs, dead letters and ids, with JSON output", async () => {
    const dir = tempDir();
    seedWorld(dir, createWorld({ seed: 9, products: 60, invalidRate: 0.05 }));
    writeDoubleConfig(dir, `sqlite:${path.join(dir, "state.db")}`);
    const run = await cli(["run", "--max-dead-letters", "100%"], dir);
    expect(run.stdout).toMatch(/flow\s+status\s+read\s+changed\s+written/);
    // Every flow completed: the broken source records are reported, not a failure (exit 0 within the limit).
    expect(run.stdout).toMatch(/^Run #1: completed, \d+ dead letters \(exit 0\)$/m);
    expect(run.code, run.stderr).toBe(0);
    const letters = JSON.parse((await cli(["dlq", "list", "--json"], dir)).stdout) as Array<{ id: number; recordKey: string; message: string }>;
    expect(letters.length).toBeGreaterThan(0);
    const show = await cli(["dlq", "show", String(letters[0]!.id)], dir);
    expect(show.stdout).toContain(letters[0]!.message);
    const status = JSON.parse((await cli(["status", "--json"], dir)).stdout) as { golden: Record<string, number>; openDeadLetters: number };
    expect(status.golden.product).toBeGreaterThan(0);
    expect(status.openDeadLetters).toBe(letters.length);
    const orderKey = [...snapshotDouble(doubleFiles(dir).odoo!, "order").keys()][0]!;
    const ids = JSON.parse((await cli(["ids", "lookup", "order", orderKey, "--json"], dir)).stdout) as Array<{ system: string }>;
    expect(ids.map((i) => i.system)).toEqual(expect.arrayContaining(["hubspot", "odoo"]));
    const replay = await cli(["dlq", "replay"], dir);
    expect(replay.code).toBe(1); // the source records are still broken
    expect(replay.stdout).toContain("still open");
  });
});
