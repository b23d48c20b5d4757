import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startHubSpotEmulator, type HubSpotEmulator } from "@omnibridge/crm-connector/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS } from "../../src/compose";
import { resolveConfig, type ResolvedConfig } from "../../src/config";
import { runSync } from "../../src/engine";
import { AS_OF, CUSTOMERS, DEFINITIONS_INPUT, ORDERS, RATES } from "@omnibridge/segments/testing";
import { seedDouble } from "../support/double-connector";
import { doubleAdapter } from "../support/double-world";
import { contactId, listIdOf, listMembers, membershipCalls } from "./marketing-inspect";
import { DEFAULT_EXTENSIONS } from "../../src/extensions";

/**
 * The segment engine's small fixed world (hand-computed membership in segment-computer.test.ts)
 * through the app: customers and orders from an ERP (the engine's test double), golden records
 * in state, segments pushed as HubSpot lists (emulator). The app knows no cost prices, so CLV is
 * revenue-based here and `high-clv` (margin-based in the fixture) is left out.
 */
const HAND_COMPUTED = {
  vip: ["C4"], winback: ["C3", "C6"], newsletter: ["C1", "C3", "C4", "C6", "C7", "C8"], b2b: ["C4"], recent: ["C1", "C2", "C4", "C8"],
};

describe("segments of the fixed world through the engine", () => {
  let dir: string;
  let hubspot: HubSpotEmulator;
  let config: ResolvedConfig;
  const erp = () => path.join(dir, "erp.db");

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-fixed-segments-"));
    seedDouble(erp(), "customer", CUSTOMERS as never);
    seedDouble(erp(), "order", ORDERS as never);
    hubspot = await startHubSpotEmulator({ customers: CUSTOMERS, linkContacts: true });
    const definitions = (DEFINITIONS_INPUT as Array<{ key: string }>).filter((d) => d.key !== "high-clv");
    config = resolveConfig({
      state: { url: `sqlite:${path.join(dir, "state.db")}` },
      systems: {
        erp: { adapter: "double", settings: { file: erp(), role: "erp", entities: ["customer", "order"], maxBatchSize: 100 } },
        hubspot: { adapter: "hubspot", settings: hubspot.settings },
      },
      flows: [{ name: "customers", source: { system: "erp", entity: "customer" } }, { name: "orders", source: { system: "erp", entity: "order" } }],
      segments: definitions, marketing: { segmentTargets: ["hubspot"], reportingCurrency: "EUR", rates: RATES, asOf: AS_OF },
    }, { baseDir: dir, env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS, adapters: { double: doubleAdapter } });
  });
  afterAll(async () => {
    await hubspot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("pushes the hand-computed membership as lists (consent denied or unknown: never in marketing segments)", async () => {
    const run = await runSync(config, {});
    expect(run.flows.map((f) => [f.flow, f.status, f.failed])).toEqual([["customers", "ok", 0], ["orders", "ok", 0], ["segments", "ok", 0]]);
    for (const [key, members] of Object.entries(HAND_COMPUTED)) expect(listMembers(hubspot, key), key).toEqual(members);
    for (const key of ["vip", "winback", "newsletter"]) expect(listMembers(hubspot, key)).not.toEqual(expect.arrayContaining(["C2"]));
    expect(listMembers(hubspot, "recent")).toContain("C2"); // analytics: no consent needed
  });

  it("after one customer grants consent, only that contact is added, only to the marketing lists it now qualifies for", async () => {
    const bob = CUSTOMERS.find((c) => c.key === "C2")!;
    seedDouble(erp(), "customer", [{ ...bob, updatedAt: "2026-06-30T12:00:00.000Z", consent: { ...bob.consent, email: "granted" } }] as never);
    hubspot.server.clearLog();
    const dry = await runSync(config, { dryRun: true });
    expect(dry.changes!.filter((c) => c.entity === "segment").map((c) => [c.key, c.op]).sort()).toEqual([["newsletter", "update"], ["vip", "update"]]);
    expect(membershipCalls(hubspot)).toEqual([]);
    const run = await runSync(config, {});
    const id = contactId(hubspot, "C2");
    expect(membershipCalls(hubspot).map((c) => [c.listId, c.add, c.remove]).sort()).toEqual([[listIdOf(hubspot, "newsletter"), [id], []], [listIdOf(hubspot, "vip"), [id], []]].sort());
    expect(run.flows.find((f) => f.flow === "segments")).toMatchObject({ changed: 2, written: 2, skipped: 3 });
    expect(listMembers(hubspot, "vip")).toEqual(["C2", "C4"]);
  });
});
