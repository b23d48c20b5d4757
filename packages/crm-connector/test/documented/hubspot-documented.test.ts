import { afterEach, describe, expect, it } from "vitest";
import { isConnectorError, type Company, type ConnectorV1, type Customer } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../../src";
import { documented, playbackSettings, startPlayback, type Answer } from "./playback-server";

let playback: Awaited<ReturnType<typeof startPlayback>> | undefined;
let connector: ConnectorV1 | undefined;
afterEach(async () => {
  await connector?.close();
  await playback?.close();
  playback = connector = undefined;
});

async function start(script: Record<string, Answer[]>) {
  playback = await startPlayback(script);
  connector = createHubSpotConnector(playbackSettings(playback.url));
  return { playback, connector };
}

async function readAll<K extends "customer" | "company">(connector: ConnectorV1, entity: K) {
  const pages = [];
  for await (const page of connector.read(entity, { pageSize: 100 })) pages.push(page);
  return pages;
}

const ok = (name: string, status = 200): Answer => ({ status, body: documented(name) });

const customer = (key: string, email: string, extra: Partial<Customer> = {}): Customer => ({
  key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", type: "person", email, firstName: null, lastName: "S.", phone: null,
  locale: null, customerNumber: null, customerGroup: null, companyKey: null, addresses: [], segments: [],
  consent: { email: "unknown", sms: "unknown", updatedAt: null, source: null }, ...extra,
} as Customer);
const company = (key: string, name: string): Company => ({ key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", name, domain: null, addresses: [], contactKeys: [], segments: [] } as Company);

describe("documented payloads: reads", () => {
  it("a two-page contact search: every vendor record is an item or an issue; the primary company wins over list order", async () => {
    const { playback, connector } = await start({
      "POST /crm/v3/lists/search": [ok("lists-search-empty.json")],
      "POST /crm/v3/objects/contacts/search": [ok("search-page-1.json"), ok("contacts-search-page-2.json")],
      "POST /crm/v4/associations/contacts/companies/batch/read": [ok("associations-batch-read-primary.json", 207)],
      "POST /crm/v3/objects/companies/batch/read": [ok("companies-batch-read.json")],
    });
    const pages = await readAll(connector, "customer");
    const served = ["search-page-1.json", "contacts-search-page-2.json"].map((name) => (documented(name) as { results: unknown[] }).results.length);
    const vendorRecords = served[0]! + served[1]!;
    expect(playback.requests("POST", "/crm/v3/objects/contacts/search")).toHaveLength(2);
    const items = pages.flatMap((p) => p.items);
    const issues = pages.flatMap((p) => p.issues);
    // N vendor records = items + issues (+ counted skips: none here, every record is mapped or reported).
    expect(items.length + issues.length).toBe(vendorRecords);
    expect((playback.requests("POST", "/crm/v3/objects/contacts/search")[1]!.body as { after?: string }).after).toBe("NTI1Cg%3D%3D");
    const bryan = items.find((c) => c.externalIds.hubspot === "18751")!;
    expect(bryan).toMatchObject({ key: "bcooper@biglytics.net", email: "bcooper@biglytics.net", firstName: "Bryan", lastName: "Cooper", companyKey: "BIGLYTICS", type: "contact" });
    // Only the primary company (9002, type 1) is resolved, although 9001 is listed first.
    expect(playback.requests("POST", "/crm/v3/objects/companies/batch/read").map((r) => r.body)).toEqual([{ inputs: [{ id: "9002" }], properties: ["omnibridge_company_key"] }]);
    expect(items.find((c) => c.externalIds.hubspot === "512")).toMatchObject({ key: "hubspot-contact-512", email: null, companyKey: null });
    expect(issues).toEqual([expect.objectContaining({ recordKey: "hubspot-contact-18752", field: "email" })]);
  });

  it("company reads follow each record's association paging (a large company's contacts are not cut)", async () => {
    const { playback, connector } = await start({
      "POST /crm/v3/objects/companies/search": [ok("companies-search.json")],
      "POST /crm/v4/associations/companies/contacts/batch/read": [ok("associations-batch-read-paged-1.json"), ok("associations-batch-read-paged-2.json")],
      "POST /crm/v3/objects/contacts/batch/read": [ok("contacts-batch-read.json")],
    });
    const [page] = await readAll(connector, "company");
    expect(page!.items).toHaveLength(1);
    expect(page!.items[0]).toMatchObject({ key: "BIGLYTICS", name: "Biglytics", domain: "biglytics.net" });
    expect([...page!.items[0]!.contactKeys].sort()).toEqual(["CU-ALICE", "CU-BRYAN"]);
    expect(playback.requests("POST", "/crm/v4/associations/companies/contacts/batch/read").map((r) => r.body)).toEqual([
      { inputs: [{ id: "9002" }] }, { inputs: [{ id: "9002", after: "MTg3NTE%3D" }] },
    ]);
  });
});

describe("documented payloads: upserts matched without objectWriteTraceId", () => {
  it("a 200 upsert answer is matched by the e-mail HubSpot stores lower-cased", async () => {
    const { connector } = await start({ "POST /crm/v3/objects/contacts/batch/upsert": [ok("contacts-batch-upsert-200.json")] });
    const outcomes = await connector.write("customer", [customer("CU-BRYAN", "BCooper@Biglytics.net"), customer("CU-MARK", "Mark.S@Example.com")]);
    expect(outcomes).toEqual([
      { key: "CU-BRYAN", status: "updated", externalId: "18751" },
      { key: "CU-MARK", status: "created", externalId: "18800" },
    ]);
  });

  it("a 207 mixing successes and an error: custom unique property matched case-insensitively, the error through its context id", async () => {
    const { connector } = await start({ "POST /crm/v3/objects/companies/batch/upsert": [ok("companies-batch-upsert-207.json", 207)] });
    const outcomes = await connector.write("company", [company("ACME-01", "Acme"), company("BROKEN-CO", "Broken"), company("BIGLYTICS", "Biglytics")]);
    expect(outcomes[0]).toEqual({ key: "ACME-01", status: "created", externalId: "9101" });
    expect(outcomes[1]).toMatchObject({ key: "BROKEN-CO", status: "failed", issue: { recordKey: "BROKEN-CO", field: "omnibridge_order_count", reason: "invalid", vendorCode: "INVALID_DECIMAL" } });
    expect(outcomes[1]!.issue!.message).toContain("was not a valid number");
    expect(outcomes[2]).toEqual({ key: "BIGLYTICS", status: "updated", externalId: "9002" });
  });
});

describe("documented payloads: every error class", () => {
  const writeOne = async (answers: Answer[]) => {
    const { connector } = await start({ "POST /crm/v3/objects/contacts/batch/upsert": answers });
    return connector.write("customer", [customer("CU-BRYAN", "bcooper@biglytics.net")]).catch((error: unknown) => error);
  };

  it("400 from the error-handling guide: the record fails naming the field (`errors[].in`)", async () => {
    const [outcome] = (await writeOne([{ status: 400, body: documented("error-400-validation.json") }])) as Awaited<ReturnType<ConnectorV1["write"]>>;
    expect(outcome).toMatchObject({ status: "failed", issue: { field: "name", reason: "invalid", vendorCode: "VALIDATION_ERROR" } });
    expect(outcome!.issue!.message).toContain("a43683b0-5717-4ceb-80b4-104d02915d8c");
  });

  it("400 whose message nests JSON: field and code come from inside the message", async () => {
    const [outcome] = (await writeOne([{ status: 400, body: documented("error-400-property-values.json") }])) as Awaited<ReturnType<ConnectorV1["write"]>>;
    expect(outcome).toMatchObject({ status: "failed", issue: { field: "email", vendorCode: "INVALID_EMAIL" } });
    expect(outcome!.issue!.message).toContain("Email address bcooper@@biglytics is invalid");
  });

  const thrown: Array<[string, Answer[], { reason: string; vendorCode?: string; text?: string }]> = [
    ["401", [{ status: 401, body: documented("error-401.json") }], { reason: "unauthorized", vendorCode: "INVALID_AUTHENTICATION" }],
    ["403 MISSING_SCOPES", [{ status: 403, body: documented("error-403-missing-scopes.json") }], { reason: "forbidden", vendorCode: "MISSING_SCOPES", text: "required scopes crm.objects.contacts.write" }],
    ["404", [{ status: 404, body: documented("error-404-object.json") }], { reason: "not_found", vendorCode: "OBJECT_NOT_FOUND" }],
    ["409", [{ status: 409, body: documented("error-409-conflict.json") }], { reason: "conflict", text: "Existing ID: 18751" }],
    ["429 DAILY", [{ status: 429, body: documented("error-429-daily.json") }], { reason: "rate_limited", vendorCode: "DAILY" }],
    ["502 HTML", [{ status: 502, body: documented("error-502.html") }], { reason: "unavailable", text: "502 Bad Gateway" }],
  ];
  for (const [name, answers, expected] of thrown) {
    it(`${name} → ConnectorError ${expected.reason}`, async () => {
      const error = await writeOne(answers);
      expect(isConnectorError(error)).toBe(true);
      if (!isConnectorError(error)) return;
      expect(error.reason).toBe(expected.reason);
      if (expected.vendorCode) expect(error.vendorCode).toBe(expected.vendorCode);
      if (expected.text) expect(error.message).toContain(expected.text);
      expect(error.message).not.toContain("pat-na1-documented-0000");
    });
  }

  it("429 SECONDLY is waited out and the write completes", async () => {
    const outcomes = await writeOne([{ status: 429, body: documented("error-429-secondly.json"), headers: { "retry-after": "0" } }, ok("contacts-batch-upsert-200.json")]);
    expect(outcomes).toEqual([{ key: "CU-BRYAN", status: "updated", externalId: "18751" }]);
  });
});
