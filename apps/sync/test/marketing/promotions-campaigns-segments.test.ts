import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSync, type RunSummary } from "../../src/engine";
import { StateStore } from "../../src/state";
import { contactId, contentfulEntry, listIdOf, listMembers, membershipCalls, taggedWith, wordpressPages } from "./marketing-inspect";
import { marketingConfig, startMarketingWorld, worldBuyers, type MarketingWorld } from "./marketing-world";
import { segmentsOf } from "../../src/extensions/marketing";

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() - (Date.now() % DAY) + offset * DAY).toISOString().slice(0, 10);
const sorted = (keys: Iterable<string>) => [...keys].sort();

/**
 * Issue 11 end to end: a promotion created in Odoo reaches WordPress (real server when it runs),
 * Contentful and the targeted HubSpot contacts; segments are computed from the golden customers
 * and orders and pushed as lists incrementally; impossible promotions are quarantined.
 */
describe("promotions, campaigns and segments through every channel", () => {
  let m: MarketingWorld;
  let key: string;
  let unknownSkuKey: string;
  let first: RunSummary;
  const campaignKey = `CMP-T${Date.now().toString(36).toUpperCase()}`;
  const config = () => marketingConfig(m, {
    promotionKeys: [key, unknownSkuKey, "BAD-NEGATIVE", "BAD-DATES"],
    campaigns: [{
      key: campaignKey, name: "Spring push", status: "active", startsAt: `${day(-1)}T00:00:00.000Z`, endsAt: `${day(20)}T00:00:00.000Z`,
      channels: ["email", "web"], segmentKeys: ["mkt-buyers"], promotionKeys: [key], utm: { source: "newsletter", medium: "email", campaign: "spring-push" },
    }, { key: "CMP-BROKEN", name: "", status: "active", startsAt: "not a date" }],
  });

  beforeAll(async () => {
    m = await startMarketingWorld(4242);
    const simple = [...m.world.products()].find((p) => p.variants.length === 0)!.key;
    const productId = m.odoo.seedState.idOf("product.product", simple)!;
    const created = await m.rpc("loyalty.program", "create", [{
      name: "Spring 15", program_type: "promo_code", trigger: "with_code", date_from: day(-3), date_to: day(30), currency_id: 1, pos_ok: false,
      rule_ids: [[0, 0, { mode: "with_code", code: "SPRING15", minimum_amount: 40, product_ids: [[6, 0, [productId]]] }]],
      reward_ids: [[0, 0, { reward_type: "discount", discount_mode: "percent", discount: 15 }]],
    }]);
    key = `odoo-loyalty.program-${created.result as number}`;
    const at = new Date().toISOString();
    const ghost = m.odoo.seedState.upsert("product.product", "ghost", { product_tmpl_id: 1, default_code: "GHOST-404" }, at);
    const unknown = await m.rpc("loyalty.program", "create", [{
      name: "Ghost deal", program_type: "promotion", date_from: day(-1), date_to: day(9), currency_id: 1,
      rule_ids: [[0, 0, { minimum_qty: 1, product_ids: [[6, 0, [ghost.id]]] }]], reward_ids: [[0, 0, { discount: 5 }]],
    }]);
    unknownSkuKey = `odoo-loyalty.program-${unknown.result as number}`;
    const bad = (xml: string, program: Record<string, unknown>, reward: Record<string, unknown>) => {
      const row = m.odoo.seedState.upsert("loyalty.program", xml, { name: xml, program_type: "promotion", trigger: "auto", currency_id: 1, ...program }, at);
      m.odoo.seedState.xmlid("loyalty.program", xml, row.id, at);
      m.odoo.seedState.upsert("loyalty.rule", `${xml}|rule`, { program_id: row.id }, at);
      m.odoo.seedState.upsert("loyalty.reward", `${xml}|reward`, { program_id: row.id, reward_type: "discount", discount_mode: "percent", discount: 10, ...reward }, at);
    };
    bad("BAD-NEGATIVE", {}, { discount: -10 });
    bad("BAD-DATES", { date_from: day(10), date_to: day(1) }, {});
    first = await runSync(config(), {});
  });
  afterAll(async () => m?.stop());

  it("computes segments from every golden customer and order: marketing lists only hold customers with consent", () => {
    expect(first.flows.filter((f) => f.status !== "ok").map((f) => `${f.flow}: ${f.error}`)).toEqual([]);
    const { buyers, granted } = worldBuyers(m.world);
    expect(buyers.size).toBeGreaterThan(granted.size); // some buyers have no marketing consent
    expect(listMembers(m.hubspot, "all-buyers")).toEqual(sorted(buyers));
    expect(listMembers(m.hubspot, "mkt-buyers")).toEqual(sorted(granted));
    expect(first.flows.find((f) => f.flow === "segments")).toMatchObject({ written: 2, failed: 0 });
  });

  it("publishes the ERP promotion with the same validity and values to WordPress, Contentful and the targeted HubSpot contacts", async () => {
    const validFrom = `${day(-3)}T00:00:00.000Z`;
    const validTo = `${day(31)}T00:00:00.000Z`;
    const [page] = (await wordpressPages(m, "promotion", key)).filter((p) => p.status !== "trash");
    expect(page, `WordPress (${m.wordpress.real ? "real" : "EMULATED"}) page of ${key}`).toBeDefined();
    expect(page!.status).toBe("publish");
    expect(page!.meta).toMatchObject({ omnibridge_valid_from: validFrom, omnibridge_valid_to: validTo, omnibridge_coupon_codes: "SPRING15" });
    const entry = contentfulEntry(m.contentful, "promotion", key);
    expect(entry?.published, "Contentful entry published").toBeDefined();
    expect(Object.values(entry!.fields.validFrom ?? {})).toContain(validFrom);
    expect(Object.values(entry!.fields.validTo ?? {})).toContain(validTo);
    expect(Object.values(entry!.fields.couponCodes ?? {})).toContainEqual(["SPRING15"]);
    const { granted } = worldBuyers(m.world);
    expect(taggedWith(m.hubspot, "omnibridge_promotions", key)).toEqual(sorted(granted));
  });

  it("quarantines impossible promotions with their reason while the valid one flows", () => {
    const letters = first.deadLetters.filter((l) => l.flow === "promotions").map((l) => [l.recordKey, l.field, l.reason]);
    expect(letters).toEqual(expect.arrayContaining([["BAD-NEGATIVE", "reward.percent", "invalid"], ["BAD-DATES", "validTo", "invalid"], [unknownSkuKey, "skus.0", "not_found"]]));
    expect(letters).toHaveLength(3);
    expect(first.deadLetters.find((l) => l.recordKey === unknownSkuKey)?.message).toContain("GHOST-404");
    expect(first.flows.find((f) => f.flow === "promotions")).toMatchObject({ failed: 3 });
    expect(contentfulEntry(m.contentful, "promotion", unknownSkuKey)).toBeUndefined();
  });

  it("links the campaign's CMS landing page, UTM URL and promotions on the targeted HubSpot contacts", async () => {
    const [page] = (await wordpressPages(m, "campaign", campaignKey)).filter((p) => p.status !== "trash");
    expect(page?.status, JSON.stringify({ real: m.wordpress.real, letters: first.deadLetters.filter((l) => l.flow === "campaigns"), flows: first.flows.find((f) => f.flow === "campaigns") })).toBe("publish");
    expect(String(page!.meta.omnibridge_utm_url)).toContain("utm_source=newsletter");
    const { granted } = worldBuyers(m.world);
    expect(taggedWith(m.hubspot, "omnibridge_campaigns", campaignKey)).toEqual(sorted(granted));
    const contact = m.hubspot.store.type("contacts").get(contactId(m.hubspot, [...granted][0]!))!;
    expect(contact.properties.omnibridge_campaign_url).toMatch(new RegExp(`^${page!.link.replace(/[.?*+^$()[\]\\/]/g, "\\$&")}\\?utm_source=newsletter`));
    expect(contact.properties.omnibridge_campaign_promotions).toBe(key);
    expect(Object.values(contentfulEntry(m.contentful, "campaign", campaignKey)!.fields.landingPageUrl ?? {})).toContain(page!.link);
    expect(first.deadLetters.filter((l) => l.flow === "campaigns").map((l) => l.recordKey)).toEqual(expect.arrayContaining(["CMP-BROKEN"]));
  });

  it("a second run with nothing changed pushes no segment and writes nothing", async () => {
    m.hubspot.server.clearLog();
    const again = await runSync(config(), {});
    expect(again.flows.map((f) => [f.flow, f.written])).toEqual(again.flows.map((f) => [f.flow, 0]));
    expect(membershipCalls(m.hubspot)).toEqual([]);
  });

  it("after one order is cancelled in the ERP, only that customer leaves the lists (one add-and-remove per affected list)", async () => {
    const { orders, granted } = worldBuyers(m.world);
    const [customer, [order]] = [...orders].find(([k, list]) => list.length === 1 && granted.has(k))!;
    const cancelled = await m.rpc("sale.order", "write", [[Number(order!.externalIds.odoo ?? m.odoo.seedState.idOf("sale.order", order!.key))], { state: "cancel" }]);
    expect(cancelled.error).toBeUndefined();
    m.hubspot.server.clearLog();
    const run = await runSync(config(), {});
    const id = contactId(m.hubspot, customer);
    const segmentLists = new Set([listIdOf(m.hubspot, "all-buyers"), listIdOf(m.hubspot, "mkt-buyers")]);
    expect(membershipCalls(m.hubspot).filter((c) => segmentLists.has(c.listId)).map((c) => [c.listId, c.add, c.remove]).sort()).toEqual(
      [[listIdOf(m.hubspot, "all-buyers"), [], [id]], [listIdOf(m.hubspot, "mkt-buyers"), [], [id]]].sort(),
    );
    // Two lists changed; the promotion and the campaign aimed at mkt-buyers are re-aimed (one write each), nothing else.
    expect(run.flows.find((f) => f.flow === "segments")).toMatchObject({ written: 4, changed: 2 });
    const after = worldBuyers(m.world, new Set([order!.key]));
    expect(listMembers(m.hubspot, "all-buyers")).toEqual(sorted(after.buyers));
    expect(taggedWith(m.hubspot, "omnibridge_promotions", key)).toEqual(sorted(after.granted));
    expect(taggedWith(m.hubspot, "omnibridge_campaigns", campaignKey)).toEqual(sorted(after.granted));
    const store = await StateStore.open(marketingConfig(m).stateUrl!, m.dir);
    try {
      expect(await segmentsOf(store.repos).members("mkt-buyers")).toEqual(sorted(after.granted));
    } finally {
      await store.close();
    }
  });

  it("a customer who withdraws consent in the CRM leaves the marketing list only", async () => {
    const { granted } = worldBuyers(m.world);
    const member = listMembers(m.hubspot, "mkt-buyers")[0]!;
    expect(granted.has(member)).toBe(true);
    const id = contactId(m.hubspot, member);
    const { url, token } = m.hubspot.settings;
    // https://developers.hubspot.com/docs/api-reference/crm-contacts-v3/batch/post-crm-v3-objects-contacts-batch-update
    const response = await fetch(`${url}/crm/v3/objects/contacts/batch/update`, {
      method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ inputs: [{ id, properties: { omnibridge_email_consent: "denied" } }] }),
    });
    expect(response.status).toBe(200);
    m.hubspot.server.clearLog();
    await runSync(config(), {});
    const segmentLists = new Set([listIdOf(m.hubspot, "all-buyers"), listIdOf(m.hubspot, "mkt-buyers")]);
    expect(membershipCalls(m.hubspot).filter((c) => segmentLists.has(c.listId)).map((c) => [c.listId, c.add, c.remove])).toEqual([[listIdOf(m.hubspot, "mkt-buyers"), [], [id]]]);
    expect(listMembers(m.hubspot, "mkt-buyers")).not.toContain(member);
    expect(taggedWith(m.hubspot, "omnibridge_promotions", key)).not.toContain(member);
    expect(listMembers(m.hubspot, "all-buyers")).toContain(member);
  });

  it("ending the promotion in the ERP archives it everywhere", async () => {
    const id = Number(key.split("-").pop());
    expect((await m.rpc("loyalty.program", "write", [[id], { date_to: day(-1) }])).result).toBe(true);
    const run = await runSync(config(), {});
    expect(run.flows.find((f) => f.flow === "promotions")).toMatchObject({ written: 3 });
    expect((await wordpressPages(m, "promotion", key)).map((p) => p.status)).not.toContain("publish");
    expect((await wordpressPages(m, "promotion", key)).some((p) => p.status === "trash")).toBe(true);
    const entry = contentfulEntry(m.contentful, "promotion", key)!;
    expect(entry.archivedVersion).toBeDefined();
    expect(taggedWith(m.hubspot, "omnibridge_promotions", key)).toEqual([]);
  });
});
