import path from "node:path";
import { describeEmulatorE2E } from "./e2e-emulators";

describeEmulatorE2E("SQLite", async (dir) => `sqlite:${path.join(dir, "state.db")}`, async () => undefined);
