import type { ConnectorV1, SystemRole } from "@omnibridge/core-model";
import type { ResolvedConfig } from "../config";
import { createConnector } from "./registry";

/** One connector per configured system for a run: flows share it, and with it the vendor account's rate budget. */
export class ConnectorSet {
  private readonly connectors = new Map<string, Promise<ConnectorV1>>();
  constructor(private readonly config: ResolvedConfig) {}

  /** The connector of a system (created on first use). */
  get(system: string): Promise<ConnectorV1> {
    let connector = this.connectors.get(system);
    if (!connector) {
      const entry = this.config.systems[system];
      if (!entry) return Promise.reject(new Error(`unknown system "${system}"`));
      connector = createConnector(entry.adapter, entry.settings, { system, role: entry.role }, this.config.adapters);
      this.connectors.set(system, connector);
    }
    return connector;
  }

  /** The role of a system: the config's override or the connector's own. */
  async role(system: string): Promise<SystemRole> {
    return this.config.systems[system]?.role ?? (await this.get(system)).role;
  }

  /** Close every connector that was created. */
  async close(): Promise<void> {
    const all = await Promise.allSettled(this.connectors.values());
    await Promise.allSettled(all.flatMap((r) => (r.status === "fulfilled" ? [r.value.close()] : [])));
    this.connectors.clear();
  }
}
