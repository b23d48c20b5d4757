import { afterEach, describe, expect, it } from "vitest";
import { createWorld, mutateWorld } from "@omnibridge/testkit";
import type { ConnectorV1 } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "./index";
import { odooStamp } from "./testing/odoo-orm";
import { startOdooEmulator, type OdooEmulator } from "./testing/odoo-emulator";
import { loggedCalls } from "./testing/odoo-test-helpers";
import { readAll } from "../../test/read-all";

const world = createWorld({ seed: 5, products: 30 });
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) (await connector.close(), await emulator.stop());
});

async function setup(version: 17 | 19 = 17, asOf = "2026-03-01T12:00:00.000Z") {
  let t = Date.parse("2026-03-01T08:00:00Z");
  const emulator = await startOdooEmulator({ world, version, clock: () => odooStamp((t += 1000)) });
  const connect = (at: string) =>
    createOdooConnector({ ...emulator.settings, asOf: at, rateBudget: new TokenBucket({ ratePerSecond: 10_000 }) });
  const connector = connect(asOf);
  started.push({ emulator, connector });
  /** A user's change through the external API (JSON-RPC execute_kw over HTTP). */
  const rpc = async (model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) => {
    const response = await fetch(`${emulator.url}/jsonrpc`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", method: "call", id: 1, params: { service: "object", method: "execute_kw", args: [emulator.settings.database, 2, emulator.settings.apiKey, model, method, args, kwargs] } }) });
    return (await response.json()) as { result?: unknown; error?: { data: { name: string; message: string } } };
  };
  const product = (sku: string) => emulator.seedState.idOf("product.product", sku)!;
  return { emulator, connector, connect, rpc, product, calls: () => loggedCalls(emulator.server.requests) };
}

const skuOfWorld = [...world.products()].find((p) => p.variants.length === 0)!.key;

describe("Odoo promotions (loyalty.program) against the emulator", () => {
  it("a program created in Odoo appears in the next delta with the same validity and values; ending it ends it, archiving archives it", async () => {
    const { connector, rpc, product, calls } = await setup();
    const full = await readAll(connector, "promotion", { pageSize: 4 });
    expect(full.items).toHaveLength(world.counts.promotions);
    expect(full.pages.length).toBeGreaterThanOrEqual(2);
    const created = await rpc("loyalty.program", "create", [{
      name: "Spring 15", program_type: "promo_code", trigger: "with_code", date_from: "2026-02-20", date_to: "2026-03-31", currency_id: 1, pos_ok: false,
      rule_ids: [[0, 0, { mode: "with_code", code: "SPRING15", minimum_amount: 40, product_ids: [[6, 0, [product(skuOfWorld)]]] }]],
      reward_ids: [[0, 0, { reward_type: "discount", discount_mode: "percent", discount: 15 }]],
    }]);
    const id = created.result as number;
    const delta = await readAll(connector, "promotion", { cursor: full.cursor });
    expect(delta.items).toEqual([expect.objectContaining({
      key: `odoo-loyalty.program-${id}`, kind: "coupon", couponCodes: ["SPRING15"], reward: { type: "percentage", percent: 15 }, minimumAmount: { amount: 4_000, currency: "EUR" },
      skus: [skuOfWorld], channels: ["web"], validFrom: "2026-02-20T00:00:00.000Z", validTo: "2026-04-01T00:00:00.000Z", status: "active",
    })]);
    const reads = calls().filter((c) => c.model === "loyalty.program" && c.method === "search_read");
    expect(reads[0]!.kwargs).toMatchObject({ order: "write_date asc, id asc", context: { active_test: false } });
    expect(JSON.stringify(reads[0]!.args)).toContain('["program_type","in",["promotion","coupons","promo_code","buy_x_get_y","next_order_coupons"]]');

    expect((await rpc("loyalty.program", "write", [[id], { date_to: "2026-02-28" }])).result).toBe(true);
    const ended = await readAll(connector, "promotion", { cursor: delta.cursor });
    expect(ended.items.map((p) => [p.key, p.status, p.validTo])).toEqual([[`odoo-loyalty.program-${id}`, "ended", "2026-03-01T00:00:00.000Z"]]);
    await rpc("loyalty.program", "write", [[id], { active: false }]);
    const archived = await readAll(connector, "promotion", { cursor: ended.cursor });
    expect(archived.items.map((p) => [p.key, p.status])).toEqual([[`odoo-loyalty.program-${id}`, "archived"]]);
    expect((await readAll(connector, "promotion", { cursor: archived.cursor })).items).toEqual([]);
  });

  it("a change to a rule, a reward or a new coupon card alone bumps its program into the delta", async () => {
    const { emulator, connector, rpc } = await setup(19);
    const full = await readAll(connector, "promotion", { pageSize: 3 });
    const target = full.items.find((p) => p.reward.type === "percentage")!;
    const programId = Number(target.externalIds.odoo);
    const [rule] = (await rpc("loyalty.rule", "search", [[["program_id", "=", programId]]])).result as number[];
    await rpc("loyalty.rule", "write", [[rule], { minimum_qty: 4 }]);
    const afterRule = await readAll(connector, "promotion", { cursor: full.cursor });
    expect(afterRule.items.map((p) => [p.key, p.minimumQuantity])).toEqual([[target.key, 4]]);
    await rpc("loyalty.card", "create", [{ program_id: programId, code: "VIP-0001", points: 1 }]);
    const afterCard = await readAll(connector, "promotion", { cursor: afterRule.cursor });
    expect(afterCard.items.map((p) => [p.key, p.kind, p.couponCodes.includes("VIP-0001")])).toEqual([[target.key, "coupon", true]]);
    expect(emulator.settings.protocol).toBe("json2");
  });

  it("programs whose end (start) date passes turn ended (active) on the next day's delta without any edit", async () => {
    const { connect, connector, rpc } = await setup(17, "2026-03-01T12:00:00.000Z");
    await rpc("loyalty.program", "create", [{ name: "Weekend", program_type: "promotion", date_from: "2026-02-27", date_to: "2026-03-01", currency_id: 1, rule_ids: [[0, 0, { minimum_qty: 0 }]], reward_ids: [[0, 0, { discount: 5 }]] }]);
    await rpc("loyalty.program", "create", [{ name: "Monday", program_type: "promotion", date_from: "2026-03-02", currency_id: 1, rule_ids: [[0, 0, { minimum_qty: 0 }]], reward_ids: [[0, 0, { discount: 7 }]] }]);
    const today = await readAll(connector, "promotion");
    expect(today.items.filter((p) => ["Weekend", "Monday"].includes(p.name.en!)).map((p) => p.status)).toEqual(["active", "draft"]);
    const tomorrow = connect("2026-03-02T09:00:00.000Z");
    const next = await readAll(tomorrow, "promotion", { cursor: today.cursor, pageSize: 1 });
    expect(next.items.map((p) => [p.name.en, p.status])).toEqual([["Weekend", "ended"], ["Monday", "active"]]);
    // A crash after the first day-change page resumes with the second.
    const resumed = await readAll(tomorrow, "promotion", { cursor: next.pages[0]!.cursor, pageSize: 1 });
    expect(resumed.items.map((p) => p.name.en)).toEqual(["Monday"]);
    expect((await readAll(tomorrow, "promotion", { cursor: next.cursor })).items).toEqual([]);
    await tomorrow.close();
  });

  it("impossible programs are quarantined with their reason while the others flow; Odoo's ORM itself refuses them", async () => {
    const { emulator, connector, rpc } = await setup();
    const at = "2026-02-01T00:00:00.000Z";
    const bad = (key: string, program: Record<string, unknown>, rule: Record<string, unknown>, reward: Record<string, unknown>) => {
      const row = emulator.seedState.upsert("loyalty.program", key, { name: key, program_type: "promotion", trigger: "auto", currency_id: 1, ...program }, at);
      emulator.seedState.xmlid("loyalty.program", key, row.id, at);
      emulator.seedState.upsert("loyalty.rule", `${key}|rule`, { program_id: row.id, ...rule }, at);
      emulator.seedState.upsert("loyalty.reward", `${key}|reward`, { program_id: row.id, reward_type: "discount", discount_mode: "percent", discount: 10, ...reward }, at);
    };
    const orphan = emulator.seedState.upsert("product.product", "no-code", { product_tmpl_id: 1, default_code: false }, at);
    bad("BAD-NEGATIVE", {}, {}, { discount: -10 });
    bad("BAD-DATES", { date_from: "2026-03-10", date_to: "2026-03-01" }, {}, {});
    bad("BAD-SKU", {}, { product_ids: [orphan.id] }, {});
    const { items, issues } = await readAll(connector, "promotion", { pageSize: 4 });
    expect(items).toHaveLength(world.counts.promotions);
    expect(issues.map((i) => [i.recordKey, i.field])).toEqual([["BAD-NEGATIVE", "reward.percent"], ["BAD-DATES", "validTo"], ["BAD-SKU", "skus"]]);
    expect(issues[0]!.message).toContain("discount must be positive");
    const refused = await rpc("loyalty.reward", "create", [{ program_id: 1, reward_type: "discount", discount: -5 }]);
    expect(refused.error?.data).toMatchObject({ name: "odoo.exceptions.ValidationError", message: "The discount must be strictly positive." });
    expect((await rpc("loyalty.program", "write", [[1], { date_from: "2026-05-01", date_to: "2026-04-01" }])).error?.data.name).toBe("odoo.exceptions.ValidationError");
  });

  it("a world revision (extended validity, deleted promotions) reaches the delta through apply()", async () => {
    const { emulator, connector } = await setup();
    const full = await readAll(connector, "promotion");
    const { world: next, changes } = mutateWorld(world, { changeRate: 0.5, deleteRate: 0.2 });
    emulator.apply(changes);
    const delta = await readAll(connector, "promotion", { cursor: full.cursor });
    const upserted = changes.upserted.filter((c) => c.entity === "promotion").map((c) => c.record.key);
    const deleted = changes.deleted.filter((c) => c.entity === "promotion").map((c) => c.key);
    expect(upserted.length + deleted.length).toBeGreaterThan(0);
    expect(delta.items.map((p) => p.key).sort()).toEqual([...upserted, ...deleted].sort());
    const expected = new Map([...next.promotions()].map((p) => [p.key, p]));
    for (const promo of delta.items) {
      if (deleted.includes(promo.key)) expect(promo.status).toBe("archived");
      else expect(promo.validTo).toBe(expected.get(promo.key)!.validTo);
    }
  });
});
