import { describe, it } from "vitest";
import { tlsChecks } from "@omnibridge/connector-kit/testing";
import { createHubSpotConnector } from "../src";

describe("HubSpot TLS", () => {
  for (const check of tlsChecks((url, tls) => createHubSpotConnector({ url, token: "pat-not-sent", tls, retry: { retries: 0 } }))) it(check.name, check.run);
});
