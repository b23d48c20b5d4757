import path from "node:path";
import { describeDashboard } from "./dashboard-suite";

// The SQLite run writes the README's screenshots (docs/screenshots/).
describeDashboard("SQLite", async (dir) => `sqlite:${path.join(dir, "state.db")}`, async () => undefined, { screenshots: true });
