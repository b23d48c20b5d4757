import { describeMachine, type MachineInfo } from "../shared/machine";
import { mdTable } from "../shared/report-files";
import type { FlowRun } from "./flow-runs";
import type { MedusaBenchResult, MedusaFigure } from "./medusa-bench";
import type { ScaleResult } from "./run-scale";
import type { ShopBenchResult, ShopTargetFigure } from "./shop-bench";

const n = (value: number, digits = 0) => value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const x = (value: number) => `${n(value, value < 10 ? 2 : 1)}×`;
const pct = (value: number) => `${n(value * 100, 1)} %`;
const cpuPer1k = (run: FlowRun, startupMs: number) => {
  if (!run.usage || run.counts.read <= 0) return 0;
  const cpuMs = Math.max(0, (run.usage.userCpuUs + run.usage.systemCpuUs) / 1000 - startupMs);
  return (cpuMs / run.counts.read) * 1000;
};

function fullTable(s: ScaleResult): string {
  return mdTable(["flow", "read", "written", "time (s)", "read/s", "requests", "peak RSS (MiB)", "sync CPU ms / 1k read (start-up subtracted)"], s.full.map((r) => [
    r.flow, n(r.counts.read), n(r.counts.written), n(r.counts.durationMs / 1000, 2), n(r.counts.read / (r.counts.durationMs / 1000)),
    n(r.counts.requests), n((r.usage?.maxRssKb ?? 0) / 1024), n(cpuPer1k(r, s.startupCpuMs)),
  ]));
}

function incrementalTable(s: ScaleResult): string {
  return mdTable(["flow", "time (s)", "vs full", "requests", "vs full", "written", "full written"], s.ratios.map((r) => [
    r.flow, n(r.incrementalMs / 1000, 2), pct(r.timeRatio), n(r.incrementalRequests), pct(r.requestRatio),
    n(r.incrementalWritten), n(r.fullWritten),
  ]));
}

function baselineTable(s: ScaleResult): string {
  const sync = s.full.find((r) => r.flow === "customers")!;
  const inc = s.incremental.find((r) => r.flow === "customers")!;
  const syncReq = sync.served.odoo + sync.served.hubspot;
  const syncPerRecMs = sync.counts.durationMs / Math.max(1, sync.counts.written);
  const syncReqPerRec = syncReq / Math.max(1, sync.counts.written);
  const syncRecordsPerSecond = sync.counts.written / (sync.counts.durationMs / 1000);
  const rows = s.baseline.map((b) => {
    const perRecMs = b.wallMs / Math.max(1, b.written);
    const reqPerRec = (b.odooRequests + b.hubspotRequests) / Math.max(1, b.written);
    return [`integrator script, ${b.mode}`, n(b.written), n(b.wallMs / 1000, 1), n(b.odooRequests + b.hubspotRequests), n(b.recordsPerSecond, 1),
      x(perRecMs / syncPerRecMs), x(reqPerRec / syncReqPerRec), x(syncRecordsPerSecond / b.recordsPerSecond)];
  });
  return mdTable(["run", "records", "time (s)", "requests", "records/s", "time per record vs sync", "requests per record vs sync", "sync speed-up"], [
    ["omnibridge `customers` flow (full)", n(sync.counts.written), n(sync.counts.durationMs / 1000, 2), n(syncReq), n(sync.counts.written / (sync.counts.durationMs / 1000)), "1×", "1×", "1×"],
    ["omnibridge `customers` flow (incremental, 1 %)", n(inc.counts.written), n(inc.counts.durationMs / 1000, 2), n(inc.served.odoo + inc.served.hubspot), "–", "–", "–", "–"],
    ...rows,
  ]);
}

function shopRows(figures: readonly ShopTargetFigure[]): string {
  return mdTable(["flow", "target", "read", "written", "failed", "max batch", "minimum requests", "shop requests", "vs minimum", "429s", "source requests",
    "time (s)", "ceiling rec/s", "achieved rec/s", "of ceiling"], figures.map((f) => [
    f.flow, f.target, n(f.read), n(f.written), n(f.failed), f.maxBatch, n(f.minimum), n(f.targetRequests), f.minimum ? x(f.requestRatio) : "–", n(f.rateLimited),
    n(f.sourceRequests), n(f.seconds, 2), n(f.ceilingPerSecond), f.written ? n(f.achievedPerSecond) : "–", f.written ? pct(f.fraction) : "–"]));
}

function shopSection(shop: ShopBenchResult): string {
  const limit = `${shop.rateLimit.limit} requests / ${shop.rateLimit.windowMs / 1000} s`;
  return [
    "### Shop targets: Shopware 6 (emulator) behind an assumed Admin API limit", "",
    `Shopware documents no Admin API rate limit (its SaaS limits only \`POST /api/oauth/token\`, 10 / min per IP). Assumed: a reverse proxy in front of the shop ` +
      `(nginx \`limit_req\`, ${limit}, sliding, 429 with \`Retry-After\`), the same sustained rate the bench holds HubSpot to; \`--shop-rate <n>\` changes it. ` +
      "Ceiling = limit × the connector's batch (`_action/sync`, `batchSize` default 100, up to 500). Shop requests include the token, the product-number lookup " +
      `of each batch, 429s and retries. The shop starts empty; prices are both retail lists and the B2B group's tiered list (advanced prices per rule; ` +
      `customer-specific contract prices left out by a filter: Shopware core has no per-customer price). Sources: Akeneo at its 100 / s, Odoo unlimited. ` +
      `Tokens issued: ${n(shop.tokensIssued)} (one per CLI process). Products in the shop after the full sync: ${n(shop.shopProducts)} rows (parents + variants).`,
    "", "Full sync (each flow its own `omnibridge run <flow>` process):", "", shopRows(shop.full),
    "", `Incremental run after 1 % of the world changed (${n(shop.mutated)} records):`, "", shopRows(shop.incremental), "",
  ].join("\n");
}

function scaleSection(s: ScaleResult): string {
  return [
    `## Scale ${s.scale.label}: ${n(s.worldRecords)} world records (${n(s.scale.products)} products, ${n(s.counts.customers ?? 0)} customers, ${n(s.counts.orders ?? 0)} orders, ${n(s.counts.prices ?? 0)} prices, ${n(s.counts.stockLevels ?? 0)} stock levels)`,
    "", `Emulators seeded in ${n(s.seedSeconds, 1)} s. Limits: HubSpot 100 / 10 s (burst) + 5 searches / s, Akeneo 100 / s, Odoo none. Each flow ran in its own \`omnibridge run <flow>\` process (state: SQLite).`,
    "", "### Full sync", "", fullTable(s), "",
    `Peak RSS of the sync process: **${n(s.peakRssMiB)} MiB**. CPU of a bare CLI start (subtracted above): ${n(s.startupCpuMs)} ms.`,
    "", `### Incremental run after 1 % of the world changed (${n(s.mutated)} records)`, "", incrementalTable(s),
    "", "### Requests vs the minimum the target's batch limit allows", "",
    mdTable(["flow", "target", "written", "max batch", "minimum", "actual", "ratio"], s.efficiency.map((e) => [e.flow, e.target, n(e.written), e.maxBatch, n(e.minimum), n(e.actual), x(e.ratio)])),
    "", "### Throughput vs the rate-limit ceiling (limit × batch size)", "",
    mdTable(["flow", "target", "page size", "rate limit", "batch", "ceiling rec/s", "written", "time (s)", "achieved rec/s", "of ceiling", "target requests", "retries"], s.throughput.map((t) => [
      t.flow, t.target, t.pageSize, t.rateLimit, t.maxBatch, n(t.ceilingPerSecond), n(t.written), n(t.seconds, 2),
      n(t.achievedPerSecond), pct(t.fraction), n(t.targetRequests), n(t.retries)])),
    "", "### CPU per 1k records (child process reading through the connector; read = HTTP + JSON + raw schema + mapping)", "",
    mdTable(["system", "entity", "records", "read+map ms", "validate ms", "hash ms", "total ms / 1k"], s.cpu.map((c) => [c.system, c.entity, n(c.records), n(c.readMsPer1k, 1), n(c.validateMsPer1k, 1), n(c.hashMsPer1k, 1), n(c.totalMsPer1k, 1)])),
    "", "### Baseline: Odoo JSON-RPC `search_read` loop → `@hubspot/api-client` upserts (same world, same emulators, same limits)", "", baselineTable(s), "",
    ...(s.shop ? [shopSection(s.shop)] : []),
  ].join("\n");
}

function medusaSection(m: MedusaBenchResult): string {
  if (!m.ok) return ["## Shop targets: Medusa (real server)", "", `Not measured: ${m.reason}`, ""].join("\n");
  const rows = (figures: readonly MedusaFigure[]) => mdTable(
    ["entity", "records", "written", "failed", "max batch", "minimum requests", "requests", "requests / record", "vs minimum", "retries", "time (s)"],
    figures.map((f) => [f.entity, n(f.records), n(f.written), n(f.failed), f.maxBatch, n(f.minimum), n(f.requests),
      n(f.requestsPerRecord, 2), x(f.requests / Math.max(1, f.minimum)), n(f.retries), n(f.seconds, 1)]));
  const failures = m.figures.flatMap((f) => f.failures.map((text) => `- ${f.entity}: ${text}`));
  return [
    `## Shop targets: Medusa ${m.version} (real server, small scale)`, "",
    `A real Medusa started by \`scripts/medusa/start.sh --reset\` (${n(m.startSeconds, 1)} s; fresh database from the migrated template, PostgreSQL, no Redis) ` +
      `and a world of ${n(m.products)} products: products with variants and options, the EUR/USD base prices and the B2B group's tiered list as a Medusa ` +
      "price list (customer-specific prices left out), stock at a warehouse and a store. The sync app has no `medusa` adapter yet, so the connector is " +
      "driven directly, one write call per batch of its declared size, like the engine. Medusa documents no rate limit; requests are counted by the connector " +
      "(`metrics().requests`, reads it needs included).", "",
    "First write (empty shop):", "", rows(m.figures), "",
    "The same records again (nothing changed):", "", rows(m.rewrite), "",
    ...(failures.length ? ["Failures (first three per entity):", "", ...failures, ""] : []),
  ].join("\n");
}

/** The bench report as markdown. */
export function benchMarkdown(
  results: readonly ScaleResult[], machine: MachineInfo, command: string, elapsedS: number, medusa?: MedusaBenchResult,
): string {
  return [
    "# omnibridge benchmark report", "",
    `${new Date().toISOString()} · ${describeMachine(machine)} · ${n(elapsedS)} s · \`${command}\``, "",
    ...results.map(scaleSection),
    ...(medusa ? [medusaSection(medusa)] : []),
  ].join("\n");
}
