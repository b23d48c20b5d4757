import { randomBytes } from "node:crypto";
import { createMedusaConnector, type MedusaConnector, type MedusaSettingsInput } from "../../src";
import { createMedusaShopper, type MedusaShopper } from "../../src/testing";

/** What scripts/medusa/start.sh writes to its connection.json. */
export interface MedusaFacts {
  url: string;
  medusaVersion: string;
  secretApiKey: string;
  publishableApiKey: string;
  salesChannelId: string;
  shippingProfileId: string;
  regions: { eur: string; usd: string };
  stockLocations: { warehouse: string; store: string };
  shippingOptions: { delivery: string; deliveryUs: string; pickup: string };
  customerGroups: { b2b: string; vip: string };
}

/** A run-unique suffix: the server is shared by every file and kept between runs. */
export const run = randomBytes(4).toString("hex");

/** Connector settings for the test server: locations and channel under readable keys, EUR/USD base lists. */
export function medusaSettings(facts: MedusaFacts, extra: Partial<MedusaSettingsInput> = {}): MedusaSettingsInput {
  return {
    url: facts.url, secretApiKey: facts.secretApiKey, shippingProfileId: facts.shippingProfileId,
    salesChannels: { webshop: facts.salesChannelId },
    locations: { warehouse: facts.stockLocations.warehouse, "store-munich": facts.stockLocations.store },
    basePriceLists: { EUR: "retail-eur", USD: "retail-usd" },
    ...extra,
  };
}

export function connect(facts: MedusaFacts, extra: Partial<MedusaSettingsInput> = {}): MedusaConnector {
  return createMedusaConnector(medusaSettings(facts, extra));
}

/** Read every page of an entity (from a cursor) and return its items. */
export async function readAll<K extends Parameters<MedusaConnector["read"]>[0]>(connector: MedusaConnector, entity: K,
  cursor?: string | null) {
  const items = [];
  let last: string | null = cursor ?? null;
  for await (const page of connector.read(entity, { cursor, pageSize: 50 })) {
    items.push(...page.items);
    last = page.cursor;
    if (page.issues.some((i) => i.severity !== "warning")) throw new Error(`issues: ${JSON.stringify(page.issues)}`);
  }
  return { items, cursor: last };
}

type Json = Record<string, unknown>;

/** A shopper's calls to the store API of the test server (the package's testing export, in the EUR region). */
export function storeApi(facts: MedusaFacts): MedusaShopper {
  return createMedusaShopper({ url: facts.url, publishableApiKey: facts.publishableApiKey, regionId: facts.regions.eur });
}

/** An admin call with the secret key (to look at what the connector did, independently of its reads). */
export async function admin(facts: MedusaFacts, method: string, path: string, body?: unknown): Promise<Json> {
  const response = await fetch(`${facts.url}${path}`, {
    method,
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${facts.secretApiKey}:`).toString("base64")}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Json;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}
