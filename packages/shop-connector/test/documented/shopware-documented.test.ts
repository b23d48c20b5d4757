import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEmulatorServer, type EmulatorResponse, type EmulatorServer } from "@omnibridge/connector-kit/testing";
import type { Product } from "@omnibridge/core-model";
import { createShopwareConnector } from "../../src";

const dir = path.join(import.meta.dirname, "../../src/shopware/__fixtures__/documented");
const documented = (name: string): unknown => JSON.parse(readFileSync(path.join(dir, name), "utf8"));
const servers: EmulatorServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

/** A playback server answering each route with a documented body (no emulator logic). */
async function playback(answers: Record<string, EmulatorResponse>) {
  const server = await createEmulatorServer({
    name: "shopware-playback",
    routes: Object.entries(answers).map(([route, response]) => {
      const [method, url] = route.split(" ");
      return { method: method!, path: url!, handler: () => response };
    }),
  });
  servers.push(server);
  return createShopwareConnector({ url: server.url, clientId: "SWIA", clientSecret: "secret", taxId: "792203a53e564e28bcb7ffa1867fb485" });
}

const product: Product = {
  key: "SW10001", externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", name: { "en-GB": "Imported product" }, description: {}, status: "active",
  categoryKeys: [], attributes: {}, variantAxes: [], variants: [], assets: [], relations: [], channels: [],
};

describe("shopware connector on documented payloads", () => {
  it("reads the documented search answer: the shortened product names its missing productNumber", async () => {
    const connector = await playback({
      "POST /api/oauth/token": { status: 200, body: documented("oauth-token.json") },
      "POST /api/search/product": { status: 200, body: documented("search-product-json.json") },
    });
    const pages = [];
    for await (const page of connector.read("product", { pageSize: 5 })) pages.push(page);
    expect(pages.flatMap((p) => p.items)).toEqual([]);
    expect(pages[0]!.issues).toEqual([expect.objectContaining({ recordKey: "01bd7e70a50443ec96a01fd34890dcc5", field: "productNumber" })]);
  });

  it("writes with the documented sync answer as success", async () => {
    const connector = await playback({
      "POST /api/oauth/token": { status: 200, body: documented("oauth-token.json") },
      "POST /api/search/product": { status: 200, body: { total: 0, data: [], aggregations: [] } },
      "POST /api/_action/sync": { status: 200, body: documented("sync-response.json") },
    });
    const outcomes = await connector.write("product", [product]);
    expect(outcomes).toEqual([expect.objectContaining({ key: "SW10001", status: "created" })]);
  });

  it("fails the batch with the documented 400 body's description when no error points at a record", async () => {
    const connector = await playback({
      "POST /api/oauth/token": { status: 200, body: documented("oauth-token.json") },
      "POST /api/search/product": { status: 200, body: { total: 0, data: [], aggregations: [] } },
      "POST /api/_action/sync": { status: 400, body: documented("error-400.json") },
    });
    const [outcome] = await connector.write("product", [product]);
    expect(outcome).toMatchObject({ status: "failed", issue: { message: expect.stringContaining("Bad parameters for this endpoint") } });
  });

  it("reports the documented 401 body on the token endpoint without retrying or echoing the secret", async () => {
    const connector = await playback({ "POST /api/oauth/token": { status: 401, body: documented("error-401.json") } });
    const result = await connector.check();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/401: Authorization information is missing or invalid/);
    expect(result.message).not.toContain("secret");
  });
});
