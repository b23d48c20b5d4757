import { BUILTIN_ADAPTERS } from "../../compose";
import { ConfigError, loadConfig, type ResolvedConfig } from "../../config";
import { UsageError } from "../../engine/run";
import { DEFAULT_EXTENSIONS } from "..";
import { startDashboard } from "./server";

/** Options of `omnibridge ui`. */
export interface UiOptions {
  config?: string;
  state?: string;
  port?: string;
  host?: string;
}

/**
 * `omnibridge ui [--port 4600] [--host 127.0.0.1]`: serve the dashboard until Ctrl-C. With
 * `--state` and no config file it shows that state alone (no replay, no system checks).
 */
export async function uiCommand(options: UiOptions): Promise<number> {
  const port = Number(options.port ?? 4600);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new UsageError(`--port must be a port number, got "${options.port}"`);
  let config: ResolvedConfig | undefined;
  try {
    config = await loadConfig(options.config, { knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS });
  } catch (error) {
    if (!(options.state && !options.config && error instanceof ConfigError && error.problems[0]?.startsWith("no config file"))) throw error;
  }
  const dashboard = await startDashboard({ config, stateUrl: options.state, port, host: options.host });
  process.stdout.write(`omnibridge dashboard: ${dashboard.url}${config ? "" : " (state only: no config)"}\nPress Ctrl-C to stop.\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await dashboard.close();
  process.stdout.write(`stopped (${signal})\n`);
  return 0;
}
