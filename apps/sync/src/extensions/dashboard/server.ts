import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { ResolvedConfig } from "../../config";
import { openStore } from "../../engine/extension";
import { stateUrlOf } from "../../engine/run";
import { replayDeadLetters } from "../../engine/replay";
import { StateStore } from "../../state";
import { marketingExtension } from "../marketing";
import { createDashboardApp } from "./app";
import { readsOf, type DashboardContext } from "./context";
import { dashboardExtension } from "./extension";
import { Guard, isLoopback } from "./security";
import { SystemChecks } from "./systems-check";

/** Options of {@link startDashboard}. */
export interface DashboardOptions {
  /** The config (flows, systems; needed for replay and checks). Without it the dashboard shows the state only. */
  config?: ResolvedConfig | undefined;
  /** State URL (default the config's, then `OMNIBRIDGE_STATE_URL`, then `.omnibridge/state.db`). */
  stateUrl?: string | undefined;
  /** Port (default 4600; 0 picks a free one). */
  port?: number | undefined;
  /** Host to bind (default 127.0.0.1). Any other host requires `token`. */
  host?: string | undefined;
  /** Access token (default `OMNIBRIDGE_UI_TOKEN`; empty for none); required for a non-loopback host. */
  token?: string | undefined;
}

/** A running dashboard. */
export interface RunningDashboard {
  /** Where it answers, e.g. `http://127.0.0.1:4600/`. */
  url: string;
  /** Stop answering and close the state and connectors. */
  close(): Promise<void>;
}

/** Thrown when the dashboard would be reachable from other hosts without a token. */
export class DashboardSecurityError extends Error {
  override readonly name = "UsageError";
}

async function openDashboardStore(
  config: ResolvedConfig | undefined,
  stateUrl: string | undefined,
): Promise<{ store: StateStore; url: string }> {
  if (config) {
    const url = stateUrlOf(config, stateUrl);
    return { store: await openStore(config, url), url };
  }
  const url = stateUrl ?? process.env.OMNIBRIDGE_STATE_URL ?? ".omnibridge/state.db";
  const migrations = { ...marketingExtension.migrations, ...dashboardExtension.migrations };
  return { store: await StateStore.open(url, undefined, { migrations }), url };
}

/**
 * Start `omnibridge ui`: the dashboard over a state (SQLite or PostgreSQL, one code path), bound
 * to 127.0.0.1 unless told otherwise — and then only with an access token.
 */
export async function startDashboard(options: DashboardOptions = {}): Promise<RunningDashboard> {
  const host = options.host ?? "127.0.0.1";
  const token = (options.token ?? process.env.OMNIBRIDGE_UI_TOKEN) || undefined;
  if (!isLoopback(host) && !token) {
    throw new DashboardSecurityError(`refusing to serve the dashboard on ${host} without an access token: set OMNIBRIDGE_UI_TOKEN (or bind 127.0.0.1)`);
  }
  if (token !== undefined && token.length < 16) throw new DashboardSecurityError("OMNIBRIDGE_UI_TOKEN must be at least 16 characters");
  const { config } = options;
  const { store, url: stateUrl } = await openDashboardStore(config, options.stateUrl);
  const checks = config ? new SystemChecks(config) : undefined;
  const ctx: DashboardContext = {
    store, config, stateUrl, checks, ...readsOf(store),
    replay: (ids) => replayDeadLetters(config!, { ids, stateUrl }),
  };
  const app = createDashboardApp(ctx, new Guard({ token, host }));
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 4600 }, () => resolve(s));
    s.once("error", reject);
  }).catch(async (error: unknown) => {
    await Promise.allSettled([store.close(), checks?.close()]);
    throw error;
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${address.port}/`,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        });
        await Promise.allSettled([store.close(), checks?.close()]);
      })();
      return closing;
    },
  };
}
