import { marketingOf, segmentsOf } from "../../marketing";
import type { DashboardContext } from "../context";
import { count, html, time, type Html } from "../html";

const MEMBERS_SHOWN = 500;

interface Rule {
  field: string;
  op: string;
  value?: unknown;
}

function definitions(ctx: DashboardContext): Array<{ key: string; name: string; purpose: string; rules: Rule[] }> {
  if (!ctx.config) return [];
  try {
    return marketingOf(ctx.config).segments as unknown as Array<{ key: string; name: string; purpose: string; rules: Rule[] }>;
  } catch {
    return [];
  }
}

function rules(rs: readonly Rule[] | undefined): string {
  if (!rs) return "(not in the config any more)";
  return rs.map((r) => `${r.field} ${r.op}${r.value === undefined || r.value === null ? "" : ` ${JSON.stringify(r.value)}`}`).join(" AND ") || "everyone";
}

/** Segments: definitions from the config, member counts and last computation from the state. */
export async function segmentsPage(ctx: DashboardContext): Promise<Html> {
  const statuses = await segmentsOf(ctx.store.repos).statuses();
  const defs = definitions(ctx);
  const keys = [...new Set([...defs.map((d) => d.key), ...statuses.map((s) => s.key)])];
  const rows = keys.map((key) => {
    const d = defs.find((x) => x.key === key);
    const s = statuses.find((x) => x.key === key);
    return html`<tr><th scope="row"><a href="/segments/${encodeURIComponent(key)}">${key}</a></th><td>${d?.name ?? s?.name ?? key}</td><td>${d?.purpose ?? s?.purpose ?? "?"}</td>
<td>${rules(d?.rules)}</td><td class="num">${s ? count(s.memberCount) : "–"}</td><td>${s?.asOf ?? "–"}</td><td>${s ? time(s.computedAt) : "never"}</td></tr>`;
  });
  return keys.length === 0 ? html`<p>No segments (add <code>segments:</code> to the config).</p>`
    : html`<table><thead><tr><th scope="col">segment</th><th scope="col">name</th><th scope="col">purpose</th><th scope="col">rules (all must hold)</th>
<th scope="col" class="num">members</th><th scope="col">as of</th><th scope="col">last computed</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** One segment: its definition and members (each a link to the record explorer). */
export async function segmentPage(ctx: DashboardContext, key: string): Promise<Html | undefined> {
  const d = definitions(ctx).find((x) => x.key === key);
  const s = (await segmentsOf(ctx.store.repos).statuses()).find((x) => x.key === key);
  if (!d && !s) return undefined;
  const members = await segmentsOf(ctx.store.repos).members(key);
  return html`<dl class="kv"><dt>name</dt><dd>${d?.name ?? s?.name}</dd><dt>purpose</dt><dd>${d?.purpose ?? s?.purpose}</dd>
<dt>rules</dt><dd>${rules(d?.rules)}</dd><dt>members</dt><dd>${count(members.length)}</dd><dt>last computed</dt><dd>${s ? `${time(s.computedAt)} as of ${s.asOf}` : "never"}</dd></dl>
<h2>Members</h2>
${members.length === 0 ? html`<p>No members.</p>` : html`<ul class="members">${members.slice(0, MEMBERS_SHOWN).map((m) => html`<li><a href="/records/customer/${encodeURIComponent(m)}">${m}</a></li>`)}</ul>`}
${members.length > MEMBERS_SHOWN ? html`<p class="muted">The first ${MEMBERS_SHOWN} of ${count(members.length)} (<code>omnibridge segments show ${key}</code> lists all).</p>` : ""}`;
}
