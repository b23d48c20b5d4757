import type { CustomerMetrics } from "./derive-metrics";

/** A score from 1 (worst fifth) to 5 (best fifth). */
export type Quintile = 1 | 2 | 3 | 4 | 5;

/** RFM labels, assigned by {@link RFM_LABEL_TABLE}. */
export type RfmLabel =
  | "champions" | "loyal" | "new" | "potential_loyalist" | "at_risk" | "hibernating" | "needs_attention";

/** One customer's RFM scores. */
export interface RfmScore {
  /** Recency: 5 = bought most recently. */
  readonly r: Quintile;
  /** Frequency (counted orders): 5 = most orders. */
  readonly f: Quintile;
  /** Monetary (revenue in reporting minor units): 5 = spent most. */
  readonly m: Quintile;
  /** r, f and m as one code, e.g. "545". */
  readonly code: string;
  readonly label: RfmLabel;
}

/**
 * Label table, first matching row wins (R, F, M are the quintiles):
 *
 * | label              | condition                     |
 * | ------------------ | ----------------------------- |
 * | champions          | R ≥ 4 and F ≥ 4 and M ≥ 4     |
 * | loyal              | R ≥ 3 and F ≥ 4               |
 * | new                | R ≥ 4 and F = 1               |
 * | potential_loyalist | R ≥ 4 (F 2–3)                 |
 * | at_risk            | R ≤ 2 and F ≥ 3               |
 * | hibernating        | R ≤ 2 (F ≤ 2)                 |
 * | needs_attention    | everything else (R = 3, F ≤ 3)|
 */
export const RFM_LABEL_TABLE: readonly { label: RfmLabel; when: (r: number, f: number, m: number) => boolean }[] = [
  { label: "champions", when: (r, f, m) => r >= 4 && f >= 4 && m >= 4 },
  { label: "loyal", when: (r, f) => r >= 3 && f >= 4 },
  { label: "new", when: (r, f) => r >= 4 && f === 1 },
  { label: "potential_loyalist", when: (r) => r >= 4 },
  { label: "at_risk", when: (r, f) => r <= 2 && f >= 3 },
  { label: "hibernating", when: (r) => r <= 2 },
  { label: "needs_attention", when: () => true },
];

/** The population's sorted values; scores are read from it by binary search. */
export interface RfmModel {
  readonly size: number;
  readonly recency: Float64Array;
  readonly frequency: Float64Array;
  readonly monetary: Float64Array;
}

/**
 * Build the model from every scored party's metrics. Only parties with at least one counted
 * order take part (the others have no recency and get no RFM score).
 */
export function buildRfmModel(population: Iterable<CustomerMetrics>): RfmModel {
  const recency: number[] = [];
  const frequency: number[] = [];
  const monetary: number[] = [];
  for (const metrics of population) {
    if (metrics.orderCount === 0 || metrics.recencyDays === null) continue;
    recency.push(metrics.recencyDays);
    frequency.push(metrics.orderCount);
    monetary.push(metrics.revenue.amount);
  }
  const sorted = (values: number[]) => Float64Array.from(values).sort();
  return { size: recency.length, recency: sorted(recency), frequency: sorted(frequency), monetary: sorted(monetary) };
}

/**
 * Quintile by rank, ties deterministic: a value scores `1 + ⌊5 × below ÷ N⌋`, where `below` is
 * how many of the N population values are strictly worse. Equal values always share a score
 * (that of the lowest rank in their block), whatever the order of the input; with N = 5
 * distinct values the scores are 1…5, with N = 8 they are 1,1,2,2,3,4,4,5. For recency fewer
 * days is better, so `below` counts the values strictly greater.
 */
export function scoreRfm(model: RfmModel, metrics: CustomerMetrics): RfmScore | null {
  if (metrics.orderCount === 0 || metrics.recencyDays === null || model.size === 0) return null;
  const quintile = (below: number) => (1 + Math.floor((5 * below) / model.size)) as Quintile;
  const r = quintile(model.size - upperBound(model.recency, metrics.recencyDays));
  const f = quintile(lowerBound(model.frequency, metrics.orderCount));
  const m = quintile(lowerBound(model.monetary, metrics.revenue.amount));
  const label = RFM_LABEL_TABLE.find((row) => row.when(r, f, m))!.label;
  return { r, f, m, code: `${r}${f}${m}`, label };
}

/** Score a whole population at once: subject key → RFM score (parties without orders absent). */
export function computeRfm(population: readonly CustomerMetrics[]): Map<string, RfmScore> {
  const model = buildRfmModel(population);
  const scores = new Map<string, RfmScore>();
  for (const metrics of population) {
    const score = scoreRfm(model, metrics);
    if (score) scores.set(metrics.subjectKey, score);
  }
  return scores;
}

/** Number of values < v in ascending `values`. */
function lowerBound(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of values ≤ v in ascending `values`. */
function upperBound(values: Float64Array, v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
