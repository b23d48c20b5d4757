import { describe, expect, it } from "vitest";
import { runChaos } from "../src/chaos/run-chaos";
import { vendorFaultPhase, vendorFaultsPassed } from "../src/chaos/vendor-faults";

/**
 * The chaos suite, reduced: a small world under 5 % 5xx, 2 % 429, 1 % timeouts, resets and
 * malformed bodies; three SIGKILLs of the omnibridge CLI at seeded points, rerun until done;
 * then every target compared with the projection computed from the testkit world. The full
 * suite (≥ 20 kills) is `pnpm chaos`.
 */
describe("chaos (3 kills, small world)", () => {
  it("loses, duplicates and corrupts nothing; dead-letters bad input; leaks no secret; verifies TLS; shop orders reach Odoo once", async () => {
    const report = await runChaos({
      products: 120, kills: 3, seed: 99, maxKillDelayMs: 4_000, mutationRate: 0, vendorFaults: false, shopKills: 3,
    });
    expect(report.kills).toBe(3);
    expect(report.stuckRunning).toBe(0);
    expect(report.runStatuses.running).toBeUndefined();
    expect([0, 1]).toContain(report.finalExit);
    for (const target of report.targets) {
      expect(target.expected, target.target).toBeGreaterThan(0);
      const { lost, duplicated, wrong } = target;
      expect({ target: target.target, lost, duplicated, wrong }).toEqual({ target: target.target, lost: 0, duplicated: 0, wrong: 0 });
    }
    expect(report.secrets.hits).toEqual([]);
    const bad = report.badInput!;
    expect(bad.rows.length).toBeGreaterThan(0);
    for (const row of bad.rows) expect({ ...row, missing: [] }).toMatchObject({ deadLettered: row.expected - row.normalized });
    for (const target of bad.targets) expect([target.lost, target.duplicated, target.wrong]).toEqual([0, 0, 0]);
    expect(bad.scriptsInTargets).toBe(0);
    expect(bad.canaryFired).toBe(false);
    expect(bad.secrets.hits).toEqual([]);
    expect(report.tls!.map((t) => [t.system, t.refused, t.requestsReceived])).toEqual([["odoo", true, 0], ["akeneo", true, 0], ["hubspot", true, 0]]);
    // The shop order loop: orders placed between killed runs, some click & collect, some shipped by the ERP.
    const shop = report.shop!;
    expect(shop.kills).toBe(3);
    expect(shop.placed).toBeGreaterThan(9);
    expect(shop.clickAndCollect).toBeGreaterThan(0);
    expect(shop.shipped).toBeGreaterThan(0);
    expect([0, 1]).toContain(shop.finalExit);
    expect(shop.stuckRunning).toBe(0);
    expect(shop.secrets.hits).toEqual([]);
    for (const target of shop.targets) {
      const { lost, duplicated, wrong } = target;
      expect(target.found, target.target).toBe(shop.placed);
      expect({ target: target.target, lost, duplicated, wrong, samples: target.samples })
        .toEqual({ target: target.target, lost: 0, duplicated: 0, wrong: 0, samples: [] });
    }
    expect(report.passed).toBe(true);
  }, 400_000);
});

/**
 * The vendor-fault phase, reduced: trickled bodies and HTML 200s from a proxy in front of every
 * emulator, one run meeting a repeated `next` link, two runs stopped with SIGTERM; then every
 * target compared with the world and the run history checked for rows left `running`.
 */
describe("chaos vendor faults (small world)", () => {
  it("stops a repeated next link with the loop guard, records SIGTERMed runs as interrupted, converges", async () => {
    const report = await vendorFaultPhase({ products: 120, seed: 99, sigterms: 2 });
    const injected = Object.values(report.faults);
    expect(injected.reduce((n, s) => n + s.trickle, 0)).toBeGreaterThan(0);
    expect(injected.reduce((n, s) => n + s.html200 + s.html200Applied, 0)).toBeGreaterThan(0);
    expect(report.faults.akeneo.nextLoop + report.faults.hubspot.nextLoop).toBeGreaterThan(0);
    expect(report.loop.hung).toBe(false);
    expect(report.loop.status).toBe("failed");
    expect(report.loop.guardedFlows).toEqual(expect.arrayContaining(["products", "crm-customers"]));
    for (const run of report.sigterms.filter((s) => !s.finishedFirst)) {
      expect({ status: run.status, exit: run.exit, escalated: run.escalated }).toEqual({ status: "interrupted", exit: 143, escalated: false });
    }
    for (const target of report.targets) {
      expect(target.expected, target.target).toBeGreaterThan(0);
      const { lost, duplicated, wrong } = target;
      expect({ target: target.target, lost, duplicated, wrong }).toEqual({ target: target.target, lost: 0, duplicated: 0, wrong: 0 });
    }
    expect(report.stuckRunning).toBe(0);
    expect(vendorFaultsPassed(report)).toBe(true);
  });
});
