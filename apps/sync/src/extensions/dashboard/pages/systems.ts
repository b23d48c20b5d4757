import type { DashboardContext } from "../context";
import { html, time, type Html } from "../html";
import { badge, csrfField } from "../layout";

const SECRET_KEY = /secret|token|password|passwd|pass$|apikey|api_key|key$|credential|auth|cookie|session|private/i;
const URL_KEY = /(url|endpoint|host|server)$/i;

/** Every secret-looking string in settings (to redact from any message shown). */
export function secretsOf(settings: unknown, out: string[] = [], key = ""): string[] {
  if (typeof settings === "string") {
    if (SECRET_KEY.test(key) && settings.length >= 4) out.push(settings);
  } else if (Array.isArray(settings)) settings.forEach((v) => secretsOf(v, out, key));
  else if (settings && typeof settings === "object") for (const [k, v] of Object.entries(settings)) secretsOf(v, out, k);
  return out;
}

/** Replace every secret in a text. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => t.split(s).join("•••"), text);
}

/** Where a system is, without user info, path secrets or query. */
function endpoint(settings: Record<string, unknown>): string {
  for (const [k, v] of Object.entries(settings)) {
    if (!URL_KEY.test(k) || typeof v !== "string") continue;
    try {
      const u = new URL(v);
      return `${u.protocol}//${u.host}`;
    } catch {
      return "(not a URL)";
    }
  }
  return "–";
}

/** TLS and transport settings (`tls` in every adapter's settings), without certificate contents. */
function tls(settings: Record<string, unknown>): Html {
  const t = (settings.tls ?? {}) as Record<string, unknown>;
  const items: string[] = [t.rejectUnauthorized === false ? "certificate verification OFF" : "certificates verified"];
  if (typeof t.ca === "string") items.push("private CA configured");
  if (t.allowInsecureHttp === true) items.push("plain http allowed");
  for (const k of ["totalTimeoutMs", "maxResponseBytes", "maxRequestBytes"]) if (typeof t[k] === "number") items.push(`${k} ${String(t[k])}`);
  return html`${items.join("; ")}`;
}

/** Systems: adapter, role, endpoint, TLS settings and `check()` results. Settings are never shown, only these facts. */
export async function systemsPage(ctx: DashboardContext, csrf: string, refresh: boolean): Promise<Html> {
  if (!ctx.config || !ctx.checks) return html`<p>The systems come from the config: start <code>omnibridge ui</code> with <code>--config</code>.</p>`;
  const [results, roles] = await Promise.all([ctx.checks.results(refresh), ctx.checks.roles()]);
  const rows = Object.entries(ctx.config.systems).map(([system, entry]) => {
    const check = results.find((r) => r.system === system);
    const secrets = secretsOf(entry.settings);
    return html`<tr><th scope="row">${system}</th><td>${entry.adapter}</td><td>${roles[system] ?? "?"}</td><td><code>${endpoint(entry.settings)}</code></td>
<td>${endpoint(entry.settings) === "–" && !entry.settings.tls ? "–" : tls(entry.settings)}</td><td>${check ? badge(check.result.ok ? "ok" : "failed") : "–"}</td><td class="num">${check ? `${Math.round(check.result.latencyMs)} ms` : ""}</td>
<td>${check ? redact(check.result.message, secrets) : ""}</td><td>${check ? time(check.checkedAt) : ""}</td></tr>`;
  });
  return html`<form method="post" action="/systems/check">${csrfField(csrf)}<div class="actions"><button type="submit">Check again</button></div></form>
<table><thead><tr><th scope="col">system</th><th scope="col">adapter</th><th scope="col">role</th><th scope="col">endpoint</th><th scope="col">TLS</th>
<th scope="col">check</th><th scope="col" class="num">latency</th><th scope="col">message</th><th scope="col">checked</th></tr></thead><tbody>${rows}</tbody></table>
<p class="muted">Credentials are never shown; check messages are cleared of any configured secret.</p>`;
}
