import type { DashboardContext } from "../context";
import { count, duration, html, time, type Html } from "../html";
import { badge } from "../layout";
import type { FlowProgress, RunWithFlows } from "../read-runs";
import { throughput } from "./overview";

const PAGE = 25;

function runDuration(run: RunWithFlows): string {
  if (!run.finishedAt) return "running";
  return duration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
}

/** The run history: one row per run, its flows' counts and errors. */
export async function runsPage(ctx: DashboardContext, before: number | undefined): Promise<Html> {
  const runs = await ctx.runs.recent(PAGE, before);
  const rows = runs.map((run) => {
    const sum = (k: "read" | "written" | "failed") => run.runFlows.reduce((n, f) => n + f[k], 0);
    return html`<tr><th scope="row"><a href="/runs/${run.id}">#${run.id}</a></th><td>${time(run.startedAt)}</td><td>${badge(run.status)}${run.dryRun ? " (dry run)" : ""}${run.full ? " (full)" : ""}</td>
<td>${run.flows.join(", ")}</td><td class="num">${count(sum("read"))}</td><td class="num">${count(sum("written"))}</td><td class="num">${count(sum("failed"))}</td>
<td class="num">${runDuration(run)}</td><td class="error-text">${run.message ?? ""}</td></tr>`;
  });
  const older = runs.length === PAGE ? runs[runs.length - 1]!.id : undefined;
  return html`<table><thead><tr><th scope="col">run</th><th scope="col">started</th><th scope="col">status</th><th scope="col">flows</th>
<th scope="col" class="num">read</th><th scope="col" class="num">written</th><th scope="col" class="num">failed</th><th scope="col" class="num">duration</th><th scope="col">errors</th></tr></thead>
<tbody>${rows}</tbody></table>
${runs.length === 0 ? html`<p>No runs yet: <code>omnibridge run</code>.</p>` : ""}
${older ? html`<p><a href="/runs?before=${older}">Older runs</a></p>` : ""}`;
}

/** Live rows of a running run: progress saved with each page, against what the flow read last time. */
function liveTable(run: RunWithFlows, progress: FlowProgress[], expected: Record<string, number>): Html {
  const rows = run.flows.map((flow) => {
    const p = progress.find((x) => x.flow === flow);
    const done = run.runFlows.find((f) => f.flow === flow);
    const max = expected[flow];
    return html`<tr data-flow="${flow}"><th scope="row">${flow}</th><td data-field="status">${done ? badge(done.status) : p ? "running" : "waiting"}</td>
<td class="num" data-field="pages">${p?.pages ?? 0}</td><td class="num" data-field="read">${p?.read ?? 0}</td>
<td>${max ? html`<progress max="${max}" value="${Math.min(p?.read ?? 0, max)}" aria-label="${flow}: records read of about ${max}"></progress>` : ""}</td>
<td class="num" data-field="changed">${p?.changed ?? 0}</td><td class="num" data-field="written">${p?.written ?? 0}</td>
<td class="num" data-field="skipped">${p?.skipped ?? 0}</td><td class="num" data-field="failed">${p?.failed ?? 0}</td></tr>`;
  });
  return html`<section data-live-run="${run.id}" aria-labelledby="live-heading"><h2 id="live-heading">Progress</h2>
<p id="live-status" class="muted" aria-live="polite">Saved with every page; this page follows it live.</p>
<table><thead><tr><th scope="col">flow</th><th scope="col">status</th><th scope="col" class="num">pages</th><th scope="col" class="num">read</th>
<th scope="col">progress</th><th scope="col" class="num">changed</th><th scope="col" class="num">written</th><th scope="col" class="num">skipped</th><th scope="col" class="num">failed</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

/** One run: its flows with counts, duration, throughput and errors; live progress while it runs. */
export async function runPage(ctx: DashboardContext, run: RunWithFlows): Promise<Html> {
  const live = run.status === "running" ? liveTable(run, await ctx.runs.progress(run.id), await ctx.runs.expectedReads(run.id)) : "";
  const rows = run.runFlows.map((f) => html`<tr><th scope="row">${f.flow}</th><td>${badge(f.status)}</td>
<td class="num">${count(f.read)}</td><td class="num">${count(f.changed)}</td><td class="num">${count(f.written)}</td><td class="num">${count(f.skipped)}</td>
<td class="num">${count(f.failed)}</td><td class="num">${count(f.archived)}</td><td class="num">${count(f.requests)}</td><td class="num">${count(f.retries)}</td>
<td class="num">${duration(f.durationMs)}</td><td class="num">${throughput(f.read, f.durationMs)}</td><td class="error-text">${f.error ?? ""}</td></tr>`);
  return html`<dl class="kv"><dt>status</dt><dd>${badge(run.status)}${run.dryRun ? " dry run" : ""}${run.full ? " full" : ""}</dd>
<dt>started</dt><dd>${time(run.startedAt)}</dd><dt>finished</dt><dd>${time(run.finishedAt)}</dd><dt>duration</dt><dd>${runDuration(run)}</dd>
<dt>exit code</dt><dd>${run.exitCode ?? "–"}</dd>${run.message ? html`<dt>errors</dt><dd class="error-text">${run.message}</dd>` : ""}</dl>
${live}
<h2>Flows</h2>
${run.runFlows.length === 0 ? html`<p class="muted">No flow has finished yet.</p>` : html`<table><thead><tr><th scope="col">flow</th><th scope="col">status</th>
<th scope="col" class="num">read</th><th scope="col" class="num">changed</th><th scope="col" class="num">written</th><th scope="col" class="num">skipped</th>
<th scope="col" class="num">failed</th><th scope="col" class="num">archived</th><th scope="col" class="num">requests</th><th scope="col" class="num">retries</th>
<th scope="col" class="num">duration</th><th scope="col" class="num">throughput</th><th scope="col">error</th></tr></thead><tbody>${rows}</tbody></table>`}
<p><a href="/dead-letters">Dead letters</a> · <a href="/runs">All runs</a></p>`;
}
