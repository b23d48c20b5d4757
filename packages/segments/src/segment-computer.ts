import type { Customer, Order, Segment } from "@omnibridge/core-model";
import { createMetricsCalculator, type MetricsAccumulator, type MetricsCalculator, type MetricsOptions } from "./customer-metrics";
import type { CustomerMetrics } from "./derive-metrics";
import { evaluateSegment, isB2BCustomer } from "./evaluate-segment";
import { toSegmentRecord, type MembershipDiff } from "./membership";
import { buildRfmModel, scoreRfm, type RfmScore } from "./rfm";
import type { SegmentDefinition } from "./segment-definition";

/** Options of a {@link SegmentComputer}. */
export interface SegmentComputerOptions extends MetricsOptions {
  readonly definitions: readonly SegmentDefinition[];
  /** Membership already pushed (e.g. loaded from the state store), per segment key. */
  readonly initialMembership?: Readonly<Record<string, Iterable<string>>>;
}

/** What one {@link SegmentComputer.run} changed. */
export interface SegmentRunResult {
  readonly asOf: string;
  /** Per segment key, the members to add and remove; segments without changes are absent. */
  readonly diffs: Map<string, MembershipDiff>;
  /** Canonical records (full member lists) of the segments in `diffs`, to push as CRM lists. */
  readonly segments: Segment[];
  /** Metrics of existing customers whose orders or data changed, or of all on a full run (lifetime properties). */
  readonly changedMetrics: Map<string, CustomerMetrics>;
  /** How many customers were evaluated against the rules. */
  readonly evaluated: number;
}

/**
 * Keeps every customer's metrics accumulator, RFM score and segment membership in memory and
 * recomputes incrementally. Feed it changes ({@link upsertCustomer}, {@link orderChanged}), then
 * {@link run} at an instant. Orders count for `order.customerKey`; orders without one are ignored.
 *
 * Exactness vs work, per run:
 * - Metrics are re-derived (O(1) each, no order scan) for changed parties only — unless `asOf`
 *   differs from the previous run's, which moves everyone's recency, tenure, frequency and CLV;
 *   then all parties are re-derived and re-evaluated. Pass a day-aligned asOf
 *   (`startOfUtcDay` in derive-metrics) so runs within one day stay incremental.
 * - RFM quintile boundaries are recomputed from the whole population every run (three sorts,
 *   O(N log N) in memory), because one new order can shift them. Every party is re-scored; a
 *   party is re-evaluated when it changed or its RFM score changed. Nothing else can alter a
 *   membership, so the result is exactly what a full recomputation gives (a test checks this).
 * - The diff only lists members that actually entered or left, so only those are written.
 */
export class SegmentComputer {
  readonly #calculator: MetricsCalculator;
  readonly #definitions: readonly SegmentDefinition[];
  readonly #customers = new Map<string, Customer>();
  readonly #accumulators = new Map<string, MetricsAccumulator>();
  readonly #metrics = new Map<string, CustomerMetrics>();
  readonly #rfm = new Map<string, RfmScore>();
  readonly #members = new Map<string, Set<string>>();
  readonly #dirty = new Set<string>();
  #lastAsOf: string | null = null;

  constructor(options: SegmentComputerOptions) {
    this.#calculator = createMetricsCalculator(options);
    this.#definitions = options.definitions;
    for (const definition of options.definitions) {
      this.#members.set(definition.key, new Set(options.initialMembership?.[definition.key] ?? []));
    }
  }

  /** A customer was created or changed (consent, type, any field). */
  upsertCustomer(customer: Customer): void {
    this.#customers.set(customer.key, customer);
    const acc = this.#accumulators.get(customer.key);
    if (acc) this.#accumulators.set(customer.key, { ...acc, b2bParty: isB2BCustomer(customer) });
    this.#dirty.add(customer.key);
  }

  /** A customer was deleted: it leaves every segment at the next run. */
  removeCustomer(key: string): void {
    this.#customers.delete(key);
    this.#dirty.add(key);
  }

  /** An order was created (`previous` null), changed, or deleted (`next` null). */
  orderChanged(previous: Order | null, next: Order | null): void {
    if (previous?.customerKey) this.#update(previous.customerKey, (acc) => this.#calculator.removeOrder(acc, previous));
    if (next?.customerKey) this.#update(next.customerKey, (acc) => this.#calculator.applyOrder(acc, next));
  }

  /** Current members of a segment. */
  members(segmentKey: string): ReadonlySet<string> {
    return this.#members.get(segmentKey) ?? new Set();
  }

  /** Metrics and RFM score of a party as of the last run. */
  subject(key: string): { metrics: CustomerMetrics | undefined; rfm: RfmScore | null } {
    return { metrics: this.#metrics.get(key), rfm: this.#rfm.get(key) ?? null };
  }

  /** Recompute what changed since the last run, as of `asOf`, and return the membership diffs. */
  run(asOf: string): SegmentRunResult {
    const full = asOf !== this.#lastAsOf;
    const touched = full ? this.#everyKey() : new Set(this.#dirty);
    const changedMetrics = new Map<string, CustomerMetrics>();
    for (const key of touched) {
      const known = this.#customers.has(key) || this.#accumulators.has(key);
      if (!known) {
        this.#metrics.delete(key);
        continue;
      }
      const metrics = this.#calculator.metrics(this.#accumulatorOf(key), asOf);
      this.#metrics.set(key, metrics);
      if (this.#customers.has(key)) changedMetrics.set(key, metrics);
    }
    const toEvaluate = new Set([...touched, ...this.#rescore()]);
    const diffs = this.#evaluate(toEvaluate);
    this.#dirty.clear();
    this.#lastAsOf = asOf;
    const segments = this.#definitions.filter((d) => diffs.has(d.key)).map((d) => toSegmentRecord(d, this.members(d.key), asOf));
    return { asOf, diffs, segments, changedMetrics, evaluated: toEvaluate.size };
  }

  /** Re-score everyone against fresh quintile boundaries; returns the keys whose score changed. */
  #rescore(): Set<string> {
    const model = buildRfmModel(this.#metrics.values());
    const changed = new Set<string>();
    for (const [key, metrics] of this.#metrics) {
      const score = scoreRfm(model, metrics);
      if (score?.code !== this.#rfm.get(key)?.code) changed.add(key);
      if (score) this.#rfm.set(key, score);
      else this.#rfm.delete(key);
    }
    return changed;
  }

  #evaluate(keys: ReadonlySet<string>): Map<string, MembershipDiff> {
    const diffs = new Map<string, MembershipDiff>();
    for (const definition of this.#definitions) {
      const members = this.#members.get(definition.key)!;
      const diff: MembershipDiff = { added: [], removed: [] };
      for (const key of keys) {
        const customer = this.#customers.get(key);
        const metrics = this.#metrics.get(key);
        const member = customer !== undefined && metrics !== undefined &&
          evaluateSegment(definition, { customer, metrics, rfm: this.#rfm.get(key) ?? null });
        if (member === members.has(key)) continue;
        if (member) members.add(key);
        else members.delete(key);
        (member ? diff.added : diff.removed).push(key);
      }
      if (diff.added.length + diff.removed.length > 0) {
        diffs.set(definition.key, { added: diff.added.sort(), removed: diff.removed.sort() });
      }
    }
    return diffs;
  }

  /** Every party known, plus every current member (members seeded from state may be unknown: they leave). */
  #everyKey(): Set<string> {
    const keys = new Set([...this.#accumulators.keys(), ...this.#customers.keys(), ...this.#dirty]);
    for (const members of this.#members.values()) for (const key of members) keys.add(key);
    return keys;
  }

  #accumulatorOf(key: string): MetricsAccumulator {
    const customer = this.#customers.get(key);
    return this.#accumulators.get(key) ?? this.#calculator.empty(key, customer ? isB2BCustomer(customer) : false);
  }

  #update(key: string, change: (acc: MetricsAccumulator) => MetricsAccumulator): void {
    this.#accumulators.set(key, change(this.#accumulatorOf(key)));
    this.#dirty.add(key);
  }
}
