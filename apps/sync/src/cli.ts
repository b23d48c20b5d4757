#!/usr/bin/env node
import { CommanderError } from "commander";
import { createProgram, exitCodeOf } from "./cli/program";

let code = 0;
const program = createProgram((exit) => (code = exit));
// `pnpm demo -- --no-ui` hands the script a literal `--`; `demo` takes no operands, so its options follow it.
const argv = process.argv[2] === "demo" ? process.argv.filter((arg, i) => !(arg === "--" && i > 2)) : process.argv;
try {
  await program.parseAsync(argv);
} catch (error) {
  code = exitCodeOf(error);
  if (!(error instanceof CommanderError)) process.stderr.write(`omnibridge: ${error instanceof Error ? error.message : String(error)}\n`);
}
process.exitCode = code;
// A finished command must not hang on a handle a library left open (an emulator's keep-alive
// socket, a pool): once stdout and stderr have drained (a pipe drains asynchronously, and a
// large --json answer must arrive whole), give handles a moment, then exit with the code.
const drained = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write("", () => resolve()));
await Promise.all([drained(process.stdout), drained(process.stderr)]);
setTimeout(() => process.exit(code), 1_000).unref();
