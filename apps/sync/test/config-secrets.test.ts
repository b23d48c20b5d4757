import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_ADAPTERS, createConnector } from "../src/compose";
import { ConfigError, loadConfig } from "../src/config";
import { inlineSecretLines, redactLine } from "../src/config/yaml-errors";
import { DEFAULT_EXTENSIONS } from "../src/extensions";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function loadError(yaml: string): Promise<ConfigError> {
  const dir = mkdtempSync(path.join(tmpdir(), "omnibridge-yaml-"));
  dirs.push(dir);
  const file = path.join(dir, "omnibridge.config.yaml");
  writeFileSync(file, yaml);
  try {
    await loadConfig(file, { knownAdapters: BUILTIN_ADAPTERS, extensions: DEFAULT_EXTENSIONS, env: {} });
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("a YAML syntax error never prints a token written inline (issue 18 #9)", () => {
  const TOKEN = "pat-na1-5e6f7a8b-1234-4cde-9abc-def012345678";

  it("redacts the offending line, keeps its key and position, and warns about inline secrets", async () => {
    const error = await loadError([
      "systems:",
      "  hubspot:",
      "    adapter: hubspot",
      `    settings: { token: ${TOKEN}: oops }`,
      "flows: []",
      "",
    ].join("\n"));
    const text = `${error.message}\n${error.problems.join("\n")}`;
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("5e6f7a8b");
    expect(error.problems[0]).toMatch(/^YAML: .*line 4, column \d+/);
    expect(error.problems).toContain("line 4: settings: [redacted]");
    expect(error.problems.at(-1)).toMatch(/^warning: credentials are written inline \(line 4\); inline secrets are discouraged/);
  });

  it("does not quote a token on another line the parser's excerpt would show", async () => {
    const error = await loadError(["systems:", "  odoo:", "    adapter: odoo", `    settings: { apiKey: "${TOKEN}`, "flows: []", ""].join("\n"));
    expect(`${error.message}`).not.toContain(TOKEN);
    expect(error.problems.some((p) => p.startsWith("warning: credentials are written inline (line 4)"))).toBe(true);
  });

  it("references to the environment are not inline secrets", () => {
    expect(inlineSecretLines([
      "token: ${HUBSPOT_TOKEN}", "apiKey: { env: ODOO_KEY }", 'password: ""', "# token: abc", "tokenUrl: https://x", "managementToken: CFPAT-abc",
    ].join("\n"))).toEqual([6]);
    expect(redactLine("    - token: abc")).toBe("    - token: [redacted]");
    expect(redactLine("  just-a-value")).toBe("  [redacted]");
  });
});

describe("credentials over plain http to another host (issue 18 #9)", () => {
  const odoo = (tls?: Record<string, unknown>) =>
    createConnector("odoo", { url: "http://erp.example.com:8069", database: "prod", username: "sync", apiKey: "odoo-api-key-123", ...(tls ? { tls } : {}) }, { system: "odoo" });

  it("are refused for a configured system unless its settings allow them explicitly", async () => {
    const refused = await odoo().then(() => undefined, (error: unknown) => error as Error);
    expect(refused?.message).toMatch(/systems\.odoo: .*refusing to send credentials over plain http:\/\/ to erp\.example\.com:8069.*allowInsecureHttp/);
    expect(refused?.message).not.toContain("odoo-api-key-123");
    const allowed = await odoo({ allowInsecureHttp: true });
    await allowed.close();
  });
});
