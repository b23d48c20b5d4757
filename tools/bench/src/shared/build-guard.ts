import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const PACKAGES = ["@omnibridge/sync", "@omnibridge/core-model", "@omnibridge/connector-kit", "@omnibridge/testkit", "@omnibridge/erp-connector", "@omnibridge/pim-connector", "@omnibridge/crm-connector", "@omnibridge/cms-connector"];

/** Newest modification time of each package's dist (the code the CLI runs). */
export function distStamps(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of PACKAGES) {
    const dist = path.join(path.dirname(require.resolve(`${name}/package.json`)), "dist");
    try {
      out[name] = Math.max(...readdirSync(dist).map((f) => statSync(path.join(dist, f)).mtimeMs));
    } catch {
      out[name] = 0;
    }
  }
  return out;
}

/** Packages whose build changed between two stamps (a rebuild in the middle of a run invalidates its figures). */
export function rebuiltSince(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((name) => after[name] !== before[name]);
}
