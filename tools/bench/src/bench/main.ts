import { distStamps, rebuiltSince } from "../shared/build-guard";
import { machineInfo } from "../shared/machine";
import { writeReport } from "../shared/report-files";
import { parseScale } from "../shared/scale";
import { SHOP_RATE_LIMIT } from "../shared/shop";
import { benchMarkdown } from "./bench-markdown";
import { runMedusaBench } from "./medusa-bench";
import { runScale, type ScaleResult } from "./run-scale";

/**
 * `pnpm bench [-- --scale 10k,100k|1m] [--seed 2026] [--baseline-cap 1000] [--cpu-records 5000] [--throughput-pages 200,1000]
 * [--skip-flows orders] [--shop-rate 10] [--medusa-products 10]` (`--shop-rate`: Shopware Admin API requests per second assumed;
 * `--medusa-products`: world size written to a real Medusa started by scripts/medusa/start.sh on OB_BENCH_MEDUSA_PORT (9141); 0 skips either).
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
const log = (line: string) => console.log(line);
const medusaProducts = Number(flag("medusa-products") ?? 10);
if (!(Number.isInteger(medusaProducts) && medusaProducts >= 0)) throw new Error("--medusa-products must be a non-negative integer (0 skips Medusa)");
const started = performance.now();
const builds = distStamps();
const results: ScaleResult[] = [];
for (const scale of scales) {
  const shop = shopRateLimit ? { shopRateLimit } : {};
  results.push(await runScale(scale, { seed, baselineCap, cpuRecords, throughputPageSizes, skipFlows, ...shop, log }));
}
const medusa = medusaProducts > 0
  ? await runMedusaBench({ products: medusaProducts, seed, port: Number(process.env.OB_BENCH_MEDUSA_PORT ?? 9141), log })
  : undefined;
const machine = machineInfo();
const command = `pnpm bench -- --scale ${scales.map((s) => s.label).join(",")} --seed ${seed} --baseline-cap ${baselineCap}${skipFlows.length ? ` --skip-flows ${skipFlows.join(",")}` : ""}${flag("throughput-pages") ? ` --throughput-pages ${flag("throughput-pages")}` : ""}${flag("shop-rate") ? ` --shop-rate ${shopRate}` : ""}${flag("medusa-products") ? ` --medusa-products ${medusaProducts}` : ""}`;
const rebuilt = rebuiltSince(builds, distStamps());
const warning = rebuilt.length > 0 ? `\n> **Warning:** ${rebuilt.join(", ")} was rebuilt while this benchmark ran; figures after that point ran other code. Rerun.\n` : "";
const files = writeReport("", benchMarkdown(results, machine, command, (performance.now() - started) / 1000, medusa) + warning,
  { machine, command, rebuilt, results, ...(medusa ? { medusa } : {}) });
console.log(`\nreport: ${files.md}${rebuilt.length > 0 ? ` (WARNING: rebuilt during the run: ${rebuilt.join(", ")})` : ""}`);
