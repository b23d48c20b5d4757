import { describe, it } from "vitest";
import { tlsChecks } from "@omnibridge/connector-kit/testing";
import { createWordpressConnector } from "../src";

describe("WordPress TLS", () => {
  for (const check of tlsChecks((url, tls) => createWordpressConnector({ url, username: "sync", applicationPassword: "abcd efgh ijkl mnop", tls, retry: { retries: 0 } }))) it(check.name, check.run);
});
