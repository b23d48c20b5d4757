/**
 * Benchmark (not a test): stream every record of every kind of a large world and report
 * records generated, time and peak RSS. Usage: `pnpm --filter @omnibridge/testkit bench [products]`
 * (default 1,000,000 products). Each record is serialised so nothing is left lazily unbuilt.
 */
import { entityKinds } from "@omnibridge/core-model";
import { createWorld } from "../src/index";

const products = Number(process.argv[2] ?? 1_000_000);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const started = process.hrtime.bigint();
const world = createWorld({ seed: 1, products });
let total = 0;
let bytes = 0;
let peakHeap = 0;
const samples: string[] = [];

for (const kind of entityKinds) {
  const kindStarted = process.hrtime.bigint();
  let n = 0;
  for (const record of world.records(kind)) {
    bytes += JSON.stringify(record).length;
    n += 1;
    if (n % 1_000_000 === 0) {
      const usage = process.memoryUsage();
      peakHeap = Math.max(peakHeap, usage.heapUsed);
      samples.push(`${kind}@${n}: rss ${mb(usage.rss)} heap ${mb(usage.heapUsed)}`);
    }
  }
  total += n;
  const seconds = Number(process.hrtime.bigint() - kindStarted) / 1e9;
  console.log(`${kind.padEnd(13)} ${String(n).padStart(10)} records  ${seconds.toFixed(1)} s  rss ${mb(process.memoryUsage().rss)}`);
}

const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(samples.join("\n"));
console.log(`products ${products}: ${total} records, ${mb(bytes)} of JSON in ${seconds.toFixed(1)} s (${Math.round(total / seconds)} records/s)`);
console.log(`peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, peak sampled heap ${mb(peakHeap)}`);
