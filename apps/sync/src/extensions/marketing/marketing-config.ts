import { systemIdSchema } from "@omnibridge/core-model";
import { z } from "zod";
import { exchangeRatesSchema, parseSegmentDefinitions, type SegmentDefinition } from "@omnibridge/segments";

/**
 * `marketing:` in the config: how the segment step values orders and where segment lists go.
 * Definitions themselves live in `segments:` (validated by the segment engine's schema).
 */
export const marketingSettingsSchema = z.object({
  /** Systems that receive computed segments as lists (e.g. `[hubspot]`); empty = computed and kept in state only. */
  segmentTargets: z.array(systemIdSchema).default([]),
  /** ISO 4217 currency every metric is reported in. */
  reportingCurrency: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code").default("EUR"),
  /** Rates into the reporting currency (`{ USD: "0.92" }`). */
  rates: exchangeRatesSchema.default({}),
  /** Expected customer lifespan for CLV, in years. */
  lifespanYears: z.union([z.number().positive(), z.string().regex(/^\d+(\.\d+)?$/)]).default(3),
  /** Fixed instant metrics are measured against (tests, replays); default: midnight UTC of the run's day. */
  asOf: z.iso.datetime({ offset: true }).optional(),
}).default({ segmentTargets: [], reportingCurrency: "EUR", rates: {}, lifespanYears: 3 });

/** Validated `marketing:` settings. */
export type MarketingSettings = z.infer<typeof marketingSettingsSchema>;

/** Segments and marketing settings after validation. */
export interface ResolvedMarketing {
  segments: SegmentDefinition[];
  marketing: MarketingSettings;
}

/**
 * Validate `segments:` with the segment engine's schema (each problem prefixed `segments.<i>…`)
 * and check that every segment target is a configured system.
 */
export function resolveMarketing(
  segments: unknown,
  marketing: MarketingSettings,
  systems: ReadonlySet<string>,
  problems: string[],
): ResolvedMarketing {
  const parsed = parseSegmentDefinitions(segments ?? [], "segments");
  if (!parsed.ok) problems.push(...parsed.errors);
  marketing.segmentTargets.forEach((system, i) => {
    if (!systems.has(system)) problems.push(`marketing.segmentTargets[${i}]: unknown system "${system}"`);
  });
  return { segments: parsed.ok ? parsed.definitions : [], marketing };
}

/** The extension's name: its resolved part is `config.parts.marketing`. */
export const MARKETING = "marketing";

const NONE: ResolvedMarketing = { segments: [], marketing: marketingSettingsSchema.parse(undefined) };

/** The marketing part of a resolved config (none when the config was resolved without the extension). */
export function marketingOf(config: { parts: Readonly<Record<string, unknown>> }): ResolvedMarketing {
  return (config.parts[MARKETING] as ResolvedMarketing | undefined) ?? NONE;
}
