import { extensionsOf } from "../../../engine/extension";
import { barChart } from "../chart";
import type { DashboardContext } from "../context";
import { count, duration, html, time, type Html } from "../html";
import { badge } from "../layout";

/** Records per second of a flow's run, or a dash. */
export function throughput(read: number, durationMs: number): string {
  return durationMs > 0 && read > 0 ? `${count(Math.round((read / durationMs) * 1000))}/s` : "–";
}

/** The overview: what runs, how it went last time, what is failing. */
export async function overviewPage(ctx: DashboardContext): Promise<Html> {
  const [last, recent, facets, running, golden] = await Promise.all([
    ctx.runs.lastPerFlow(), ctx.runs.recent(30), ctx.records.openFacets(), ctx.runs.running(), ctx.store.repos.golden.counts(),
  ]);
  const lastByFlow = new Map(last.map((f) => [f.flow, f]));
  const configured = ctx.config?.flows ?? [];
  const names = [...configured.map((f) => f.name), ...last.map((f) => f.flow).filter((n) => !configured.some((f) => f.name === n))];
  const steps = new Set(ctx.config ? extensionsOf(ctx.config).flatMap((e) => (e.steps ?? []).map((s) => s.name)) : []);
  const openLetters = facets.reduce((n, f) => n + f.n, 0);
  const failures = new Map<string, number>();
  for (const f of facets) failures.set(f.flow, (failures.get(f.flow) ?? 0) + f.n);
  const perRun = [...recent].reverse().filter((r) => !r.dryRun).map((r) => ({
    label: `#${r.id}`, value: r.runFlows.reduce((n, f) => n + f.written, 0), detail: time(r.startedAt),
  }));
  const rows = names.map((name) => {
    const flow = configured.find((f) => f.name === name);
    const l = lastByFlow.get(name);
    return html`<tr><th scope="row">${name}</th>
<td>${flow ? `${flow.source.system} ${flow.source.entity} → ${flow.targets.map((t) => t.system).join(", ") || "golden records only"}`
    : steps.has(name) ? "extension step (once per run)" : "(not in the config)"}</td>
<td>${flow?.schedule ?? scheduleOf(ctx, name) ?? "manual"}</td>
<td>${l ? html`<a href="/runs/${l.runId}">#${l.runId}</a> ${time(l.startedAt)}` : "never"}</td>
<td>${l ? badge(l.status) : ""}</td>
<td class="num">${l ? count(l.read) : "–"}</td><td class="num">${l ? count(l.written) : "–"}</td>
<td class="num">${l ? count(l.failed) : "–"}</td><td class="num">${count(failures.get(name) ?? 0)}</td>
<td class="num">${l ? duration(l.durationMs) : "–"}</td><td class="num">${l ? throughput(l.read, l.durationMs) : "–"}</td></tr>`;
  });
  const records = Object.values(golden).reduce((n, v) => n + v, 0);
  return html`${running ? html`<p class="notice" role="status">Run <a href="/runs/${running.id}">#${running.id}</a> is running since ${time(running.startedAt)}: follow its progress live.</p>` : ""}
<div class="cards">
<div class="card"><span class="n">${count(names.length)}</span> flows</div>
<div class="card"><span class="n">${count(records)}</span> golden records</div>
<div class="card"><span class="n">${count(openLetters)}</span> <a href="/dead-letters">open dead letters</a></div>
<div class="card"><span class="n">${recent[0] ? html`<a href="/runs/${recent[0].id}">#${recent[0].id}</a>` : "–"}</span> last run ${recent[0] ? badge(recent[0].status) : ""}</div>
</div>
<h2>Flows</h2>
<table><thead><tr><th scope="col">flow</th><th scope="col">from → to</th><th scope="col">schedule</th><th scope="col">last run</th><th scope="col">status</th>
<th scope="col" class="num">read</th><th scope="col" class="num">written</th><th scope="col" class="num">failed</th><th scope="col" class="num">open letters</th>
<th scope="col" class="num">duration</th><th scope="col" class="num">throughput</th></tr></thead>
<tbody>${rows}</tbody></table>
<div class="charts">
${barChart({ id: "chart-written", title: "Records written per run", unit: "records written", bars: perRun })}
${barChart({ id: "chart-failures", title: "Open dead letters per flow", unit: "failures", tone: "danger", bars: [...failures].map(([label, value]) => ({ label, value })) })}
</div>`;
}

function scheduleOf(ctx: DashboardContext, flow: string): string | undefined {
  const s = ctx.config?.schedules.find((x) => x.flows.includes(flow) || x.flows.includes("all"));
  return s?.cron;
}
