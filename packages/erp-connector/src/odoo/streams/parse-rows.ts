import type { z } from "zod";
import type { RecordIssue } from "@omnibridge/core-model";

/**
 * Validate raw rows one by one: a row that does not match its (tolerant) schema becomes a
 * RecordIssue naming the model, id and field, and the rest of the page flows on.
 */
export function parseRows<T>(model: string, rows: readonly unknown[], schema: z.ZodType<T>): { rows: T[]; issues: RecordIssue[] } {
  const out: T[] = [];
  const issues: RecordIssue[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
    else {
      const id = (row as { id?: unknown } | null)?.id;
      const first = parsed.error.issues[0];
      issues.push({ recordKey: `${model}:${String(id)}`, field: first?.path.join(".") || undefined, reason: "invalid", message: `unexpected Odoo value: ${first?.message ?? "invalid"}` });
    }
  }
  return { rows: out, issues };
}
