import { Command, CommanderError } from "commander";
import { ConfigError } from "../config";
import { UsageError } from "../engine";
import { checkCommand } from "./check-command";
import type { GlobalOptions } from "./context";
import { dlqListCommand, dlqReplayCommand, dlqShowCommand } from "./dlq-commands";
import { runCommand } from "./run-command";
import { registerDistributedCommands } from "../distributed/cli-commands";
import { segmentsListCommand, segmentsShowCommand } from "./segments-command";
import { idsLookupCommand, runsCommand, statusCommand } from "./state-commands";

type Action = (...args: never[]) => Promise<number>;

/** Build the `omnibridge` command line; `exit` receives each command's exit code. */
export function createProgram(exit: (code: number) => void): Command {
  const program = new Command("omnibridge")
    .description("Sync ERP, PIM, CRM and CMS systems through golden records with field ownership.")
    .option("-c, --config <file>", "config file (default: omnibridge.config.{ts,mjs,js,yaml,yml} in the working directory)")
    .option("--state <url>", "state store: sqlite:<file> or postgres://… (default from config, OMNIBRIDGE_STATE_URL, .omnibridge/state.db)")
    .option("--json", "machine-readable output")
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const wrap = <A extends unknown[]>(fn: (...args: A) => Promise<number>) => async (...args: A) => {
    const command = args[args.length - 1] as Command;
    const merged = { ...program.opts<GlobalOptions>(), ...command.opts() };
    exit(await (fn as unknown as Action)(...(args.slice(0, -2) as never[]), merged as never));
  };
  program.command("run").argument("[flows...]", "flows to run (default: all)").option("--dry-run", "report every change without writing or keeping state")
    .option("--full", "ignore checkpoints and re-read everything (unchanged records are still skipped)")
    .option("--distributed", "enqueue the flows' pages for `omnibridge worker` processes (BullMQ on Redis, state in PostgreSQL)")
    .option("--redis <url>", "Redis URL for --distributed").option("--prefix <prefix>", "queue key prefix for --distributed")
    .description("run flows").action(wrap((flows: string[], options: GlobalOptions) => runCommand(flows, options)));
  registerDistributedCommands(program, wrap);
  program.command("status").description("flows, checkpoints, golden records, projections, dead letters").action(wrap((options: GlobalOptions) => statusCommand(options)));
  program.command("runs").option("-n, --limit <n>", "how many runs", "10").description("run history with counts per flow").action(wrap((options: GlobalOptions) => runsCommand(options)));
  program.command("check").description("credentials and reachability of every system").action(wrap((options: GlobalOptions) => checkCommand(options)));
  const dlq = program.command("dlq").description("the dead-letter store");
  dlq.command("list").option("--flow <flow>").option("--all", "resolved letters too").option("-n, --limit <n>", "how many", "200")
    .description("list open dead letters").action(wrap((options: GlobalOptions) => dlqListCommand(options)));
  dlq.command("show").argument("<id>").description("one dead letter with its record").action(wrap((id: string, options: GlobalOptions) => dlqShowCommand(id, options)));
  dlq.command("replay").argument("[ids...]", "letters to replay (default: all open)").description("retry rejected writes, re-read invalid source records")
    .action(wrap((ids: string[], options: GlobalOptions) => dlqReplayCommand(ids, options)));
  program.command("ids").description("the cross-system id map").command("lookup").argument("[entity]").argument("[key]")
    .option("--system <system>").option("--external-id <id>").description("ids of a record in every system")
    .action(wrap((entity: string | undefined, key: string | undefined, options: GlobalOptions) => idsLookupCommand(entity, key, options)));
  const segments = program.command("segments").description("computed customer segments (config `segments:`)");
  segments.command("list").description("segments with member counts and last computation").action(wrap((options: GlobalOptions) => segmentsListCommand(options)));
  segments.command("show").argument("<key>").description("a segment's definition and members").action(wrap((key: string, options: GlobalOptions) => segmentsShowCommand(key, options)));
  program.command("demo").option("--products <n>", "world size (products; every other count derives from it)", "100").option("--state <url>", "state store (default: a fresh .omnibridge/demo-state.db)")
    .option("--cms <which>", "wordpress, contentful or both (default: both when WordPress can start)")
    .description("start the emulated world, run every default flow, mutate 1%, run again")
    .action(wrap(async (options: GlobalOptions) => (await import("../demo/demo")).demoCommand(options)));
  return program;
}

/** Exit code of an error thrown by a command: 2 for config and usage errors. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof ConfigError || error instanceof UsageError) return 2;
  return 1;
}
