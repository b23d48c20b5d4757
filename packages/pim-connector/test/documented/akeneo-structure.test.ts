import { assetFileSchema, ConnectorError, familySchema, type AssetFile, type Family } from "@omnibridge/core-model";
import { afterEach, describe, expect, it } from "vitest";
import { createAkeneoConnector } from "../../src";
import { contextRoutes } from "./akeneo-context";
import { documented, envelope, startPlayback, type Route } from "./playback";

let stop: (() => Promise<void>) | undefined;
afterEach(async () => stop?.());

async function connect(routes: Route[]) {
  const server = await startPlayback(routes);
  stop = server.stop;
  return { pim: createAkeneoConnector({ ...server.settings, retry: { retries: 0 } }), requests: server.requests };
}

describe("documented families", () => {
  it("reads families with label/image attributes, requirements per channel and two-level variants", async () => {
    const { pim, requests } = await connect(contextRoutes());
    const families: Family[] = [];
    for await (const page of pim.readFamilies({ pageSize: 2 })) families.push(...page.items);
    await pim.close();
    expect(families.map((f) => f.key)).toEqual(["tshirt", "caps"]);
    const tshirt = families[0]!;
    expect(tshirt).toMatchObject({ labelAttribute: "name", imageAttribute: "picture", label: { en: "Tshirt", "fr-FR": "Tshirt" }, externalIds: { akeneo: "tshirt" } });
    expect(tshirt.requiredAttributes).toEqual({ ecommerce: ["sku", "name", "description", "price", "size", "color"], tablet: ["sku", "name", "description", "price"] });
    expect(tshirt.variants).toEqual([{
      key: "clothing_material_size", label: { en: "Shoes variant", "fr-FR": "Variante de chaussures" },
      levels: [{ level: 1, axes: ["color"], attributes: ["color", "material"] }, { level: 2, axes: ["size"], attributes: ["sku", "size"] }],
    }]);
    for (const family of families) expect(familySchema.safeParse(family).success).toBe(true);
    // The documented page's `next` was followed (page=3, an empty last page).
    expect(requests.some((r) => r.path === "/api/rest/v1/families" && r.query.get("page") === "3")).toBe(true);
  });

  it("reports a family without attribute_as_label per record and keeps the rest", async () => {
    const broken = documented<{ _embedded: { items: Array<Record<string, unknown>> } }>("families-list.json")._embedded.items.map((f) => (f.code === "caps" ? { ...f, attribute_as_label: null } : f));
    const { pim } = await connect(contextRoutes({ families: broken }));
    const keys: string[] = [];
    const issues: Array<[string, string | undefined]> = [];
    for await (const page of pim.readFamilies({})) {
      keys.push(...page.items.map((f) => f.key));
      issues.push(...page.issues.map((i) => [i.recordKey, i.field] as [string, string | undefined]));
    }
    await pim.close();
    expect(keys).toEqual(["tshirt"]);
    expect(issues).toEqual([["caps", "labelAttribute"]]);
  });
});

describe("documented media files", () => {
  it("maps the documented media file metadata (file name, MIME type, size)", async () => {
    const media = documented<{ _embedded: { items: unknown[] } }>("media-files-list.json");
    const { pim } = await connect([...contextRoutes(), { path: "/api/rest/v1/media-files", answer: { body: envelope(media._embedded.items) } }]);
    const files: AssetFile[] = [];
    for await (const page of pim.readAssetFiles({})) files.push(...page.items);
    await pim.close();
    expect(files).toHaveLength(4);
    expect(files[0]).toMatchObject({
      key: "7/5/8/e/758e39d48ea7b42a55091434fd3d8b6cf3189b7f_10806799_1356.jpg", fileName: "10806799-1356.jpg", mimeType: "image/jpeg", sizeBytes: 16070, extension: "jpg",
      width: null, height: null, alt: {},
    });
    expect(new URL(files[0]!.url).pathname).toBe("/api/rest/v1/media-files/7/5/8/e/758e39d48ea7b42a55091434fd3d8b6cf3189b7f_10806799_1356.jpg/download");
    for (const file of files) expect(assetFileSchema.safeParse(file).success).toBe(true);
    expect(documented<{ code: string }>("media-file.json").code).toBe(files[0]!.key);
  });

  it("stops with a clear error when the documented `next` points at the page itself (a loop), after delivering that page once", async () => {
    // The documented media-files list answers page 2 with `next` → page 2: following it naively never ends.
    const { pim, requests } = await connect([...contextRoutes(), { path: "/api/rest/v1/media-files", answer: { body: documented("media-files-list.json") } }]);
    const keys: string[] = [];
    const read = async () => { for await (const page of pim.readAssetFiles({})) keys.push(...page.items.map((f) => f.key)); };
    const error = await read().catch((e: unknown) => e);
    await pim.close();
    expect(ConnectorError.is(error) && error.reason).toBe("protocol");
    expect((error as Error).message).toMatch(/_links\.next repeats a page already read/);
    expect(new Set(keys).size).toBe(4);
    expect(requests.filter((r) => r.path === "/api/rest/v1/media-files").length).toBeLessThanOrEqual(3);
  });
});
