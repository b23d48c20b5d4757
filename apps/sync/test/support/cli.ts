import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
/** The CLI's source entry, run through tsx (no build needed). */
export const CLI = path.resolve(here, "../../src/cli.ts");

/** tsx's loader, by absolute URL (a bare `--import tsx` resolves from the child's working directory). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Result of a CLI run. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Start the CLI as a child process. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, ["--import", TSX, CLI, ...args], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliResult>((resolve) => child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

/** Run the CLI to completion. */
export function cli(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, cwd, env).done;
}

/** Write an `omnibridge.config.ts` over the doubles (state in `stateUrl`). */
export function writeDoubleConfig(dir: string, stateUrl: string, extra: Record<string, Record<string, unknown>> = {}): string {
  const support = path.resolve(here, "double-world.ts");
  const file = path.join(dir, "omnibridge.config.ts");
  writeFileSync(file, `import { doubleAdapter, doubleConfig } from ${JSON.stringify(support)};
export default { ...doubleConfig(${JSON.stringify(dir)}, ${JSON.stringify(extra)}), state: { url: ${JSON.stringify(stateUrl)} }, adapters: { double: doubleAdapter } };
`);
  return file;
}
