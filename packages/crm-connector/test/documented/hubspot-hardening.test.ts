import { afterEach, describe, expect, it } from "vitest";
import { isConnectorError, type ConnectorV1, type Segment } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../../src";
import { createHubSpotClient } from "../../src/hubspot/hubspot-client";
import { parseHubSpotSettings } from "../../src/hubspot/hubspot-settings";
import { playbackSettings, startPlayback, type Answer } from "./playback-server";

/** Issue 18 #4 (endless reads) and #8 (non-JSON success to writes), against a misbehaving server. */
let playback: Awaited<ReturnType<typeof startPlayback>> | undefined;
let connector: ConnectorV1 | undefined;
afterEach(async () => {
  await connector?.close();
  await playback?.close();
  playback = connector = undefined;
});

const list = { listId: "7", name: "VIP [vip]", processingType: "MANUAL", objectTypeId: "0-1", processingStatus: "COMPLETE", listVersion: 3 };
const html = (status: number, extra: Record<string, string> = {}): Answer => ({ status, body: "<html><body>Sign in</body></html>", headers: extra });
const redirect: Answer = { status: 302, body: "<html><body>Moved</body></html>", headers: { location: "https://app.hubspot.com/login" } };

async function rejection(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isConnectorError(error)).toBe(true);
  return error as { reason: string; message: string };
}

describe("paged reads stop on a next page that points back", () => {
  it("list memberships answering the same `after` forever → a clear protocol error", async () => {
    playback = await startPlayback({
      "POST /crm/v3/lists/search": [{ status: 200, body: { lists: [list], hasMore: false, offset: 1, total: 1 } }],
      "GET /crm/v3/lists/7/memberships": [{ status: 200, body: { results: [{ recordId: "1" }], paging: { next: { after: "AAA" } } } }],
    });
    connector = createHubSpotConnector(playbackSettings(playback.url));
    const reading = (async () => {
      for await (const page of connector!.read("segment", {})) void page;
    })();
    const error = await rejection(reading);
    expect(error.reason).toBe("protocol");
    expect(error.message).toContain("list 7 memberships");
    expect(playback.requests("GET", "/crm/v3/lists/7/memberships").length).toBeLessThanOrEqual(3);
  });

  it("a search whose `after` repeats → protocol error instead of an endless delta read", async () => {
    const record = { id: "1", properties: { email: "a@b.example", lastmodifieddate: "2026-01-01T00:00:00.000Z" }, archived: false };
    playback = await startPlayback({
      "POST /crm/v3/lists/search": [{ status: 200, body: { lists: [], hasMore: false, offset: 0, total: 0 } }],
      "POST /crm/v3/objects/contacts/search": [{ status: 200, body: { total: 99, results: [record], paging: { next: { after: "10" } } } }],
      "POST /crm/v4/associations/contacts/companies/batch/read": [{ status: 200, body: { status: "COMPLETE", results: [] } }],
    });
    connector = createHubSpotConnector(playbackSettings(playback.url));
    const reading = (async () => {
      for await (const page of connector!.read("customer", { pageSize: 10 })) void page;
    })();
    const error = await rejection(reading);
    expect(error.reason).toBe("protocol");
    expect(error.message).toContain("contacts search");
  });

  it("list search whose offset does not advance → protocol error", async () => {
    playback = await startPlayback({ "POST /crm/v3/lists/search": [{ status: 200, body: { lists: [list], hasMore: true, offset: 0, total: 9 } }] });
    connector = createHubSpotConnector(playbackSettings(playback.url));
    const error = await rejection(connector.write("segment", [{ key: "vip", externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", name: "VIP", purpose: "marketing", rules: [], memberKeys: [] } as Segment]));
    expect(error.reason).toBe("protocol");
  });
});

describe("writes without a response body are validated", () => {
  const segment = { key: "vip", externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", name: "VIP", purpose: "marketing", rules: [], memberKeys: ["CU-1"] } as Segment;
  const segmentScript = (answer: Answer) => ({
    "POST /crm/v3/lists/search": [{ status: 200, body: { lists: [list], hasMore: false, offset: 1, total: 1 } }],
    "POST /crm/v3/objects/contacts/batch/read": [{ status: 200, body: { status: "COMPLETE", results: [{ id: "5", properties: { omnibridge_customer_key: "CU-1" } }] } }],
    "GET /crm/v3/lists/7/memberships": [{ status: 200, body: { results: [] } }],
    "PUT /crm/v3/lists/7/memberships/add-and-remove": [answer],
  });

  for (const [name, answer] of [["a 302 to a login page", redirect], ["an HTML 200", html(200)]] as const) {
    it(`list membership change answered with ${name} is not a success`, async () => {
      playback = await startPlayback(segmentScript(answer));
      connector = createHubSpotConnector(playbackSettings(playback.url));
      const error = await rejection(connector.write("segment", [segment]));
      expect(error.reason).toBe("protocol");
    });
  }

  it("the documented membership answer is a success", async () => {
    playback = await startPlayback(segmentScript({ status: 200, body: { recordsIdsAdded: ["5"], recordIdsRemoved: [], recordIdsMissing: [] } }));
    connector = createHubSpotConnector(playbackSettings(playback.url));
    expect(await connector.write("segment", [segment])).toEqual([{ key: "vip", status: "updated", externalId: "7" }]);
  });

  it("batch archive and association create: only 204 / a batch answer count", async () => {
    playback = await startPlayback({
      "POST /crm/v3/objects/line_items/batch/archive": [redirect, html(200), { status: 204 }],
      "POST /crm/v4/associations/deals/line_items/batch/create": [redirect, html(200), { status: 201, body: { status: "COMPLETE", results: [{ fromObjectId: 1, toObjectId: 2 }] } }],
    });
    const client = createHubSpotClient(parseHubSpotSettings({ ...playbackSettings(playback.url), retry: { retries: 0 } }));
    try {
      expect((await rejection(client.batchArchive("line_items", ["2"]))).reason).toBe("protocol");
      expect((await rejection(client.batchArchive("line_items", ["2"]))).reason).toBe("protocol");
      await expect(client.batchArchive("line_items", ["2"])).resolves.toBeUndefined();
      expect((await rejection(client.associate("deals", "line_items", 19, [{ from: "1", to: "2" }]))).reason).toBe("protocol");
      expect((await rejection(client.associate("deals", "line_items", 19, [{ from: "1", to: "2" }]))).reason).toBe("protocol");
      await expect(client.associate("deals", "line_items", 19, [{ from: "1", to: "2" }])).resolves.toBeUndefined();
    } finally {
      client.close();
    }
  });
});
