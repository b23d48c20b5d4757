import { distStamps, rebuiltSince } from "../shared/build-guard";
import { machineInfo } from "../shared/machine";
import { writeReport } from "../shared/report-files";
import { parseScale } from "../shared/scale";
import { SHOP_RATE_LIMIT } from "../shared/shop";
import { benchMarkdown } from "./bench-markdown";
import { runScale, type ScaleResult } from "./run-scale";

/**
 * `pnpm bench [-- --scale 10k,100k|1m] [--seed 2026] [--baseline-cap 1000] [--cpu-records 5000] [--throughput-pages 200,1000]
 * [--skip-flows orders] [--shop-rate 10]` (`--shop-rate`: Shopware Admin API requests per second assumed; 0 skips the shop).
 */
function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scales = (flag("scale") ?? "10k,100k").split(",").map(parseScale);
const seed = Number(flag("seed") ?? 2026);
const baselineCap = Number(flag("baseline-cap") ?? 1000);
const cpuRecords = Number(flag("cpu-records") ?? 5000);
const skipFlows = (flag("skip-flows") ?? "").split(",").filter(Boolean);
const throughputPageSizes = (flag("throughput-pages") ?? "200,1000").split(",").map(Number);
const shopRate = Number(flag("shop-rate") ?? SHOP_RATE_LIMIT.limit);
if (!(Number.isInteger(shopRate) && shopRate >= 0)) throw new Error("--shop-rate must be a non-negative integer (requests per second)");
const shopRateLimit = shopRate > 0 ? { ...SHOP_RATE_LIMIT, limit: shopRate, windowMs: 1_000 } : undefined;
const started = performance.now();
const builds = distStamps();
const results: ScaleResult[] = [];
for (const scale of scales) {
  const shop = shopRateLimit ? { shopRateLimit } : {};
  const log = (line: string) => console.log(line);
  results.push(await runScale(scale, { seed, baselineCap, cpuRecords, throughputPageSizes, skipFlows, ...shop, log }));
}
const machine = machineInfo();
const command = `pnpm bench -- --scale ${scales.map((s) => s.label).join(",")} --seed ${seed} --baseline-cap ${baselineCap}${skipFlows.length ? ` --skip-flows ${skipFlows.join(",")}` : ""}${flag("throughput-pages") ? ` --throughput-pages ${flag("throughput-pages")}` : ""}${flag("shop-rate") ? ` --shop-rate ${shopRate}` : ""}`;
const rebuilt = rebuiltSince(builds, distStamps());
const warning = rebuilt.length > 0 ? `\n> **Warning:** ${rebuilt.join(", ")} was rebuilt while this benchmark ran; figures after that point ran other code. Rerun.\n` : "";
const files = writeReport("", benchMarkdown(results, machine, command, (performance.now() - started) / 1000) + warning, { machine, command, rebuilt, results });
console.log(`\nreport: ${files.md}${rebuilt.length > 0 ? ` (WARNING: rebuilt during the run: ${rebuilt.join(", ")})` : ""}`);
