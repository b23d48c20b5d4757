import { TokenBucket } from "@omnibridge/connector-kit";
import { createWorld } from "@omnibridge/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAkeneoConnector } from "../akeneo-connector";
import { startAkeneoEmulator, type AkeneoEmulator } from "./akeneo-emulator";

// Issue 17 (Akeneo): the emulator checked against the API reference — two-level product models,
// variants returned by an `updated` filter their model matches, `with_position`, families and media files.
let emulator: AkeneoEmulator;
let token: string;
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${emulator.url}/api/rest/v1${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) } });
const patch = (path: string, lines: object[]) =>
  api(path, { method: "PATCH", body: lines.map((l) => JSON.stringify(l)).join("\n"), headers: { "Content-Type": "application/vnd.akeneo.collection+json" } }).then((r) => r.text());
const search = (filter: object) => encodeURIComponent(JSON.stringify(filter));
const at = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

const VARIANT_UUID = "0b3d4b4c-8a53-4f5e-9f0e-2f1f7b7a0c01";
let family = "";
let optionOf: (code: string) => string;

beforeAll(async () => {
  const world = createWorld({ seed: 5, products: 10 });
  emulator = await startAkeneoEmulator({ world, rateLimit: false });
  const { clientId, secret, username, password } = emulator.settings;
  const response = await fetch(`${emulator.url}/api/oauth/v1/token`, {
    method: "POST", body: JSON.stringify({ grant_type: "password", username, password }),
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
  });
  token = ((await response.json()) as { access_token: string }).access_token;
  family = [...emulator.state.families.keys()][0]!;
  optionOf = (code) => emulator.state.options.get(code)![0]!.code;
  // A two-level family variant (the API's `variant_attribute_sets` with levels 1 and 2).
  emulator.state.familyVariants.get(family)!.push({ code: `${family}_color_then_size`, updated: 0, body: {
    code: `${family}_color_then_size`, labels: { en_US: "by color, then size" },
    variant_attribute_sets: [{ level: 1, axes: ["color"], attributes: ["color"] }, { level: 2, axes: ["size"], attributes: ["sku", "size", "ean"] }],
  } });
  const root = { code: "jacket", family_variant: `${family}_color_then_size`, categories: [], values: { name: [{ locale: "en_US", scope: null, data: "Jacket" }] } };
  expect(await patch("/product-models", [root])).toContain('"status_code":201');
  const sub = { code: "jacket-red", parent: "jacket", family_variant: `${family}_color_then_size`, values: { color: [{ locale: null, scope: null, data: optionOf("color") }] } };
  expect(await patch("/product-models", [sub])).toContain('"status_code":201');
  const variant = { uuid: VARIANT_UUID, parent: "jacket-red", family, values: { sku: [{ locale: null, scope: null, data: "jacket-red-m" }], size: [{ locale: null, scope: null, data: optionOf("size") }] } };
  expect(await patch("/products-uuid", [variant])).toContain('"status_code":201');
});
afterAll(() => emulator.stop());

describe("akeneo emulator against the API reference", () => {
  it("serves two-level models: a variant inherits root and sub-model values and names its root", async () => {
    const body = (await (await api(`/products-uuid/${VARIANT_UUID}`)).json()) as { parent: string; root_parent: string; values: Record<string, unknown[]> };
    expect(body).toMatchObject({ parent: "jacket-red", root_parent: "jacket" });
    expect(Object.keys(body.values).sort()).toEqual(expect.arrayContaining(["name", "color", "size", "sku"]));
    const sub = (await (await api("/product-models/jacket-red")).json()) as { values: Record<string, unknown> };
    expect(sub.values).toHaveProperty("name"); // a sub-model shows its root's values (product_model.yaml example)
    // parent = root returns descendants; parent IN root returns direct children only (filter.md).
    const descendants = (await (await api(`/products-uuid?search=${search({ parent: [{ operator: "=", value: "jacket" }] })}`)).json()) as { _embedded: { items: unknown[] } };
    expect(descendants._embedded.items).toHaveLength(1);
    const direct = (await (await api(`/products-uuid?search=${search({ parent: [{ operator: "IN", value: ["jacket"] }] })}`)).json()) as { _embedded: { items: unknown[] } };
    expect(direct._embedded.items).toHaveLength(0);
    const subs = (await (await api(`/product-models?search=${search({ parent: [{ operator: "IN", value: ["jacket"] }] })}`)).json()) as { _embedded: { items: Array<{ code: string }> } };
    expect(subs._embedded.items.map((m) => m.code)).toEqual(["jacket-red"]);
    expect(await patch("/product-models", [{ code: "orphan", parent: "nope", family_variant: `${family}_color_then_size` }])).toContain('"property":"parent"');
  });

  it("returns a variant whose model matches an `updated` filter although the variant itself is older", async () => {
    const variant = emulator.state.products.get(VARIANT_UUID)!;
    const since = at(variant.updated + 2_000);
    const before = (await (await api(`/products-uuid?search=${search({ updated: [{ operator: ">", value: since }] })}`)).json()) as { _embedded: { items: Array<{ uuid: string }> } };
    expect(before._embedded.items.map((p) => p.uuid)).not.toContain(VARIANT_UUID);
    emulator.state.models.get("jacket")!.updated = variant.updated + 5_000; // the root changes later
    const after = (await (await api(`/products-uuid?search=${search({ updated: [{ operator: ">", value: since }] })}`)).json()) as { _embedded: { items: Array<{ uuid: string; updated: string }> } };
    const found = after._embedded.items.find((p) => p.uuid === VARIANT_UUID);
    expect(found).toBeDefined();
    expect(Date.parse(found!.updated)).toBeLessThan(Date.parse(`${since.replace(" ", "T")}Z`)); // its own date stays older
  });

  it("sends category positions only with with_position=true", async () => {
    const plain = (await (await api("/categories?limit=5")).json()) as { _embedded: { items: Array<Record<string, unknown>> } };
    expect(plain._embedded.items.every((c) => !("position" in c))).toBe(true);
    const withPosition = (await (await api("/categories?limit=5&with_position=true")).json()) as { _embedded: { items: Array<Record<string, unknown>> } };
    expect(withPosition._embedded.items.every((c) => typeof c.position === "number")).toBe(true);
  });

  it("lets the connector read the two-level model whole, and families and media files beside it", async () => {
    const pim = createAkeneoConnector({ ...emulator.settings, rateBudget: new TokenBucket({ ratePerSecond: 1_000 }) });
    const products = [];
    for await (const page of pim.read("product", { pageSize: 50 })) products.push(...page.items);
    const jacket = products.find((p) => p.key === "jacket")!;
    expect(jacket.variantAxes).toEqual(["color", "size"]);
    expect(jacket.variants.map((v) => [v.sku, v.optionValues])).toEqual([["jacket-red-m", { color: optionOf("color"), size: optionOf("size") }]]);
    const families = [];
    for await (const page of pim.readFamilies({})) families.push(...page.items);
    expect(families.find((f) => f.key === family)).toMatchObject({ labelAttribute: "name", imageAttribute: "image" });
    expect(families.find((f) => f.key === family)!.variants.map((v) => v.levels.length).sort()).toEqual([1, 2]);
    const files = [];
    for await (const page of pim.readAssetFiles({ pageSize: 100 })) files.push(...page.items);
    expect(files.length).toBe(emulator.state.media.size);
    await pim.close();
  });
});
