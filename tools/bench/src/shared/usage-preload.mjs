// Loaded with `node --import` into the sync process.
// 1. On exit, write its own resource usage (peak RSS, CPU) to OMNIBRIDGE_BENCH_USAGE: measures the sync process only.
// 2. Canary: the bad-input world's script tags call alert(…); if anything in the process ever evaluates
//    input, this alert writes OMNIBRIDGE_BENCH_CANARY and the chaos suite fails.
import { appendFileSync, writeFileSync } from "node:fs";

const file = process.env.OMNIBRIDGE_BENCH_USAGE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, userCpuUs: usage.userCPUTime, systemCpuUs: usage.systemCPUTime }));
  });
}
const canary = process.env.OMNIBRIDGE_BENCH_CANARY;
if (canary) {
  globalThis.alert = (message) => appendFileSync(canary, `alert(${JSON.stringify(String(message))}) executed\n`);
}
