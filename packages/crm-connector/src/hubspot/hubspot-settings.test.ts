import { describe, expect, it } from "vitest";
import { isConnectorError } from "@omnibridge/core-model";
import { createHubSpotConnector } from "../index";
import { startHubSpotEmulator } from "../testing";

describe("hubspot settings and check()", () => {
  it("rejects bad settings naming the field, never echoing the token", () => {
    const attempt = (input: unknown) => {
      try {
        createHubSpotConnector(input as never);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const missing = attempt({ url: "http://127.0.0.1:1" });
    expect(isConnectorError(missing) && missing.reason).toBe("invalid");
    expect((missing as Error).message).toContain("token");
    const badLimit = attempt({ token: "pat-secret-abcdef", rateLimit: { limit: 0, windowMs: 10_000 } });
    expect((badLimit as Error).message).toContain("rateLimit.limit");
    expect((badLimit as Error).message).not.toContain("pat-secret-abcdef");
    expect((attempt({ token: "t", customerIdProperty: "phone" }) as Error).message).toContain("customerIdProperty");
  });

  it("check() discovers properties and names missing custom ones", async () => {
    const emulator = await startHubSpotEmulator();
    emulator.store.properties.deals = emulator.store.properties.deals!.filter((p) => p.name !== "omnibridge_order_key");
    const connector = createHubSpotConnector(emulator.settings);
    const result = await connector.check();
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining("deals.omnibridge_order_key") });
    expect(emulator.server.requests.map((r) => r.path)).toContain("/crm/v3/properties/contacts");
    await connector.close();
    await emulator.stop();
  });
});
