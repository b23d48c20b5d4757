import { z } from "zod";
import type { EntityOf, Page, RecordIssue } from "@omnibridge/core-model";
import { decodeCursor, encodeCursor, mapRecords } from "@omnibridge/connector-kit";
import { odooLoyaltyCardSchema, odooLoyaltyProgramSchema, odooLoyaltyRewardSchema, odooLoyaltyRuleSchema, type OdooLoyaltyProgram } from "../odoo-loyalty-api";
import { PROMOTION_PROGRAM_TYPES, toPromotion, type LoyaltyBundle } from "../mappers/to-promotion";
import { keysetStream, type Phase } from "./keyset";
import { KeyResolver, readByIds } from "./lookups";
import { parseRows } from "./parse-rows";
import type { StreamContext } from "./stream-context";

const PROGRAM_FIELDS = ["name", "active", "program_type", "trigger", "applies_on", "date_from", "date_to", "currency_id", "sale_ok", "pos_ok", "ecommerce_ok"];
const RULE_FIELDS = ["program_id", "product_ids", "product_category_id", "reward_point_mode", "reward_point_amount", "minimum_qty", "minimum_amount", "mode", "code"];
const REWARD_FIELDS = ["program_id", "reward_type", "discount", "discount_mode", "discount_applicability", "discount_product_ids", "discount_product_category_id", "reward_product_id", "reward_product_qty", "required_points"];
const TYPE_DOMAIN = [["program_type", "in", PROMOTION_PROGRAM_TYPES]];
const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Cursor: the keyset position, the UTC day of the last read, and progress through a day-change re-read. */
const cursorSchema = z.object({ v: z.literal(1), keyset: z.string().nullable(), day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), after: z.int().optional() });

/** Context of the promotion stream: `now` evaluates validity (settings.asOf or the clock). */
export interface PromotionContext extends StreamContext {
  now: () => number;
}

async function detail<T extends { program_id: { id: number } | null }>(
  context: StreamContext, model: string, ids: number[], fields: string[], schema: z.ZodType<T>,
) {
  if (!ids.length) return { rows: [] as T[], issues: [] as RecordIssue[] };
  const raw = await context.client.call(model, "search_read", { domain: [["program_id", "in", ids]], fields: ["id", "write_date", ...fields], order: "id asc" }, z.array(z.unknown()), { signal: context.signal });
  return parseRows(model, raw, schema);
}

/** Map programs with their active rules, rewards (Odoo order: required_points, id) and cards. */
async function mapPrograms(context: PromotionContext, keys: KeyResolver, programs: OdooLoyaltyProgram[]) {
  const ids = programs.map((p) => p.id);
  const rules = await detail(context, "loyalty.rule", ids, RULE_FIELDS, odooLoyaltyRuleSchema);
  const rewards = await detail(context, "loyalty.reward", ids, REWARD_FIELDS, odooLoyaltyRewardSchema);
  const cards = await detail(context, "loyalty.card", ids, ["program_id", "code"], odooLoyaltyCardSchema);
  const productIds = [
    ...rules.rows.flatMap((r) => r.product_ids),
    ...rewards.rows.flatMap((r) => [...r.discount_product_ids, ...(r.reward_product_id ? [r.reward_product_id.id] : [])]),
  ];
  const products = await readByIds(context.client, "product.product", productIds, ["id", "default_code"], z.object({ id: z.int(), default_code: z.union([z.string(), z.literal(false)]) }), context.signal);
  const codes = new Map(products.map((p) => [p.id, p.default_code || null]));
  await keys.load("product.category", [...rules.rows.flatMap((r) => (r.product_category_id ? [r.product_category_id.id] : [])), ...rewards.rows.flatMap((r) => (r.discount_product_category_id ? [r.discount_product_category_id.id] : []))]);
  await keys.load("loyalty.program", ids);
  const of = <T extends { program_id: { id: number } | null }>(rows: T[], id: number) => rows.filter((r) => r.program_id?.id === id);
  const bundles: LoyaltyBundle[] = programs.map((program) => ({
    program, rules: of(rules.rows, program.id), cards: of(cards.rows, program.id),
    rewards: of(rewards.rows, program.id).sort((a, b) => (a.required_points ?? 0) - (b.required_points ?? 0) || a.id - b.id),
  }));
  const now = context.now();
  const mapped = mapRecords("promotion", bundles, (b) => toPromotion(b, {
    system: context.system, locale: context.locale, key: keys.keyOf("loyalty.program", b.program.id), now,
    skuOf: (id) => codes.get(id) ?? null, categoryKeyOf: (id) => keys.keyOf("product.category", id),
  }), (b) => keys.keyOf("loyalty.program", b.program.id));
  return { items: mapped.items, issues: [...rules.issues, ...rewards.issues, ...cards.issues, ...mapped.issues] };
}

/** Programs whose validity started or ended between the last read's day and today: no write_date marks that. */
async function* dayChange(context: PromotionContext, keys: KeyResolver, state: z.infer<typeof cursorSchema>, today: string): AsyncGenerator<Page<EntityOf<"promotion">>> {
  // Read on day P, now day T: validTo = (date_to + 1) 00:00 was crossed iff date_to ∈ [P, T-1];
  // validFrom = date_from 00:00 was crossed iff date_from ∈ [P+1, T].
  const day = (date: string, shift: number) => dayOf(Date.parse(date) + shift * DAY_MS);
  const window = ["|", "&", ["date_to", ">=", state.day], ["date_to", "<=", day(today, -1)], "&", ["date_from", ">=", day(state.day, 1)], ["date_from", "<=", today]];
  for (let after = state.after ?? 0, more = true; more; ) {
    const raw = await context.client.call("loyalty.program", "search_read", { domain: [...TYPE_DOMAIN, ["id", ">", after], ...window], fields: ["id", "write_date", ...PROGRAM_FIELDS], order: "id asc", limit: context.pageSize + 1 }, z.array(z.unknown()), { signal: context.signal });
    more = raw.length > context.pageSize;
    const { rows, issues } = parseRows("loyalty.program", raw.slice(0, context.pageSize), odooLoyaltyProgramSchema);
    after = (raw.slice(0, context.pageSize).at(-1) as { id?: number } | undefined)?.id ?? after;
    const mapped = await mapPrograms(context, keys, rows);
    yield {
      items: mapped.items, issues: [...issues, ...mapped.issues], deleted: [], cursor: encodeCursor({ ...state, after }), hasMore: true,
    };
  }
}

/**
 * Promotions: loyalty.program of the promotion types by keyset, plus its rules, rewards and
 * cards (phases 1–3: changing one bumps its program into the delta). Once a day, a delta also
 * re-reads programs whose date_from/date_to was crossed since the last read, so they turn
 * active or ended without anyone editing them. Archived programs read as status `archived`.
 */
export async function* readPromotions(context: PromotionContext): AsyncGenerator<Page<EntityOf<"promotion">>> {
  const keys = new KeyResolver(context.client, context.signal);
  const today = dayOf(context.now());
  const state = context.cursor ? decodeCursor(context.cursor, cursorSchema, context.system) : null;
  if (state && state.day < today) yield* dayChange(context, keys, state, today);
  const phases: Phase[] = [
    { model: "loyalty.program", fields: PROGRAM_FIELDS, domain: TYPE_DOMAIN, archived: true },
    { model: "loyalty.rule", fields: ["program_id"], archived: true },
    { model: "loyalty.reward", fields: ["program_id"], archived: true },
    { model: "loyalty.card", fields: ["program_id"], archived: true },
  ];
  const seen = new Set<number>();
  const pages = keysetStream<EntityOf<"promotion">>({
    ...context, cursor: state?.keyset ?? null, phases,
    async map(phase, raw) {
      const ids = raw
        .flatMap((r) => {
          const p = (r as { program_id?: unknown }).program_id;
          return Array.isArray(p) ? [p[0] as number] : [];
        })
        .filter((id) => !seen.has(id));
      const rows = phase === 0 ? raw : await readByIds(context.client, "loyalty.program", ids, ["id", "write_date", ...PROGRAM_FIELDS], z.unknown(), context.signal);
      const parsed = parseRows("loyalty.program", rows, odooLoyaltyProgramSchema);
      const programs = parsed.rows.filter((p) => PROMOTION_PROGRAM_TYPES.includes(p.program_type) && !seen.has(p.id) && seen.add(p.id));
      const mapped = await mapPrograms(context, keys, programs);
      return { items: mapped.items, issues: [...parsed.issues, ...mapped.issues] };
    },
  });
  for await (const page of pages) yield { ...page, cursor: encodeCursor({ v: 1, keyset: page.cursor, day: today }) };
}
