import { execFile } from "node:child_process";
import { copyFile, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = path.resolve(here, "../../../scripts/wordpress");
/** This package's marketing meta plugin, installed beside the omnibridge mu-plugin (start.sh's wp-content). */
const marketingPlugin = path.resolve(here, "../wordpress/omnibridge-marketing.php");
const muPlugins = process.env.OMNIBRIDGE_WP_MU_PLUGINS ?? "/var/lib/wordpress/wp-content/mu-plugins";

/** Credentials of the test WordPress, provided to tests as `inject("wordpress")`. */
export interface WordpressCredentials {
  url: string;
  username: string;
  applicationPassword: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    wordpress: WordpressCredentials;
  }
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/wp-json/`, { signal: AbortSignal.timeout(3000) })).ok;
  } catch {
    return false;
  }
}

/**
 * Starts the real WordPress (scripts/wordpress/start.sh installs and sets it up when needed)
 * once for the whole run, shares its credentials, and stops it afterwards if it started it.
 */
export default async function setup(project: TestProject) {
  const port = process.env.OMNIBRIDGE_WP_PORT ?? "8089";
  const wasUp = await answers(`http://127.0.0.1:${port}`);
  const { stdout } = await run(path.join(scripts, "start.sh"), [], { timeout: 600_000 });
  // mu-plugins load on every request: copying the file is enough, no restart needed.
  await copyFile(marketingPlugin, path.join(muPlugins, "omnibridge-marketing.php"));
  const credentials = JSON.parse(await readFile(stdout.trim().split("\n").at(-1)!, "utf8")) as WordpressCredentials;
  project.provide("wordpress", credentials);
  return async () => {
    if (!wasUp) await run(path.join(scripts, "stop.sh"));
  };
}
