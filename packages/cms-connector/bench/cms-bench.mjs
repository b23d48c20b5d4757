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

const script = new URL("../../../scripts/wordpress/start.sh", import.meta.url).pathname;
const wasUp = await fetch("http://127.0.0.1:8089/wp-json/").then((r) => r.ok, () => false);
const credentials = JSON.parse(readFileSync(execFileSync(script).toString().trim().split("\n").at(-1), "utf8"));
const wordpress = createWordpressConnector({ ...credentials, rateBudget: fast() });
const prefix = `BENCH-${Date.now().toString(36)}`.toUpperCase();
const wpProducts = products.slice(0, 100).map((p) => ({ ...p, key: `${prefix}-${p.key}`, seo: null }));
await time("wordpress product page creates (real server, batches of 25)", wpProducts.length, async () => {
  for (let i = 0; i < wpProducts.length; i += 25) await wordpress.write("product", wpProducts.slice(i, i + 25));
});
await time("wordpress re-run (all unchanged)", wpProducts.length, async () => {
  for (let i = 0; i < wpProducts.length; i += 25) await wordpress.write("product", wpProducts.slice(i, i + 25));
});
await time("wordpress full read (per_page 100)", "result", () => drain(wordpress, 100));
await wordpress.close();
if (!wasUp) execFileSync(script.replace("start.sh", "stop.sh"));
