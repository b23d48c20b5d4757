import { formatRecordIssue } from "@omnibridge/core-model";
import { replayDeadLetters, UsageError } from "../engine";
import { configOf, print, withStore, type GlobalOptions } from "./context";
import { table } from "./format";

/** `omnibridge dlq list [--flow f] [--all]`. */
export async function dlqListCommand(options: GlobalOptions & { flow?: string; all?: boolean; limit?: string }): Promise<number> {
  return withStore(options, async (store) => {
    const letters = await store.repos.deadLetters.list({ status: options.all ? "all" : "open", flow: options.flow, limit: Number(options.limit ?? 200) });
    print(options, letters, () => letters.length === 0 ? "No dead letters" : table(
      ["id", "status", "flow", "system", "stage", "record", "reason", "field", "message"],
      letters.map((l) => [l.id, l.status, l.flow, l.system, l.stage, l.recordKey, l.reason, l.field ?? "", l.message.slice(0, 80)]),
    ));
    return 0;
  });
}

/** `omnibridge dlq show <id>`. */
export async function dlqShowCommand(id: string, options: GlobalOptions): Promise<number> {
  const letterId = Number(id);
  if (!Number.isInteger(letterId)) throw new UsageError(`dead letter id must be a number, got "${id}"`);
  return withStore(options, async (store) => {
    const letter = await store.repos.deadLetters.get(letterId);
    if (!letter) throw new UsageError(`no dead letter #${letterId}`);
    print(options, letter, () => [
      `Dead letter #${letter.id} (${letter.status}, ${letter.attempts} attempt${letter.attempts === 1 ? "" : "s"})`,
      `flow:    ${letter.flow}`, `system:  ${letter.system} (${letter.stage})`, `entity:  ${letter.entity}`,
      `problem: ${formatRecordIssue({ recordKey: letter.recordKey, field: letter.field ?? undefined, reason: letter.reason as "invalid", message: letter.message })}`,
      `reason:  ${letter.reason}${letter.vendorCode ? ` (vendor code ${letter.vendorCode})` : ""}`,
      `first:   ${letter.createdAt}`, `last:    ${letter.updatedAt}`,
      ...(letter.payload ? ["record:", JSON.stringify(letter.payload, null, 2)] : []),
    ].join("\n"));
    return 0;
  });
}

/** `omnibridge dlq replay [id…]`: exit 1 while letters stay open. */
export async function dlqReplayCommand(ids: string[], options: GlobalOptions): Promise<number> {
  const config = await configOf(options);
  const numbers = ids.map(Number);
  if (numbers.some((n) => !Number.isInteger(n))) throw new UsageError("dead letter ids must be numbers");
  const summary = await replayDeadLetters(config, { ids: numbers, ...(options.state ? { stateUrl: options.state } : {}) });
  print(options, summary, () => [
    `Retried ${summary.retried} rejected writes from the current golden records${summary.reread ? `; re-read ${summary.reread.flows.map((f) => f.flow).join(", ")} in full` : ""}.`,
    `Resolved ${summary.resolved}; still open ${summary.stillOpen} (omnibridge dlq list).`,
  ].join("\n"));
  return summary.stillOpen > 0 ? 1 : 0;
}
