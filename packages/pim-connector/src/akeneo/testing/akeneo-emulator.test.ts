import { createWorld } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAkeneoEmulator, type AkeneoEmulator } from "./akeneo-emulator";

let emulator: AkeneoEmulator;
let token: string;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}/api/rest/v1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
const json = async (response: Response) => (await response.json()) as Record<string, unknown>;

beforeAll(async () => {
  emulator = await startAkeneoEmulator({ world: createWorld({ seed: 3, products: 40 }), rateLimit: false });
  const { clientId, secret, username, password } = emulator.settings;
  const response = await fetch(`${emulator.url}/api/oauth/v1/token`, {
    method: "POST", body: JSON.stringify({ grant_type: "password", username, password }),
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
  });
  const body = await json(response);
  expect(body).toMatchObject({ expires_in: 3600, token_type: "bearer", scope: null });
  token = body.access_token as string;
});
afterAll(() => emulator.stop());

describe("akeneo emulator wire behaviour", () => {
  it("requires a bearer token except on the endpoint list", async () => {
    expect((await fetch(`${emulator.url}/api/rest/v1`)).status).toBe(200);
    const missing = await fetch(`${emulator.url}/api/rest/v1/products-uuid`);
    expect([missing.status, await json(missing)]).toEqual([401, { code: 401, message: "Authentication is required" }]);
    const unknown = await fetch(`${emulator.url}/api/rest/v1/products-uuid`, { headers: { Authorization: "Bearer nope" } });
    expect((await json(unknown)).message).toBe("The access token provided is invalid.");
  });

  it("answers 422 for a limit above 100 and for page pagination past 10,000 products", async () => {
    expect(await json(await api("/products-uuid?limit=101"))).toEqual({ code: 422, message: "You cannot request more than 100 items." });
    const capped = await api("/products-uuid?page=101&limit=100");
    expect(capped.status).toBe(422);
    expect((await json(capped)).message).toContain("search after pagination type");
    expect((await api("/categories?pagination_type=search_after")).status).toBe(422);
  });

  it("pages with page links and with search_after links (no next on the last page)", async () => {
    const first = await json(await api("/products-uuid?limit=5&with_count=true"));
    expect(first.current_page).toBe(1);
    expect((first._links as Record<string, { href: string } | undefined>).next?.href).toContain("page=2");
    let href: string | undefined = `${emulator.url}/api/rest/v1/products-uuid?limit=30&pagination_type=search_after`;
    const uuids: string[] = [];
    while (href) {
      const page = await json(await fetch(href, { headers: { Authorization: `Bearer ${token}` } }));
      uuids.push(...(page._embedded as { items: Array<{ uuid: string }> }).items.map((i) => i.uuid));
      href = (page._links as Record<string, { href: string } | undefined>).next?.href;
    }
    expect(uuids).toEqual([...uuids].sort());
    expect(new Set(uuids).size).toBe(emulator.state.products.size);
  });

  it("validates the updated filter format per resource", async () => {
    const productSearch = encodeURIComponent(JSON.stringify({ updated: [{ operator: ">", value: "2025-01-01T00:00:00Z" }] }));
    expect((await json(await api(`/products-uuid?search=${productSearch}`))).message).toContain("yyyy-mm-dd H:i:s");
    const categorySearch = encodeURIComponent(JSON.stringify({ updated: [{ operator: ">", value: "2025-01-01 00:00:00" }] }));
    expect((await api(`/categories?search=${categorySearch}`)).status).toBe(422);
    const ok = encodeURIComponent(JSON.stringify({ updated: [{ operator: ">", value: "2025-06-01 00:00:00" }], parent: [{ operator: "EMPTY" }] }));
    const page = await json(await api(`/products-uuid?limit=100&search=${ok}`));
    const items = (page._embedded as { items: Array<{ parent: string | null; updated: string }> }).items;
    expect(items.every((i) => i.parent === null && i.updated > "2025-06-01T00:00:00")).toBe(true);
    expect((await api("/products-uuid?search={bad")).status).toBe(400);
  });

  it("single PATCH answers 422 with errors[], 204 with Location; 406 for a non-JSON Accept", async () => {
    const uuid = [...emulator.state.products.keys()][1]!;
    const bad = await api(`/products-uuid/${uuid}`, { method: "PATCH", body: JSON.stringify({ values: { season: [{ locale: null, scope: null, data: "monsoon" }] } }), headers: { "Content-Type": "application/json" } });
    expect(bad.status).toBe(422);
    expect(await json(bad)).toMatchObject({ code: 422, message: "Validation failed.", errors: [{ property: "values", attribute: "season" }] });
    const good = await api(`/products-uuid/${uuid}`, { method: "PATCH", body: JSON.stringify({ enabled: false }), headers: { "Content-Type": "application/json" } });
    expect([good.status, good.headers.get("location")]).toEqual([204, `${emulator.url}/api/rest/v1/products-uuid/${uuid}`]);
    expect((await api("/products-uuid", { headers: { Accept: "text/html" } })).status).toBe(406);
  });

  it("PATCH collection: 415 on JSON, 413 above 100 lines, per-line statuses otherwise", async () => {
    const wrong = await api("/products-uuid", { method: "PATCH", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(wrong.status).toBe(415);
    expect((await json(wrong)).message).toContain("application/vnd.akeneo.collection+json");
    const collection = { "Content-Type": "application/vnd.akeneo.collection+json" };
    const many = Array.from({ length: 101 }, () => "{}").join("\n");
    expect((await api("/products-uuid", { method: "PATCH", body: many, headers: collection })).status).toBe(413);
    const uuid = [...emulator.state.products.keys()][0]!;
    const body = [
      JSON.stringify({ uuid, values: { brand: [{ locale: null, scope: null, data: "Acme" }] } }),
      "{not json",
      JSON.stringify({ uuid: "9a2b0a1e-4a4c-4b8e-9e6e-0c1b2a3d4e5f", values: { sku: [{ locale: null, scope: null, data: "EMU-NEW" }], season: [{ locale: null, scope: null, data: "monsoon" }] } }),
      JSON.stringify({ uuid: "9a2b0a1e-4a4c-4b8e-9e6e-0c1b2a3d4e5f", values: { sku: [{ locale: null, scope: null, data: "EMU-NEW" }] }, group: ["x"] }),
      JSON.stringify({ uuid: "9a2b0a1e-4a4c-4b8e-9e6e-0c1b2a3d4e5f", values: { sku: [{ locale: null, scope: null, data: "EMU-NEW" }] } }),
    ].join("\n");
    const response = await api("/products-uuid", { method: "PATCH", body, headers: collection });
    expect(response.headers.get("content-type")).toBe("application/vnd.akeneo.collection+json");
    const lines = (await response.text()).split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.line, l.status_code])).toEqual([[1, 204], [2, 400], [3, 422], [4, 422], [5, 201]]);
    expect(lines[2]!.errors).toEqual([{ property: "values", attribute: "season", locale: null, scope: null, message: "The monsoon value is not in the season attribute option list." }]);
    expect(lines[3]!.message).toBe('Property "group" does not exist.');
  });
});
