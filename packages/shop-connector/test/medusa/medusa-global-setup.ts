import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import type { MedusaFacts } from "./medusa-test-helpers";

const run = promisify(execFile);
const scripts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../scripts/medusa");

declare module "vitest" {
  export interface ProvidedContext {
    medusa: MedusaFacts;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the real Medusa once for the run (scripts/medusa/start.sh installs, migrates and seeds when
 * needed), shares its connection facts, and stops it afterwards if it started it.
 */
export default async function setup(project: TestProject) {
  const port = process.env.MEDUSA_PORT ?? "9123";
  const wasUp = await answers(`http://127.0.0.1:${port}`);
  const { stdout } = await run(path.join(scripts, "start.sh"), [], { timeout: 900_000 });
  const facts = JSON.parse(await readFile(stdout.trim().split("\n").at(-1)!, "utf8")) as MedusaFacts;
  project.provide("medusa", facts);
  return async () => {
    if (!wasUp) await run(path.join(scripts, "stop.sh"));
  };
}
