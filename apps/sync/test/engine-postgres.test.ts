import { describeEngine } from "./engine-double";
import { dropPostgresState, freshPostgresState } from "./support/postgres";

describeEngine("PostgreSQL", async () => freshPostgresState(), dropPostgresState);
