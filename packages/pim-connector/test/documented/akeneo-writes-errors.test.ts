import { ConnectorError, type Product } from "@omnibridge/core-model";
import { afterEach, describe, expect, it } from "vitest";
import { createAkeneoConnector } from "../../src";
import { contextRoutes, searchesIn } from "./akeneo-context";
import { documented, documentedText, envelope, searchOf, startPlayback, type Route } from "./playback";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

async function connect(routes: Route[]) {
  const server = await startPlayback(routes);
  stop = server.stop;
  const pim = createAkeneoConnector({ ...server.settings, retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 } });
  return { pim, requests: server.requests };
}

const simple = (key: string, extra: Partial<Product> = {}) => ({
  key, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", name: { en: key }, description: {}, status: "active", categoryKeys: [], attributes: {},
  variantAxes: [], variants: [], assets: [], relations: [], channels: [], ...extra,
}) as Product;

/** The documented products page answers the SKU lookup (identifier attribute IN); its `next` leads to an empty last page. */
const lookupRoutes = (): Route[] => [
  { path: "/api/rest/v1/products-uuid", when: (q) => q.get("page") === "4", answer: { body: envelope([]) } },
  { path: "/api/rest/v1/products-uuid", when: searchesIn("sku"), answer: { body: documented("products-uuid-list.json") } },
];

describe("documented write answers", () => {
  it("looks SKUs up with the documented identifier-attribute filter, not an `identifier` property", async () => {
    const { pim, requests } = await connect([...contextRoutes(), ...lookupRoutes(), { method: "PATCH", path: "/api/rest/v1/products-uuid", answer: { body: documentedText("patch-products-uuid-response.txt") } }]);
    await pim.write("product", [simple("cap"), simple("new-one"), simple("another")]);
    await pim.close();
    const lookups = requests.filter((r) => r.method === "GET" && r.path === "/api/rest/v1/products-uuid").map((r) => searchOf(r.query)).filter(Boolean);
    expect(lookups[0]).toEqual({ sku: [{ operator: "IN", value: ["cap", "new-one", "another"] }] });
    expect(lookups.some((s) => s && "identifier" in s)).toBe(false);
  });

  it("reports each documented status line per record (204, 422 with message, 201)", async () => {
    const { pim } = await connect([...contextRoutes(), ...lookupRoutes(), { method: "PATCH", path: "/api/rest/v1/products-uuid", answer: { body: documentedText("patch-products-uuid-response.txt") } }]);
    const outcomes = await pim.write("product", [simple("cap"), simple("with-group"), simple("brand-new")]);
    await pim.close();
    expect(outcomes.map((o) => [o.key, o.status])).toEqual([["cap", "updated"], ["with-group", "failed"], ["brand-new", "created"]]);
    expect(outcomes[1]!.issue).toMatchObject({ recordKey: "with-group", reason: "invalid", message: 'Property "group" does not exist.', vendorCode: "422" });
    expect(outcomes[0]!.externalId).toBe("fc24e6c3-933c-4a93-8a81-e5c703d134d5");
  });

  it("gives a whole-response 422 its field per record and keeps the known external id", async () => {
    const { pim } = await connect([...contextRoutes(), ...lookupRoutes(), { method: "PATCH", path: "/api/rest/v1/products-uuid", answer: { status: 422, body: documented("error-422-validation.json") } }]);
    const outcomes = await pim.write("product", [simple("cap"), simple("unknown-sku")]);
    await pim.close();
    expect(outcomes.map((o) => o.status)).toEqual(["failed", "failed"]);
    expect(outcomes[0]!.issue).toMatchObject({ recordKey: "cap", field: "values.brand", reason: "invalid", vendorCode: "422" });
    expect(outcomes[0]!.issue!.message).toContain("The tommh value is not in the brand attribute option list.");
    // The PIM knows `cap` (uuid from the lookup): the failure keeps it, so the ID map is not lost.
    expect(outcomes[0]!.externalId).toBe("fc24e6c3-933c-4a93-8a81-e5c703d134d5");
    expect(outcomes[1]!.externalId).toBeUndefined();
  });
});

describe("documented product-model status lines", () => {
  it("fails the model whose line is 422 with errors[] (field from `property`), holds back its variants, keeps the others", async () => {
    const { pim, requests } = await connect([
      ...contextRoutes(), ...lookupRoutes(),
      { method: "PATCH", path: "/api/rest/v1/product-models", answer: { body: documentedText("patch-product-models-response.txt") } },
      // Variant lines: one status line per line sent (line numbers as Akeneo counts them).
      { method: "PATCH", path: "/api/rest/v1/products-uuid", answer: (r) => ({ body: r.body.split("\n").map((line, i) => JSON.stringify({ line: i + 1, uuid: (JSON.parse(line) as { uuid: string }).uuid, status_code: 201 })).join("\n") }) },
    ]);
    const model = (key: string) => simple(key, { variantAxes: ["size"], variants: [{ sku: `${key}-s`, optionValues: { size: "s" }, attributes: {}, status: "active", externalIds: {} }] });
    const outcomes = await pim.write("product", [model("sub_sweat_option_a"), model("sub_sweat_option_b"), model("tshirt")]);
    await pim.close();
    expect(outcomes.map((o) => [o.key, o.status])).toEqual([["sub_sweat_option_a", "updated"], ["sub_sweat_option_b", "failed"], ["tshirt", "created"]]);
    expect(outcomes[1]!.issue).toMatchObject({ field: "attribute", reason: "invalid", vendorCode: "422" });
    expect(outcomes[1]!.issue!.message).toContain('Cannot set value "Option A" for the attribute axis "a_simple_select"');
    const sentVariants = requests.filter((r) => r.method === "PATCH" && r.path === "/api/rest/v1/products-uuid").flatMap((r) => r.body.split("\n").map((l) => (JSON.parse(l) as { parent: string }).parent));
    expect(sentVariants.sort()).toEqual(["sub_sweat_option_a", "tshirt"]);
  });
});

describe("documented error answers", () => {
  it("401: a read fails unauthorized after one token renewal, naming the documented message", async () => {
    const { pim, requests } = await connect([...contextRoutes(), { path: "/api/rest/v1/categories", answer: { status: 401, body: documented("error-401.json") } }]);
    const read = async () => { for await (const _ of pim.read("category", {})) { /* drain */ } };
    const error = await read().catch((e: unknown) => e);
    await pim.close();
    expect(ConnectorError.is(error) && error.reason).toBe("unauthorized");
    expect((error as Error).message).toContain("Authentication is required");
    expect(requests.filter((r) => r.path === "/api/rest/v1/categories")).toHaveLength(2); // the failed call and one retry after renewal
    expect(requests.filter((r) => r.path === "/api/oauth/v1/token").length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(error)).not.toContain("NzFiYTM4ZTEw");
  });

  it("404: not_found with the documented message, no retry", async () => {
    const { pim, requests } = await connect([{ path: "/api/rest/v1/attributes", answer: { status: 404, body: documented("error-404.json") } }]);
    const error = await (async () => { for await (const _ of pim.read("attribute", {})) { /* drain */ } })().catch((e: unknown) => e);
    await pim.close();
    expect(error).toMatchObject({ reason: "not_found", status: 404 });
    expect((error as Error).message).toContain("Resource `my_resource_code` does not exist.");
    expect(requests.filter((r) => r.path === "/api/rest/v1/attributes")).toHaveLength(1);
  });

  it("429: waits Retry-After and carries on", async () => {
    const { pim, requests } = await connect([
      ...contextRoutes(),
      { path: "/api/rest/v1/categories", answer: [{ status: 429, headers: { "retry-after": "0" }, body: documented("error-429.json") }, { body: envelope([{ code: "master", parent: null, labels: { en_US: "Master catalog" }, updated: "2026-01-01T00:00:00+00:00", position: 1 }]) }] },
    ]);
    const keys: string[] = [];
    for await (const page of pim.read("category", {})) keys.push(...page.items.map((c) => c.key));
    expect(keys).toEqual(["master"]);
    expect(requests.filter((r) => r.path === "/api/rest/v1/categories")).toHaveLength(2);
    expect(pim.metrics().rateLimited).toBe(1);
    await pim.close();
  });

  it("a documented generic 422 (no errors[]) fails the request as invalid without a field", async () => {
    const { pim } = await connect([...contextRoutes(), { path: "/api/rest/v1/categories", answer: { status: 422, body: documented("error-422.json") } }]);
    const error = await (async () => { for await (const _ of pim.read("category", {})) { /* drain */ } })().catch((e: unknown) => e);
    await pim.close();
    expect(error).toMatchObject({ reason: "invalid", status: 422, field: undefined });
    expect((error as Error).message).toContain('Property "labels" expects an array as data');
  });
});
