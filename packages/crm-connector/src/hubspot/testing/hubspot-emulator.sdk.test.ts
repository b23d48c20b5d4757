import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client } from "@hubspot/api-client";
import { AssociationSpecAssociationCategoryEnum } from "@hubspot/api-client/lib/codegen/crm/associations/v4/models/AssociationSpec";
import { FilterOperatorEnum } from "@hubspot/api-client/lib/codegen/crm/contacts/models/Filter";
import { startHubSpotEmulator, type HubSpotEmulator } from "./hubspot-emulator";
import { fixtureWorld } from "../../../test/fixture-world";

/**
 * The emulator driven by HubSpot's official Node SDK (`@hubspot/api-client` 13.5.0), as an
 * integrator testing their own code would: everyday operations must behave as the real API.
 */
const world = fixtureWorld({ persons: 30, companies: 4, orders: 6 });
let emulator: HubSpotEmulator;
let hubspot: Client;

beforeAll(async () => {
  emulator = await startHubSpotEmulator({
    ...world, linkContacts: true, associationPageSize: 2, searchRateLimit: { limit: 50, windowMs: 1_000 },
  });
  hubspot = new Client({ accessToken: emulator.token, basePath: emulator.url, numberOfApiCallRetries: 0 });
});
afterAll(async () => emulator.stop());

const contactId = (key: string) => emulator.store.findBy("contacts", "omnibridge_customer_key", key)!.id;
const companyId = (key: string) => emulator.store.findBy("companies", "omnibridge_company_key", key)!.id;

describe("official SDK: objects", () => {
  it("lists contacts with paging and several properties (repeated `properties=`)", async () => {
    const first = await hubspot.crm.contacts.basicApi.getPage(10, undefined, ["email", "firstname", "lastname"]);
    expect(first.results).toHaveLength(10);
    expect(Object.keys(first.results[0]!.properties)).toEqual(expect.arrayContaining(["email", "firstname", "lastname"]));
    expect(first.results[0]!.properties.lastname).toBeTruthy();
    const second = await hubspot.crm.contacts.basicApi.getPage(10, first.paging!.next!.after, ["email"]);
    expect(Number(second.results[0]!.id)).toBeGreaterThan(Number(first.results.at(-1)!.id));
    const all = await hubspot.crm.contacts.getAll(100, undefined, ["email"]);
    expect(all).toHaveLength(world.customers.length);
    expect(all[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("lists contacts with their companies (`associations=companies`), primary one flagged", async () => {
    const page = await hubspot.crm.contacts.basicApi.getPage(100, undefined, ["email"], undefined, ["companies"]);
    const contact = page.results.find((c) => c.properties.email === "ct-1-0@mail.example")!;
    const linked = contact.associations!.companies!.results;
    expect(linked.map((a) => a.id)).toEqual([companyId("CO-00001"), companyId("CO-00001")]);
    expect(linked.map((a) => a.type).sort()).toEqual(["contact_to_company", "contact_to_company_unlabeled"]);
    expect(page.results.find((c) => c.properties.email?.startsWith("cu-"))!.associations).toBeUndefined();
  });

  it("creates, reads by id and by unique property, updates and archives a contact", async () => {
    const created = await hubspot.crm.contacts.basicApi.create({ properties: { email: "Sdk.User@Example.com", firstname: "Sdk" }, associations: [] });
    expect(created.id).toMatch(/^\d+$/);
    expect(created.properties.email).toBe("sdk.user@example.com");
    const byId = await hubspot.crm.contacts.basicApi.getById(created.id, ["email", "firstname"]);
    expect(byId.properties).toMatchObject({ email: "sdk.user@example.com", firstname: "Sdk" });
    const byEmail = await hubspot.crm.contacts.basicApi.getById("sdk.user@example.com", ["firstname"], undefined, undefined, false, "email");
    expect(byEmail.id).toBe(created.id);
    const updated = await hubspot.crm.contacts.basicApi.update("sdk.user@example.com", { properties: { lastname: "User" } }, "email");
    expect(updated.properties.lastname).toBe("User");
    await hubspot.crm.contacts.basicApi.archive(created.id);
    await expect(hubspot.crm.contacts.basicApi.getById(created.id)).rejects.toMatchObject({ code: 404 });
    const archived = await hubspot.crm.contacts.basicApi.getById(created.id, ["email"], undefined, undefined, true);
    expect(archived.archived).toBe(true);
  });

  it("rejects a duplicate unique value on create with 409 and a missing record with 404", async () => {
    await expect(hubspot.crm.contacts.basicApi.create({ properties: { email: "ct-0-0@mail.example" }, associations: [] })).rejects.toMatchObject({ code: 409, body: { category: "CONFLICT" } });
    await expect(hubspot.crm.contacts.basicApi.update("999999999", { properties: { firstname: "x" } })).rejects.toMatchObject({ code: 404, body: { category: "OBJECT_NOT_FOUND" } });
  });

  it("batch reads by id and by unique property; upserts a batch with new and existing records", async () => {
    const ids = [contactId("CU-000000"), contactId("CU-000001")];
    const read = await hubspot.crm.contacts.batchApi.read({ inputs: ids.map((id) => ({ id })), properties: ["email"], propertiesWithHistory: [] });
    expect(read.results.map((r) => r.id).sort()).toEqual([...ids].sort());
    const byKey = await hubspot.crm.contacts.batchApi.read({ inputs: [{ id: "CU-000002" }], properties: ["email"], propertiesWithHistory: [], idProperty: "omnibridge_customer_key" });
    expect(byKey.results[0]!.id).toBe(contactId("CU-000002"));
    const upsert = await hubspot.crm.contacts.batchApi.upsert({
      inputs: [
        { id: "cu-000003@mail.example", idProperty: "email", properties: { firstname: "Existing" } },
        { id: "brand.new@example.com", idProperty: "email", properties: { firstname: "New" } },
      ],
    });
    const byEmail = new Map(upsert.results.map((r) => [r.properties.email, r]));
    expect(byEmail.get("cu-000003@mail.example")).toMatchObject({ id: contactId("CU-000003"), _new: false });
    expect(byEmail.get("brand.new@example.com")!._new).toBe(true);
  });

  it("searches with filters, sorts and paging (total, after)", async () => {
    const request = {
      filterGroups: [{ filters: [{ propertyName: "omnibridge_customer_key", operator: FilterOperatorEnum.HasProperty }] }],
      sorts: ["email"], properties: ["email"], limit: 5, after: "0",
    };
    const page = await hubspot.crm.contacts.searchApi.doSearch(request);
    expect(page.total).toBe(world.customers.length);
    expect(page.results).toHaveLength(5);
    const emails = page.results.map((r) => r.properties.email!);
    expect(emails).toEqual([...emails].sort());
    const next = await hubspot.crm.contacts.searchApi.doSearch({ ...request, after: page.paging!.next!.after });
    expect(next.results[0]!.properties.email! > emails.at(-1)!).toBe(true);
    const one = await hubspot.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: "omnibridge_company_key", operator: FilterOperatorEnum.Eq, value: "CO-00002" }] }], sorts: [], properties: ["name"], limit: 10, after: "0",
    });
    expect(one.results.map((r) => r.properties.name)).toEqual(["Company 2 GmbH"]);
  });
});

describe("official SDK: associations v4", () => {
  it("creates default and labeled associations and reads them back per record, paged", async () => {
    const deal = await hubspot.crm.deals.basicApi.create({ properties: { dealname: "SDK deal" }, associations: [] });
    const [a, b, c] = ["CU-000010", "CU-000011", "CU-000012"].map(contactId) as [string, string, string];
    const byDefault = await hubspot.crm.associations.v4.basicApi.createDefault("deals", deal.id, "contacts", a);
    expect(byDefault.results[0]!.associationSpec.associationTypeId).toBe(3);
    const labeled = await hubspot.crm.associations.v4.basicApi.create("deals", deal.id, "contacts", b, [{ associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined, associationTypeId: 3 }]);
    expect(labeled.toObjectId).toBe(b);
    await hubspot.crm.associations.v4.basicApi.createDefault("deals", deal.id, "contacts", c);
    const first = await hubspot.crm.associations.v4.basicApi.getPage("deals", deal.id, "contacts", undefined, 2);
    const second = await hubspot.crm.associations.v4.basicApi.getPage("deals", deal.id, "contacts", first.paging!.next!.after, 2);
    expect([...first.results, ...second.results].map((r) => r.toObjectId)).toEqual([a, b, c]);
    // The reverse direction exists too (HubSpot creates both).
    const back = await hubspot.crm.associations.v4.basicApi.getPage("contacts", a, "deals");
    expect(back.results.map((r) => r.toObjectId)).toContain(deal.id);
    // Batch read pages per record (the emulator is started with 2 targets per record and read).
    const batch = await hubspot.crm.associations.v4.batchApi.getPage("deals", "contacts", { inputs: [{ id: deal.id }] });
    expect(batch.results[0]!.to).toHaveLength(2);
    expect(batch.results[0]!.paging?.next?.after).toBeTruthy();
    await hubspot.crm.associations.v4.basicApi.archive("deals", deal.id, "contacts", c);
    const after = await hubspot.crm.associations.v4.basicApi.getPage("deals", deal.id, "contacts");
    expect(after.results.map((r) => r.toObjectId)).toEqual([a, b]);
  });
});

describe("official SDK: lists and memberships", () => {
  it("creates a list, reads it by id and by search, and changes its members", async () => {
    const created = await hubspot.crm.lists.listsApi.create({ name: "SDK list", objectTypeId: "0-1", processingType: "MANUAL" });
    expect(created.list).toMatchObject({ name: "SDK list", processingStatus: "COMPLETE", listVersion: 1 });
    const listId = created.list.listId;
    const ids = ["CU-000020", "CU-000021"].map(contactId);
    const change = await hubspot.crm.lists.membershipsApi.addAndRemove(listId, { recordIdsToAdd: [...ids, "999999999"], recordIdsToRemove: [] });
    expect(change).toMatchObject({ recordsIdsAdded: ids, recordIdsRemoved: [], recordIdsMissing: ["999999999"] });
    const read = await hubspot.crm.lists.listsApi.getById(listId);
    expect(read.list).toMatchObject({ listId, size: 2, listVersion: 2, processingStatus: "COMPLETE" });
    const found = await hubspot.crm.lists.listsApi.doSearch({ query: "SDK", processingTypes: ["MANUAL"], additionalProperties: [] });
    expect(found.lists.map((l) => l.listId)).toEqual([listId]);
    expect(found.lists[0]!.additionalProperties).toMatchObject({ hs_list_size: "2" });
    const members = await hubspot.crm.lists.membershipsApi.getPage(listId, undefined, undefined, 1);
    const rest = await hubspot.crm.lists.membershipsApi.getPage(listId, members.paging!.next!.after, undefined, 1);
    expect([...members.results, ...rest.results].map((m) => m.recordId)).toEqual(ids);
    const removed = await hubspot.crm.lists.membershipsApi.remove(listId, [ids[0]!]);
    expect(removed.recordIdsRemoved).toEqual([ids[0]]);
    await expect(hubspot.crm.lists.listsApi.getById("424242")).rejects.toMatchObject({ code: 404 });
  });
});

describe("official SDK: rate limits and unknown routes", () => {
  it("rides out search 429s with the SDK's own retry (numberOfApiCallRetries)", async () => {
    const limited = await startHubSpotEmulator({ ...world, searchRateLimit: { limit: 1, windowMs: 1_000 } });
    try {
      const client = new Client({ accessToken: limited.token, basePath: limited.url, numberOfApiCallRetries: 3 });
      const search = () => client.crm.contacts.searchApi.doSearch({ filterGroups: [], sorts: [], properties: ["email"], limit: 1, after: "0" });
      const results = await Promise.all([search(), search()]);
      expect(results.map((r) => r.total)).toEqual([world.customers.length, world.customers.length]);
      expect(limited.rateLimited()).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });

  it("answers an unknown route as HubSpot does (404 without a record error), a wrong token with 401", async () => {
    const response = await fetch(`${emulator.url}/crm/v3/nothing-here/at-all`, { headers: { authorization: `Bearer ${emulator.token}` } });
    expect([response.status, await response.text()]).toEqual([404, ""]);
    const stranger = new Client({ accessToken: "pat-wrong", basePath: emulator.url, numberOfApiCallRetries: 0 });
    await expect(stranger.crm.contacts.basicApi.getPage(1)).rejects.toMatchObject({ code: 401, body: { category: "INVALID_AUTHENTICATION" } });
  });
});
