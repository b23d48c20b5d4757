import {
  goldenToRecord, mergeByOwnership, orderSchema, ownerOf, type GoldenRecord, type LifetimeFigures, type Order,
} from "@omnibridge/core-model";
import { createMetricsCalculator, toLifetimeFigures, type MetricsCalculator } from "@omnibridge/segments";
import type { BoundTarget, FlowContext } from "../../engine/types";
import { writeToTarget } from "../../engine/write-target";
import type { DeadLetterInput, IdMapping, Repos } from "../../state";

type Party = "customer" | "company";
/** Where customers and companies flow (lifetime figures follow them there), by entity. */
export type PartyTargets = Partial<Record<Party, BoundTarget[]>>;

/** The customer and company an order references. */
export function orderRefs(golden: GoldenRecord): Array<{ entity: Party; key: string }> {
  const refs: Array<{ entity: Party; key: string }> = [];
  const customerKey = golden.fields.customerKey?.value;
  const companyKey = golden.fields.companyKey?.value;
  if (typeof customerKey === "string" && customerKey) refs.push({ entity: "customer", key: customerKey });
  if (typeof companyKey === "string" && companyKey) refs.push({ entity: "company", key: companyKey });
  return refs;
}

/**
 * How lifetime figures are computed: the segment engine's calculator with the marketing
 * valuation (reporting currency, rates, lifespan), as of the segment step's instant, so the
 * CLV a CRM receives is the CLV the segments were computed from.
 */
export interface LifetimeValuation {
  calculator: MetricsCalculator;
  asOf: () => string;
}

/**
 * A party's lifetime figures from its golden orders of every channel, or null without orders.
 * Null too when an order cannot be valued in the reporting currency (no rate): the segment step
 * dead-letters that order, and a guessed figure is never pushed.
 */
export function lifetimeOf(valuation: LifetimeValuation, entity: Party, key: string, orders: readonly Order[]): LifetimeFigures | null {
  if (orders.length === 0) return null;
  try {
    return toLifetimeFigures(valuation.calculator.compute(key, entity === "company", orders, valuation.asOf()));
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}

/** Golden parties with their lifetime figures recomputed from their golden orders (only those that have orders). */
export async function withLifetime(
  ctx: FlowContext,
  valuation: LifetimeValuation,
  repos: Repos,
  entity: Party,
  parties: readonly GoldenRecord[],
): Promise<Map<string, GoldenRecord>> {
  const out = new Map<string, GoldenRecord>();
  const role = ownerOf(entity, "lifetime", ctx.ownership);
  const referencing = await repos.golden.referencingMany("order", entity, parties.map((p) => p.key));
  for (const party of parties) {
    const goldens = referencing.get(party.key) ?? [];
    const orders = goldens.flatMap((g) => orderOf(g) ?? []);
    const lifetime = lifetimeOf(valuation, entity, party.key, orders);
    if (!lifetime) continue;
    const at = goldens.map(lastChange).reduce((max, t) => (t > max ? t : max), lifetime.lastOrderAt ?? "");
    const record = { key: party.key, updatedAt: at, lifetime };
    out.set(party.key, mergeByOwnership(party, { entity, record, source: { system: "omnibridge", role } }, ctx.ownership).golden);
  }
  return out;
}

/**
 * Lifetime figures, computed by the app from the golden orders of every channel, merged into
 * the golden customers and companies an order page touched, and pushed to wherever those
 * parties flow. The figures act with the `lifetime` field's owner role (the ERP by default).
 */
export async function applyOrderLifetime(
  ctx: FlowContext,
  valuation: LifetimeValuation,
  partyTargets: PartyTargets,
  repos: Repos,
  orders: readonly GoldenRecord[],
  ids: IdMapping[],
): Promise<DeadLetterInput[]> {
  const letters: DeadLetterInput[] = [];
  const parties = orders.flatMap(orderRefs);
  for (const entity of ["customer", "company"] as const) {
    const keys = [...new Set(parties.filter((p) => p.entity === entity).map((p) => p.key))];
    if (keys.length === 0) continue;
    const existing = [...(await repos.golden.load(entity, keys)).values()].filter((g) => !g.deletedAt);
    const updated = [...(await withLifetime(ctx, valuation, repos, entity, existing)).values()];
    if (updated.length === 0) continue;
    await repos.golden.save(updated, ctx.now());
    for (const target of partyTargets[entity] ?? []) {
      const result = await writeToTarget(ctx, repos, target, updated);
      await repos.targets.saveProjections(target.system, target.entity, result.saved, ctx.now());
      ids.push(...result.ids);
      letters.push(...result.letters);
    }
  }
  return letters;
}

function orderOf(golden: GoldenRecord): Order | undefined {
  const parsed = orderSchema.safeParse(goldenToRecord(golden));
  return parsed.success ? parsed.data : undefined;
}

function lastChange(golden: GoldenRecord): string {
  return Object.values(golden.fields).reduce((max, v) => (v.at > max ? v.at : max), "");
}

/** The valuation of a marketing config's lifetime figures. */
export function lifetimeValuation(options: Parameters<typeof createMetricsCalculator>[0], asOf: () => string): LifetimeValuation {
  return { calculator: createMetricsCalculator(options), asOf };
}
