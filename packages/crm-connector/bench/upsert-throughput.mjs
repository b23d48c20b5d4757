// Benchmark (not a test): customer upsert throughput against the HubSpot emulator's burst limit,
// as a fraction of the theoretical ceiling (limit × 100 records per batch per window).
// Run: pnpm --filter @omnibridge/crm-connector bench   (builds first, then runs against dist)
import { createHubSpotConnector } from "../dist/index.js";
import { startHubSpotEmulator } from "../dist/testing.js";

const limit = Number(process.env.BENCH_LIMIT ?? 50);
const windowMs = Number(process.env.BENCH_WINDOW_MS ?? 1_000);
const records = Number(process.env.BENCH_RECORDS ?? 30_000);
const writeSize = 1_000; // what a sync flow hands the connector per call
// Round-trip latency added to every request (real HubSpot answers a 100-record upsert in ~100–300 ms).
const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 0);
const writeConcurrency = Number(process.env.BENCH_CONCURRENCY ?? 4);

function customer(i) {
  return {
    key: `BENCH-${i}`, externalIds: {}, updatedAt: "2026-01-01T00:00:00.000Z", type: "person", email: `bench${i}@load.example`,
    firstName: `Bench${i}`, lastName: "Load", phone: null, locale: "en", customerNumber: `K${i}`, customerGroup: null, companyKey: null,
    roles: [], addresses: [], consent: { email: "unknown", sms: "unknown" }, segments: [],
    lifetime: { orderCount: i % 9, revenue: { amount: i * 13, currency: "EUR" }, firstOrderAt: null, lastOrderAt: null },
  };
}

const faults = latencyMs > 0 ? { default: { slow: 1, slowMs: latencyMs } } : undefined;
const emulator = await startHubSpotEmulator({ rateLimit: { limit, windowMs }, faults });
const connector = createHubSpotConnector({ ...emulator.settings, writeConcurrency });
const started = performance.now();
let failed = 0;
let created = 0;
for (let from = 0; from < records; from += writeSize) {
  const batch = Array.from({ length: Math.min(writeSize, records - from) }, (_, k) => customer(from + k));
  for (const outcome of await connector.write("customer", batch)) {
    if (outcome.status === "failed") failed++;
    else if (outcome.status === "created") created++;
  }
}
const seconds = (performance.now() - started) / 1000;
const ceiling = (limit * 100) / (windowMs / 1000);
const throughput = records / seconds;
const metrics = connector.metrics();
// N batches cannot finish before (ceil(N / limit) − 1) whole windows have passed: the first
// `limit` go at t=0. The raw fraction over-counts on short runs, the adjusted one does not.
const batches = Math.ceil(records / 100);
const minimumSeconds = ((Math.ceil(batches / limit) - 1) * windowMs) / 1000;
console.log(JSON.stringify({
  burstLimit: `${limit} req / ${windowMs} ms`, latencyMs, writeConcurrency, records, created, failed, seconds: Number(seconds.toFixed(2)),
  recordsPerSecond: Math.round(throughput), ceilingRecordsPerSecond: ceiling, fractionOfCeiling: Number((throughput / ceiling).toFixed(3)),
  minimumSeconds, fractionOfCeilingWindowAdjusted: Number((minimumSeconds / seconds).toFixed(3)),
  requests: metrics.requests, rateLimited429: emulator.rateLimited(), retries: metrics.retries,
  rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
}, null, 2));
await connector.close();
await emulator.stop();
if (failed > 0) process.exitCode = 1;
