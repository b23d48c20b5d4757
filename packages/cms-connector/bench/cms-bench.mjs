// Benchmarks (not part of `pnpm test`): run with `pnpm --filter @omnibridge/cms-connector bench`.
// Contentful against the emulator; WordPress against the real server from scripts/wordpress/start.sh.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createWorld } from "@omnibridge/testkit";
import { TokenBucket } from "@omnibridge/connector-kit";
import { createContentfulConnector, createWordpressConnector } from "../dist/index.js";
import { startContentfulEmulator } from "../dist/testing.js";

const fast = () => new TokenBucket({ ratePerSecond: 100_000, burst: 100_000 });
const mb = () => (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(1);
async function time(label, count, run) {
  const started = performance.now();
  const result = await run();
  const seconds = (performance.now() - started) / 1000;
  if (count === "result") count = result;
  console.log(`${label}: ${count} records in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)}/s, heap ${mb()} MB`);
}
async function drain(connector, pageSize) {
  let n = 0;
  for await (const page of connector.read("contentEntry", { pageSize })) n += page.items.length;
  return n;
}

const world = createWorld({ seed: 7, products: 20_000 });
const emulator = await startContentfulEmulator({ entries: world.contentEntries() });
const contentful = createContentfulConnector({ ...emulator.settings, rateBudget: fast() });
await time("contentful sync full read (pageSize 1000)", "result", () => drain(contentful, 1000));
const products = [...world.products()].slice(0, 500);
await time("contentful product page upserts (emulator, no rate limit)", products.length, () => contentful.write("product", products));
await time("contentful re-run (all unchanged)", products.length, () => contentful.write("product", products));
await contentful.close();
await emulator.stop();

// Contentful at its documented CMA limit (7 requests/s, 429 + X-Contentful-RateLimit-Reset): the connector's own
// default budget against an emulator that enforces the limit. Set-up (locales, content types) is warmed up first.
const perEntry = (requests, count) => (requests / count).toFixed(2);
async function rateLimited(count) {
  const limited = await startContentfulEmulator({ rateLimit: { limit: 7, windowMs: 1000 } });
  const connector = createContentfulConnector(limited.settings);
  await connector.write("product", [world.products().next().value]);
  const sample = [...world.products()].slice(1, count + 1);
  const edited = sample.map((p) => ({ ...p, name: Object.fromEntries(Object.entries(p.name).map(([l, v]) => [l, `${v} (edited)`])) }));
  for (const [label, records] of [["creates", sample], ["updates", edited], ["re-run, all unchanged", edited]]) {
    const before = limited.server.requestCount();
    const started = performance.now();
    const outcomes = await connector.write("product", records);
    const seconds = (performance.now() - started) / 1000;
    const requests = limited.server.requestCount() - before;
    const statuses = [...new Set(outcomes.map((o) => o.status))].join("/");
    console.log(`contentful at 7 req/s, ${label}: ${count} entries (${statuses}) in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(2)} entries/s, ` +
      `${requests} requests = ${perEntry(requests, count)} per entry, 429s so far ${connector.metrics().rateLimited}`);
  }
  await connector.close();
  await limited.stop();
}
await rateLimited(Number(process.env.CMS_BENCH_LIMITED ?? 50));

const script = new URL("../../../scripts/wordpress/start.sh", import.meta.url).pathname;
const wasUp = await fetch("http://127.0.0.1:8089/wp-json/").then((r) => r.ok, () => false);
const credentials = JSON.parse(readFileSync(execFileSync(script).toString().trim().split("\n").at(-1), "utf8"));
const wordpress = createWordpressConnector({ ...credentials, rateBudget: fast() });
const prefix = `BENCH-${Date.now().toString(36)}`.toUpperCase();
const wpProducts = products.slice(0, 100).map((p) => ({ ...p, key: `${prefix}-${p.key}`, seo: null }));
const wpRequests = async (label, records) => {
  const before = wordpress.metrics().requests;
  await time(label, records.length, async () => {
    for (let i = 0; i < records.length; i += 25) await wordpress.write("product", records.slice(i, i + 25));
  });
  const requests = wordpress.metrics().requests - before;
  console.log(`  ${requests} requests = ${perEntry(requests, records.length)} per entry`);
};
await wordpress.check();
await wpRequests("wordpress product page creates (real server, batches of 25)", wpProducts);
await wpRequests("wordpress product page updates (real server, batches of 25)", wpProducts.map((p) => ({ ...p, description: { en: "edited" } })));
await wpRequests("wordpress re-run (all unchanged)", wpProducts.map((p) => ({ ...p, description: { en: "edited" } })));
await time("wordpress full read (per_page 100)", "result", () => drain(wordpress, 100));
await wordpress.close();
if (!wasUp) execFileSync(script.replace("start.sh", "stop.sh"));
