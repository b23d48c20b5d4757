import { entitySchemas, type AnyEntity } from "@omnibridge/core-model";
import type { ConnectorSet } from "../../compose";
import type { ResolvedConfig } from "../../config";
import { bindTarget } from "../../engine/bind";
import { project } from "../../engine/projection";
import type { ChangeEntry } from "../../engine/types";
import type { DeadLetterInput, FlowCounts, Repos } from "../../state";
import { segmentsOf } from "./segment-repo";
import { SEGMENT_STEP } from "./segment-names";

/** What the retargeting needs from the segment step. */
export interface RetargetInput {
  config: ResolvedConfig;
  connectors: ConnectorSet;
  repos: Repos;
  runId: number;
  dryRun: boolean;
  counts: FlowCounts;
  changes: ChangeEntry[] | undefined;
  letters: DeadLetterInput[];
}

/**
 * The CRM aims promotions and campaigns at the members of their segments' lists when they are
 * written. When a segment's members change, the promotions and campaigns already written to
 * that CRM that target it are written again (from their golden records, as their flow projects
 * them), so the CRM tags the new members and untags those who left. Nothing else is re-sent.
 */
export async function retargetMarketing(input: RetargetInput, system: string, changedSegments: ReadonlySet<string>): Promise<void> {
  if (changedSegments.size === 0) return;
  for (const entity of ["promotion", "campaign"] as const) {
    const flowTarget = input.config.flows.flatMap((f) => f.targets).find((t) => t.system === system && t.entity === entity);
    if (!flowTarget) continue;
    const keys = (await segmentsOf(input.repos).projectionsTargeting(system, entity, changedSegments));
    if (keys.length === 0) continue;
    const target = await bindTarget(input.connectors, SEGMENT_STEP, flowTarget);
    const goldens = [...(await input.repos.golden.load(entity, keys)).values()].filter((g) => !g.deletedAt);
    const records = goldens.map((g) => project(g, target, target.role, input.config.ownership).record)
      .map((record) => entitySchemas[entity].safeParse(record)).flatMap((r) => (r.success ? [r.data as AnyEntity] : []));
    for (const record of records) input.changes?.push({ flow: SEGMENT_STEP, system, entity, key: record.key, op: "update", fields: ["segmentKeys"] });
    if (input.dryRun) continue;
    for (let i = 0; i < records.length; i += target.maxBatchSize) {
      const batch = records.slice(i, i + target.maxBatchSize);
      const outcomes = await target.connector.write(entity, batch as never);
      batch.forEach((record, j) => {
        const outcome = outcomes[j];
        if (outcome && outcome.status !== "failed") return void input.counts.written++;
        input.counts.failed++;
        input.letters.push({
          runId: input.runId, flow: SEGMENT_STEP, system, entity, recordKey: record.key, stage: "write", reason: outcome?.issue?.reason ?? "protocol",
          field: outcome?.issue?.field, message: `re-aiming at changed segments failed: ${outcome?.issue?.message ?? "no outcome"}`, payload: record,
        });
      });
    }
  }
}
