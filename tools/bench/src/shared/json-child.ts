import { spawn } from "node:child_process";
import type { z } from "zod";

/**
 * Run a TS script in a child process (`node --import tsx`) with extra environment, and parse
 * the last line it prints as JSON with `schema`. Rejects naming `label`, the exit code and the
 * tail of stderr when the child fails or prints no valid result.
 */
export function runJsonChild<T>(script: string, env: Record<string, string>, schema: z.ZodType<T>, label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (err += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      let last: unknown;
      try {
        last = JSON.parse(out.trim().split("\n").pop() ?? "");
      } catch {
        last = undefined;
      }
      const parsed = schema.safeParse(last);
      if (code === 0 && parsed.success) resolve(parsed.data);
      else reject(new Error(`${label} failed (exit ${code}): ${err.slice(-400)}`));
    });
  });
}
