/**
 * Customer segments computed from orders of every channel and customer data: metrics (revenue,
 * frequency, margin, CLV), RFM quintiles, config-defined rule segments (consent-aware) and
 * incremental membership diffs. Pure: no I/O; the engine feeds it from golden records.
 */
export { convertMoney, exchangeRatesSchema, toRational, type ExchangeRates, type Rational } from "./exchange";
export { contributionOf, NOT_COUNTED_STATUSES, type CostLookup, type OrderContribution, type ValuationOptions } from "./order-contribution";
export { createMetricsCalculator, type MetricsAccumulator, type MetricsCalculator, type MetricsOptions } from "./customer-metrics";
export {
  deriveMetrics, startOfUtcDay, toLifetimeFigures, DEFAULT_LIFESPAN_YEARS, MIN_SPAN_DAYS, type CustomerMetrics, type LifespanOptions,
} from "./derive-metrics";
export { buildRfmModel, computeRfm, scoreRfm, RFM_LABEL_TABLE, type Quintile, type RfmLabel, type RfmModel, type RfmScore } from "./rfm";
export { METRIC_FIELDS, RFM_FIELDS, unknownFieldReason } from "./field-paths";
export {
  parseSegmentDefinitions, segmentDefinitionRuleSchema, segmentDefinitionSchema, segmentDefinitionsSchema,
  type ParsedDefinitions, type SegmentDefinition,
} from "./segment-definition";
export { evaluateRule, evaluateSegment, hasMarketingConsent, isB2BCustomer, type SegmentSubject } from "./evaluate-segment";
export { applyMembershipDiff, diffMembership, isEmptyDiff, toSegmentRecord, type MembershipDiff } from "./membership";
export { SegmentComputer, type SegmentComputerOptions, type SegmentRunResult } from "./segment-computer";
