import { describe, it } from "vitest";
import { tlsChecks } from "@omnibridge/connector-kit/testing";
import { createOdooConnector } from "../src";

describe("Odoo TLS", () => {
  for (const check of tlsChecks((url, tls) => createOdooConnector({ url, database: "db", username: "sync@example.com", apiKey: "key-not-sent", tls, retry: { retries: 0 } }))) it(check.name, check.run);
});
