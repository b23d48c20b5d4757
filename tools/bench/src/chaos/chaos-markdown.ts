import { describeMachine, type MachineInfo } from "../shared/machine";
import { mdTable } from "../shared/report-files";
import type { ChaosReport } from "./run-chaos";
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
  ];
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
      `Nothing executed: script tags in records the sync wrote to HubSpot: ${bad.scriptsInTargets}; the \`alert()\` canary installed in the sync process fired: ${bad.canaryFired ? "YES" : "no"}.`,
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

function secretLines(report: ChaosReport): string[] {
  const scans = [["kill phase", report.secrets], ...(report.badInput ? [["bad-input phase", report.badInput.secrets] as const] : [])] as const;
  return scans.map(([phase, scan]) =>
    `- ${phase}: ${scan.secrets} secret forms (every secret setting, plus Akeneo's Basic client credentials) searched in ${scan.sources.map((s) => `${s.source.replace(/.*\//, "")} (${s.bytes} bytes)`).join(", ")}` +
    ` — run history and dead letters are included through \`omnibridge runs --json\` / \`dlq list --all --json\`: **${scan.hits.length} hits**${scan.hits.length ? ` (${scan.hits.map((h) => `${h.secret} in ${h.source}`).join("; ")})` : ""}.`);
}
