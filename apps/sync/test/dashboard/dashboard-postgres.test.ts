import { describeDashboard } from "./dashboard-suite";
import { dropPostgresState, freshPostgresState } from "../support/postgres";

describeDashboard("PostgreSQL", () => freshPostgresState(), dropPostgresState, { screenshots: false });
