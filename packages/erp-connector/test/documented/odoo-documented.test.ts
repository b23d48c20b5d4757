import { afterEach, describe, expect, it } from "vitest";
import { companySchema, type ConnectorV1 } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../../src/odoo/index";
import { executeKw } from "../../src/odoo/testing/odoo-orm-methods";
import { OdooOrm } from "../../src/odoo/testing/odoo-orm";
import { readAll } from "../read-all";
import { documented, startOdooPlayback, type PlayedCall, type Script } from "./odoo-playback";

// Issue 16: the connector against Odoo's documented payloads (SOURCES.md), served by a playback server — never the emulator.
const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of open.splice(0)) await item.close();
});

/** Common answers: authenticate → documented uid; ir.model.data lookups → none unless scripted. */
function withBase(script: Script): Script {
  return (call) => script(call) ?? (call.method === "authenticate" ? "common-authenticate-uid.json" : call.model === "ir.model.data" ? "search-read-empty.json" : undefined);
}

async function setup(script: Script, extra: Record<string, unknown> = { version: 17 }) {
  const playback = await startOdooPlayback(withBase(script));
  const connector: ConnectorV1 = createOdooConnector({
    url: playback.url, database: "mycompany", username: "admin", apiKey: "documented-api-key-0000", protocol: "jsonrpc",
    rateBudget: new TokenBucket({ ratePerSecond: 10_000 }), retry: { retries: 0 }, timeoutMs: 2_000, ...extra,
  });
  open.push(playback, { close: () => connector.close() });
  return { playback, connector };
}

const keyset = (call: PlayedCall, model: string) => call.model === model && call.ormMethod === "search_read" && !JSON.stringify(call.args[0] ?? call.kwargs.domain).includes('"id","in"');

describe("Odoo documented payloads through createOdooConnector", () => {
  it("check(): version from the documented common.version (server_version_info [13,0,0,'final',0]) and the documented uid", async () => {
    const { connector, playback } = await setup((c) => (c.method === "version" ? "common-version.json" : c.ormMethod === "search" ? "search-companies.json" : undefined), {});
    const result = await connector.check();
    expect(result).toMatchObject({ ok: true, message: "authenticated as admin on mycompany (Odoo 13, jsonrpc)" });
    expect(playback.played.map((c) => `${c.service}.${c.method}`)).toEqual(["common.version", "common.authenticate", "object.execute_kw"]);
  });

  it("check(): authenticate answering false (not an error) is a failed check naming user and database, never the key", async () => {
    const { connector } = await setup((c) => (c.method === "authenticate" ? "common-authenticate-false.json" : undefined));
    const result = await connector.check();
    expect(result.ok).toBe(false);
    expect(result.message).toContain("authentication failed for admin on mycompany");
    expect(result.message).not.toContain("documented-api-key");
  });

  it("companies: the documented companies (no ref, many2one/false forms) flow keyed odoo:res.partner:<id>", async () => {
    const { connector, playback } = await setup((c) => (keyset(c, "res.partner") ? "partners-companies-page.json" : c.model === "res.partner" ? "search-read-empty.json" : undefined));
    const { items, issues, deleted } = await readAll(connector, "company", { pageSize: 50 });
    expect(issues).toEqual([]);
    expect(deleted).toEqual([]);
    expect(items.map((c) => companySchema.parse(c))).toHaveLength(5);
    expect(items.map((c) => [c.key, c.name, c.customerNumber ?? null, c.externalIds?.odoo])).toEqual([
      ["odoo:res.partner:7", "Agrolait", null, "7"], ["odoo:res.partner:18", "Axelor", null, "18"], ["odoo:res.partner:12", "Bank Wealthy and sons", null, "12"],
      ["odoo:res.partner:14", "Best Designers", null, "14"], ["odoo:res.partner:17", "Camptocamp", null, "17"],
    ]);
    expect(items[0]!.updatedAt).toBe("2024-05-02T09:14:00.000Z");
    // The read asked Odoo for companies only, keyset-ordered, archived ones included (for `deleted`), without a ref filter.
    const [read] = playback.calls("res.partner", "search_read");
    expect(read!.kwargs).toMatchObject({ order: "write_date asc, id asc", limit: 51, context: { active_test: false } });
    expect(JSON.stringify(read!.args[0])).not.toContain('"ref"');
  });

  it("a page of 4 vendor records yields 4 = 2 items + 1 issue + 1 counted skip", async () => {
    const { connector } = await setup((c) => {
      if (keyset(c, "res.partner")) return "partners-customers-page.json";
      if (c.model === "res.partner") return "read-partner-fields.json"; // parents by id: only Agrolait (7) is readable
      if (c.model === "ir.model.data" && JSON.stringify(c.args[0] ?? c.kwargs.domain).includes("walk-in")) return "ir-model-data-walk-in.json";
      return undefined;
    });
    const { items, issues, pages } = await readAll(connector, "customer", { pageSize: 10 });
    const skipped = pages.flatMap((p) => p.skipped ?? []);
    expect(items.map((c) => [c.key, c.type, c.companyKey ?? null, c.email ?? null])).toEqual([
      ["odoo:res.partner:3", "person", null, "admin@yourcompany.example.com"], ["odoo:res.partner:43", "contact", "odoo:res.partner:7", null],
    ]);
    expect(issues).toEqual([{ recordKey: "res.partner:44", field: "companyKey", reason: "invalid", message: expect.stringContaining("res.partner 99 is not readable") }]);
    expect(skipped).toEqual([{ reason: "anonymous_order_partner", count: 1, examples: ["80"] }]);
    const served = (documented("partners-customers-page.json").result as unknown[]).length;
    expect(items.length + issues.length + skipped.reduce((n, s) => n + s.count, 0)).toBe(served);
  });

  it("error envelopes become ConnectorErrors by data.name: AccessError → forbidden, AccessDenied/session expired → unauthorized", async () => {
    for (const [file, reason, text] of [
      ["error-access-error.json", "forbidden", "not allowed to access 'Contact'"], ["error-private-method.json", "forbidden", "Private methods"],
      ["error-access-denied.json", "unauthorized", "Access Denied"], ["error-session-expired.json", "unauthorized", "Session expired"],
    ] as const) {
      const { connector } = await setup((c) => (c.model === "res.partner" ? file : undefined));
      await expect(readAll(connector, "company"), file).rejects.toMatchObject({ reason, message: expect.stringContaining(text) });
    }
  });

  it("writes of id-keyed partners: ValidationError is a failed outcome on vatId, MissingError is not_found, the batch goes on", async () => {
    let writes = 0;
    const { connector, playback } = await setup((c) => {
      if (c.model === "res.partner" && c.ormMethod === "search_read") return "read-partner-fields.json"; // partner 7 exists
      if (c.model === "res.partner" && c.ormMethod === "write") return ++writes === 1 ? "error-validation-error.json" : "error-missing-error.json";
      return undefined;
    });
    const company = (vatId: string) => companySchema.parse({ key: "odoo:res.partner:7", updatedAt: "2024-05-02T09:14:00Z", name: "Agrolait", vatId, addresses: [] });
    const [bad] = await connector.write("company", [company("12")]);
    expect(bad).toMatchObject({ key: "odoo:res.partner:7", status: "failed", issue: { reason: "invalid", field: "vatId", vendorCode: "odoo.exceptions.ValidationError", message: expect.stringContaining("VAT number [12]") } });
    const [gone] = await connector.write("company", [company("BE0477472701")]);
    expect(gone).toMatchObject({ status: "failed", issue: { reason: "not_found", vendorCode: "odoo.exceptions.MissingError" } });
    const written = playback.calls("res.partner", "write");
    expect(written.map((c) => c.args[0])).toEqual([[7], [7]]);
    expect(written.every((c) => !("ref" in (c.args[1] as Record<string, unknown>)))).toBe(true);
    expect(playback.calls("res.partner", "create")).toEqual([]);
  });
});

describe("the emulator agrees with the documented shapes", () => {
  it("fields_get(attributes=[string, help, type]) has the documented keys only; read gives many2one pairs and false", () => {
    const orm = new OdooOrm(17);
    const be = executeKw(orm, "res.country", "create", [{ name: "Belgium", code: "BE" }], {}) as number;
    const id = executeKw(orm, "res.partner", "create", [{ name: "Agrolait", is_company: true, country_id: be }], {}) as number;
    const fields = executeKw(orm, "res.partner", "fields_get", [], { attributes: ["string", "help", "type"] }) as Record<string, Record<string, unknown>>;
    const documentedKeys = new Set(Object.values(documented("fields-get-partner.json").result as Record<string, object>).flatMap((f) => Object.keys(f)));
    for (const description of Object.values(fields)) {
      for (const key of Object.keys(description)) expect(documentedKeys.has(key), key).toBe(true);
    }
    const [row] = executeKw(orm, "res.partner", "read", [[id]], { fields: ["name", "country_id", "website"] }) as Record<string, unknown>[];
    const doc = (documented("read-partner-fields.json").result as Record<string, unknown>[])[0]!;
    expect(Object.keys(row!).sort()).toEqual(["country_id", "id", "name", "website"]);
    expect([Array.isArray(row!.country_id), typeof (row!.country_id as unknown[])[1], row!.website]).toEqual([Array.isArray(doc.country_id), "string", doc.comment]);
  });
});
