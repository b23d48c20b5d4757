import { describe, expect, it } from "vitest";
import { isConnectorError } from "@omnibridge/core-model";
import { createContentfulConnector, createWordpressConnector } from "./index";

describe("settings validation", () => {
  it("names the missing or bad fields, never the secrets", () => {
    const error = (() => {
      try {
        createWordpressConnector({ url: "ftp://x", username: "", applicationPassword: "secret-password-123" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isConnectorError(error) && error.reason).toBe("invalid");
    expect((error as Error).message).toMatch(/url.*username/);
    expect((error as Error).message).not.toContain("secret-password-123");
  });

  it("applies defaults", () => {
    const connector = createContentfulConnector({ spaceId: "s", managementToken: "t1", deliveryToken: "t2" });
    expect(connector.system).toBe("contentful");
    expect(connector.capabilities.contentEntry).toMatchObject({ read: true, delta: true, write: true });
    expect(() => createContentfulConnector({ spaceId: "s", managementToken: "t1" } as never)).toThrow(/deliveryToken/);
  });
});
