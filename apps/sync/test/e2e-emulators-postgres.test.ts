import { describeEmulatorE2E } from "./e2e-emulators";
import { dropPostgresState, freshPostgresState } from "./support/postgres";

describeEmulatorE2E("PostgreSQL", async () => freshPostgresState(), dropPostgresState);
