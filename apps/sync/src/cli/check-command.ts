import { ConnectorSet } from "../compose";
import { configOf, print, type GlobalOptions } from "./context";
import { table } from "./format";

/** `omnibridge check`: credentials and reachability of every system (exit 3 when one fails). */
export async function checkCommand(options: GlobalOptions): Promise<number> {
  const config = await configOf(options);
  const connectors = new ConnectorSet(config);
  const results: Array<{ system: string; adapter: string; ok: boolean; latencyMs: number; message: string }> = [];
  try {
    for (const [system, entry] of Object.entries(config.systems)) {
      try {
        const connector = await connectors.get(system);
        results.push({ system, adapter: entry.adapter, ...(await connector.check()) });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({ system, adapter: entry.adapter, ok: false, latencyMs: 0, message });
      }
    }
  } finally {
    await connectors.close();
  }
  print(options, results, () => table(["system", "adapter", "ok", "latency", "message"], results.map((r) => [r.system, r.adapter, r.ok ? "yes" : "NO", `${Math.round(r.latencyMs)} ms`, r.message])));
  return results.every((r) => r.ok) ? 0 : 3;
}
