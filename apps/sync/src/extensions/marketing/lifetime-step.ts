import { mergeByOwnership, ownerOf, type GoldenRecord, type Order } from "@omnibridge/core-model";
import type { DeadLetterInput, IdMapping, Repos } from "../state";
import { computeLifetime } from "./lifetime";
import type { FlowContext } from "./types";
import { writeToTarget } from "./write-target";

type Party = "customer" | "company";

/** The customer and company an order references. */
export function orderRefs(golden: GoldenRecord): Array<{ entity: Party; key: string }> {
  const refs: Array<{ entity: Party; key: string }> = [];
  const customerKey = golden.fields.customerKey?.value;
  const companyKey = golden.fields.companyKey?.value;
  if (typeof customerKey === "string" && customerKey) refs.push({ entity: "customer", key: customerKey });
  if (typeof companyKey === "string" && companyKey) refs.push({ entity: "company", key: companyKey });
  return refs;
}

/** Golden parties with their lifetime figures recomputed from their golden orders (only those that have orders). */
export async function withLifetime(ctx: FlowContext, repos: Repos, entity: Party, parties: readonly GoldenRecord[]): Promise<Map<string, GoldenRecord>> {
  const out = new Map<string, GoldenRecord>();
  const role = ownerOf(entity, "lifetime", ctx.ownership);
  for (const party of parties) {
    const orders = (await repos.golden.referencing("order", entity, party.key)).map((o) => plainOrder(o));
    const lifetime = computeLifetime(orders);
    if (!lifetime) continue;
    const at = orders.reduce((max, o) => (o.updatedAt > max ? o.updatedAt : max), lifetime.lastOrderAt ?? "");
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
export async function applyOrderLifetime(ctx: FlowContext, repos: Repos, orders: readonly GoldenRecord[], ids: IdMapping[]): Promise<DeadLetterInput[]> {
  const letters: DeadLetterInput[] = [];
  const parties = orders.flatMap(orderRefs);
  for (const entity of ["customer", "company"] as const) {
    const keys = [...new Set(parties.filter((p) => p.entity === entity).map((p) => p.key))];
    if (keys.length === 0) continue;
    const existing = [...(await repos.golden.load(entity, keys)).values()].filter((g) => !g.deletedAt);
    const updated = [...(await withLifetime(ctx, repos, entity, existing)).values()];
    if (updated.length === 0) continue;
    await repos.golden.save(updated, ctx.now());
    for (const target of ctx.partyTargets[entity] ?? []) {
      const result = await writeToTarget(ctx, repos, target, updated);
      await repos.targets.saveProjections(target.system, target.entity, result.saved, ctx.now());
      ids.push(...result.ids);
      letters.push(...result.letters);
    }
  }
  return letters;
}

function plainOrder(golden: GoldenRecord): Pick<Order, "status" | "currency" | "total" | "placedAt"> & { updatedAt: string } {
  const f = golden.fields;
  const updatedAt = Object.values(f).reduce((max, v) => (v.at > max ? v.at : max), "");
  return {
    status: f.status?.value as Order["status"], currency: f.currency?.value as string,
    total: f.total?.value as Order["total"], placedAt: f.placedAt?.value as string, updatedAt,
  };
}
