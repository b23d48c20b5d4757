import type { AnyEntity, Page } from "@omnibridge/core-model";
import type { Transaction } from "kysely";
import type { ConnectorSet } from "../../compose";
import type { ResolvedConfig } from "../../config";
import { applyPage } from "../../engine/page";
import { Repos, type FlowCounts } from "../../state";
import type { StateDatabase } from "../../state/schema";
import { bindFlow, connectorsOf, contextOf, flowNamed, metricsOf, type BoundFlow } from "./flow-binding";
import type { DistributedState } from "./pg-state";
import type { DistributedTables } from "./tables";

type Tx = Transaction<StateDatabase & DistributedTables>;

/** A partition to apply: one source page of one flow in one run. */
export interface PartitionRef {
  runId: number;
  flow: string;
  seq: number;
}

/** Keys a page's application touches, as lock names: its records, and for orders the parties whose lifetime figures change. */
export function lockNames(entity: string, page: Page<AnyEntity>): string[] {
  const names = page.items.map((item) => `${entity}:${item.key}`);
  if (entity === "order") {
    for (const item of page.items as unknown as Array<{ customerKey?: string | null; companyKey?: string | null }>) {
      if (item.customerKey) names.push(`customer:${item.customerKey}`);
      if (item.companyKey) names.push(`company:${item.companyKey}`);
    }
  }
  return names;
}

/** Applies partitions with the engine's page logic, at most once each. */
export class PartitionApplier {
  private readonly bound = new Map<string, Promise<BoundFlow>>();
  constructor(
    private readonly config: ResolvedConfig,
    private readonly connectors: ConnectorSet,
    private readonly state: DistributedState,
    private readonly worker: string,
  ) {}

  private bind(name: string): Promise<BoundFlow> {
    let bound = this.bound.get(name);
    if (!bound) this.bound.set(name, (bound = bindFlow(this.config, this.connectors, flowNamed(this.config, name))));
    return bound;
  }

  /**
   * In ONE transaction: lock the partition row (`FOR UPDATE`; an applied one is skipped, so a
   * redelivered or stalled job is harmless), lock the records it merges, run `applyPage`, mark
   * it applied and move the flow's checkpoint to the highest contiguous applied page.
   */
  async apply(ref: PartitionRef): Promise<{ status: "applied" | "skipped"; counts: FlowCounts | undefined }> {
    const bound = await this.bind(ref.flow);
    const connectors = connectorsOf(bound);
    return this.state.db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom("ob_partitions").select(["status", "payload"]).where("run_id", "=", ref.runId)
        .where("flow", "=", ref.flow).where("seq", "=", ref.seq).forUpdate().executeTakeFirst();
      if (!row) throw new Error(`partition ${ref.runId}/${ref.flow}/${ref.seq} does not exist`);
      if (row.status === "applied" || row.payload === null) return { status: "skipped" as const, counts: undefined };
      const page = JSON.parse(row.payload) as Page<AnyEntity>;
      await this.state.lockKeys(tx, lockNames(bound.flow.source.entity, page));
      const ctx = contextOf(bound, ref.runId, this.state.engineStore(tx));
      const before = metricsOf(connectors);
      const started = performance.now();
      await applyPage(ctx, page);
      const after = metricsOf(connectors);
      const counts = {
        ...ctx.counts,
        requests: after.requests - before.requests,
        retries: after.retries - before.retries,
        durationMs: performance.now() - started,
      };
      const now = new Date().toISOString();
      await tx.updateTable("ob_partitions").set({ status: "applied", payload: null, counts: JSON.stringify(counts), worker: this.worker, applied_at: now, error: null })
        .where("run_id", "=", ref.runId).where("flow", "=", ref.flow).where("seq", "=", ref.seq).execute();
      await advanceCheckpoint(tx, ref.runId, ref.flow, now);
      return { status: "applied" as const, counts };
    });
  }
}

/**
 * Set the flow's checkpoint to the cursor of the highest applied page below the first page not yet
 * applied (or back to where the run started): `applyPage` set it to this page's cursor, which is
 * only right when every earlier page is applied too. Runs after the checkpoint row lock `applyPage`
 * took, so concurrent partitions of a flow compute this one after another, each seeing the others' commits.
 */
export async function advanceCheckpoint(tx: Tx, runId: number, flow: string, now: string): Promise<void> {
  const gap = await tx.selectFrom("ob_partitions").select((eb) => eb.fn.min("seq").as("gap"))
    .where("run_id", "=", runId).where("flow", "=", flow).where("status", "<>", "applied").executeTakeFirst();
  let best = tx.selectFrom("ob_partitions").select("cursor").where("run_id", "=", runId).where("flow", "=", flow)
    .where("status", "=", "applied").where("cursor", "is not", null);
  if (gap?.gap !== null && gap?.gap !== undefined) best = best.where("seq", "<", Number(gap.gap));
  const found = await best.orderBy("seq", "desc").limit(1).executeTakeFirst();
  const cursor = found ? found.cursor : (await tx.selectFrom("ob_run_flow_plans").select("start_cursor").where("run_id", "=", runId).where("flow", "=", flow).executeTakeFirst())?.start_cursor ?? null;
  await new Repos(tx as never).golden.setCheckpoint(flow, cursor, now);
}
