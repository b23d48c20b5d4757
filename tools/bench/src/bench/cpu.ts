import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { runJsonChild } from "../shared/json-child";
import type { Systems, SystemId } from "../shared/systems";

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "cpu-probe.ts");
const resultSchema = z.object({
  records: z.number(),
  invalid: z.number(),
  readCpuMs: z.number(),
  validateCpuMs: z.number(),
  hashCpuMs: z.number(),
  readWallMs: z.number(),
});

/** CPU per 1k records of one vendor entity. */
export interface CpuFigure {
  system: SystemId;
  entity: string;
  records: number;
  /** HTTP + JSON + raw schema + mapping, per 1k records (ms of CPU). */
  readMsPer1k: number;
  validateMsPer1k: number;
  hashMsPer1k: number;
  /** map + validate + hash (read included, as the mappers are not exported alone). */
  totalMsPer1k: number;
}

/** The entities measured, one per vendor and direction the flows use. */
export const CPU_PROBES: ReadonlyArray<{ system: SystemId; entity: string }> = [
  { system: "odoo", entity: "customer" }, { system: "odoo", entity: "price" }, { system: "odoo", entity: "order" },
  { system: "akeneo", entity: "product" }, { system: "hubspot", entity: "customer" },
];

function probe(settings: Record<string, unknown>, adapter: SystemId, entity: string, limit: number): Promise<z.infer<typeof resultSchema>> {
  return runJsonChild(PROBE, { OB_PROBE: JSON.stringify({ adapter, settings, entity, limit }) }, resultSchema, `cpu probe ${adapter} ${entity}`);
}

/** Measure every probe against the running emulators (real settings, in a child process). */
export async function measureCpu(systems: Systems, limit: number): Promise<CpuFigure[]> {
  const real: Record<SystemId, Record<string, unknown>> = {
    odoo: { ...systems.odoo.settings },
    akeneo: { ...systems.akeneo.settings },
    hubspot: { ...systems.hubspot.settings },
  };
  const figures: CpuFigure[] = [];
  for (const { system, entity } of CPU_PROBES) {
    const r = await probe(real[system], system, entity, limit);
    const per1k = (ms: number) => (r.records === 0 ? 0 : (ms * 1000) / r.records);
    figures.push({
      system, entity, records: r.records,
      readMsPer1k: per1k(r.readCpuMs), validateMsPer1k: per1k(r.validateCpuMs), hashMsPer1k: per1k(r.hashCpuMs),
      totalMsPer1k: per1k(r.readCpuMs + r.validateCpuMs + r.hashCpuMs),
    });
  }
  return figures;
}
