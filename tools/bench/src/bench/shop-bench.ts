import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startOdooEmulator } from "@omnibridge/erp-connector/testing";
import { startAkeneoEmulator } from "@omnibridge/pim-connector/testing";
import { createShopwareConnector } from "@omnibridge/shop-connector";
import { createWorld, mutateWorld, type RateLimitOptions } from "@omnibridge/testkit";
import { writeConfig } from "../shared/config-file";
import { runCli } from "../shared/cli";
import type { Scale } from "../shared/scale";
import { SHOP, shopCatalogueFlows, startShop } from "../shared/shop";
import { throughput, type ThroughputFigure } from "./figures";
import { runFlows, type FlowRun } from "./flow-runs";

type ShopSystemId = "odoo" | "akeneo" | typeof SHOP;

/** One shop target: requests vs the batch-limit minimum and throughput vs the assumed ceiling. */
export interface ShopTargetFigure extends ThroughputFigure {
  /** Records per `_action/sync` request the connector declares (`capabilities[entity].maxBatchSize`). */
  minimum: number;
  /** Requests the shop received during the flow (token, lookups, 429s and retries included) / minimum. */
  requestRatio: number;
  /** Requests the shop refused with 429 (the assumed limit). */
  rateLimited: number;
  /** Requests the flow's source received (Akeneo or Odoo). */
  sourceRequests: number;
  read: number;
  failed: number;
  exitCode: number;
}

/** The shop figures of one scale. */
export interface ShopBenchResult {
  rateLimit: RateLimitOptions;
  /** Tokens the shop issued over every run (one per CLI process; Shopware SaaS allows 10 per minute per IP). */
  tokensIssued: number;
  full: ShopTargetFigure[];
  incremental: ShopTargetFigure[];
  mutated: number;
  /** Products / variant rows the shop held after the full sync. */
  shopProducts: number;
}

function figure(
  run: FlowRun<ShopSystemId>, limit: RateLimitOptions, maxBatch: number, rateLimited: number,
): ShopTargetFigure {
  const flow = shopCatalogueFlows().find((f) => f.name === run.flow)!;
  const target = flow.targets[0]!;
  const base = throughput(run, target, limit, maxBatch);
  const minimum = Math.ceil(run.counts.written / maxBatch);
  return {
    ...base, minimum, requestRatio: minimum === 0 ? 0 : base.targetRequests / minimum, rateLimited,
    sourceRequests: run.served[flow.source.system as ShopSystemId], read: run.counts.read, failed: run.counts.failed,
    exitCode: run.exitCode,
  };
}

/**
 * Products (Akeneo), prices (Odoo: retail EUR/USD + the B2B group's tiered list) and stock per location (Odoo)
 * → an empty Shopware shop behind the assumed Admin API limit, each flow its own `omnibridge run <flow>`
 * process; then 1 % of the world changes and the flows run again.
 */
export async function runShopBench(
  scale: Scale, options: { seed: number; rateLimit: RateLimitOptions; log: (line: string) => void },
): Promise<ShopBenchResult> {
  const world = createWorld({ seed: options.seed, products: scale.products });
  const odoo = await startOdooEmulator({ world, seed: options.seed });
  // Akeneo at its documented 100 requests per second (the emulator's default), as in the other bench runs.
  const akeneo = await startAkeneoEmulator({ world, seed: options.seed });
  const shop = await startShop({ rateLimit: options.rateLimit, seed: options.seed });
  const dir = mkdtempSync(path.join(os.tmpdir(), "ob-bench-shop-"));
  try {
    const connector = createShopwareConnector({ ...shop.emulator.settings });
    const maxBatch = (entity: string) => connector.capabilities[entity as "product"]?.maxBatchSize ?? 1;
    await connector.close();
    const env = {
      OB_ODOO_APIKEY: odoo.settings.apiKey, OB_AKENEO_SECRET: akeneo.settings.secret, OB_AKENEO_PASSWORD: akeneo.settings.password,
      ...shop.env,
    };
    const config = writeConfig({
      dir, flows: shopCatalogueFlows(), systems: {
        odoo: { adapter: "odoo", settings: { ...odoo.settings, apiKey: "${OB_ODOO_APIKEY}" } },
        akeneo: { adapter: "akeneo", settings: { ...akeneo.settings, secret: "${OB_AKENEO_SECRET}", password: "${OB_AKENEO_PASSWORD}" } },
        [SHOP]: shop.config,
      },
    });
    const requestCounts = (): Record<ShopSystemId, number> => ({
      odoo: odoo.requestCount(), akeneo: akeneo.requestCount(), [SHOP]: shop.emulator.server.requestCount(),
    });
    const ctx = { systems: { env, requestCounts }, dir, config, state: `sqlite:${path.join(dir, "state.db")}` };
    const limit = options.rateLimit;
    const pass = async (label: string): Promise<ShopTargetFigure[]> => {
      options.log(`  shop (${label}; Shopware behind ${limit.limit} req / ${limit.windowMs} ms):`);
      const out: ShopTargetFigure[] = [];
      for (const flow of shopCatalogueFlows()) {
        const refused = shop.rateLimited();
        const [run] = await runFlows(ctx, [flow], options.log);
        out.push(figure(run!, limit, maxBatch(flow.targets[0]!.entity), shop.rateLimited() - refused));
      }
      return out;
    };
    // A bare CLI start first, so the first flow's process does not pay for cold file caches.
    await runCli({ args: ["runs", "--json", "-n", "1"], config, state: ctx.state, env, cwd: dir });
    const full = await pass("full sync");
    const shopProducts = shop.emulator.store.list("product").length;
    const { changes } = mutateWorld(world, { changeRate: 0.01 });
    odoo.apply(changes);
    await akeneo.apply(changes);
    const incremental = await pass(`after 1 % changed: ${changes.upserted.length} records`);
    const tokensIssued = shop.emulator.tokensIssued();
    return { rateLimit: limit, tokensIssued, full, incremental, mutated: changes.upserted.length, shopProducts };
  } finally {
    await Promise.allSettled([odoo.stop(), akeneo.stop(), shop.emulator.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
