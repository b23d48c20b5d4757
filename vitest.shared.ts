import { fileURLToPath } from "node:url";
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * Resolve `@omnibridge/<pkg>` and `@omnibridge/<pkg>/testing` to workspace sources in tests,
 * so tests of one package never run against a stale build of another.
 */
export function workspaceAliases(): { find: RegExp; replacement: string }[] {
  const aliases: { find: RegExp; replacement: string }[] = [];
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
