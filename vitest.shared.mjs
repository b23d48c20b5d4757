import { fileURLToPath } from "node:url";
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Resolve `@omnibridge/<pkg>` and `@omnibridge/<pkg>/testing` to workspace sources in tests,
 * so tests of one package never run against a stale build of another.
 * @returns {{ find: RegExp; replacement: string }[]}
 */
export function workspaceAliases() {
  const aliases = [];
  for (const dir of readdirSync(path.join(root, "packages"))) {
    const src = path.join(root, "packages", dir, "src");
    if (!existsSync(src)) continue;
    if (existsSync(path.join(src, "testing", "index.ts"))) {
      aliases.push({ find: new RegExp(`^@omnibridge/${dir}/testing$`), replacement: path.join(src, "testing", "index.ts") });
    }
    aliases.push({ find: new RegExp(`^@omnibridge/${dir}$`), replacement: path.join(src, "index.ts") });
  }
  return aliases;
}
