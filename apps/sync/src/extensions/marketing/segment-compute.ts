import { customerSchema, goldenToRecord, orderSchema, stableHash, type GoldenRecord, type Order } from "@omnibridge/core-model";
import type { ResolvedConfig } from "../../config";
import { SegmentComputer, startOfUtcDay, type SegmentDefinition, type SegmentRunResult } from "@omnibridge/segments";
import type { DeadLetterInput, Repos } from "../../state";
import { marketingOf } from "./marketing-config";
import { segmentsOf } from "./segment-repo";

/** What the segment step computed from the golden customers and orders. */
export interface SegmentComputation {
  asOf: string;
  result: SegmentRunResult;
  computer: SegmentComputer;
  /** Golden customers and orders read. */
  read: number;
  /** Golden records that are not valid canonical customers/orders (left out). */
  skipped: number;
  letters: DeadLetterInput[];
}

/** The instant metrics are measured against: the config's, else midnight UTC of today (runs within a day stay incremental). */
export function segmentAsOf(config: Pick<ResolvedConfig, "parts">, now: Date = new Date()): string {
  const { marketing } = marketingOf(config);
  return marketing.asOf ? new Date(marketing.asOf).toISOString() : startOfUtcDay(now);
}

/** Hash of what decides a segment's members: its rules and purpose (the name is cosmetic). */
export function definitionHash(definition: SegmentDefinition): string {
  return stableHash({ purpose: definition.purpose, rules: definition.rules });
}

/**
 * Feed a {@link SegmentComputer} seeded with the membership kept in state from every live golden
 * customer and order (page by page), then run it: its diffs are exactly the members that
 * entered or left since the last computation. Orders it cannot value (no exchange rate) are
 * dead-lettered, not guessed.
 */
export async function computeSegments(config: ResolvedConfig, repos: Repos, runId: number, asOf: string): Promise<SegmentComputation> {
  const { marketing, segments } = marketingOf(config);
  const computer = new SegmentComputer({
    definitions: segments, initialMembership: await segmentsOf(repos).membership(),
    reportingCurrency: marketing.reportingCurrency, rates: marketing.rates, lifespanYears: marketing.lifespanYears,
  });
  const out = { read: 0, skipped: 0, letters: [] as DeadLetterInput[] };
  for await (const page of segmentsOf(repos).scan("customer")) {
    for (const golden of page) {
      out.read++;
      const parsed = customerSchema.safeParse(goldenToRecord(golden));
      if (parsed.success) computer.upsertCustomer(parsed.data);
      else out.skipped++;
    }
  }
  for await (const page of segmentsOf(repos).scan("order")) {
    for (const golden of page) {
      out.read++;
      const order = orderOf(golden);
      if (!order) out.skipped++;
      else feedOrder(computer, order, runId, out.letters);
    }
  }
  return { asOf, result: computer.run(asOf), computer, ...out };
}

function orderOf(golden: GoldenRecord): Order | undefined {
  const parsed = orderSchema.safeParse(goldenToRecord(golden));
  return parsed.success ? parsed.data : undefined;
}

function feedOrder(computer: SegmentComputer, order: Order, runId: number, letters: DeadLetterInput[]): void {
  try {
    computer.orderChanged(null, order);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    letters.push({
      runId, flow: "segments", system: "omnibridge", entity: "order", recordKey: order.key, stage: "validate",
      reason: "invalid", field: "currency", message: `${error.message} (set marketing.rates)`,
    });
  }
}
