import type { SyncExtension } from "../../engine/extension";
import { recordingHooks } from "./recorder";
import { dashboardCountsMigration, dashboardMigration } from "./tables";

/** Name of the dashboard extension (it has no config keys). */
export const DASHBOARD = "dashboard";

/**
 * The dashboard beside the engine: its tables, and page hooks that record what `omnibridge ui`
 * shows and the core state does not keep — a running run's progress per flow (so another process
 * can stream it), requests per vendor account and minute with 429s, and replaced field values.
 * The web server itself loads only with `omnibridge ui` (see ./server).
 */
export const dashboardExtension: SyncExtension = {
  name: DASHBOARD,
  migrations: { "020_dashboard": dashboardMigration, "021_dashboard_counts": dashboardCountsMigration },
  forFlow: () => Promise.resolve(recordingHooks()),
};
