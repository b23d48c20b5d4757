// Child process of the benchmark: an Odoo emulator seeded with a world's catalog, so the
// parent's peak RSS measures the connector alone. Prints one JSON line with its settings.
import { createWorld } from "@omnibridge/testkit";
import { startOdooEmulator } from "../dist/testing.js";

const products = Number(process.argv[2] ?? 100_000);
const started = performance.now();
const emulator = await startOdooEmulator({ world: createWorld({ seed: 1, products }), parts: ["catalog"] });
const seedMs = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ settings: emulator.settings, seedMs, templates: emulator.orm.table("product.template").size, variants: emulator.orm.table("product.product").size })}\n`);
process.on("message", (message) => {
  if (message === "count") process.send?.({ requests: emulator.requestCount() });
  // Exit once the emulator has closed; a failed close stays an unhandled rejection, as before.
  if (message === "stop") void emulator.stop().then(() => process.exit(0));
});
