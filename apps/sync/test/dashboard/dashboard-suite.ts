/// <reference lib="dom" />
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Customer } from "@omnibridge/core-model";
import { odooEmulator } from "@omnibridge/erp-connector/testing";
import { createWorld, startEmulators, type EmulatorHost } from "@omnibridge/testkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../../src/extensions/dashboard";
import { secretsOf } from "../../src/extensions/dashboard/pages/systems";
import { dashboardDb } from "../../src/extensions/dashboard/tables";
import { openStore } from "../../src/engine";
import { startCli } from "../support/cli";
import { axeViolations, launchChromium, screenshot } from "./browser";
import { startDemoWorld, systemsOf, type DemoWorld } from "./world";

/** A product description from another system that tries to run script in the dashboard. */
export const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"'><b>bold?</b>`;

/** The dashboard in Chromium against a state filled by a real demo-world run, on one kind of state store. */
export function describeDashboard(
  label: string,
  stateUrl: (dir: string) => Promise<string>,
  dropState: (url: string) => Promise<void>,
  options: { screenshots: boolean },
): void {
  describe(`omnibridge ui in Chromium (${label} state)`, () => {
    let demo: DemoWorld;
    let dashboard: RunningDashboard;
    let browser: Browser;
    let page: Page;
    const shot = async (name: string) => (options.screenshots ? screenshot(page, name) : undefined);
    const go = (p: string) => page.goto(new URL(p, dashboard.url).href);
    const expectAccessible = async () => expect(await axeViolations(page)).toEqual([]);

    beforeAll(async () => {
      demo = await startDemoWorld(stateUrl);
      const store = await openStore(demo.config, demo.stateUrl);
      try {
        const field = (value: unknown) => ({ value, source: "akeneo", at: "2030-01-01T00:00:00.000Z", owned: true });
        await store.repos.golden.save([{ entity: "product", key: "XSS-1", fields: { name: field({ en: XSS }), description: field({ en: XSS }) }, externalIds: {} }], new Date().toISOString());
      } finally {
        await store.close();
      }
      dashboard = await startDashboard({ config: demo.config, stateUrl: demo.stateUrl, port: 0 });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on("dialog", (dialog) => void dialog.dismiss().then(() => { throw new Error(`a dialog opened: ${dialog.message()}`); }));
    });
    afterAll(async () => {
      await browser?.close();
      await dashboard?.close();
      await demo?.stop();
      if (demo) await dropState(demo.stateUrl);
    });

    it("the overview shows every configured flow with its last run, and the charts", async () => {
      await go("/");
      for (const flow of demo.config.flows) await expect(page.getByRole("rowheader", { name: flow.name, exact: true }).count(), flow.name).resolves.toBe(1);
      const products = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "products", exact: true }) });
      await expect(products.textContent()).resolves.toContain(`#${demo.runs[1]!.runId}`);
      await expect(page.locator("#chart-written svg rect").count()).resolves.toBe(2);
      await expectAccessible();
      await shot("overview");
    });

    it("keyboard: the skip link comes first and leads to the content; every control is reachable with Tab and shows focus", async () => {
      await go("/dead-letters");
      await page.keyboard.press("Tab");
      await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
      await page.keyboard.press("Enter");
      await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe("main");
      const reached = new Set<string>();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          return { name: el.getAttribute("aria-label") ?? el.textContent?.trim() ?? "", outline: getComputedStyle(el).outlineStyle };
        });
        expect(focused.outline, focused.name).not.toBe("none");
        reached.add(focused.name);
      }
      expect([...reached]).toEqual(expect.arrayContaining(["Filter", "Replay selected", "Acknowledge selected"]));
      expect([...reached].some((n) => n.startsWith("Select dead letter"))).toBe(true);
    });

    it("the runs page lists both runs; a run shows each flow's counts", async () => {
      await go("/runs");
      await expect(page.getByRole("link", { name: `#${demo.runs[0]!.runId}`, exact: true }).count()).resolves.toBe(1);
      await expectAccessible();
      await shot("runs");
      await page.getByRole("link", { name: `#${demo.runs[1]!.runId}`, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(`Run #${demo.runs[1]!.runId}`);
      const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "orders", exact: true }) });
      const orders = demo.runs[1]!.flows.find((f) => f.flow === "orders")!;
      await expect(row.locator("td").nth(1).textContent()).resolves.toBe(String(orders.read));
      await expectAccessible();
      await shot("run");
    });

    it("the explorer finds a record by another system's id and shows each field's owner, setter and replaced values", async () => {
      const store = await openStore(demo.config, demo.stateUrl);
      let change: { entity: string; key: string; field: string; old_source: string } | undefined;
      let externalId: { system: string; external_id: string } | undefined;
      try {
        const db = dashboardDb(store.repos.db);
        change = await db.selectFrom("dashboard_field_history").select(["entity", "key", "field", "old_source"]).where("entity", "=", "product").limit(1).executeTakeFirst();
        expect(change, "the 2% mutation replaced some product field").toBeDefined();
        externalId = await db.selectFrom("id_map").select(["system", "external_id"]).where("entity", "=", change!.entity).where("key", "=", change!.key)
          .where("system", "=", "contentful").executeTakeFirst();
      } finally {
        await store.close();
      }
      await go("/records");
      await page.getByLabel("Canonical key or any system's id").fill(externalId!.external_id);
      await page.keyboard.press("Enter");
      await page.waitForURL(`**/records/${change!.entity}/${encodeURIComponent(change!.key)}`);
      const fieldRow = page.locator(`#main tr[data-field="${change!.field}"]`);
      await expect(fieldRow.locator("[data-owner]").textContent()).resolves.toContain("pim (akeneo)");
      await expect(fieldRow.locator("[data-setter]").textContent()).resolves.toContain("akeneo");
      await expect(page.getByRole("table", { name: "Field history" }).getByRole("rowheader", { name: change!.field, exact: true }).count()).resolves.toBeGreaterThan(0);
      await expect(page.getByRole("table", { name: "Ids in every system" }).textContent()).resolves.toContain(externalId!.external_id);
      await expect(page.getByRole("table", { name: "Projections per target" }).textContent()).resolves.toContain("contentful");
      await expectAccessible();
      await shot("record");
    });

    it("record content from other systems is shown as text, never run as markup", async () => {
      await go("/records/product/XSS-1");
      await expect(page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).resolves.toBeUndefined();
      await expect(page.locator("#main b").count()).resolves.toBe(0);
      const shown = await page.locator('#main tr[data-field="description"]').textContent();
      expect(shown).toContain("<img src=x onerror=");
      expect(shown).toContain("<script>window.__xss=2</script>");
    });

    it("a dead letter is replayed from the UI and disappears once its record is fixed at the source", async () => {
      const store = await openStore(demo.config, demo.stateUrl);
      const letters = await store.repos.deadLetters.list({ status: "open", flow: "customers" }).finally(() => store.close());
      const letter = letters.find((l) => l.stage === "read");
      expect(letter, "the demo world has an invalid customer").toBeDefined();
      await go("/dead-letters?flow=customers");
      const row = () => page.getByRole("row").filter({ has: page.getByRole("link", { name: `customer ${letter!.recordKey}`, exact: true }) });
      await expect(row().count()).resolves.toBe(1);
      await expect(row().textContent()).resolves.toContain(letter!.reason);
      await expectAccessible();
      await shot("dead-letters");
      // The fix: the customer, valid, in the ERP (the same world without broken records).
      const clean = createWorld({ seed: demo.world.seed, products: 40, invalidRate: 0 });
      const fixed = [...clean.customers()].find((c: Customer) => c.key === letter!.recordKey)!;
      await demo.host.apply({ revision: 99, upserted: [{ entity: "customer", record: { ...fixed, updatedAt: new Date().toISOString() } }], deleted: [] });
      await row().getByRole("button", { name: `Replay dead letter ${letter!.id}` }).click();
      await page.waitForURL("**/dead-letters?flow=customers");
      await expect(page.getByRole("status").textContent()).resolves.toMatch(/Replayed 1 dead letter: 1 resolved, 0 still open/);
      await expect(row().count()).resolves.toBe(0);
      // Acknowledge two letters at once (the form repeats the `id` field).
      await go("/dead-letters");
      const boxes = page.getByRole("checkbox", { name: /^Select dead letter \d+$/ });
      const before = await boxes.count();
      expect(before).toBeGreaterThanOrEqual(2);
      const chosen = [await boxes.nth(0).getAttribute("value"), await boxes.nth(1).getAttribute("value")];
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      await page.getByRole("button", { name: "Acknowledge selected" }).click();
      await page.waitForURL("**/dead-letters");
      await expect(page.getByRole("status").textContent()).resolves.toBe("Acknowledged 2 dead letters (closed without retrying).");
      for (const id of chosen) await expect(page.getByRole("checkbox", { name: `Select dead letter ${id}`, exact: true }).count()).resolves.toBe(0);
      await expect(boxes.count()).resolves.toBe(before - 2);
    });

    it("segments show definitions, member counts and members", async () => {
      await go("/segments");
      const first = page.locator("#main tbody tr").first();
      await expect(first.locator("td.num").textContent()).resolves.toMatch(/^\d/);
      await expectAccessible();
      await shot("segments");
      await first.getByRole("link").click();
      await expect(page.getByRole("heading", { name: "Members" }).count()).resolves.toBe(1);
      await expectAccessible();
    });

    it("rate budgets show requests per vendor account and minute", async () => {
      await go("/budgets");
      for (const system of ["odoo", "akeneo", "hubspot", "contentful"]) {
        const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: system, exact: true }) });
        await expect(row.locator("td").first().textContent().then((t) => Number(t!.replace(/,/g, "")))).resolves.toBeGreaterThan(0);
      }
      await expectAccessible();
      await shot("budgets");
    });

    it("systems show check results and TLS settings, never a secret", async () => {
      await go("/systems");
      const odoo = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "odoo", exact: true }) });
      await expect(odoo.textContent()).resolves.toContain("certificates verified");
      await expect(odoo.locator(".badge").textContent()).resolves.toBe("ok");
      const content = await page.content();
      const secrets = Object.values(demo.config.systems).flatMap((s) => secretsOf(s.settings));
      expect(secrets.length).toBeGreaterThan(0);
      for (const secret of secrets) expect(content.includes(secret), "a secret is on the page").toBe(false);
      await expectAccessible();
      await shot("systems");
    });

    it("a run in another process shows its progress live (server-sent events, no reload)", async () => {
      const faults = { odoo: { default: { slow: 1, slowMs: 120 } } };
      const slow = await startEmulators({ world: demo.world, factories: [odooEmulator], faults });
      try {
        const live = await runInAnotherProcess(demo, slow);
        try {
          const runId = await waitForRunningRun(demo);
          await go(`/runs/${runId}`);
          await page.evaluate(() => ((window as unknown as { __sameDocument?: boolean }).__sameDocument = true));
          const cell = page.locator('tr[data-flow="customers"] [data-field="read"]');
          const seen = new Set<string>([(await cell.textContent())!]);
          while (seen.size < 3) {
            const before = (await cell.textContent())!;
            await page.waitForFunction((prev) => document.querySelector('tr[data-flow="customers"] [data-field="read"]')?.textContent !== prev, before, { timeout: 20_000 });
            expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
            seen.add((await cell.textContent())!);
            if (seen.size === 2) {
              await expectAccessible();
              await shot("run-live");
            }
          }
          expect([...seen].map(Number).every((n, i, all) => i === 0 || n > all[i - 1]!)).toBe(true);
          const result = await live.done;
          // Exit 1: the world's invalid customers are dead letters (above the default 1% allowance).
          expect([0, 1], result.stderr).toContain(result.code);
          await page.waitForFunction(() => !document.querySelector("[data-live-run]"), undefined, { timeout: 20_000 });
          const store = await openStore(demo.config, demo.stateUrl);
          const finished = (await store.repos.runs.list(1).finally(() => store.close()))[0]!;
          expect(finished.status).not.toBe("running");
          await expect(page.locator("dl.kv .badge").first().textContent()).resolves.toBe(finished.status);
        } finally {
          live.child.kill("SIGTERM");
          await live.done;
        }
      } finally {
        await slow.stop();
      }
    });
  });
}

/** `omnibridge run customers --full` in a child process, reading a slowed ERP in pages of 5, into the same state. */
function runInAnotherProcess(demo: DemoWorld, slow: EmulatorHost): ReturnType<typeof startCli> {
  const systems = systemsOf(demo.host, demo.world);
  const config = {
    systems: { odoo: { adapter: "odoo", settings: slow.get("odoo").settings }, hubspot: systems.hubspot },
    flows: [{ name: "customers", source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot", entity: "customer" }], pageSize: 5 }],
    state: { url: demo.stateUrl },
  };
  // JSON is YAML: a config file another process loads like any user's.
  writeFileSync(path.join(demo.dir, "omnibridge.config.yml"), JSON.stringify(config, null, 2));
  return startCli(["run", "customers", "--full"], demo.dir);
}

async function waitForRunningRun(demo: DemoWorld): Promise<number> {
  const store = await openStore(demo.config, demo.stateUrl);
  try {
    for (let i = 0; i < 400; i++) {
      const running = (await store.repos.runs.list(1)).find((r) => r.status === "running");
      if (running) return running.id;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the run in the other process did not start");
  } finally {
    await store.close();
  }
}
