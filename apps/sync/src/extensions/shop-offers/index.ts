import { z } from "zod";
import type { ConnectorSet } from "../../compose";
import type { ResolvedConfig, ResolvedFlow } from "../../config";
import { bindTarget } from "../../engine/bind";
import type { FlowExtension, SyncExtension } from "../../engine/extension";
import type { BoundTarget } from "../../engine/types";
import { applyOffers, withOffers } from "./offer-step";
import { offerMigration } from "./offer-tables";

/** Flow option: this price or stock flow feeds the offers on the product pages. */
const offersOn = (flow: ResolvedFlow) => flow.options.offers === true;

/** Every product target of the flows whose source is a product (where product pages go), once per system. */
async function productTargets(connectors: ConnectorSet, config: ResolvedConfig): Promise<BoundTarget[]> {
  const out: BoundTarget[] = [];
  for (const flow of config.flows.filter((f) => f.source.entity === "product")) {
    for (const target of flow.targets) {
      if (target.entity !== "product" || out.some((t) => t.system === target.system)) continue;
      out.push(await bindTarget(connectors, flow.name, target));
    }
  }
  return out;
}

async function hooksFor(flow: ResolvedFlow, config: ResolvedConfig, connectors: ConnectorSet): Promise<FlowExtension | undefined> {
  if (!config.flows.some(offersOn)) return undefined;
  const entity = flow.source.entity;
  if (entity === "product") {
    return {
      hooks: {
        merged: async (ctx, repos, goldens) => {
          const enriched = await withOffers(ctx, repos, goldens);
          enriched.forEach((g, i) => (goldens[i] = g));
        },
      },
    };
  }
  if (!offersOn(flow) || (entity !== "price" && entity !== "stockLevel")) return undefined;
  const targets = await productTargets(connectors, config);
  return {
    hooks: {
      afterWrites: async (ctx, repos, goldens, ids, letters) => {
        letters.push(...(await applyOffers(ctx, targets, repos, goldens, ids)));
      },
    },
    connectors: targets.map((t) => t.connector),
  };
}

/**
 * Shop offers beside the engine: a price or stock flow marked `offers: true` (filtered to the
 * shop's price list and stock location) keeps each SKU's price and available units in the hub,
 * and the golden products carry them as `offers` (one per sellable SKU: a variant's row on its
 * product's page, with the price range). Product flows send them with the product; a later price
 * or stock change re-projects only its product's page, and an unchanged page costs nothing.
 */
export const shopOffersExtension: SyncExtension = {
  name: "shop-offers",
  flowConfig: {
    /** This price or stock flow feeds the offers on product pages (use one price and one stock flow). */
    offers: z.boolean().default(false),
  },
  migrations: { "003_shop_offers": offerMigration },
  forFlow: (flow, { config, connectors }) => hooksFor(flow, config, connectors),
};
