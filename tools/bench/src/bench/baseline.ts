import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { runJsonChild } from "../shared/json-child";
import type { Systems } from "../shared/systems";

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "baseline-script.ts");
const outSchema = z.object({ written: z.number(), failed: z.number(), wallMs: z.number() });

/** One baseline run. */
export interface BaselineRun {
  mode: "per-record" | "batched";
  limit: number;
  written: number;
  failed: number;
  wallMs: number;
  /** Requests the emulators received (Odoo + HubSpot, retries included). */
  odooRequests: number;
  hubspotRequests: number;
  recordsPerSecond: number;
}

/** Run the integrator script against the same emulators (same world, same limits). */
export async function runBaseline(systems: Systems, mode: BaselineRun["mode"], limit: number): Promise<BaselineRun> {
  const env = {
    OB_BASELINE: JSON.stringify({
      odoo: {
        url: systems.odoo.settings.url,
        database: systems.odoo.settings.database,
        username: systems.odoo.settings.username,
        apiKey: systems.odoo.settings.apiKey,
      },
      hubspot: { url: systems.hubspot.url, token: systems.hubspot.token }, mode, limit,
    }),
  };
  const before = systems.requestCounts();
  const parsed = await runJsonChild(SCRIPT, env, outSchema, `baseline (${mode})`);
  const after = systems.requestCounts();
  return {
    mode, limit, ...parsed, odooRequests: after.odoo - before.odoo, hubspotRequests: after.hubspot - before.hubspot,
    recordsPerSecond: parsed.written / (parsed.wallMs / 1000),
  };
}
