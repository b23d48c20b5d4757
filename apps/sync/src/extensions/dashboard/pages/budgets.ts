import { barChart } from "../chart";
import type { DashboardContext } from "../context";
import { count, html, time, type Html } from "../html";

const HOURS = 6;

/** Rate budgets: requests per minute per vendor account (system), retries and 429 answers, as recorded with each page. */
export async function budgetsPage(ctx: DashboardContext): Promise<Html> {
  const latest = (await ctx.runs.recent(1))[0];
  const since = new Date(Date.parse(latest?.startedAt ?? new Date().toISOString()) - HOURS * 3_600_000).toISOString();
  const windows = await ctx.runs.requestWindows(since);
  const systems = [...new Set(windows.map((w) => w.system))].sort();
  const summary = systems.map((system) => {
    const mine = windows.filter((w) => w.system === system);
    const total = (k: "requests" | "retries" | "rateLimited") => mine.reduce((n, w) => n + w[k], 0);
    const peak = mine.reduce((best, w) => (w.requests > best.requests ? w : best), mine[0]!);
    return html`<tr><th scope="row">${system}</th><td class="num">${count(total("requests"))}</td><td class="num">${count(peak.requests)}</td><td>${time(peak.windowStart)}</td>
<td class="num">${count(total("retries"))}</td><td class="num">${count(total("rateLimited"))}</td><td class="num">${count(mine.length)}</td></tr>`;
  });
  const charts = systems.map((system) => barChart({
    id: `chart-requests-${system.replace(/[^a-z0-9-]/gi, "-")}`, title: `${system}: requests per minute`, unit: "requests",
    bars: windows.filter((w) => w.system === system).map((w) => ({ label: w.windowStart.slice(11, 16), value: w.requests, detail: `${w.rateLimited} × 429` })),
  }));
  return html`<p class="muted">One rate budget per vendor account (system), shared by every flow that calls it. Recorded with each page of a run; the ${HOURS} hours up to the latest run.</p>
${systems.length === 0 ? html`<p>No requests recorded yet (they are recorded from the first run with the dashboard extension on).</p>`
    : html`<table><thead><tr><th scope="col">system</th><th scope="col" class="num">requests</th><th scope="col" class="num">peak per minute</th><th scope="col">peak at</th>
<th scope="col" class="num">retries</th><th scope="col" class="num">429 answers</th><th scope="col" class="num">active minutes</th></tr></thead><tbody>${summary}</tbody></table>
<div class="charts">${charts}</div>`}`;
}
