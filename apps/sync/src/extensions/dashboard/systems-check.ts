import type { CheckResult } from "@omnibridge/core-model";
import { ConnectorSet } from "../../compose";
import type { ResolvedConfig } from "../../config";

/** A system's check, when it was made. */
export interface SystemCheck {
  system: string;
  adapter: string;
  result: CheckResult;
  checkedAt: string;
}

const TTL_MS = 30_000;
const TIMEOUT_MS = 10_000;

/** Runs every system's `check()` (never throws), keeping the results for 30 s so page loads do not hammer vendors. */
export class SystemChecks {
  private readonly connectors: ConnectorSet;
  private cached: { at: number; results: Promise<SystemCheck[]> } | undefined;
  constructor(private readonly config: ResolvedConfig) {
    this.connectors = new ConnectorSet(config);
  }

  /** The latest results (fresh ones when `refresh` or when older than 30 s). */
  results(refresh = false): Promise<SystemCheck[]> {
    if (!refresh && this.cached && Date.now() - this.cached.at < TTL_MS) return this.cached.results;
    this.cached = { at: Date.now(), results: this.checkAll() };
    return this.cached.results;
  }

  private checkAll(): Promise<SystemCheck[]> {
    return Promise.all(Object.entries(this.config.systems).map(async ([system, entry]) => {
      const checkedAt = new Date().toISOString();
      try {
        const connector = await this.connectors.get(system);
        const timeout = new Promise<CheckResult>((resolve) => setTimeout(() => resolve({ ok: false, latencyMs: TIMEOUT_MS, message: "no answer within 10 s" }), TIMEOUT_MS).unref());
        return { system, adapter: entry.adapter, result: await Promise.race([connector.check(), timeout]), checkedAt };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { system, adapter: entry.adapter, result: { ok: false, latencyMs: 0, message }, checkedAt };
      }
    }));
  }

  /** Each system's role (from the config, else its connector's). */
  async roles(): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const system of Object.keys(this.config.systems)) {
      try {
        out[system] = await this.connectors.role(system);
      } catch {
        out[system] = "?";
      }
    }
    return out;
  }

  /** Release the connectors. */
  close(): Promise<void> {
    return this.connectors.close();
  }
}
