import { Command, CommanderError } from "commander";
import type { GlobalOptions } from "./context";
import { registerDistributedCommands } from "./register-distributed";

/** Exit code policy of `run` and `demo` (issue 19). */
const DEAD_LETTER_HELP = "dead letters a run whose flows all completed may leave and still exit 0: a count, or a percentage of the records read; "
  + "above it the run exits 1. A run that stopped exits as before: a failed flow 1, a config error 2, unreachable or guarded 3";

// Each command loads its module when it runs: `omnibridge --help` loads commander and nothing else heavy.
const check = () => import("./check-command");
const dlq = () => import("./dlq-commands");
const run = () => import("./run-command");
const segmentCommands = () => import("./segments-command");
const state = () => import("./state-commands");

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
    .option("--max-dead-letters <n|p%>", DEAD_LETTER_HELP, "1%").option("--strict", "exit 1 on any dead letter (same as --max-dead-letters 0)")
    .description("run flows").action(wrap(async (flows: string[], options: GlobalOptions) => (await run()).runCommand(flows, options)));
  registerDistributedCommands(program, wrap);
  program.command("status").description("flows, checkpoints, golden records, projections, dead letters").action(wrap(async (options: GlobalOptions) => (await state()).statusCommand(options)));
  program.command("runs").option("-n, --limit <n>", "how many runs", "10").description("run history with counts per flow").action(wrap(async (options: GlobalOptions) => (await state()).runsCommand(options)));
  program.command("check").description("credentials and reachability of every system").action(wrap(async (options: GlobalOptions) => (await check()).checkCommand(options)));
  const dlqCommand = program.command("dlq").description("the dead-letter store");
  dlqCommand.command("list").option("--flow <flow>").option("--all", "resolved letters too").option("-n, --limit <n>", "how many", "200")
    .description("list open dead letters").action(wrap(async (options: GlobalOptions) => (await dlq()).dlqListCommand(options)));
  dlqCommand.command("show").argument("<id>").description("one dead letter with its record").action(wrap(async (id: string, options: GlobalOptions) => (await dlq()).dlqShowCommand(id, options)));
  dlqCommand.command("replay").argument("[ids...]", "letters to replay (default: all open)").description("retry rejected writes, re-read invalid source records")
    .action(wrap(async (ids: string[], options: GlobalOptions) => (await dlq()).dlqReplayCommand(ids, options)));
  program.command("ids").description("the cross-system id map").command("lookup").argument("[entity]").argument("[key]")
    .option("--system <system>").option("--external-id <id>").description("ids of a record in every system")
    .action(wrap(async (entity: string | undefined, key: string | undefined, options: GlobalOptions) =>
      (await state()).idsLookupCommand(entity, key, options)));
  const segments = program.command("segments").description("computed customer segments (config `segments:`)");
  segments.command("list").description("segments with member counts and last computation").action(wrap(async (options: GlobalOptions) => (await segmentCommands()).segmentsListCommand(options)));
  segments.command("show").argument("<key>").description("a segment's definition and members").action(wrap(async (key: string, options: GlobalOptions) => (await segmentCommands()).segmentsShowCommand(key, options)));
  program.command("ui").option("--port <port>", "port", "4600").option("--host <host>", "host to bind (any but loopback needs OMNIBRIDGE_UI_TOKEN)", "127.0.0.1")
    .description("the dashboard: runs, dead letters, golden records, segments, rate budgets, systems")
    .action(wrap(async (options: GlobalOptions) => (await import("../extensions/dashboard/ui-command")).uiCommand(options)));
  program.command("demo").option("--products <n>", "world size (products; every other count derives from it)", "500").option("--state <url>", "state store (default: a fresh .omnibridge/demo-state.db)")
    .option("--cms <which>", "wordpress, contentful or both (default: both when WordPress can start)")
    .option("--max-dead-letters <n|p%>", DEAD_LETTER_HELP, "1%").option("--strict", "exit 1 on any dead letter")
    .option("--no-ui", "end after the runs (default: serve the dashboard on 127.0.0.1 until Ctrl-C)").option("--ui-port <port>", "dashboard port", "4600")
    .description("start the emulated world, run every default flow, mutate 1%, run again, then show the dashboard")
    .action(wrap(async (options: GlobalOptions) => (await import("./demo-command")).demoCommand(options)));
  return program;
}

/** Exit code of an error thrown by a command: 2 for config and usage errors. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  // By name: comparing classes would load the config and engine modules for every command, even --help.
  if (error instanceof Error && (error.name === "ConfigError" || error.name === "UsageError")) return 2;
  return 1;
}
