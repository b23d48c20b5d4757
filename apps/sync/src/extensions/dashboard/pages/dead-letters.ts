import type { DashboardContext } from "../context";
import { count, html, time, type Html } from "../html";
import { badge, csrfField } from "../layout";
import type { LetterFilter } from "../read-records";

function select(name: string, label: string, values: readonly string[], current: string | undefined, any = "any"): Html {
  return html`<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}"><option value="">${any}</option>
${values.map((v) => html`<option value="${v}"${v === current ? html` selected` : ""}>${v}</option>`)}</select></div>`;
}

/** Dead letters: filter by flow, system and reason; replay one, replay the selected ones, or acknowledge them. */
export async function deadLettersPage(ctx: DashboardContext, filter: LetterFilter, csrf: string): Promise<Html> {
  const [letters, facets] = await Promise.all([ctx.records.letters(filter), ctx.records.openFacets()]);
  const distinct = (k: "flow" | "system" | "reason") => [...new Set(facets.map((f) => f[k]))].sort();
  const canReplay = ctx.config !== undefined;
  const rows = letters.map((l) => html`<tr>
<td>${l.status === "open" ? html`<input type="checkbox" name="id" value="${l.id}" aria-label="Select dead letter ${l.id}">` : ""}</td>
<th scope="row">${l.id}</th><td>${l.flow}</td><td>${l.system} <span class="muted">(${l.stage})</span></td>
<td><a href="/records/${encodeURIComponent(l.entity)}/${encodeURIComponent(l.recordKey)}">${l.entity} ${l.recordKey}</a></td>
<td>${l.field ?? "–"}</td><td>${l.reason}${l.vendorCode ? ` (${l.vendorCode})` : ""}</td>
<td>${l.message}${l.payload ? html`<details><summary>record</summary><pre>${prettyJson(l.payload)}</pre></details>` : ""}</td>
<td class="num">${l.attempts}</td><td>${time(l.updatedAt)}</td><td>${badge(l.status)}</td>
<td>${l.status === "open" && canReplay ? html`<button type="submit" name="one" value="${l.id}" class="secondary" aria-label="Replay dead letter ${l.id}">Replay</button>` : ""}</td></tr>`);
  return html`<form class="filters" method="get" action="/dead-letters" aria-label="Filter dead letters">
${select("flow", "Flow", distinct("flow"), filter.flow)}${select("system", "System", distinct("system"), filter.system)}
${select("reason", "Reason", distinct("reason"), filter.reason)}
<div><label for="f-status">Status</label><select id="f-status" name="status">${(["open", "resolved", "all"] as const).map((s) => html`<option value="${s}"${s === filter.status ? html` selected` : ""}>${s}</option>`)}</select></div>
<div><button type="submit">Filter</button></div></form>
<p class="muted">${count(facets.reduce((n, f) => n + f.n, 0))} open in all; showing ${count(letters.length)}${letters.length === filter.limit ? ` (the newest ${filter.limit})` : ""}.
Replay retries rejected writes from the current golden record and re-reads invalid source records (so a fix at the source is picked up); acknowledge closes a letter without retrying.</p>
${letters.length === 0 ? html`<p>No dead letters match.</p>` : html`<form method="post" action="/dead-letters/action">${csrfField(csrf)}
<p id="select-all-wrap" hidden><label class="inline"><input type="checkbox" id="select-all"> Select every open letter shown</label></p>
<div class="actions">${canReplay ? html`<button type="submit" name="action" value="replay">Replay selected</button>` : ""}
<button type="submit" name="action" value="acknowledge" class="secondary">Acknowledge selected</button></div>
<table><thead><tr><th scope="col"><span class="visually-hidden">select</span></th><th scope="col">id</th><th scope="col">flow</th><th scope="col">system</th><th scope="col">record</th>
<th scope="col">field</th><th scope="col">reason</th><th scope="col">message</th><th scope="col" class="num">attempts</th><th scope="col">last</th><th scope="col">status</th><th scope="col">action</th></tr></thead>
<tbody>${rows}</tbody></table></form>`}
${canReplay ? "" : html`<p class="muted">Replay needs the config (start <code>omnibridge ui</code> with <code>--config</code>).</p>`}`;
}

/** Stored JSON, indented for reading (shown escaped). */
export function prettyJson(text: unknown): string {
  try {
    return JSON.stringify(typeof text === "string" ? JSON.parse(text) : text, null, 2);
  } catch {
    return String(text);
  }
}
