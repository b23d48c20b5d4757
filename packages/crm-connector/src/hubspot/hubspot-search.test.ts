import { afterEach, describe, expect, it } from "vitest";
import type { ConnectorV1 } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../index";
import { startHubSpotEmulator, type HubSpotEmulator } from "../testing";
import { readPages, requestsTo } from "../../test/helpers";

let emulator: HubSpotEmulator | undefined;
let connector: ConnectorV1 | undefined;
afterEach(async () => {
  await connector?.close();
  await emulator?.stop();
  connector = emulator = undefined;
});

const COUNT = 10_450;
const base = Date.parse("2025-06-01T00:00:00.000Z");

/** 10,450 companies; groups of 50 share a modification time, so window boundaries fall inside ties. */
async function seeded() {
  emulator = await startHubSpotEmulator({
    rateLimit: { limit: 10_000, windowMs: 10_000 }, searchRateLimit: { limit: 1_000, windowMs: 1_000 },
  });
  for (let i = 0; i < COUNT; i++) {
    emulator.store.put("companies", undefined, { name: `Company ${i}`, omnibridge_company_key: `BIG-${i}` }, new Date(base + Math.floor(i / 50) * 1_000).toISOString());
  }
  connector = createHubSpotConnector(emulator.settings);
  return { emulator, connector };
}

describe("hubspot search beyond 10,000 results", () => {
  it("the emulator answers 400 when paging past the 10,000-result cap, as HubSpot does", async () => {
    const { emulator } = await seeded();
    const response = await fetch(`${emulator.url}/crm/v3/objects/companies/search`, {
      method: "POST", headers: { authorization: `Bearer ${emulator.token}`, "content-type": "application/json" },
      body: JSON.stringify({ filterGroups: [], sorts: [{ propertyName: "hs_lastmodifieddate", direction: "ASCENDING" }], limit: 200, after: "10000" }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ status: "error", category: "VALIDATION_ERROR", correlationId: expect.any(String), message: expect.stringContaining("10000") });
  });

  it("re-windows on the keyset cursor and reads every record exactly once", async () => {
    const { emulator, connector } = await seeded();
    const pages = await readPages(connector, "company", 200);
    const keys = pages.flatMap((p) => p.items.map((c) => c.key));
    expect(keys).toHaveLength(COUNT);
    expect(new Set(keys).size).toBe(COUNT);
    const searches = requestsTo(emulator, "POST", "/crm/v3/objects/companies/search");
    expect(searches.every((s) => s.status === 200)).toBe(true);
    const windows = searches.filter((s) => !(s.body as { after?: string }).after);
    expect(windows.length).toBe(2);
    expect((windows[1]!.body as { filterGroups: unknown }).filterGroups).toEqual([
      { filters: [{ propertyName: "hs_lastmodifieddate", operator: "GTE", value: String(base + Math.floor(9_999 / 50) * 1_000) }] },
    ]);
    expect(Math.max(...searches.map((s) => Number((s.body as { after?: string }).after ?? 0)))).toBeLessThanOrEqual(9_800);
  });

  it("resumes from a cursor taken in the second window", async () => {
    const { connector } = await seeded();
    const seen: string[] = [];
    let cursor: string | null = null;
    for await (const page of connector.read("company", { pageSize: 200 })) {
      seen.push(...page.items.map((c) => c.key));
      cursor = page.cursor;
      if (seen.length >= 10_200) break;
    }
    const rest = (await readPages(connector, "company", 200, cursor)).flatMap((p) => p.items.map((c) => c.key));
    expect(rest).toHaveLength(COUNT - seen.length);
    expect(new Set([...seen, ...rest]).size).toBe(COUNT);
  });
});
