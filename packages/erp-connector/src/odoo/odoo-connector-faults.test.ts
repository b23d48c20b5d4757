import { afterEach, describe, expect, it } from "vitest";
import { createWorld } from "@omnibridge/testkit";
import { ConnectorError, type ConnectorV1 } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "./index";
import { startOdooEmulator, type OdooEmulator, type OdooEmulatorOptions } from "./testing/odoo-emulator";
import { loggedCalls } from "./testing/odoo-test-helpers";
import { readAll } from "../../test/read-all";

const world = createWorld({ seed: 9, products: 12 });
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) {
    await connector.close();
    await emulator.stop();
  }
});

async function setup(options: OdooEmulatorOptions = { world }, settings: Record<string, unknown> = {}) {
  const emulator = await startOdooEmulator(options);
  const connector = createOdooConnector({
    ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { minDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 500,
    ...settings,
  });
  started.push({ emulator, connector });
  return { emulator, connector, calls: () => loggedCalls(emulator.server.requests) };
}
const isSearch = (model: string) => (r: { path: string; rawBody: string }) => r.rawBody.includes(`"${model}","search_read"`) || r.path === `/json/2/${model}/search_read`;

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error("expected a ConnectorError");
}

describe("Odoo faults and errors", () => {
  it("retries 5xx, timeouts and resets, then succeeds", async () => {
    const { connector, emulator } = await setup();
    emulator.script({ match: isSearch("res.partner"), times: 1, result: { status: 503, raw: "<html>Service Unavailable</html>", headers: { "content-type": "text/html" } } });
    emulator.script({ match: isSearch("res.partner"), times: 1, result: { action: "hang" } });
    emulator.script({ match: isSearch("res.partner"), times: 1, result: { action: "reset" } });
    const { items } = await readAll(connector, "company");
    expect(items.length).toBe(world.counts.companies);
    expect(connector.metrics().retries).toBe(3);
  });

  it("429 from a fronting proxy → waits Retry-After → succeeds", async () => {
    const { connector, emulator } = await setup();
    emulator.script({ match: isSearch("stock.warehouse"), times: 1, result: { status: 429, headers: { "retry-after": "1" }, raw: "Too Many Requests" } });
    const started = Date.now();
    const { items } = await readAll(connector, "location");
    expect(items).toHaveLength(6);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(connector.metrics()).toMatchObject({ rateLimited: 1, retries: 1 });
  });

  it("AccessError arrives as HTTP 200 with an error object and is not retried", async () => {
    const { connector, emulator, calls } = await setup();
    emulator.orm.denied.add("sale.order");
    const error = await failure(readAll(connector, "order"));
    expect(error).toMatchObject({ reason: "forbidden", status: 200, vendorCode: "odoo.exceptions.AccessError" });
    expect(error.message).toContain("not allowed to access 'Sales Order' (sale.order)");
    expect(calls().filter((c) => c.model === "sale.order")).toHaveLength(1);
    expect(connector.metrics().retries).toBe(0);
  });

  it("bad API key: authenticate returns false → unauthorized, one request, key never in the message", async () => {
    const { connector, emulator } = await setup({ world }, { apiKey: "wrong-key-1234" });
    const error = await failure(readAll(connector, "category"));
    expect(error.reason).toBe("unauthorized");
    expect(emulator.server.requests.filter((r) => JSON.stringify(r.body).includes("authenticate"))).toHaveLength(1);
    const check = await connector.check();
    expect(check.ok).toBe(false);
    expect(check.message).not.toContain("wrong-key-1234");
  });

  it("a private method is refused remotely (why prices are computed client-side)", async () => {
    const { emulator } = await setup();
    const response = await fetch(`${emulator.url}/jsonrpc`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { service: "object", method: "execute_kw", args: [emulator.settings.database, 2, emulator.settings.apiKey, "product.pricelist", "_get_product_price", [[1], 1, 1], {}] } }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { error: { data: unknown } }).error.data).toMatchObject({ name: "odoo.exceptions.AccessError", message: expect.stringContaining("Private methods") });
  });

  it("Odoo 18: reads type + is_storable (asking for 17's detailed_type is a ValueError)", async () => {
    const { connector, emulator, calls } = await setup({ world, version: 18 });
    const { items } = await readAll(connector, "product", { pageSize: 5 });
    expect(items.every((p) => ["SHIPPING", "DISCOUNT"].includes(p.key) || p.attributes.odoo_product_type?.[0]?.value === "storable")).toBe(true);
    const fields = calls().find((c) => c.model === "product.template")!.kwargs.fields as string[];
    expect(fields).toContain("is_storable");
    expect(fields).not.toContain("detailed_type");
    const response = await fetch(`${emulator.url}/jsonrpc`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { service: "object", method: "execute_kw", args: [emulator.settings.database, 2, emulator.settings.apiKey, "product.template", "search_read", [[]], { fields: ["detailed_type"], limit: 1 }] } }),
    });
    expect(((await response.json()) as { error: { data: unknown } }).error.data).toMatchObject({ name: "builtins.ValueError", message: "Invalid field 'detailed_type' on model 'product.template'" });
  });

  it("Odoo 19 JSON-2: bearer key and X-Odoo-Database headers, named arguments; 401 not retried; 403 as HTTP status", async () => {
    const { connector, emulator, calls } = await setup({ world, version: 19 });
    const { items } = await readAll(connector, "location", { pageSize: 4 });
    expect(items).toHaveLength(6);
    const first = calls().find((c) => c.model === "stock.warehouse")!;
    expect(first.headers.authorization).toBe(`bearer ${emulator.settings.apiKey}`);
    expect(first.headers["x-odoo-database"]).toBe(emulator.settings.database);
    expect(first.kwargs).toMatchObject({ domain: [], limit: 5, order: "write_date asc, id asc" });
    emulator.orm.denied.add("sale.order");
    expect(await failure(readAll(connector, "order"))).toMatchObject({ reason: "forbidden", status: 403 });
    const wrong = createOdooConnector({ ...emulator.settings, apiKey: "not-the-key" });
    const error = await failure(readAll(wrong, "location"));
    expect(error).toMatchObject({ reason: "unauthorized", status: 401 });
    expect(wrong.metrics()).toMatchObject({ requests: 1, retries: 0 });
    await wrong.close();
  });

  it("settings are validated with errors naming the field, never echoing the key", () => {
    expect(() => createOdooConnector({ url: "ftp://x", database: "", username: "u", apiKey: "secret-key-999" })).toThrow(/url.*database|database/);
    try {
      createOdooConnector({ url: "ftp://x", database: "", username: "u", apiKey: "secret-key-999" });
    } catch (error) {
      expect((error as Error).message).not.toContain("secret-key-999");
    }
  });
});
