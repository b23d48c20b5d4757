import { describe, it } from "vitest";
import { tlsChecks } from "@omnibridge/connector-kit/testing";
import { createContentfulConnector } from "../src";

describe("Contentful TLS", () => {
  for (const check of tlsChecks((url, tls) => createContentfulConnector({ spaceId: "space", environment: "master", managementToken: "cma-not-sent", deliveryToken: "cda-not-sent", managementUrl: url, deliveryUrl: url, tls, retry: { retries: 0 } }))) it(check.name, check.run);
});
