// Child process: read one entity from an emulator through its connector and measure CPU time of
// (1) read = HTTP + JSON parse + the connector's raw-schema parse + vendor→canonical mapping,
// (2) validate = the canonical zod schema (what the engine runs before each write),
// (3) hash = stableHash (what the engine compares to skip unchanged records).
// Input: OB_PROBE = JSON { adapter, settings, entity, limit }. Output: one JSON line on stdout.
import { entitySchemas, stableHash, type ConnectorV1, type EntityKind } from "@omnibridge/core-model";
import { createOdooConnector } from "@omnibridge/erp-connector";
import { createAkeneoConnector } from "@omnibridge/pim-connector";
import { createHubSpotConnector } from "@omnibridge/crm-connector";
import { z } from "zod";

const inputSchema = z.object({ adapter: z.enum(["odoo", "akeneo", "hubspot"]), settings: z.record(z.string(), z.unknown()), entity: z.string(), limit: z.int().positive() });
const input = inputSchema.parse(JSON.parse(process.env.OB_PROBE ?? "{}"));
const factories: Record<string, (settings: never) => ConnectorV1> = {
  odoo: createOdooConnector,
  akeneo: createAkeneoConnector,
  hubspot: createHubSpotConnector,
};
const connector = factories[input.adapter]!(input.settings as never);
const entity = input.entity as EntityKind;

const cpuMs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

const records: unknown[] = [];
const readStart = process.cpuUsage();
const wallStart = performance.now();
for await (const page of connector.read(entity, { cursor: null, pageSize: 200 })) {
  records.push(...page.items);
  if (records.length >= input.limit) break;
}
const read = cpuMs(readStart);
const wallMs = performance.now() - wallStart;
await connector.close();
const schema = entitySchemas[entity];
const validateStart = process.cpuUsage();
let invalid = 0;
for (const record of records) if (!schema.safeParse(record).success) invalid++;
const validate = cpuMs(validateStart);
const hashStart = process.cpuUsage();
for (const record of records) stableHash(record);
const hash = cpuMs(hashStart);
process.stdout.write(`${JSON.stringify({ records: records.length, invalid, readCpuMs: read, validateCpuMs: validate, hashCpuMs: hash, readWallMs: wallMs })}\n`);
