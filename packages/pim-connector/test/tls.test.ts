import { describe, it } from "vitest";
import { tlsChecks } from "@omnibridge/connector-kit/testing";
import { createAkeneoConnector } from "../src";

describe("Akeneo TLS", () => {
  for (const check of tlsChecks((url, tls) => createAkeneoConnector({ url, clientId: "client", secret: "secret-not-sent", username: "sync", password: "password-not-sent", tls, retry: { retries: 0 } }))) it(check.name, check.run);
});
