import { describe, expect, it } from "vitest";
import { outcomeOf, parseDeadLetterLimit } from "../src/cli/describe-run";
import type { RunSummary } from "../src/engine";
import type { DeadLetterInput, FlowResult } from "../src/state";

const flow = (name: string, read: number, failed = 0, extra: Partial<FlowResult> = {}): FlowResult => ({
  flow: name, status: "ok", read, changed: read, written: read - failed, skipped: 0, failed, archived: 0, requests: 1, retries: 0, durationMs: 1, ...extra,
});
const letter = (key: string): DeadLetterInput => ({ runId: 1, flow: "products", system: "akeneo", entity: "product", recordKey: key, stage: "read", reason: "invalid", message: "bad" });
const summary = (flows: FlowResult[], letters: number, status: RunSummary["status"] = letters > 0 ? "failed" : "ok"): RunSummary => ({
  runId: 1, status, exitCode: status === "ok" ? 0 : status === "unreachable" ? 3 : 1, dryRun: false, full: false, flows,
  deadLetters: Array.from({ length: letters }, (_, i) => letter(`SKU-${i}`)),
  warnings: { count: 0, examples: [], skipped: {} }, changes: undefined, state: "x",
});

describe("run outcome and exit code under a dead-letter limit", () => {
  it("reads a run that completed with a few dead letters as completed, exit 0 within the default 1%", () => {
    const outcome = outcomeOf(summary([flow("products", 1000, 3)], 3), parseDeadLetterLimit(undefined));
    expect(outcome).toEqual({ verdict: "completed_with_dead_letters", label: "completed, 3 dead letters", exitCode: 0, deadLetters: 3, limit: "1%" });
  });

  it("exits 1 above the limit, and on any dead letter with --strict", () => {
    const surge = outcomeOf(summary([flow("shop-prices", 1000, 200)], 200), parseDeadLetterLimit(undefined));
    expect([surge.verdict, surge.exitCode, surge.label]).toEqual(["too_many_dead_letters", 1, "completed, 200 dead letters: more than --max-dead-letters 1% allows (10)"]);
    expect(outcomeOf(summary([flow("products", 1000, 1)], 1), parseDeadLetterLimit("5", true)).exitCode).toBe(1);
    expect(outcomeOf(summary([flow("products", 1000, 5)], 5), parseDeadLetterLimit("5")).exitCode).toBe(0);
    expect(outcomeOf(summary([flow("products", 1000, 6)], 6), parseDeadLetterLimit("5")).exitCode).toBe(1);
  });

  it("keeps status and exit code of a run that stopped, whatever its dead letters", () => {
    const failed = outcomeOf(summary([flow("products", 10, 0, { status: "failed", error: "akeneo: network" })], 0, "failed"), parseDeadLetterLimit(undefined));
    expect([failed.label, failed.exitCode]).toEqual(["failed", 1]);
    const unreachable = outcomeOf(summary([flow("products", 0, 0, { status: "failed", error: "down" })], 0, "unreachable"), parseDeadLetterLimit("100%"));
    expect([unreachable.label, unreachable.exitCode]).toEqual(["unreachable", 3]);
    expect(outcomeOf(summary([flow("products", 10)], 0), parseDeadLetterLimit(undefined))).toMatchObject({ label: "ok", exitCode: 0 });
  });

  it("rejects a limit that is neither a count nor a percentage", () => {
    for (const bad of ["-1", "1.5", "abc", "101%", ""]) expect(() => parseDeadLetterLimit(bad), bad).toThrow(/--max-dead-letters/);
    expect(parseDeadLetterLimit("0.5%")).toEqual({ share: 0.005, text: "0.5%" });
  });
});
