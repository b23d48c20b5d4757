import { afterEach, describe, expect, it } from "vitest";
import type { ConnectorV1 } from "@omnibridge/core-model";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createOdooConnector } from "../src/odoo/index";
import { executeKw } from "../src/odoo/testing/odoo-orm-methods";
import { startOdooEmulator, type OdooEmulator } from "../src/odoo/testing/odoo-emulator";
import { loggedCalls } from "../src/odoo/testing/odoo-test-helpers";
import { readAll } from "./read-all";

// Issue 16: most real Odoo databases leave `ref` empty; such partners must flow, keyed by id.
const started: Array<{ emulator: OdooEmulator; connector: ConnectorV1 }> = [];
afterEach(async () => {
  for (const { emulator, connector } of started.splice(0)) {
    await connector.close();
    await emulator.stop();
  }
});

async function setup(system?: string) {
  const emulator = await startOdooEmulator();
  const call = (method: string, args: unknown[]) => executeKw(emulator.orm, "res.partner", method, args, {});
  const be = executeKw(emulator.orm, "res.country", "create", [{ name: "Belgium", code: "BE" }], {}) as number;
  const deco = call("create", [{ name: "Deco Addict", is_company: true, street: "Rue 1", city: "Gent", country_id: be }]) as number;
  const [contact, person, numbered, archived] = call("create", [[
    { name: "Addison Olson", parent_id: deco, email: "addison@example.com" }, { name: "Brandon Freeman", email: "brandon@example.com" },
    { name: "Azure Interior", is_company: true, ref: "AZ-1" }, { name: "Gone Ltd", is_company: true, active: false },
  ]]) as number[];
  const connector = createOdooConnector({
    ...emulator.settings, ...(system ? { system } : {}), rateBudget: new TokenBucket({ ratePerSecond: 10_000 }),
  });
  started.push({ emulator, connector });
  return { emulator, connector, ids: { deco, contact: contact!, person: person!, numbered: numbered!, archived: archived! } };
}

describe("partners without ref", () => {
  it("are read, keyed `<system>:res.partner:<id>`, without a customer number; contacts point at their company's key", async () => {
    const { connector, ids } = await setup();
    const companies = await readAll(connector, "company");
    expect(companies.issues).toEqual([]);
    expect(companies.items.map((c) => [c.key, c.customerNumber ?? null, c.externalIds?.odoo])).toEqual([
      [`odoo:res.partner:${ids.deco}`, null, String(ids.deco)], ["AZ-1", "AZ-1", String(ids.numbered)],
    ]);
    expect(companies.items[0]!.contactKeys).toEqual([`odoo:res.partner:${ids.contact}`]);
    expect(companies.deleted).toEqual([`odoo:res.partner:${ids.archived}`]);
    const customers = await readAll(connector, "customer");
    expect(customers.items.map((c) => [c.key, c.type, c.companyKey ?? null])).toEqual([
      [`odoo:res.partner:${ids.contact}`, "contact", `odoo:res.partner:${ids.deco}`], [`odoo:res.partner:${ids.person}`, "person", null],
    ]);
  });

  it("the anonymous-order placeholder partner (external id omnibridge.walk-in) is a counted skip, not a customer", async () => {
    const { connector, emulator } = await setup();
    const walkIn = executeKw(emulator.orm, "res.partner", "create", [{ name: "Walk-in customer" }], {}) as number;
    executeKw(emulator.orm, "ir.model.data", "create", [{ module: "omnibridge", name: "walk-in", model: "res.partner", res_id: walkIn }], {});
    const customers = await readAll(connector, "customer");
    expect(customers.items.map((c) => c.key)).not.toContain(`odoo:res.partner:${walkIn}`);
    expect(customers.pages.flatMap((p) => p.skipped ?? [])).toEqual([{ reason: "anonymous_order_partner", count: 1, examples: [String(walkIn)] }]);
  });

  it("the key carries the configured system name", async () => {
    const { connector, ids } = await setup("odoo-eu");
    expect((await readAll(connector, "customer")).items.map((c) => c.key)).toContain(`odoo-eu:res.partner:${ids.person}`);
  });

  it("a write of such a record updates the same partner by id, never writes a ref, never creates a duplicate", async () => {
    const { connector, emulator, ids } = await setup();
    const [contact, person] = (await readAll(connector, "customer")).items;
    const before = emulator.orm.table("res.partner").size;
    emulator.server.clearLog();
    const outcomes = await connector.write("customer", [{ ...person!, email: "brandon.freeman@example.com" }, { ...contact!, phone: "+32 9 000 00 00" }]);
    expect(outcomes.map((o) => [o.key, o.status, o.externalId])).toEqual([
      [`odoo:res.partner:${ids.person}`, "updated", String(ids.person)], [`odoo:res.partner:${ids.contact}`, "updated", String(ids.contact)],
    ]);
    expect(emulator.orm.table("res.partner").size).toBe(before);
    const row = emulator.orm.table("res.partner").get(ids.person)!;
    expect([row.email, row.ref ?? false]).toEqual(["brandon.freeman@example.com", false]);
    expect(emulator.orm.table("res.partner").get(ids.contact)).toMatchObject({ phone: "+32 9 000 00 00", parent_id: ids.deco });
    const writes = loggedCalls(emulator.server.requests).filter((c) => c.method === "write" || c.method === "create");
    expect(writes.map((c) => c.method)).toEqual(["write", "write"]);
    expect(writes.every((c) => !("ref" in (c.args[1] as Record<string, unknown>)))).toBe(true);
  });

  it("a customer number given to such a record is written as ref on the same partner; a vanished id is not_found, not re-created", async () => {
    const { connector, emulator, ids } = await setup();
    const companies = (await readAll(connector, "company")).items;
    const deco = companies.find((c) => c.key === `odoo:res.partner:${ids.deco}`)!;
    const ghost = { ...deco, key: "odoo:res.partner:9999", name: "Ghost" };
    const outcomes = await connector.write("company", [{ ...deco, customerNumber: "D-77" }, ghost]);
    expect(outcomes.map((o) => [o.status, o.issue?.reason])).toEqual([["updated", undefined], ["failed", "not_found"]]);
    expect(emulator.orm.table("res.partner").get(ids.deco)!.ref).toBe("D-77");
    expect([...emulator.orm.table("res.partner").values()].filter((p) => p.name === "Ghost")).toEqual([]);
  });

  it("archive by id key sets active=false on that partner", async () => {
    const { connector, emulator, ids } = await setup();
    const outcomes = await connector.archive("customer", [`odoo:res.partner:${ids.person}`, "odoo:res.partner:4242"]);
    expect(outcomes.map((o) => [o.status, o.externalId ?? o.issue?.reason])).toEqual([["archived", String(ids.person)], ["failed", "not_found"]]);
    expect(emulator.orm.table("res.partner").get(ids.person)!.active).toBe(false);
  });
});
