// A local Medusa v2 server for omnibridge's shop-connector tests (scripts/medusa/start.sh).
// Admin dashboard off, no Redis (Medusa then uses its in-memory event bus, locking and workflow
// engine), secrets and the database from the environment start.sh sets. Not for production.
// Docs: https://docs.medusajs.com/learn/configurations/medusa-config
import { defineConfig, loadEnv } from "@medusajs/framework/utils";

loadEnv(process.env.NODE_ENV || "development", process.cwd());

const local = "http://127.0.0.1,http://localhost";

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: local,
      adminCors: local,
      authCors: local,
      jwtSecret: process.env.JWT_SECRET || "omnibridge-local-jwt",
      cookieSecret: process.env.COOKIE_SECRET || "omnibridge-local-cookie",
    },
  },
  admin: { disable: true },
});
