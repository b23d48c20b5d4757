#!/usr/bin/env node
import { CommanderError } from "commander";
import { createProgram, exitCodeOf } from "./cli/program";

let code = 0;
const program = createProgram((exit) => (code = exit));
try {
  await program.parseAsync(process.argv);
} catch (error) {
  code = exitCodeOf(error);
  if (!(error instanceof CommanderError)) process.stderr.write(`omnibridge: ${error instanceof Error ? error.message : String(error)}\n`);
}
process.exitCode = code;
// A finished command must not hang on a handle a library left open (an emulator's keep-alive
// socket, a pool): give stdout a moment to drain, then exit with the command's code.
setTimeout(() => process.exit(code), 1_000).unref();
