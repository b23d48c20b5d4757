// Runs the Akeneo emulator in its own process so the benchmark's RSS is the connector's alone.
// Usage: node --import tsx bench/emulator-child.ts <products> <rate-per-second|0>
import { createWorld } from "@omnibridge/testkit";
import { startAkeneoEmulator } from "../src/testing";

const products = Number(process.argv[2] ?? 100_000);
const rate = Number(process.argv[3] ?? 100);
const started = performance.now();
const emulator = await startAkeneoEmulator({
  world: createWorld({ seed: 42, products }),
  rateLimit: rate > 0 ? { limit: rate, windowMs: 1_000 } : false,
});
process.stdout.write(`${JSON.stringify({ settings: emulator.settings, akeneoProducts: emulator.state.products.size, models: emulator.state.models.size, seedMs: Math.round(performance.now() - started) })}\n`);
process.on("message", (message) => {
  if (message === "stats") process.send?.({ requests: emulator.requestCount(), rateLimited: emulator.rateLimited() });
});
process.stdin.resume();
process.stdin.on("end", () => void emulator.stop().then(() => process.exit(0)));
