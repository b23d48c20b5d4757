import type { DashboardOptions, RunningDashboard } from "./server";

export { dashboardExtension, DASHBOARD } from "./extension";
export type { DashboardOptions, RunningDashboard } from "./server";

/**
 * Start the dashboard (`omnibridge ui`). The web server loads only here, on first use: the
 * extension itself (tables, page hooks) stays light for every other command.
 */
export async function startDashboard(options: DashboardOptions = {}): Promise<RunningDashboard> {
  return (await import("./server")).startDashboard(options);
}
