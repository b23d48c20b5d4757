import { ownerOf, type EntityKind } from "@omnibridge/core-model";
import type { DashboardContext } from "../context";
import { html, time, type Html } from "../html";
import { badge } from "../layout";
import type { RecordView } from "../read-records";
import { prettyJson } from "./dead-letters";

const SHORT = 160;

function searchForm(q: string): Html {
  return html`<form class="filters" method="get" action="/records" role="search" aria-label="Find a record">
<div><label for="q">Canonical key or any system's id</label><input id="q" name="q" value="${q}" size="40" required></div>
<div><button type="submit">Find</button></div></form>`;
}

/** A value for a table cell: JSON, cut after a few characters with the whole value one click away (always escaped). */
function value(v: unknown): Html {
  const text = typeof v === "string" ? v : JSON.stringify(v ?? null);
  if (text.length <= SHORT) return html`<code>${text}</code>`;
  return html`<details><summary><code>${text.slice(0, SHORT)}…</code></summary><pre>${prettyJson(v)}</pre></details>`;
}

/** The search page (and its results when there is more than one match). */
export function searchPage(q: string, matches: Array<{ entity: string; key: string; via: string }>): Html {
  return html`${searchForm(q)}
${q ? (matches.length === 0 ? html`<p>No record has the key or id <code>${q}</code>.</p>`
    : html`<h2>${matches.length} records</h2><ul>${matches.map((m) => html`<li><a href="/records/${encodeURIComponent(m.entity)}/${encodeURIComponent(m.key)}">${m.entity} ${m.key}</a> <span class="muted">(by ${m.via})</span></li>`)}</ul>`)
    : html`<p class="muted">Every field of a golden record with the system that owns it, who set its value and when, its ids in every system, what was last written to each target, and replaced values.</p>`}`;
}

/** One golden record: fields with owner and setter, ids, projections per target, history, dead letters. */
export function recordPage(ctx: DashboardContext, record: RecordView, roles: Record<string, string>): Html {
  const systemsOf = (role: string) => Object.entries(roles).filter(([, r]) => r === role).map(([s]) => s);
  const fields = Object.entries(record.fields).sort(([a], [b]) => a.localeCompare(b)).map(([name, f]) => {
    const owner = ownerOf(record.entity as EntityKind, name, ctx.config?.ownership);
    const owners = systemsOf(owner);
    return html`<tr data-field="${name}"><th scope="row">${name}</th><td>${value(f.value)}</td>
<td data-owner>${owner}${owners.length ? ` (${owners.join(", ")})` : ""}</td><td data-setter>${f.source}${f.owned ? "" : html` <span class="muted">(provisional)</span>`}</td><td>${time(f.at)}</td></tr>`;
  });
  const ids = record.ids.map((i) => html`<tr><th scope="row">${i.system}</th><td><code>${i.externalId}</code></td><td>${time(i.updatedAt)}</td></tr>`);
  const projections = record.projections.map((p) => html`<tr><th scope="row">${p.system}</th><td>${p.archivedAt ? html`archived ${time(p.archivedAt)}` : "live"}</td>
<td>${time(p.writtenAt)}</td><td><code>${p.hash.slice(0, 12)}</code></td><td><details><summary>last write</summary><pre>${prettyJson(p.body)}</pre></details></td></tr>`);
  const history = record.history.map((h) => html`<tr><th scope="row">${h.field}</th><td>${value(h.oldValue)}</td><td>${h.oldSource} at ${time(h.oldAt)}</td>
<td>${h.newSource} at ${time(h.newAt)}</td><td><a href="/runs/${h.runId}">#${h.runId}</a></td></tr>`);
  const letters = record.letters.map((l) => html`<tr><th scope="row"><a href="/dead-letters?flow=${encodeURIComponent(l.flow)}&amp;status=all">${l.id}</a></th><td>${l.flow}</td><td>${l.system}</td><td>${l.field ?? "–"}</td><td>${l.reason}: ${l.message}</td><td>${badge(l.status)}</td></tr>`);
  return html`${searchForm(record.key)}
<dl class="kv"><dt>entity</dt><dd>${record.entity}</dd><dt>key</dt><dd><code>${record.key}</code></dd><dt>updated</dt><dd>${time(record.updatedAt)}</dd>
${record.deletedAt ? html`<dt>deleted</dt><dd>${time(record.deletedAt)} (tombstone)</dd>` : ""}</dl>
<h2 id="fields">Fields</h2>
<table aria-labelledby="fields"><thead><tr><th scope="col">field</th><th scope="col">value</th><th scope="col">owner</th><th scope="col">set by</th><th scope="col">when</th></tr></thead><tbody>${fields}</tbody></table>
<h2 id="ids">Ids in every system</h2>
${ids.length ? html`<table aria-labelledby="ids"><thead><tr><th scope="col">system</th><th scope="col">id</th><th scope="col">recorded</th></tr></thead><tbody>${ids}</tbody></table>` : html`<p class="muted">No system id recorded.</p>`}
<h2 id="projections">Projections per target</h2>
${projections.length ? html`<table aria-labelledby="projections"><thead><tr><th scope="col">target</th><th scope="col">state</th><th scope="col">last write</th><th scope="col">hash</th><th scope="col">written</th></tr></thead><tbody>${projections}</tbody></table>` : html`<p class="muted">Not written to any target.</p>`}
<h2 id="history">Field history</h2>
${history.length ? html`<table aria-labelledby="history"><thead><tr><th scope="col">field</th><th scope="col">previous value</th><th scope="col">previously set by</th><th scope="col">replaced by</th><th scope="col">run</th></tr></thead><tbody>${history}</tbody></table>`
    : html`<p class="muted">No value replaced since the dashboard began recording (the current setter and time are in the fields table).</p>`}
${letters.length ? html`<h2 id="letters">Dead letters</h2><table aria-labelledby="letters"><thead><tr><th scope="col">id</th><th scope="col">flow</th><th scope="col">system</th><th scope="col">field</th><th scope="col">problem</th><th scope="col">status</th></tr></thead><tbody>${letters}</tbody></table>` : ""}`;
}
