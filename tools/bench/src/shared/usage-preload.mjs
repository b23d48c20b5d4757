// Loaded with `node --import` into the sync process: on exit, write its own resource usage
// (peak RSS, CPU) to the file named by OMNIBRIDGE_BENCH_USAGE. Measures the sync process only.
import { writeFileSync } from "node:fs";

const file = process.env.OMNIBRIDGE_BENCH_USAGE;
if (file) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, userCpuUs: usage.userCPUTime, systemCpuUs: usage.systemCPUTime }));
  });
}
