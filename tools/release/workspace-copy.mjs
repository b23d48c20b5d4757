// A throw-away copy of the workspace (tracked and untracked-but-not-ignored files) whose
// node_modules link to the real ones, so changesets and builds run without touching the tree.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Copy the workspace to `target` and link node_modules. */
export function copyWorkspace(target) {
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((f) => f && existsSync(path.join(root, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(target, file));
  }
  execFileSync("git", ["init", "-q"], { cwd: target });
  for (const dir of ["", ...workspaceDirs().map((d) => d.dir)]) {
    const from = path.join(root, dir, "node_modules");
    if (existsSync(from)) symlinkSync(from, path.join(target, dir, "node_modules"), "dir");
  }
  return target;
}

/** Workspace package folders with their package.json. */
export function workspaceDirs(base = root) {
  const out = [];
  for (const group of ["packages", "apps", "tools"]) {
    const groupDir = path.join(base, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const file = path.join(groupDir, name, "package.json");
      if (existsSync(file)) out.push({ dir: path.join(group, name), pkg: JSON.parse(readFileSync(file, "utf8")) });
    }
  }
  return out;
}

/** Public (publishable) packages under packages/. */
export function publicPackages(base = root) {
  return workspaceDirs(base).filter(({ dir, pkg }) => dir.startsWith("packages/") && !pkg.private);
}

/** Run a binary from the real workspace's node_modules/.bin. */
export function runBin(name, argv, cwd) {
  return execFileSync(path.join(root, "node_modules", ".bin", name), argv, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}
