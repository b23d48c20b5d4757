import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";

const run = promisify(execFile);

const credentialsSchema = z.object({
  url: z.string().url().optional(),
  username: z.string().min(1),
  applicationPassword: z.string().min(1),
}).passthrough();

/** Settings for the WordPress connector from the real server `scripts/wordpress/start.sh` starts, or why it could not start. */
export async function startRealWordPress(): Promise<{ settings: Record<string, unknown>; url: string } | { reason: string }> {
  const script = findScript();
  if (!script) return { reason: "scripts/wordpress/start.sh not found (not running from a clone)" };
  try {
    const { stdout } = await run("bash", [script], { timeout: 600_000, env: process.env });
    const file = stdout.trim().split("\n").pop() ?? "";
    const credentials = credentialsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
    const url = credentials.url ?? `http://127.0.0.1:${process.env.OMNIBRIDGE_WP_PORT ?? "8089"}`;
    return { url, settings: { url, username: credentials.username, applicationPassword: credentials.applicationPassword } };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n").slice(-3).join(" ") : String(error);
    return { reason: `start.sh failed: ${message}` };
  }
}

function findScript(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, "scripts", "wordpress", "start.sh");
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}
