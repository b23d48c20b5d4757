import { describeMachine, type MachineInfo } from "../shared/machine";
import { mdTable } from "../shared/report-files";
import type { ChaosReport } from "./run-chaos";
import type { ShopLoopReport } from "./shop-loop";
import type { VendorFaultReport } from "./vendor-faults";
import type { TargetCheck } from "./verify";

const checks = (targets: readonly TargetCheck[]) =>
  mdTable(["target", "expected", "found", "lost", "duplicated", "wrong", "samples"], targets.map((t) => [t.target, t.expected, t.found, t.lost, t.duplicated, t.wrong, t.samples.slice(0, 2).join("; ") || "–"]));

/** The chaos report as markdown. */
export function chaosMarkdown(report: ChaosReport, machine: MachineInfo, command: string, elapsedS: number): string {
  const rates = report.faults.default ?? {};
  const lines = [
    `# omnibridge chaos report — ${report.passed ? "PASSED" : "FAILED"}`,
    "",
    `${new Date().toISOString()} · ${describeMachine(machine)} · ${elapsedS.toFixed(0)} s · \`${command}\``,
    "",
    "## Killed and resumed runs under faults",
    "",
    `World: ${report.options.products} products, seed ${report.options.seed}. Faults on every emulator (per request): ${Object.entries(rates).map(([k, v]) => `${k} ${(Number(v) * 100).toFixed(1)} %`).join(", ")}.`,
    `The \`omnibridge\` CLI (apps/sync/dist/cli.js) ran as a child process and got SIGKILL at seeded random points: **${report.kills} kills** ` +
      `(at ${report.killPointsMs.join(", ")} ms after spawn); ${report.completedBeforeKill.length} runs finished before their kill point ` +
      `(exit ${report.completedBeforeKill.join(", ") || "–"}; exit 2 = the CLI could not load a package while another agent rebuilt it). ` +
      `The world moved on ${report.revisions} times (every 5 kills and after each completed run, ${((report.options.mutationRate ?? 0.02) * 100).toFixed(0)} % of records changed each), so later kills hit incremental runs.`,
    `Final uninterrupted run: exit ${report.finalExit}${report.replayed ? "; open dead letters were replayed (omnibridge dlq replay)" : ""}. Requests served: ${Object.entries(report.requestsServed).map(([k, v]) => `${k} ${v}`).join(", ")}.`,
    "",
    "Every target read back from the emulators' in-memory stores and compared record by record with the projection computed from the testkit world alone:",
    "",
    checks(report.targets),
    "",
    `Run history after the final run: ${statuses(report.runStatuses)} — **${report.stuckRunning} left \`running\`** (a SIGKILLed run's row is marked \`crashed\` when the next run starts).`,
    "",
  ];
  if (report.vendorFaults) lines.push(...vendorFaultLines(report.vendorFaults));
  if (report.shop) lines.push(...shopLines(report.shop));
  if (report.badInput) {
    const bad = report.badInput;
    lines.push(
      "## Bad input (1 % invalid source records)",
      "",
      `One run over a world with \`invalidRate: 0.01\`: exit ${bad.exit}. Every broken record must be in the dead-letter store with its reason and field:`,
      "",
      mdTable(["entity", "problem", "emitted", "dead-lettered", "same field named", "fields in the letters", "normalized (vendor format, or markup cleaned)", "missing"],
        bad.rows.map((r) => [r.entity, r.problem, r.expected, r.deadLettered, r.fieldNamed, r.letterFields.join(", ") || "–", r.normalized, r.missing.join(", ") || "–"])),
      "",
      "Nothing else affected — the valid records in every target:",
      "",
      checks(bad.targets),
      "",
      `Nothing executed: write requests the sync sent to HubSpot carrying a script tag: ${bad.scriptsInTargets}; the \`alert()\` canary installed in the sync process fired: ${bad.canaryFired ? "YES" : "no"}.`,
      "",
    );
  }
  lines.push("## Secrets", "", ...secretLines(report), "");
  if (report.tls) {
    lines.push("## TLS verification", "", "Each connector pointed at an HTTPS server with a self-signed certificate (default settings):", "",
      mdTable(["system", "refused", "requests that reached the server", "error"], report.tls.map((t) => [t.system, t.refused ? "yes" : "NO", t.requestsReceived, t.error])), "");
  }
  return `${lines.join("\n")}\n`;
}

const statuses = (counts: Record<string, number>) => Object.entries(counts).map(([status, n]) => `${n} ${status}`).join(", ") || "none";

function vendorFaultLines(v: VendorFaultReport): string[] {
  const signalled = v.sigterms.filter((s) => !s.finishedFirst);
  return [
    "## Vendor faults the testkit injector has no kind for (fault proxy)",
    "",
    `A seeded loopback proxy in front of each emulator (src/chaos/fault-proxy.ts), on a second world (${v.targets[0]?.expected ?? 0} contacts). ` +
      `Per request: ${((v.rates.trickle ?? 0) * 100).toFixed(1)} % trickled bodies (the real answer, one byte every ${v.trickleByteMs} ms: inside the ${1_500} ms idle timeout, ` +
      `past the ${v.totalTimeoutMs} ms total deadline \`tls.totalTimeoutMs\`), ${((v.rates.html200 ?? 0) * 100).toFixed(1)} % \`200 text/html\` pages ` +
      "(on writes half of them after the vendor applied the write). Page size 40, so every list has a `next` link.",
    "",
    mdTable(["system", "requests", "trickled", "HTML 200 (not forwarded)", "HTML 200 (write applied)", "next link repeated"],
      Object.entries(v.faults).map(([system, s]) => [system, s.requests, s.trickle, s.html200, s.html200Applied, s.nextLoop])),
    "",
    `- **Repeated next link** (Akeneo \`_links.next.href\`, HubSpot \`paging.next.after\`: every later page of a list points back at its first \`next\`): ` +
      `the run ${v.loop.hung ? "**HUNG** (SIGKILLed at the harness deadline)" : `ended by itself, exit ${v.loop.exit} after ${(v.loop.wallMs / 1000).toFixed(1)} s`}, ` +
      `peak RSS ${v.loop.maxRssKb === undefined ? "?" : `${Math.round(v.loop.maxRssKb / 1024)} MiB`}, row \`${v.loop.status}\`. Flows stopped by a loop guard: ${v.loop.guardedFlows.join(", ") || "**none**"}.`,
    ...v.loop.failedFlows.map((f) => `  - ${f.flow}: ${f.error.slice(0, 240)}`),
    `- **SIGTERM during \`omnibridge run\`**: ${v.sigterms.length} runs signalled at ${v.sigterms.map((s) => `${s.atMs}`).join(", ")} ms; ` +
      `${signalled.length} were still running then: exit ${signalled.map((s) => s.exit).join(", ") || "–"}, rows ${signalled.map((s) => `\`${s.status}\``).join(", ") || "–"}` +
      `${signalled.some((s) => s.escalated) ? " — **some ignored SIGTERM and were SIGKILLed after 20 s**" : ", none needed SIGKILL"}. Workers (\`omnibridge worker\`) are not exercised by the harness.`,
    `- **Convergence**: runs with trickles and HTML 200s still on: exit ${v.faultedRuns.join(", ")}; then the faults off: exit ${v.recoveryExit}` +
      `${v.replayed ? "; open dead letters replayed" : ""}. Run history: ${statuses(v.runStatuses)} — **${v.stuckRunning} left \`running\`**.`,
    "",
    checks(v.targets),
    "",
  ];
}

function shopLines(s: ShopLoopReport): string[] {
  const o = s.observations;
  return [
    "## Shop order loop (Shopware ⇄ Odoo)",
    "",
    `The Shopware and Odoo emulators with the same faults; flows \`shopware-orders\` (shop → Odoo, idempotent by order number) and ` +
      `\`shopware-order-status\` (Odoo status and shipments → the shop's own orders). **${s.placed} shop orders placed** between runs ` +
      `(${s.clickAndCollect} click & collect at a store; orders with promotions included), the CLI SIGKILLed at seeded random points: ` +
      `**${s.kills} kills** (at ${s.killPointsMs.join(", ")} ms); ${s.completedBeforeKill.length} runs finished before their kill point ` +
      `(exit ${s.completedBeforeKill.join(", ") || "–"}). Between runs the ERP shipped ${s.shipped} orders with tracking, made ${s.readyForPickup} ` +
      `click & collect orders ready for pickup and handed ${s.collected} over.`,
    `Final uninterrupted run: exit ${s.finalExit} after ${s.finalAttempts} attempt(s)${s.replayed ? "; open dead letters were replayed" : ""}. ` +
      `Requests served: odoo ${s.requestsServed.odoo}, shopware ${s.requestsServed.shopware}. Run history: ${statuses(s.runStatuses)} — **${s.stuckRunning} left \`running\`**. ` +
      `Secrets (Odoo key, shop client secret) in output, history, dead letters and SQLite bytes: **${s.secrets.hits.length} hits**.`,
    "",
    "Every placed order checked in Odoo's \`sale.order\` (by \`client_order_ref\`: one row, same SKUs, quantities, unit prices, shipping and total) " +
      "and in the shop (delivery shipped with the ERP's tracking code when shipped or collected, open otherwise; the pickup store kept):",
    "",
    checks(s.targets),
    "",
    `Not part of pass/fail (shop-owned state the status flow overwrote): ${o.paymentReopened} of ${s.placed} orders placed paid no longer show \`paid\` ` +
      `in the shop; ${o.orderStateRegressed} unshipped orders went from \`in_progress\` back to \`open\`${o.samples.length ? ` (${o.samples.slice(0, 2).join("; ")})` : ""}.`,
    "",
  ];
}

function secretLines(report: ChaosReport): string[] {
  const scans = [["kill phase", report.secrets], ...(report.badInput ? [["bad-input phase", report.badInput.secrets] as const] : [])] as const;
  return scans.map(([phase, scan]) =>
    `- ${phase}: ${scan.secrets} secret forms (every secret setting, plus Akeneo's Basic client credentials) searched in ${scan.sources.map((s) => `${s.source.replace(/.*\//, "")} (${s.bytes} bytes)`).join(", ")}` +
    ` — run history and dead letters are included through \`omnibridge runs --json\` / \`dlq list --all --json\`: **${scan.hits.length} hits**${scan.hits.length ? ` (${scan.hits.map((h) => `${h.secret} in ${h.source}`).join("; ")})` : ""}.`);
}
