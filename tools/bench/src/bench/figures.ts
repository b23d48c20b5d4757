import type { FlowConfig } from "../shared/config-file";
import type { BatchLimits } from "./capabilities";
import type { FlowRun } from "./flow-runs";
import type { SystemId } from "../shared/systems";

/** Requests a target received vs the fewest its batch limit allows for the records written. */
export interface RequestEfficiency {
  flow: string;
  target: string;
  written: number;
  maxBatch: number;
  minimum: number;
  /** Requests the target's emulator received during the flow (reads of lookups, retries, associations included). */
  actual: number;
  ratio: number;
}

/** Full vs incremental run of one flow. */
export interface IncrementalRatio {
  flow: string;
  fullMs: number;
  incrementalMs: number;
  timeRatio: number;
  fullRequests: number;
  incrementalRequests: number;
  requestRatio: number;
  fullWritten: number;
  incrementalWritten: number;
}

/** Achieved throughput against the rate-limit ceiling (limit per second × batch size). */
export interface ThroughputFigure {
  flow: string;
  target: string;
  rateLimit: string;
  maxBatch: number;
  ceilingPerSecond: number;
  written: number;
  seconds: number;
  achievedPerSecond: number;
  fraction: number;
  targetRequests: number;
  /** Retries the connectors made (429s, 5xx, timeouts). */
  retries: number;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Requests vs minimum per flow target (flows with one target). */
export function requestEfficiency(runs: readonly FlowRun[], flows: readonly FlowConfig[], limits: BatchLimits): RequestEfficiency[] {
  return runs.flatMap((run) => {
    const flow = flows.find((f) => f.name === run.flow);
    const target = flow?.targets[0];
    if (!target || run.counts.written === 0) return [];
    const maxBatch = limits[target.system as SystemId]?.[target.entity] ?? 1;
    const minimum = Math.ceil(run.counts.written / maxBatch);
    const actual = run.served[target.system as SystemId];
    return [{ flow: run.flow, target: `${target.system}.${target.entity}`, written: run.counts.written, maxBatch, minimum, actual, ratio: ratio(actual, minimum) }];
  });
}

/** Incremental vs full, per flow. */
export function incrementalRatios(full: readonly FlowRun[], incremental: readonly FlowRun[]): IncrementalRatio[] {
  return full.map((f) => {
    const i = incremental.find((r) => r.flow === f.flow)!;
    return {
      flow: f.flow,
      fullMs: f.counts.durationMs, incrementalMs: i.counts.durationMs, timeRatio: ratio(i.counts.durationMs, f.counts.durationMs),
      fullRequests: f.counts.requests, incrementalRequests: i.counts.requests, requestRatio: ratio(i.counts.requests, f.counts.requests),
      fullWritten: f.counts.written, incrementalWritten: i.counts.written,
    };
  });
}

/** Throughput of one flow run against its target's ceiling. */
export function throughput<S extends string>(
  run: FlowRun<S>,
  target: { system: string; entity: string },
  limit: { limit: number; windowMs: number },
  maxBatch: number,
): ThroughputFigure {
  const ceilingPerSecond = (limit.limit / (limit.windowMs / 1000)) * maxBatch;
  const seconds = run.counts.durationMs / 1000;
  const achievedPerSecond = run.counts.written / seconds;
  return {
    flow: run.flow, target: `${target.system}.${target.entity}`, rateLimit: `${limit.limit} / ${limit.windowMs / 1000} s`, maxBatch, ceilingPerSecond,
    written: run.counts.written, seconds, achievedPerSecond, fraction: achievedPerSecond / ceilingPerSecond,
    targetRequests: run.served[target.system as S], retries: run.counts.retries,
  };
}
