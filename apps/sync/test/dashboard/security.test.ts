import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard, type RunningDashboard } from "../../src/extensions/dashboard";
import { escapeHtml, html } from "../../src/extensions/dashboard/html";
import { redact, secretsOf } from "../../src/extensions/dashboard/pages/systems";

const TOKEN = "a-long-test-token-0123456789";

/** A GET that keeps the session cookie, and the CSRF token of the page's first form. */
async function session(base: string, headers: Record<string, string> = {}): Promise<{ cookie: string; csrf: string }> {
  const response = await fetch(new URL("/dead-letters?status=all", base), { headers });
  const cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  const body = await response.text();
  return { cookie, csrf: /<meta name="csrf-token" content="([^"]+)">/.exec(body)?.[1] ?? "" };
}

function post(base: string, pathname: string, fields: Record<string, string>, headers: Record<string, string>): Promise<Response> {
  return fetch(new URL(pathname, base), {
    method: "POST", redirect: "manual", body: new URLSearchParams(fields), headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  });
}

describe("dashboard security", () => {
  let dir: string;
  let open: RunningDashboard;
  let guarded: RunningDashboard;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "omnibridge-ui-security-"));
    const stateUrl = `sqlite:${path.join(dir, "state.db")}`;
    open = await startDashboard({ stateUrl, port: 0, token: "" });
    guarded = await startDashboard({ stateUrl, port: 0, token: TOKEN });
  });
  afterAll(async () => {
    await open?.close();
    await guarded?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("binds to 127.0.0.1 by default and refuses any other host without a token", async () => {
    expect(new URL(open.url).hostname).toBe("127.0.0.1");
    const saved = process.env.OMNIBRIDGE_UI_TOKEN;
    delete process.env.OMNIBRIDGE_UI_TOKEN;
    try {
      await expect(startDashboard({ stateUrl: `sqlite:${path.join(dir, "state.db")}`, port: 0, host: "0.0.0.0" })).rejects.toThrow(/OMNIBRIDGE_UI_TOKEN/);
    } finally {
      if (saved !== undefined) process.env.OMNIBRIDGE_UI_TOKEN = saved;
    }
  });

  it("answers loopback Host headers only (no DNS rebinding) and sends a strict CSP", async () => {
    // fetch() cannot set Host: a raw request can, as a rebound DNS name would.
    const evil = await new Promise<number>((resolve, reject) => {
      http.get(open.url, { headers: { host: "attacker.example" } }, (response) => { response.resume(); resolve(response.statusCode ?? 0); }).on("error", reject);
    });
    expect(evil).toBe(421);
    const ok = await fetch(open.url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(ok.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(ok.headers.get("set-cookie")).toMatch(/SameSite=Strict/i);
  });

  it("refuses a POST from another origin, without an origin, or without the session's CSRF token", async () => {
    const { cookie, csrf } = await session(open.url);
    const origin = new URL(open.url).origin;
    const action = { action: "acknowledge", id: "1" };
    expect((await post(open.url, "/dead-letters/action", { ...action, _csrf: csrf }, { cookie })).status).toBe(403);
    expect((await post(open.url, "/dead-letters/action", { ...action, _csrf: csrf }, { cookie, origin: "http://attacker.example" })).status).toBe(403);
    expect((await post(open.url, "/dead-letters/action", action, { cookie, origin })).status).toBe(403);
    expect((await post(open.url, "/dead-letters/action", { ...action, _csrf: `${csrf}x` }, { cookie, origin })).status).toBe(403);
    const other = await session(open.url);
    expect((await post(open.url, "/dead-letters/action", { ...action, _csrf: other.csrf }, { cookie, origin })).status).toBe(403);
    expect((await post(open.url, "/dead-letters/action", { ...action, _csrf: csrf }, { cookie, origin })).status).toBe(303);
  });

  it("with a token, asks for it before showing anything, and accepts it once per session or as a bearer header", async () => {
    const anonymous = await fetch(new URL("/runs", guarded.url));
    expect(anonymous.status).toBe(401);
    const body = await anonymous.text();
    expect(body).toContain('<label for="token">Access token</label>');
    expect(body).not.toContain("state.db");
    expect((await fetch(new URL("/runs", guarded.url), { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const { cookie, csrf } = await session(guarded.url);
    const origin = new URL(guarded.url).origin;
    const wrong = await post(guarded.url, "/login", { token: "not-the-token-at-all", _csrf: csrf }, { cookie, origin });
    expect(wrong.status).toBe(401);
    const right = await post(guarded.url, "/login", { token: TOKEN, _csrf: csrf }, { cookie, origin });
    expect(right.status).toBe(303);
    expect((await fetch(new URL("/runs", guarded.url), { headers: { cookie } })).status).toBe(200);
  });

  it("escapes every interpolated value; secrets are found in settings and redacted from messages", () => {
    expect(html`<p title="${'"><script>'}">${"<img onerror=x>"}</p>`.value).toBe('<p title="&quot;&gt;&lt;script&gt;">&lt;img onerror=x&gt;</p>');
    expect(escapeHtml("a&b'`")).toBe("a&amp;b&#39;&#96;");
    const settings = { url: "https://erp.example", database: "prod", username: "sync", password: "s3cret-pass", apiKey: "k-123456", tls: { ca: "PEM" } };
    expect(secretsOf(settings).sort()).toEqual(["k-123456", "s3cret-pass"]);
    expect(redact("login failed for s3cret-pass", secretsOf(settings))).toBe("login failed for •••");
  });
});
