import { afterEach, describe, expect, it } from "vitest";
import { isConnectorError, type ConnectorV1 } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../index";
import { startHubSpotEmulator, type HubSpotEmulator } from "../testing";
import { fixtureWorld } from "../../test/fixture-world";
import { readPages, requestsTo, unlimited } from "../../test/helpers";

const world = fixtureWorld({ persons: 24, companies: 5, orders: 12 });
let emulator: HubSpotEmulator | undefined;
let connector: ConnectorV1 | undefined;
afterEach(async () => {
  await connector?.close();
  await emulator?.stop();
  connector = emulator = undefined;
});

async function start(options: Parameters<typeof startHubSpotEmulator>[0] = {}, settings: Record<string, unknown> = {}) {
  emulator = await startHubSpotEmulator({ ...world, linkContacts: true, searchRateLimit: { limit: 50, windowMs: 1_000 }, ...options });
  connector = createHubSpotConnector({ ...emulator.settings, retry: { minDelayMs: 5, maxDelayMs: 50 }, ...settings });
  return { emulator, connector };
}

describe("hubspot reads", () => {
  it("reads contacts over several pages by lastmodifieddate search, with company, segments and consent", async () => {
    const { emulator, connector } = await start();
    const pages = await readPages(connector, "customer", 10);
    const customers = pages.flatMap((p) => p.items);
    expect(pages.length).toBe(4);
    expect(customers.map((c) => c.key).sort()).toEqual(world.customers.map((c) => c.key).sort());
    const contact = customers.find((c) => c.key === "CT-1-0")!;
    expect(contact).toMatchObject({ type: "contact", companyKey: "CO-00001", email: "ct-1-0@mail.example", locale: "en", externalIds: { hubspot: expect.any(String) } });
    expect(contact.consent.email).toBe(world.customers.find((c) => c.key === "CT-1-0")!.consent.email);
    expect(contact.segments).toContain("vip-customers");
    const searches = requestsTo(emulator, "POST", "/crm/v3/objects/contacts/search");
    expect(searches[0]!.headers.authorization).toBe(`Bearer ${emulator.token}`);
    const response = await fetch(`${emulator.url}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${emulator.token}` } });
    expect(response.headers.get("x-hubspot-ratelimit-max")).toBe("100");
    expect(response.headers.get("x-hubspot-ratelimit-interval-milliseconds")).toBe("10000");
    expect(Number(response.headers.get("x-hubspot-ratelimit-remaining"))).toBeLessThan(100);
    expect(searches[0]!.body).toMatchObject({ sorts: [{ propertyName: "lastmodifieddate", direction: "ASCENDING" }], limit: 10, filterGroups: [] });
    expect((searches[1]!.body as { after?: string }).after).toBe("10");
  });

  it("reads companies by hs_lastmodifieddate with their contacts and orders with line items", async () => {
    const { emulator, connector } = await start();
    const companies = (await readPages(connector, "company", 2)).flatMap((p) => p.items);
    expect(companies.find((c) => c.key === "CO-00002")!.contactKeys.sort()).toEqual(["CT-2-0", "CT-2-1"]);
    expect(requestsTo(emulator, "POST", "/crm/v3/objects/companies/search")[0]!.body).toMatchObject({ sorts: [{ propertyName: "hs_lastmodifieddate" }] });
    const orders = (await readPages(connector, "order", 5)).flatMap((p) => p.items);
    const source = world.orders[3]!;
    const read = orders.find((o) => o.key === source.key)!;
    expect(read).toMatchObject({ number: source.number, total: source.total, customerKey: source.customerKey, currency: "EUR", status: "confirmed" });
    const lineFacts = (lines: typeof read.lines) => lines.map((l) => [l.lineKey, l.sku, l.quantity, l.unitPrice.amount, l.total.amount]);
    expect(lineFacts(read.lines)).toEqual(lineFacts(source.lines));
  });

  it("resumes from a page's cursor after a crash without loss, then reads only what changed", async () => {
    const { emulator, connector } = await start();
    let saved: string | null = null;
    const first: string[] = [];
    for await (const page of connector.read("customer", { pageSize: 7 })) {
      first.push(...page.items.map((c) => c.key));
      saved = page.cursor;
      if (first.length >= 14) break; // the process dies after two pages
    }
    const rest = (await readPages(connector, "customer", 7, saved)).flatMap((p) => p.items.map((c) => c.key));
    expect(new Set([...first, ...rest]).size).toBe(world.customers.length);
    expect(first.filter((k) => rest.includes(k))).toEqual([]);
    const final = (await readPages(connector, "customer", 7, saved)).at(-1)!.cursor;
    const changed = emulator.store.findBy("contacts", "omnibridge_customer_key", "CU-000003")!;
    emulator.store.put("contacts", changed.id, { firstname: "Renamed" });
    const delta = (await readPages(connector, "customer", 7, final)).flatMap((p) => p.items);
    expect(delta.map((c) => [c.key, c.firstName])).toEqual([["CU-000003", "Renamed"]]);
    const deltaSearch = requestsTo(emulator, "POST", "/crm/v3/objects/contacts/search").at(-1)!.body as { filterGroups: unknown };
    expect(deltaSearch.filterGroups).toEqual([{ filters: [{ propertyName: "lastmodifieddate", operator: "GTE", value: expect.stringMatching(/^\d+$/) }] }]);
  });

  it("waits out 429 bursts as HubSpot signals them (policyName, interval header) and completes", async () => {
    const { emulator, connector } = await start(
      { rateLimit: { limit: 4, windowMs: 500 } },
      { rateBudget: unlimited, searchRateBudget: unlimited },
    );
    const customers = (await readPages(connector, "customer", 10)).flatMap((p) => p.items);
    expect(customers).toHaveLength(world.customers.length);
    expect(emulator.rateLimited()).toBeGreaterThan(0);
    expect(connector.metrics().rateLimited).toBe(emulator.rateLimited());
    const log = emulator.server.requests;
    const limited = log.findIndex((r) => r.status === 429);
    expect(log[limited + 1]!.at - log[limited]!.at).toBeGreaterThanOrEqual(400);
  });

  it("the default shared budget matches the burst limit, so no 429 happens", async () => {
    const { emulator, connector } = await start({ rateLimit: { limit: 6, windowMs: 500 } });
    const customers = (await readPages(connector, "customer", 10)).flatMap((p) => p.items);
    expect(customers).toHaveLength(world.customers.length);
    expect(emulator.rateLimited()).toBe(0);
  });

  it("several flows on one account share one budget and together stay under the burst limit", async () => {
    const { emulator, connector } = await start({ rateLimit: { limit: 8, windowMs: 500 } });
    const second = createHubSpotConnector({ ...emulator.settings });
    const third = createHubSpotConnector({ ...emulator.settings, rateBudget: undefined });
    const total = (pages: Array<{ items: unknown[] }>) => pages.reduce((n, page) => n + page.items.length, 0);
    const counts = await Promise.all([
      readPages(connector, "customer", 6).then(total), readPages(second, "order", 3).then(total), readPages(third, "company", 2).then(total),
    ]);
    expect(counts).toEqual([world.customers.length, world.orders.length, world.companies.length]);
    expect(emulator.rateLimited()).toBe(0);
    await Promise.all([second.close(), third.close()]);
  });

  it("a wrong token is unauthorized, not retried, and never echoed", async () => {
    const { emulator, connector } = await start({}, { token: "pat-na1-wrong-token-123456" });
    const error = await readPages(connector, "company", 5).catch((e: unknown) => e);
    expect(isConnectorError(error) && error.reason).toBe("unauthorized");
    expect(String((error as Error).message)).not.toContain("pat-na1-wrong-token-123456");
    expect(emulator.server.requestCount()).toBe(1);
    const check = await connector.check();
    expect(check.ok).toBe(false);
  });

  it("retries injected 5xx faults and resets, losing nothing", async () => {
    const { emulator, connector } = await start({ faults: { default: { serverError: 0.2, reset: 0.05 } }, seed: 3 });
    const orders = (await readPages(connector, "order", 4)).flatMap((p) => p.items);
    expect(orders.map((o) => o.key).sort()).toEqual(world.orders.map((o) => o.key).sort());
    expect(connector.metrics().retries).toBeGreaterThan(0);
    expect(emulator.server.requests.some((r) => r.status >= 500)).toBe(true);
  });
});
