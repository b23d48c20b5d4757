import { describe, expect, it } from "vitest";
import {
  ConnectorError, connectorErrorReasons, entitySchemas, formatRecordIssue, isConnectorError, isRetryable, issuesFromZod,
  reasonForStatus, retryAfterMs, type ConnectorErrorReason,
} from "../src";
import { sample } from "./fixtures";

const retryable: Record<ConnectorErrorReason, boolean> = {
  network: true, timeout: true, rate_limited: true, unavailable: true,
  unauthorized: false, forbidden: false, not_found: false, conflict: false, invalid: false, protocol: false, internal: false,
};

describe("ConnectorError", () => {
  it("covers the closed reason set", () => {
    expect([...connectorErrorReasons].sort()).toEqual(Object.keys(retryable).sort());
  });

  it.each(connectorErrorReasons.map((reason) => [reason, retryable[reason]] as const))("%s: retryable=%s", (reason, expected) => {
    const error = new ConnectorError(reason, "boom");
    expect(error.retryable).toBe(expected);
    expect(isRetryable(error)).toBe(expected);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ConnectorError");
    expect(isConnectorError(error)).toBe(true);
  });

  it("keeps the cause for debugging but never serialises it", () => {
    const secretCause = Object.assign(new Error("socket hang up"), { config: { headers: { Authorization: "Bearer s3cr3t" } } });
    const error = new ConnectorError("network", "POST /contacts failed", {
      status: 503, retryAfterMs: 1500, system: "hubspot", operation: "POST /crm/v3/objects/contacts/batch/upsert", vendorCode: "X1", cause: secretCause,
    });
    expect(error.cause).toBe(secretCause);
    expect(error.toJSON()).toEqual({
      name: "ConnectorError", reason: "network", message: "POST /contacts failed", status: 503, retryAfterMs: 1500,
      system: "hubspot", operation: "POST /crm/v3/objects/contacts/batch/upsert", vendorCode: "X1",
    });
    expect(error.toJSON()).not.toHaveProperty("cause");
    const json = JSON.stringify(error);
    expect(json).not.toContain("s3cr3t");
    expect(json).not.toContain("socket hang up");
    expect(retryAfterMs(error)).toBe(1500);
  });

  it("carries the offending field a vendor named, and serialises it", () => {
    const error = new ConnectorError("invalid", "Validation failed.", { status: 422, system: "akeneo", field: "values.brand" });
    expect(error.field).toBe("values.brand");
    expect(error.toJSON()).toMatchObject({ field: "values.brand", status: 422 });
    expect(new ConnectorError("invalid", "x").field).toBeUndefined();
  });

  it("has no cause property when none is given", () => {
    expect("cause" in new ConnectorError("internal", "x")).toBe(false);
  });

  it("helpers reject anything that is not a ConnectorError", () => {
    const plain = Object.assign(new Error("x"), { reason: "network", retryable: true, retryAfterMs: 5 });
    expect(isConnectorError(plain)).toBe(false);
    expect(isRetryable(plain)).toBe(false);
    expect(retryAfterMs(plain)).toBeUndefined();
    expect(isRetryable("network")).toBe(false);
  });
});

describe("reasonForStatus", () => {
  it.each([
    [400, "invalid"], [401, "unauthorized"], [403, "forbidden"], [404, "not_found"], [408, "timeout"], [409, "conflict"],
    [410, "not_found"], [412, "conflict"], [422, "invalid"], [429, "rate_limited"], [500, "unavailable"], [502, "unavailable"],
    [503, "unavailable"], [504, "unavailable"], [200, "protocol"], [302, "protocol"],
  ] as const)("%d → %s", (status, reason) => {
    expect(reasonForStatus(status)).toBe(reason);
  });
});

describe("issuesFromZod", () => {
  it("names the record and the dotted field of every issue", () => {
    const order = sample("order");
    order.lines[0].total.currency = "USD";
    const result = entitySchemas.order.safeParse(order);
    expect(result.success).toBe(false);
    expect(issuesFromZod("SO-1", result.error!)).toEqual([
      { recordKey: "SO-1", field: "lines.0.total.currency", reason: "invalid", message: "must be in EUR" },
    ]);
  });

  it("reports several fields of one record", () => {
    const product = sample("product");
    product.gtin = "4006381333932";
    product.variants[0].gtin = "96385075";
    const issues = issuesFromZod("CHAIR-1", entitySchemas.product.safeParse(product).error!);
    expect(issues.map((i) => i.field).sort()).toEqual(["gtin", "variants.0.gtin"]);
    expect(issues.every((i) => i.recordKey === "CHAIR-1" && i.reason === "invalid" && i.message.length > 0)).toBe(true);
  });

  it("leaves field undefined for a root issue", () => {
    const [issue] = issuesFromZod("X", entitySchemas.segment.safeParse("not an object").error!);
    expect(issue).toMatchObject({ recordKey: "X", reason: "invalid" });
    expect(issue!.field).toBeUndefined();
  });
});

describe("formatRecordIssue", () => {
  it("prints record, field and message on one line", () => {
    expect(formatRecordIssue({ recordKey: "SKU-1", field: "variants.0.gtin", reason: "invalid", message: "has an invalid check digit" }))
      .toBe("SKU-1: variants.0.gtin has an invalid check digit");
  });

  it("omits a missing field", () => {
    expect(formatRecordIssue({ recordKey: "SKU-1", reason: "conflict", message: "already exists", vendorCode: "DUP" })).toBe("SKU-1: already exists");
  });
});

describe("ConnectorError.is across module copies", () => {
  it("recognises an error thrown by the CJS build where instanceof cannot", async () => {
    const { createRequire } = await import("node:module");
    // `pnpm test` builds before testing: dist/index.cjs is the copy a CommonJS consumer loads.
    const cjs = createRequire(import.meta.url)("../dist/index.cjs") as { ConnectorError: typeof ConnectorError };
    const foreign = new cjs.ConnectorError("rate_limited", "slow down", { retryAfterMs: 1000 });
    expect(foreign instanceof ConnectorError).toBe(false);
    expect(ConnectorError.is(foreign)).toBe(true);
    expect(isConnectorError(foreign)).toBe(true);
    expect(isRetryable(foreign)).toBe(true);
    expect(retryAfterMs(foreign)).toBe(1000);
  });

  it("rejects look-alikes without the brand", () => {
    const fake = Object.assign(new Error("x"), { name: "ConnectorError", reason: "invalid" });
    expect(ConnectorError.is(fake)).toBe(false);
    expect(ConnectorError.is(null)).toBe(false);
    expect(ConnectorError.is("ConnectorError")).toBe(false);
  });
});
