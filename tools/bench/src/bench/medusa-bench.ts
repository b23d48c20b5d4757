import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AnyEntity, EntityKind, PriceList } from "@omnibridge/core-model";
import { createMedusaConnector, type MedusaConnector } from "@omnibridge/shop-connector";
import { createWorld } from "@omnibridge/testkit";
import { z } from "zod";

const START = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../scripts/medusa/start.sh");

/** The facts scripts/medusa/start.sh writes to its connection.json (the fields the bench uses). */
const factsSchema = z.object({
  url: z.string(), medusaVersion: z.string(), secretApiKey: z.string(), salesChannelId: z.string(), shippingProfileId: z.string(),
  stockLocations: z.object({ warehouse: z.string(), store: z.string() }),
});

/** Requests per record against the real Medusa server for one entity. */
export interface MedusaFigure {
  entity: string;
  records: number;
  written: number;
  failed: number;
  /** First failure messages (what Medusa or the connector said). */
  failures: string[];
  maxBatch: number;
  minimum: number;
  requests: number;
  retries: number;
  requestsPerRecord: number;
  seconds: number;
}

/** The Medusa figures, or why there are none. */
export type MedusaBenchResult =
  | { ok: true; version: string; products: number; startSeconds: number; figures: MedusaFigure[]; rewrite: MedusaFigure[] }
  | { ok: false; reason: string };

function startMedusa(port: number): Promise<{ file: string; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile("bash", [START, "--reset"], { env: { ...process.env, MEDUSA_PORT: String(port) }, timeout: 900_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`scripts/medusa/start.sh failed: ${(stderr || error.message).trim().split("\n").slice(-3).join(" | ")}`));
      else resolve({ file: stdout.trim().split("\n").pop() ?? "", seconds: (performance.now() - started) / 1000 });
    });
  });
}

async function measure(connector: MedusaConnector, entity: EntityKind, records: readonly AnyEntity[]): Promise<MedusaFigure> {
  const maxBatch = connector.capabilities[entity]?.maxBatchSize ?? 1;
  const before = connector.metrics();
  const started = performance.now();
  let written = 0;
  const failures: string[] = [];
  for (let i = 0; i < records.length; i += maxBatch) {
    for (const outcome of await connector.write(entity, records.slice(i, i + maxBatch))) {
      if (outcome.status === "failed") {
        if (failures.length < 3) failures.push(`${outcome.key}: ${outcome.issue?.field ?? ""} ${outcome.issue?.message ?? ""}`.slice(0, 200));
      } else written++;
    }
  }
  const after = connector.metrics();
  const requests = after.requests - before.requests;
  return {
    entity, records: records.length, written, failed: records.length - written, failures, maxBatch,
    minimum: Math.ceil(records.length / maxBatch),
    requests, retries: after.retries - before.retries, requestsPerRecord: records.length ? requests / records.length : 0,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Products (with variants and options), prices (EUR and USD base prices, the B2B group's tiered list as a
 * Medusa price list) and stock (a warehouse and a store) of a small world written to a real Medusa 2.18.0
 * (scripts/medusa/start.sh --reset: a fresh database from the migrated template) through the connector,
 * the batch size it declares; then the same records again (nothing changed). The sync app has no `medusa`
 * adapter yet, so the connector is driven directly, the way the engine does (one write call per batch).
 */
export async function runMedusaBench(
  options: { products: number; seed: number; port: number; log: (line: string) => void },
): Promise<MedusaBenchResult> {
  let facts: z.infer<typeof factsSchema>;
  let startSeconds: number;
  try {
    options.log(`  medusa: scripts/medusa/start.sh --reset (port ${options.port})`);
    const started = await startMedusa(options.port);
    facts = factsSchema.parse(JSON.parse(readFileSync(started.file, "utf8")));
    startSeconds = started.seconds;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    options.log(`  medusa: not measured: ${reason}`);
    return { ok: false, reason };
  }
  const world = createWorld({ seed: options.seed, products: options.products });
  const locations: Record<string, string> = { "WH-DE-01": facts.stockLocations.warehouse, "ST-BERLIN": facts.stockLocations.store };
  const connector = createMedusaConnector({
    url: facts.url, secretApiKey: facts.secretApiKey, shippingProfileId: facts.shippingProfileId,
    salesChannels: { web: facts.salesChannelId },
    locations, basePriceLists: { EUR: "retail-eur", USD: "retail-usd" }, tls: { allowInsecureHttp: true },
  });
  try {
    const groups = await connector.readCustomerGroups();
    const b2b = groups.items.find((g) => /b2b/i.test(`${g.key} ${g.name}`));
    const b2bList = [...world.priceLists()].find((l) => l.key === "b2b-eur");
    const lists: PriceList[] = b2bList && b2b ? [{ ...b2bList, customerGroup: b2b.key }] : [];
    const records: Array<[EntityKind, AnyEntity[]]> = [
      ["product", [...world.products()]],
      ["priceList", lists],
      ["price", [...world.prices()].filter((p) => !p.customerKey && (p.priceListKey !== "b2b-eur" || lists.length > 0))],
      ["stockLevel", [...world.stockLevels()].filter((s) => s.locationKey in locations)],
    ];
    const figures: MedusaFigure[] = [];
    for (const [entity, items] of records) {
      if (items.length === 0) continue;
      const figure = await measure(connector, entity, items);
      figures.push(figure);
      options.log(`    medusa ${entity.padEnd(10)} ${figure.written}/${figure.records} written, ${figure.requests} requests (minimum ${figure.minimum})` +
        ` in ${figure.seconds.toFixed(1)} s${figure.failures.length ? `; ${figure.failures[0]}` : ""}`);
    }
    const rewrite: MedusaFigure[] = [];
    for (const [entity, items] of records) if (items.length > 0) rewrite.push(await measure(connector, entity, items));
    return { ok: true, version: facts.medusaVersion, products: options.products, startSeconds, figures, rewrite };
  } finally {
    await connector.close();
  }
}
