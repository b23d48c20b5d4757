import path from "node:path";
import { describeEngine } from "./engine-double";

describeEngine("SQLite", async (dir) => `sqlite:${path.join(dir, "state.db")}`, async () => undefined);
