import { distStamps, rebuiltSince } from "../shared/build-guard";
import { machineInfo } from "../shared/machine";
import { writeReport } from "../shared/report-files";
import { chaosMarkdown } from "./chaos-markdown";
import { runChaos } from "./run-chaos";

/** `pnpm chaos [-- --kills 20 --products 400 --seed 2026 --mutation-rate 0.02 --sigterms 3 --shop-kills 10]`. */
function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
}

const started = performance.now();
const builds = distStamps();
const mutation = process.argv.indexOf("--mutation-rate");
const mutationRate = mutation >= 0 ? Number(process.argv[mutation + 1]) : 0.02;
if (!(mutationRate >= 0 && mutationRate <= 1)) throw new Error("--mutation-rate must be between 0 and 1");
const options = { products: argument("products", 400), kills: argument("kills", 20), seed: argument("seed", 2026), mutationRate, sigterms: argument("sigterms", 3),
  shopKills: argument("shop-kills", 10) };
const report = await runChaos({ ...options, log: (line) => console.log(line) });
const command = `pnpm chaos -- --products ${options.products} --kills ${options.kills} --seed ${options.seed} --mutation-rate ${mutationRate} --sigterms ${options.sigterms} --shop-kills ${options.shopKills}`;
const rebuilt = rebuiltSince(builds, distStamps());
const warning = rebuilt.length > 0 ? `\n> **Warning:** ${rebuilt.join(", ")} was rebuilt while the suite ran; rerun.\n` : "";
const files = writeReport("chaos-", chaosMarkdown(report, machineInfo(), command, (performance.now() - started) / 1000) + warning, { machine: machineInfo(), rebuilt, ...report });
if (rebuilt.length > 0) console.log(`WARNING: rebuilt during the run: ${rebuilt.join(", ")}`);
console.log(`\nchaos ${report.passed ? "PASSED" : "FAILED"}: ${files.md}`);
process.exitCode = report.passed ? 0 : 1;
