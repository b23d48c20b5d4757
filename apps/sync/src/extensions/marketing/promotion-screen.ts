import type { AnyEntity, GoldenRecord } from "@omnibridge/core-model";
import type { FlowContext } from "../../engine/types";
import type { DeadLetterInput, Repos } from "../../state";

/** Product keys a SKU may belong to: itself, then each prefix before a `-` (variant SKUs extend their product's key). */
function candidateProducts(sku: string): string[] {
  const out = [sku];
  for (let i = sku.lastIndexOf("-"); i > 0; i = sku.lastIndexOf("-", i - 1)) out.push(sku.slice(0, i));
  return out;
}

function sellsSku(golden: GoldenRecord & { deletedAt?: string | null }, sku: string): boolean {
  if (golden.deletedAt) return false;
  if (golden.key === sku) return true;
  const variants = golden.fields.variants?.value;
  return Array.isArray(variants) && variants.some((v) => typeof v === "object" && v !== null && (v as { sku?: unknown }).sku === sku);
}

/** The SKUs among `skus` that no live golden product or variant carries. */
export async function unknownSkus(repos: Repos, skus: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(skus)];
  const products = await repos.golden.load("product", unique.flatMap(candidateProducts));
  return new Set(unique.filter((sku) => !candidateProducts(sku).some((key) => {
    const golden = products.get(key);
    return golden !== undefined && sellsSku(golden, sku);
  })));
}

/**
 * Quarantine promotions whose `skus` reference a SKU the golden catalogue (products and their
 * variants) does not know: a dead letter naming `skus.<i>` each; the others flow. The ERP reader
 * does not check SKUs against the catalogue, so the hub does, before anything is published.
 */
export async function screenPromotions(
  repos: Repos, items: readonly AnyEntity[], letter: (key: string, field: string, message: string) => DeadLetterInput,
): Promise<{ items: AnyEntity[]; letters: DeadLetterInput[] }> {
  const skusOf = (item: AnyEntity) => ((item as { skus?: unknown }).skus as string[] | undefined) ?? [];
  const unknown = await unknownSkus(repos, items.flatMap(skusOf));
  const letters: DeadLetterInput[] = [];
  const kept = items.filter((item) => {
    const index = skusOf(item).findIndex((sku) => unknown.has(sku));
    if (index < 0) return true;
    letters.push(letter(item.key, `skus.${index}`, `unknown SKU "${skusOf(item)[index]}": no product or variant in the catalogue has it`));
    return false;
  });
  return { items: kept, letters };
}

/** The page step for promotion flows: screen for unknown SKUs, count and collect the quarantined (other flows: unchanged). */
export async function screenPage(ctx: FlowContext, repos: Repos, items: AnyEntity[], letters: DeadLetterInput[]): Promise<AnyEntity[]> {
  const { flow } = ctx;
  if (flow.source.entity !== "promotion") return items;
  const screened = await screenPromotions(repos, items, (key, field, message) => ({
    runId: ctx.runId, flow: flow.name, system: flow.source.system, entity: "promotion", recordKey: key, stage: "read", reason: "not_found", field, message,
  }));
  ctx.counts.failed += screened.letters.length;
  letters.push(...screened.letters);
  return screened.items;
}
