import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BUILTIN_ADAPTERS } from "../src/compose";
import { ConfigError, resolveConfig } from "../src/config";
import { closestKey, unknownKeyProblems } from "../src/config/unknown-keys";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

const base = () => ({
  systems: { odoo: { adapter: "odoo", settings: { url: "https://erp.example.com", apiKey: "k" } }, hubspot: { adapter: "hubspot" } },
  flows: [
    { source: { system: "odoo", entity: "customer" }, targets: [{ system: "hubspot" }] },
    { source: { system: "odoo", entity: "company" }, targets: [{ system: "hubspot" }] },
    { source: { system: "odoo", entity: "price" }, targets: [{ system: "hubspot", entity: "price" }], filters: [{ field: "priceListKey", op: "eq", value: "retail" }] },
  ] as Array<Record<string, unknown>>,
} as Record<string, unknown>);

function problems(raw: unknown): string[] {
  try {
    resolveConfig(raw, { baseDir: ".", env: {}, knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe("misspelt config keys are errors naming the path (issue 18 #2)", () => {
  it("the three typos from the issue: flows[2].fitlers, stat, deletionGuard.maxshare", () => {
    const raw = base();
    const flows = raw.flows as Array<Record<string, unknown>>;
    flows[2] = { ...flows[2], fitlers: flows[2]!.filters };
    delete flows[2]!.filters;
    raw.stat = { url: "postgres://db/state" };
    raw.deletionGuard = { maxshare: 0.9 };
    expect(problems(raw)).toEqual([
      'flows[2].fitlers: unknown key — did you mean "filters"?',
      'stat: unknown key — did you mean "state"?',
      'deletionGuard.maxshare: unknown key — did you mean "maxShare"?',
    ]);
  });

  it("reaches every nested object: source, targets, mapping, filters, systems, ownership, schedules, marketing", () => {
    const raw = base();
    const flows = raw.flows as Array<Record<string, unknown>>;
    flows[0] = { source: { system: "odoo", entity: "customer", entitty: "x" }, targets: [{ system: "hubspot", mapping: { exlude: ["a"] } }], filters: [{ field: "a", op: "exists", vlaue: 1 }] };
    raw.systems = { ...(raw.systems as object), cms: { adapter: "hubspot", rol: "cms" } };
    raw.ownership = { customer: { defualt: "odoo" }, prodcut: {} };
    raw.schedules = [{ flows: ["odoo.customer"], crn: "0 * * * *" }];
    raw.marketing = { reportingCurency: "EUR" };
    expect(problems(raw)).toEqual(expect.arrayContaining([
      'flows[0].source.entitty: unknown key — did you mean "entity"?',
      'flows[0].targets[0].mapping.exlude: unknown key — did you mean "exclude"?',
      'flows[0].filters[0].vlaue: unknown key — did you mean "value"?',
      'systems.cms.rol: unknown key — did you mean "role"?',
      'ownership.customer.defualt: unknown key — did you mean "default"?',
      'ownership.prodcut: unknown key — did you mean "product"?',
      'schedules[0].crn: unknown key — did you mean "cron"?',
      'marketing.reportingCurency: unknown key — did you mean "reportingCurrency"?',
    ]));
  });

  it("lists the known keys when nothing is close, and leaves adapter settings to the adapter", () => {
    const raw = base();
    raw.colour = "blue";
    (raw.systems as Record<string, { settings?: Record<string, unknown> }>).odoo!.settings!.anything = 1;
    const found = problems(raw);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^colour: unknown key \(known: .*deletionGuard.*flows.*\)$/);
  });

  it("a valid config still loads", () => {
    expect(problems(base())).toEqual([]);
  });

  it("the helper works on any schema part, loose objects accept anything", () => {
    const part = z.object({ lists: z.array(z.object({ name: z.string() })).default([]), extra: z.looseObject({}).optional() });
    expect(unknownKeyProblems(part, { lists: [{ name: "a", nmae: "b" }], extra: { free: 1 } }, ["extensions", "crm"]))
      .toEqual(['extensions.crm.lists[0].nmae: unknown key — did you mean "name"?']);
    expect(closestKey("PAGESIZE", ["pageSize", "flows"])).toBe("pageSize");
    expect(closestKey("zzz", ["pageSize", "flows"])).toBeUndefined();
  });
});
